// Story 9 (issue 5): a support engineer reproduces a customer's stall,
// exports a diagnostics bundle, and opens a bundle in replay mode.
import { readFile } from 'node:fs/promises';
import type { DiagnosticsBundle } from '../shared/diagnostics/bundle.js';
import { expect, test } from './fixtures.js';
import type { Dashboard } from './models/dashboard.js';

/** Stalls the loop while a tryPublish load runs for a few seconds, then resumes and waits for the drain. */
async function stallDrill(dashboard: Dashboard): Promise<{ capacity: number }> {
  const { load, tuning } = dashboard;
  const capacity = 200;
  await tuning.setCapacity(capacity);
  await dashboard.stallLoop();
  await load.start({ topic: 'e2e/drill', rate: 500, burst: 10, seconds: 3, payloadBytes: 32, qos: 0, mode: 'tryPublish' });
  await expect(dashboard.alert('loop-stalled')).toBeVisible();
  await expect(load.progress).toHaveAttribute('data-running', 'false');
  expect(await load.figure('failed')).toBeGreaterThan(0);
  await expect(dashboard.depthGauge).toHaveAttribute('data-depth', String(capacity));
  await dashboard.resumeLoop();
  await expect(dashboard.depthGauge).toHaveAttribute('data-depth', '0');
  await expect(dashboard.alertBanner).toHaveAttribute('data-count', '0');
  return { capacity };
}

test.describe('the support toolkit', () => {
  test('exports a diagnostics bundle in which the stall drill shows', async ({ dashboard }) => {
    await expect(dashboard.connectionState).toHaveAttribute('data-state', 'connected');
    const { capacity } = await stallDrill(dashboard);

    const download = await dashboard.exportDiagnostics();
    expect(download.suggestedFilename()).toMatch(/^mqtt-gauge-diagnostics-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.json$/);
    const bundle = JSON.parse(await readFile((await download.path()), 'utf8')) as DiagnosticsBundle;

    expect(bundle.format).toBe('mqtt-gauge-diagnostics');
    expect(bundle.version).toBe(1);
    expect(bundle.channel).toMatchObject({ capacity, policy: 'block' });
    expect(bundle.connection).toMatchObject({ kind: 'builtin', hasPassword: false });
    expect(bundle.connection).not.toHaveProperty('password');

    // The samples show the stall: paused and not polled for the alert's 2 s, full, tryPublish failing; then polled and empty again.
    const stalled = bundle.samples.filter((s) => s.paused && s.sinceLastPollMs >= 2_000);
    expect(stalled.length, 'samples taken while the loop was stalled').toBeGreaterThan(0);
    expect(bundle.samples.some((s) => s.paused && s.depth === capacity && s.capacity === capacity)).toBe(true);
    expect(bundle.samples.some((s) => s.paused && s.failedTryPublishRate > 0)).toBe(true);
    const last = bundle.samples.at(-1)!;
    expect(last).toMatchObject({ paused: false, depth: 0 });
    expect(last.failedTryPublish).toBeGreaterThan(0);
    // Oldest first, as the format says.
    expect(bundle.samples.map((s) => s.t)).toEqual([...bundle.samples.map((s) => s.t)].sort((a, b) => a - b));

    // The alerts raised during the drill are on record, and cleared.
    for (const rule of ['loop-stalled', 'try-publish-failing'] as const) {
      const record = bundle.alerts.find((alert) => alert.id === rule);
      expect(record, `alert ${rule} in the bundle`).toBeDefined();
      expect(record!.clearedAt).not.toBeNull();
    }
    // The log tells the same story.
    expect(bundle.log.some((entry) => entry.category === 'loop' && /paused/.test(entry.message))).toBe(true);
    expect(bundle.log.some((entry) => entry.category === 'loop' && /resumed/.test(entry.message))).toBe(true);
  });

  test('opens a bundle in replay mode and shows the stall in the summary and the charts', async ({ dashboard }) => {
    await stallDrill(dashboard);
    const download = await dashboard.exportDiagnostics();
    const bundlePath = (await download.path());

    const { page } = dashboard;
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open diagnostics', exact: true }).click();
    await (await chooser).setFiles(bundlePath);

    const replay = page.getByRole('region', { name: 'Replay', exact: true });
    await expect(replay).toBeVisible();
    // The summary names the stall, and the live controls are not offered on a recording.
    await expect(replay.getByRole('list', { name: 'Summary', exact: true })).toContainText(/stalled/i);
    await expect(replay).toContainText(/tryPublish fail/i);
    await expect(page.getByRole('switch', { name: 'Stall the event loop', exact: true })).toHaveCount(0);
    // The charts draw the recording: the depth reached the capacity.
    await expect(dashboard.chart('depth').locator('canvas').first()).toBeVisible();
    await expect(dashboard.chart('failures').locator('canvas').first()).toBeVisible();
    await expect(page.getByTestId('replay-peak-depth')).toHaveText('200');
  });

  test('runs a socket-stall fault drill from the drill panel and records it in the bundle', async ({ dashboard }) => {
    const { page } = dashboard;
    const drills = page.getByRole('region', { name: 'Fault drills', exact: true });
    await drills.getByRole('combobox', { name: 'Drill', exact: true }).selectOption('stall-socket');
    await drills.getByRole('textbox', { name: 'Seconds', exact: true }).fill('3');
    await drills.getByRole('button', { name: 'Start drill', exact: true }).click();
    await expect(page.getByRole('log', { name: 'Event log', exact: true }).locator('[data-category="fault"]').first()).toBeVisible();

    const download = await dashboard.exportDiagnostics();
    const bundle = JSON.parse(await readFile((await download.path()), 'utf8')) as DiagnosticsBundle;
    expect(bundle.faults).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'stall-socket', phase: 'start', value: 3 })]));
  });
});
