// Story: a support engineer inspects someone else's clients without touching their code: starts the proxy from
// the UI, points a publisher and a real mosquitto_sub at it, sees both in the list, stops the subscriber's process
// (SIGSTOP) and sees "not reading", then lets it go and sees the verdict clear; the exported bundle replays it.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import mqtt from 'mqtt';
import type { DiagnosticsBundle } from '../shared/diagnostics/bundle.js';
import { expect, test } from './fixtures.js';
import { InspectView } from './models/inspect-view.js';
import { keepScreenshot } from './screenshots.js';

test.describe('Inspect', () => {
  test('watches a publisher and a stopped subscriber through the proxy, with the verdict in the list and the detail', async ({ app, dashboard }, testInfo) => {
    await expect(dashboard.connectionState).toHaveAttribute('data-state', 'connected');
    const inspect = new InspectView(app.page);
    await inspect.open();
    await expect(inspect.proxyPanel).toBeVisible();
    await expect(app.page.getByText('Start the proxy, then point a client at it.')).toBeVisible();
    const port = await inspect.start(0);
    await expect(inspect.listening).toContainText(`Point your client at mqtt://127.0.0.1:${port}`);

    // A real client we did not write, subscribed through the proxy.
    const sub = spawn('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(port), '-t', 'e2e/inspect/#', '-i', 'e2e-subscriber', '-k', '60'], { stdio: 'ignore' });
    const publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: 'e2e-publisher', reconnectPeriod: 0 });
    const payload = Buffer.alloc(1024, 0x62);
    const flood = setInterval(() => {
      for (let i = 0; i < 60; i++) publisher.publish('e2e/inspect/flood', payload, { qos: 0 });
    }, 5);
    try {
      await expect(inspect.row('e2e-publisher')).toHaveAttribute('data-state', 'connected');
      await expect(inspect.row('e2e-subscriber')).toHaveAttribute('data-state', 'connected');
      await expect(inspect.verdictCell('e2e-subscriber')).toHaveText('Healthy');
      await expect(app.page.getByTestId('inspect-clients')).toContainText('2 open, 2 seen');

      sub.kill('SIGSTOP');
      await expect(inspect.verdictCell('e2e-subscriber')).toHaveText('Not reading', { timeout: 10_000 });
      await expect(inspect.verdictCell('e2e-publisher')).toHaveText('Healthy');
      await expect(app.page.getByRole('radiogroup', { name: 'View' })).toContainText('Inspect (1 with verdicts)');

      await inspect.row('e2e-subscriber').click();
      await expect(inspect.verdict('not-reading')).toContainText(/Not reading: deliveries have waited \d+(\.\d)? s/);
      await expect(inspect.verdict('not-reading')).toContainText('its event loop is probably not being polled');
      for (const id of ['rates', 'inflight', 'acks', 'unread']) await expect(inspect.chart(id).locator('canvas').first()).toBeVisible();
      await expect(app.page.getByTestId('fact-client-id')).toHaveText('e2e-subscriber');
      await expect(app.page.getByTestId('fact-protocol')).toHaveText('3.1.1');
      await expect(app.page.getByTestId('inspect-subscriptions')).toContainText('e2e/inspect/#');
      // Let the unread time grow past a few seconds before the picture is taken.
      await expect(app.page.getByTestId('inspect-unread')).toHaveAttribute('data-level', 'crit');
      await app.page.waitForTimeout(2500);
      await keepScreenshot(app.page, testInfo, 'inspect-not-reading.png');

      clearInterval(flood);
      sub.kill('SIGCONT');
      await expect(inspect.verdictCell('e2e-subscriber')).toHaveText('Healthy', { timeout: 10_000 });
      await expect(inspect.detail).toContainText('No verdict');
    } finally {
      clearInterval(flood);
      sub.kill('SIGCONT');
      sub.kill('SIGKILL');
      await publisher.endAsync(true);
    }

    await inspect.stop();
    await expect(inspect.proxyPanel).toContainText('Stopped. 2 clients were forwarded: they stay listed below.');
    await expect(inspect.row('e2e-subscriber')).toHaveAttribute('data-state', 'closed');
    // The log tells the story in words.
    await expect(app.page.getByRole('tabpanel')).toContainText('Inspect started: listening on 127.0.0.1:');
    await expect(app.page.getByRole('tabpanel')).toContainText('e2e-subscriber: Not reading');

    // The bundle a customer would send carries what Inspect saw, and replays it: back to the moment the subscriber stopped.
    const download = await dashboard.exportDiagnostics();
    const bundle = JSON.parse(await readFile(await download.path(), 'utf8')) as DiagnosticsBundle;
    expect(bundle.inspect?.status.clients.map((c) => c.identity.clientId).sort()).toEqual(['e2e-publisher', 'e2e-subscriber']);
    const raised = bundle.log.find((e) => e.key === 'log.inspect-verdict' && e.params?.clientId === 'e2e-subscriber')!;
    const duringStall = bundle.samples.findIndex((s) => s.t >= raised.t + 500);
    expect(duringStall).toBeGreaterThan(0);
    const chooser = app.page.waitForEvent('filechooser');
    await app.page.getByRole('button', { name: 'Open diagnostics', exact: true }).click();
    await (await chooser).setFiles(await download.path());
    const replay = app.page.getByRole('region', { name: 'Replay', exact: true });
    await expect(replay).toBeVisible();
    await expect(replay.getByTestId('replay-inspect-part')).toContainText('2 client');
    // At the end of the recording both had gone; during the stall the subscriber was not reading.
    await expect(inspect.row('e2e-subscriber')).toHaveAttribute('data-state', 'closed');
    await expect(inspect.proxyPanel).toHaveCount(0);
    await replay.getByRole('slider', { name: 'Time' }).fill(String(duringStall));
    await expect(inspect.row('e2e-subscriber')).toHaveAttribute('data-state', 'connected');
    await expect(inspect.verdictCell('e2e-subscriber')).toHaveText('Not reading');
    await inspect.row('e2e-subscriber').click();
    await expect(inspect.verdict('not-reading')).toContainText(/Not reading: deliveries have waited \d+(\.\d)? s/);
    await replay.getByRole('button', { name: 'Back to live' }).click();
    await expect(inspect.proxyPanel).toBeVisible();
  });
});
