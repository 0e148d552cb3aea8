// Story 1: an engineer connects to their own broker and publishes a QoS 1
// message by hand: the app shows it acked with its latency, and a client
// that shares no code with the app receives it.
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures.js';
import { subscribeOnce } from './mosquitto-sub.js';

test.describe('publishing by hand', () => {
  test.use({ autoConnect: false });

  test('connects to a broker through a new profile, publishes QoS 1, sees it acked and received elsewhere', async ({ dashboard, broker }) => {
    const { connection, publish } = dashboard;
    await connection.connectTo('Harness mosquitto', { host: '127.0.0.1', port: broker.port });
    await expect(dashboard.connectionState).toHaveAttribute('data-state', 'connected');
    await expect(connection.outcome).toHaveText('Connected to Harness mosquitto.');
    await expect(dashboard.health).toHaveAttribute('data-state', 'connected');

    const topic = `e2e/by-hand/${randomUUID()}`;
    const payload = `hello from the e2e suite ${Date.now()}`;
    const subscriber = subscribeOnce('127.0.0.1', broker.port, topic);
    try {
      await subscriber.subscribed;

      await publish.compose({ topic, payload, qos: 1, mode: 'publish', format: 'text' });
      await expect(publish.qos(1)).toBeChecked();
      await publish.publishButton.click();

      await expect(publish.status).toHaveAttribute('data-state', 'acked');
      // "Acked: written after 0.4 ms, acked 1.2 ms later." – both latencies measured.
      await expect(publish.status).toContainText(/Acked: written after \d[\d.,]*\s?(µs|ms|s), acked \d[\d.,]*\s?(µs|ms|s) later\./);
      await expect(publish.historyItems).toHaveCount(1);
      await expect(publish.historyItems.first()).toHaveAttribute('data-state', 'acked');
      await expect(publish.historyItems.first()).toContainText(topic);

      expect(await subscriber.message).toBe(payload);
    } finally {
      subscriber.stop();
    }
  });
});
