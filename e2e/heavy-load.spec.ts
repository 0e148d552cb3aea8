// Story 6: 20,000 msg/s for 20 s, published and received back on a
// subscription. The UI must stay usable: clicks are reflected promptly, the
// page's memory stays bounded, and what it skipped for rate is counted.
// Timing figures are recorded as annotations (benchmarks judge speed); the
// test asserts only that the page is not frozen.
import type { Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures.js';
import { clickToReflect, FROZEN_MS, HEAP_HEADROOM, jsHeapUsed, mb, median } from './models/responsiveness.js';
import { keepScreenshot } from './screenshots.js';

const RATE = 20_000;
const SECONDS = 20;
const CLICKS = 10;

/** Starts timing real clicks on tabs: from the input event's timestamp to the frame after the tab is selected. */
async function watchRealTabClicks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const latencies: number[] = [];
    (window as unknown as { e2eTabClicks: number[] }).e2eTabClicks = latencies;
    document.addEventListener(
      'click',
      (event) => {
        const tab = (event.target as Element).closest('[role="tab"]');
        if (!tab || !event.isTrusted) return;
        const stamp = event.timeStamp;
        const observer = new MutationObserver(() => {
          if (tab.getAttribute('aria-selected') !== 'true') return;
          observer.disconnect();
          requestAnimationFrame(() => latencies.push(performance.now() - stamp));
        });
        observer.observe(tab, { attributes: true, attributeFilter: ['aria-selected'] });
      },
      true,
    );
  });
}

async function realTabClickLatencies(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { e2eTabClicks: number[] }).e2eTabClicks.map((ms) => Math.round(ms * 10) / 10));
}

test.describe('under heavy load', () => {
  test.use({ autoConnect: false });
  test.setTimeout(120_000);

  test('stays responsive with bounded memory at 20,000 msg/s for 20 s, and counts what it skipped', async ({ dashboard, broker }, testInfo) => {
    const { page, connection, load, subscribe } = dashboard;
    await connection.connectTo('Harness mosquitto', { host: '127.0.0.1', port: broker.port });
    const topic = `e2e/load/${randomUUID()}`;
    await subscribe.subscribe(topic);

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const heap: Array<{ atSec: number; usedMb: number }> = [];
    const started = Date.now();
    const sampleHeap = async () => heap.push({ atSec: Math.round((Date.now() - started) / 100) / 10, usedMb: mb(await jsHeapUsed(cdp)) });
    const heapAtStart = await jsHeapUsed(cdp);
    await sampleHeap();

    // Until stopped, and stopped only after 20 s and the last click: every click lands during the load.
    await load.start({ topic, rate: RATE, burst: 200, payloadBytes: 64, qos: 0, mode: 'tryPublish' });

    // Ten clicks spread over the run, alternating between the incoming messages and the log, each
    // measured inside the page; between them a real click (Playwright's input) goes the other way,
    // measured from the input event's own timestamp, so both ways of clicking are covered.
    await watchRealTabClicks(page);
    const inPage: number[] = [];
    const roundTrip: number[] = [];
    const loadStartedAt = Date.now();
    const spacingMs = ((SECONDS - 2) * 1000) / CLICKS;
    for (let click = 0; click < CLICKS; click++) {
      // The story is "for 20 seconds": each click waits for its turn in it, on purpose.
      const untilDue = loadStartedAt + 500 + click * spacingMs - Date.now();
      if (untilDue > 0) await page.waitForTimeout(untilDue);
      const measured = dashboard.tab(click % 2 === 0 ? 'messages' : 'log');
      const other = dashboard.tab(click % 2 === 0 ? 'log' : 'messages');
      if (click % 2 === 1) {
        await other.click();
        await expect(other).toHaveAttribute('aria-selected', 'true');
      }
      const before = Date.now();
      inPage.push(Math.round((await clickToReflect(measured)) * 10) / 10);
      roundTrip.push(Date.now() - before);
      await expect(measured).toHaveAttribute('aria-selected', 'true');
      if (click === CLICKS / 2 - 1) await keepScreenshot(page, testInfo, 'under-load.png');
      if (click % 2 === 0) {
        await other.click();
        await expect(other).toHaveAttribute('aria-selected', 'true');
      }
      await sampleHeap();
    }
    const clicksEndedAtSec = (Date.now() - loadStartedAt) / 1000;
    await expect(load.progress, 'the load ran through every click').toHaveAttribute('data-running', 'true', { timeout: 0 });
    const untilTwentySeconds = loadStartedAt + SECONDS * 1000 - Date.now();
    if (untilTwentySeconds > 0) await page.waitForTimeout(untilTwentySeconds);
    // Stopping works under load too.
    await load.stop();
    const ranForSec = (Date.now() - loadStartedAt) / 1000;
    await expect(load.progress).toContainText('Stopped');
    const realInput = await realTabClickLatencies(page);
    const heapAtEnd = await jsHeapUsed(cdp);
    await sampleHeap();

    const sent = await load.figure('sent');
    await dashboard.tab('messages').click();
    await expect(dashboard.messagesSummary).toBeVisible();
    const skipped = Number(await dashboard.messagesSummary.getAttribute('data-skipped'));
    const received = Number(await dashboard.messagesSummary.getAttribute('data-received'));

    const figures = {
      'click→reflect median (ms, in page)': median(inPage),
      'click→reflect max (ms, in page)': Math.max(...inPage),
      'click→reflect max (ms, round trip from the test)': Math.max(...roundTrip),
      'click→reflect all (ms, in page)': inPage.join(', '),
      'real click→reflect median / max (ms, from the input event)': `${median(realInput)} / ${Math.max(...realInput)}`,
      'JS heap (MB) start / max / end': `${mb(heapAtStart)} / ${Math.max(...heap.map((h) => h.usedMb))} / ${mb(heapAtEnd)}`,
      'JS heap samples (s: MB)': heap.map((h) => `${h.atSec}: ${h.usedMb}`).join(', '),
      'clicks done after (s of load)': clicksEndedAtSec.toFixed(1),
      'load ran for (s) / sent / achieved rate (msg/s)': `${ranForSec.toFixed(1)} / ${sent} / ${Math.round(sent / ranForSec)}`,
      'messages received / skipped for rate': `${received} / ${skipped}`,
    };
    for (const [type, description] of Object.entries(figures)) testInfo.annotations.push({ type, description: String(description) });
    console.log(`heavy load figures:\n${Object.entries(figures).map(([k, v]) => `  ${k}: ${v}`).join('\n')}`);

    // Not frozen: every click reflected within 2 s (200 ms is the target, read from the annotations).
    for (const ms of inPage) expect(ms, `a click was reflected after ${ms} ms`).toBeLessThan(FROZEN_MS);
    expect(realInput).toHaveLength(CLICKS);
    for (const ms of realInput) expect(ms, `a real click was reflected after ${ms} ms`).toBeLessThan(FROZEN_MS);
    // Bounded memory: the page holds no more than 64 MB more than before the load.
    expect(heapAtEnd, `JS heap grew from ${mb(heapAtStart)} MB to ${mb(heapAtEnd)} MB`).toBeLessThan(heapAtStart + HEAP_HEADROOM);
    // The premise held: a heavy load ran, it came back on the subscription, and the rate-limited view says what it skipped.
    expect(sent).toBeGreaterThan(RATE * SECONDS * 0.25);
    expect(received).toBeGreaterThan(0);
    expect(skipped).toBeGreaterThan(0);
    await expect(dashboard.messagesSummary).toContainText(/skipped for rate/);
  });
});
