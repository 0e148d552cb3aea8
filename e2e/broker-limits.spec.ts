// Story: connected over MQTT 5 to a mosquitto that allows 20 messages in flight, the Broker limits card says its
// Receive Maximum narrows the window asked for, and "Probe the broker" reports what the broker accepted, leaving the
// live connection alone.
import { join } from 'node:path';
import { startMosquitto, type Mosquitto } from '../test/kit/index.js';
import { keepScreenshot, screenshotDir } from './screenshots.js';
import { expect, test } from './fixtures.js';

let limited: Mosquitto;
test.beforeAll(async () => {
  limited = await startMosquitto({ extraConfig: ['max_inflight_messages 20', 'max_packet_size 65536'] });
});
test.afterAll(async () => {
  await limited.stop();
});

test('the broker limits card says which limit binds, and the probe reports what mosquitto accepted', async ({ dashboard }, testInfo) => {
  const { connection, words } = dashboard;
  await connection.connectTo('Limited mosquitto', { host: '127.0.0.1', port: limited.port });
  const card = dashboard.page.getByRole('region', { name: words.t('limits.title'), exact: true });

  // The client asks for a window of 100 and packets up to its own default; the broker announces 20 and 64 KiB.
  await expect(card.getByTestId('limits-binding')).toContainText('window 100 asked, the broker allows 20');
  await expect(card.locator('tr[data-limit="receiveMaximum"]')).toHaveAttribute('data-binds', 'broker');
  await expect(card.locator('tr[data-limit="maximumPacketSize"]')).toHaveAttribute('data-binds', 'broker');
  await expect(dashboard.page.getByTestId('gauge-depth')).toBeVisible();

  await card.getByRole('button', { name: words.t('probe.run'), exact: true }).click();
  const report = card.getByRole('table', { name: words.t('probe.table'), exact: true });
  await expect(report).toBeVisible({ timeout: 30_000 });
  for (const check of ['qos0', 'qos1', 'qos2', 'retain', 'wildcardPlus', 'wildcardHash', 'shared']) {
    await expect(report.locator(`tr[data-check="${check}"]`)).toHaveAttribute('data-outcome', 'accepted');
  }
  // Payloads grow until one no longer fits the broker's 64 KiB packets.
  await expect(report.locator('tr[data-check="payload"][data-outcome="accepted"]').first()).toBeVisible();
  await expect(report.locator('tr[data-check="payload"]:not([data-outcome="accepted"])').first()).toBeVisible();
  await expect(dashboard.connectionState).toHaveAttribute('data-state', 'connected');

  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: join(screenshotDir(testInfo), 'broker-limits-card.png'), animations: 'disabled' });
  await keepScreenshot(dashboard.page, testInfo, 'broker-limits.png');
});
