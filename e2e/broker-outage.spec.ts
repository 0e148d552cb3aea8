// Story 4: the broker goes away and comes back. The operator sees the
// connection's health fall to reconnecting (or disconnected) with the
// reason, and return to connected without touching anything.
import { startMosquitto, type Mosquitto } from '../test/kit/index.js';
import { expect, test } from './fixtures.js';
import { isCutOff } from './models/layout.js';

test.describe('a broker outage', () => {
  test.use({ autoConnect: false });

  // A broker of this story's own, so the other stories' broker stays up.
  let outageBroker: Mosquitto;
  test.beforeEach(async () => {
    outageBroker = await startMosquitto();
  });
  test.afterEach(async () => {
    await outageBroker?.stop();
  });

  test('shows the connection lost with its reason while the broker is down, and connected again once it is back', async ({ dashboard }) => {
    const { connection } = dashboard;
    await connection.connectTo('Outage drill', { host: outageBroker.host, port: outageBroker.port });
    await expect(dashboard.health).toHaveAttribute('data-state', 'connected');
    await expect(dashboard.healthLastError).toHaveText('No errors');
    const reconnectsBefore = Number(await dashboard.health.getByTestId('health-reconnects').textContent());

    await outageBroker.stop();

    // Down: the health card leaves "connected" and says why.
    await expect(dashboard.health).toHaveAttribute('data-state', /^(connecting|disconnected)$/);
    // ...and says that it is retrying on its own, not just "Disconnected".
    await expect(dashboard.health.getByTestId('health-state')).toHaveText('Reconnecting…');
    await expect(dashboard.health).toHaveAttribute('data-retrying', 'true');
    await expect(dashboard.connectionState).toHaveText('Reconnecting…');
    await expect(dashboard.connectionState).not.toHaveAttribute('data-state', 'connected');
    await expect(dashboard.healthLastError).not.toHaveText('No errors');
    await expect(dashboard.healthLastError).toHaveText(/^Last error .+: \S.+/);
    // ...and the reason can be read there, not just its first letters (soft: the reconnection below is checked all the same).
    expect.soft(await isCutOff(dashboard.healthLastError), 'the last error in the health card is cut off').toBe(false);
    await expect(dashboard.eventLog.locator('[data-category="connection"]').first()).toBeVisible();

    await outageBroker.start();

    // Back: connected again by itself, the reconnect counted, the last error still on record.
    await expect(dashboard.health).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
    await expect(dashboard.connectionState).toHaveAttribute('data-state', 'connected');
    await expect.poll(async () => Number(await dashboard.health.getByTestId('health-reconnects').textContent())).toBeGreaterThan(reconnectsBefore);
    await expect(connection.outcome).toHaveAttribute('data-phase', 'connected');
  });
});
