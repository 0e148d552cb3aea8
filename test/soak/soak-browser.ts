// The soak's browser side, in a process of its own so that Playwright's
// memory does not count as the app's: the soak process is the app's main
// process (the service in web mode), and its RSS should be the app's alone.
// Spoken to over the IPC channel of child_process.fork:
//   → { type: 'open', url }        ← { type: 'ready' }
//   → { type: 'measure', clicks }  ← { type: 'figures', ... }
//   → { type: 'close' }            (exits)
// Any failure is sent as { type: 'error', message } and ends the process.
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM_ARGS = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** What one measurement reports. */
export interface PageFigures {
  type: 'figures';
  /** Each click's latency (ms): from the click event's timestamp to the frame after the DOM showed it. */
  clicksMs: number[];
  /** The page's JS heap in use (bytes), as is and after a forced GC. */
  heapUsed: number;
  heapAfterGc: number;
}

export type ToBrowser = { type: 'open'; url: string } | { type: 'measure'; clicks: number } | { type: 'close' };
export type FromBrowser = { type: 'ready' } | PageFigures | { type: 'error'; message: string };

// Runs in the page (a string: the main tsconfig has no DOM types). A click
// on a tab records, from the click event's own timestamp (when the browser
// received the input, so queueing behind other work counts), the time until
// the tab shows as selected in the DOM and until the frame after that.
const CLICK_PROBE = `
  window.__soakClicks = [];
  document.addEventListener('click', (event) => {
    const tab = event.target instanceof Element ? event.target.closest('[role="tab"]') : null;
    if (!tab || tab.getAttribute('aria-selected') === 'true') return;
    const start = event.timeStamp;
    const observer = new MutationObserver(() => {
      if (tab.getAttribute('aria-selected') !== 'true') return;
      observer.disconnect();
      const domMs = performance.now() - start;
      requestAnimationFrame(() => window.__soakClicks.push({ domMs, frameMs: performance.now() - start }));
    });
    observer.observe(tab, { attributes: true, attributeFilter: ['aria-selected'] });
  }, true);
`;

/** The bottom tabs' English labels, read from the locale so a wording change does not break the soak. */
function tabLabels(): [string, string] {
  const en = JSON.parse(readFileSync(join(root, 'shared/locales/en.json'), 'utf8')) as { eventLog: { title: string }; messages: { title: string } };
  return [en.eventLog.title, en.messages.title];
}

let browser: Browser | null = null;
let page: Page | null = null;
let cdp: CDPSession | null = null;

async function open(url: string): Promise<void> {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  page = await context.newPage();
  await page.addInitScript(CLICK_PROBE);
  await page.goto(url);
  const ready = page.locator('html[data-gauge-ready="true"]');
  // Older renderers do not mark themselves ready; the connection badge is the next best sign.
  await ready.waitFor({ timeout: 30_000 }).catch(() => page!.getByTestId('connection-state').waitFor({ timeout: 30_000 }));
  cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
}

/** Clicks the bottom tabs `count` times, always the one not selected. */
async function measureClicks(count: number): Promise<number[]> {
  const p = page!;
  const labels = tabLabels();
  // Functions, not strings: the app's CSP forbids eval, which string predicates need.
  const recorded = () => p.evaluate(() => (globalThis as unknown as { __soakClicks: Array<{ domMs: number; frameMs: number }> }).__soakClicks);
  const before = (await recorded()).length;
  for (let i = 0; i < count; i++) {
    const selected = await p.getByRole('tab', { name: labels[0], exact: true }).getAttribute('aria-selected');
    const target = selected === 'true' ? labels[1] : labels[0];
    await p.getByRole('tab', { name: target, exact: true }).click();
    const deadline = performance.now() + 30_000;
    while ((await recorded()).length < before + i + 1) {
      if (performance.now() > deadline) throw new Error(`the ${target} tab did not show as selected within 30 s of a click`);
      await sleep(5);
    }
  }
  return (await recorded()).slice(before).map((c) => c.frameMs);
}

async function heap(collect: boolean): Promise<number> {
  if (collect) await cdp!.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp!.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
}

function reply(message: FromBrowser): void {
  process.send?.(message);
}

process.on('message', (message: ToBrowser) => {
  void (async () => {
    try {
      if (message.type === 'open') {
        await open(message.url);
        reply({ type: 'ready' });
      } else if (message.type === 'measure') {
        const clicksMs = await measureClicks(message.clicks);
        reply({ type: 'figures', clicksMs, heapUsed: await heap(false), heapAfterGc: await heap(true) });
      } else {
        await browser?.close();
        process.exit(0);
      }
    } catch (error) {
      reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
      await browser?.close().catch(() => {});
      process.exit(1);
    }
  })();
});
// The soak process went away: do not leave Chromium behind.
process.on('disconnect', () => {
  void (browser?.close() ?? Promise.resolve()).finally(() => process.exit(0));
});
