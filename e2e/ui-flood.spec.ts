// Story (issue 7): a flood of incoming messages on a wildcard subscription:
// 50,000 msg/s for 60 s. The UI must stay usable: every click reflected
// within 2 s, the JS heap flat, and what was skipped for rate counted.
// Timing figures are recorded as annotations, like heavy-load.spec.ts.
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures.js';
import { clickToReflect, FROZEN_MS, HEAP_HEADROOM, jsHeapUsed, mb, median } from './models/responsiveness.js';

const RATE = 50_000;
const SECONDS = 60;
const CLICKS = 20;
/** Room for a whole second of the flood, so tryPublish refusals stay rare. */
const CAPACITY = 100_000;

test.describe('a UI flood', () => {
  test.use({ autoConnect: false });
  test.setTimeout(120_000);

  test('stays responsive with a flat heap under 50,000 incoming msg/s on a wildcard for 60 s, and shows what it skipped', async ({ dashboard, broker }, testInfo) => {
    test.slow();
    const { page, connection, load, subscribe, tuning } = dashboard;
    await connection.connectTo('Harness mosquitto', { host: '127.0.0.1', port: broker.port });
    await tuning.setCapacity(CAPACITY);
    const base = `e2e/flood/${randomUUID()}`;
    await subscribe.subscribe(`${base}/#`);

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const heap: Array<{ atSec: number; usedMb: number }> = [];
    const started = Date.now();
    const sampleHeap = async () => heap.push({ atSec: Math.round((Date.now() - started) / 100) / 10, usedMb: mb(await jsHeapUsed(cdp)) });
    const heapAtStart = await jsHeapUsed(cdp);
    await sampleHeap();

    // Until stopped: every click lands during the flood.
    await load.start({ topic: `${base}/sensors/temperature`, rate: RATE, burst: 500, payloadBytes: 32, qos: 0, mode: 'tryPublish' });
    const loadStartedAt = Date.now();
    const spacingMs = ((SECONDS - 2) * 1000) / CLICKS;
    const clicks: number[] = [];
    for (let click = 0; click < CLICKS; click++) {
      const untilDue = loadStartedAt + 500 + click * spacingMs - Date.now();
      if (untilDue > 0) await page.waitForTimeout(untilDue);
      const measured = dashboard.tab(click % 2 === 0 ? 'messages' : 'log');
      clicks.push(Math.round((await clickToReflect(measured)) * 10) / 10);
      await expect(measured).toHaveAttribute('aria-selected', 'true');
      await sampleHeap();
    }
    await expect(load.progress, 'the flood ran through every click').toHaveAttribute('data-running', 'true', { timeout: 0 });
    const untilEnd = loadStartedAt + SECONDS * 1000 - Date.now();
    if (untilEnd > 0) await page.waitForTimeout(untilEnd);
    await load.stop();
    const ranForSec = (Date.now() - loadStartedAt) / 1000;
    await expect(load.progress).toContainText('Stopped');
    const heapAtEnd = await jsHeapUsed(cdp);
    await sampleHeap();

    const sent = await load.figure('sent');
    await dashboard.tab('messages').click();
    await expect(dashboard.messagesSummary).toBeVisible();
    // What arrived last lands within a moment of the stop.
    await expect.poll(async () => Number(await dashboard.messagesSummary.getAttribute('data-skipped'))).toBeGreaterThan(0);
    const skipped = Number(await dashboard.messagesSummary.getAttribute('data-skipped'));
    const received = Number(await dashboard.messagesSummary.getAttribute('data-received'));

    const figures = {
      'click→reflect median (ms, in page)': median(clicks),
      'click→reflect max (ms, in page)': Math.max(...clicks),
      'click→reflect all (ms, in page)': clicks.join(', '),
      'JS heap (MB) start / max / end': `${mb(heapAtStart)} / ${Math.max(...heap.map((h) => h.usedMb))} / ${mb(heapAtEnd)}`,
      'JS heap samples (s: MB)': heap.map((h) => `${h.atSec}: ${h.usedMb}`).join(', '),
      'load ran for (s) / sent / achieved rate (msg/s)': `${ranForSec.toFixed(1)} / ${sent} / ${Math.round(sent / ranForSec)}`,
      'messages received / skipped for rate': `${received} / ${skipped}`,
    };
    for (const [type, description] of Object.entries(figures)) testInfo.annotations.push({ type, description: String(description) });
    console.log(`UI flood figures:\n${Object.entries(figures).map(([k, v]) => `  ${k}: ${v}`).join('\n')}`);

    // Responsive: every click reflected within 2 s.
    for (const ms of clicks) expect(ms, `a click was reflected after ${ms} ms`).toBeLessThan(FROZEN_MS);
    // Flat heap: no more than 64 MB more than before the flood.
    expect(heapAtEnd, `JS heap grew from ${mb(heapAtStart)} MB to ${mb(heapAtEnd)} MB`).toBeLessThan(heapAtStart + HEAP_HEADROOM);
    // The premise held: a flood ran and came back on the wildcard, and the view says what it skipped.
    expect(sent).toBeGreaterThan(RATE * SECONDS * 0.25);
    expect(received).toBeGreaterThan(0);
    expect(skipped).toBeGreaterThan(0);
    await expect(dashboard.messagesSummary).toContainText(/skipped for rate/);
  });
});
