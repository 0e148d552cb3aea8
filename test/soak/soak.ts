// `npm run soak -- --minutes N [--rate 5000]`: the whole app under a steady
// load for N minutes. A real mosquitto, the service in web mode (in this
// process), the UI in Debian's Chromium, the load generator publishing QoS 1
// at the rate to a topic the service also subscribes to, so messages flow in
// as well as out. Every minute it prints memory (this process, which is the
// app's main process: Playwright runs in a child, test/soak/soak-browser.ts,
// and the renderer is built in another), the page's JS heap, UI click
// latency (5 clicks on the bottom tabs, from the click event's timestamp to
// the frame after the DOM shows the tab selected), the message rates, the
// event-loop lag, and the channel invariant
//
//     accepted = requestsWritten + droppedOldest + discarded + depth
//
// checked at every monitor sample from the engine's own counters (a Sample
// has no requestsWritten; see soak-probe.ts). Not a test: it prints figures
// and exits 1 only when the invariant broke (or the app could not start).
//
// Options: --minutes N (default 30), --rate R msg/s (default 5000),
// --qos 0|1|2 (default 1), --payload B (default 64), --static DIR (serve an
// already built renderer instead of building one into a temp dir).
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { fixed, int, table } from '../../bench/table.js';
import { startMosquitto } from '../kit/index.js';
import { runWebMode } from '../../main/web/launch.js';
import type { FromBrowser, PageFigures, ToBrowser } from './soak-browser.js';
import { readEngine, unaccounted, type EngineCounters } from './soak-probe.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TOPIC = 'gauge/soak';
const CLICKS_PER_MINUTE = 5;

interface Options {
  minutes: number;
  rate: number;
  qos: 0 | 1 | 2;
  payload: number;
  staticDir: string | null;
}

/** One line of the report: a minute of the run. */
interface MinuteRow {
  minute: number;
  rssMb: number;
  heapUsedMb: number;
  heapAfterGcMb: number;
  pageHeapMb: number;
  pageHeapAfterGcMb: number;
  clickMedianMs: number;
  clickMaxMs: number;
  outPerSec: number;
  inPerSec: number;
  failedPerSec: number;
  lagP99Ms: number;
  samplesChecked: number;
  violations: number;
}

function parseArgs(argv: string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    if (i >= 0) return argv[i + 1];
    const inline = argv.find((a) => a.startsWith(`--${name}=`));
    return inline?.slice(name.length + 3);
  };
  const number = (name: string, fallback: number, min: number, max: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number from ${min} to ${max}, got ${raw}`);
    return n;
  };
  const qos = number('qos', 1, 0, 2);
  if (!Number.isInteger(qos)) throw new Error('--qos must be 0, 1 or 2');
  return {
    minutes: number('minutes', 30, 0.1, 24 * 60),
    rate: Math.round(number('rate', 5000, 1, 100_000)),
    qos: qos as 0 | 1 | 2,
    payload: Math.round(number('payload', 64, 0, 65_536)),
    staticDir: value('static') ?? null,
  };
}

/**
 * Builds the renderer into a temp dir of its own (so a concurrent
 * `npm run build` cannot swap files under the page), in a child process (so
 * the bundler's memory does not count as the app's).
 */
function buildRendererTo(outDir: string): Promise<void> {
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  const child = spawn(process.execPath, [vite, 'build', '--config', join(root, 'vite.config.ts'), '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}: ${stderr.trim().split('\n')[0] ?? ''}`))));
  });
}

/** The browser side (test/soak/soak-browser.ts) in its own process; see there for the protocol. */
class BrowserSide {
  private readonly child: ChildProcess;
  private waiting: { resolve(m: FromBrowser): void; reject(e: Error): void } | null = null;

  constructor() {
    this.child = fork(join(root, 'test/soak/soak-browser.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message: FromBrowser) => {
      const waiting = this.waiting;
      this.waiting = null;
      if (message.type === 'error') waiting?.reject(new Error(`soak browser: ${message.message}`));
      else waiting?.resolve(message);
    });
    this.child.on('exit', (code) => {
      this.waiting?.reject(new Error(`soak browser exited with ${code}`));
      this.waiting = null;
    });
  }

  private ask(message: ToBrowser): Promise<FromBrowser> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.child.send(message);
    });
  }

  async open(url: string): Promise<void> {
    await this.ask({ type: 'open', url });
  }

  async measure(clicks: number): Promise<PageFigures> {
    return (await this.ask({ type: 'measure', clicks })) as PageFigures;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || !this.child.connected) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ type: 'close' } satisfies ToBrowser);
    await Promise.race([exited, sleep(10_000)]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const mb = (bytes: number): number => bytes / 1048576;
const gc = (globalThis as { gc?: () => void }).gc;

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  console.log(`soak: ${options.minutes} min at ${int(options.rate)} msg/s, QoS ${options.qos}, ${options.payload} B, topic ${TOPIC} (subscribed too)`);
  if (!gc) console.log('soak: run with node --expose-gc (npm run soak does) to also get heap figures after a forced GC');

  const broker = await startMosquitto();
  const scratch = await mkdtemp(join(tmpdir(), 'mqtt-gauge-soak-'));
  let staticDir = options.staticDir;
  if (!staticDir) {
    staticDir = join(scratch, 'renderer');
    try {
      await buildRendererTo(staticDir);
    } catch (error) {
      // A renderer that does not build right now (work in progress elsewhere)
      // need not stop a soak of the engine and service: use the last build.
      staticDir = join(root, 'dist/renderer');
      if (!existsSync(join(staticDir, 'index.html'))) throw error;
      console.log(`soak: the renderer does not build (${(error as Error).message.split('\n')[0]}); serving the last build in dist/renderer`);
    }
  }
  const web = await runWebMode({ staticDir, version: 'soak', dataDir: join(scratch, 'data'), port: 0, open: false, autoConnect: false, log: () => {} });
  const service = web.service;
  const browser = new BrowserSide();
  try {
    const connected = await service.handle('connect', { profile: { name: 'soak', host: broker.host, port: broker.port, clientId: 'mqtt-gauge-soak' } });
    if (!connected.ok || !(connected.value as { connected: boolean }).connected) throw new Error(`soak: could not connect to mosquitto: ${JSON.stringify(connected)}`);
    const subscribed = await service.handle('subscribe', { filter: TOPIC, qos: options.qos });
    if (!subscribed.ok) throw new Error(`soak: subscribe failed: ${subscribed.error.message}`);

    // The invariant at every monitor sample: the listener runs in the same
    // tick as the sample's reads, so the engine has not moved in between.
    let samplesChecked = 0;
    let violations = 0;
    const first: { violation: string | null } = { violation: null };
    service.monitor.onSample((sample) => {
      const counters = readEngine(service);
      if (!counters) return;
      samplesChecked++;
      const missing = unaccounted(counters);
      const sameEngine = sample.accepted === counters.channel.accepted && sample.depth === counters.channel.depth;
      if (missing !== 0 || !sameEngine) {
        violations++;
        first.violation ??= `at ${new Date(sample.t).toISOString()}: ${describe(counters)}${sameEngine ? '' : ' (sample and engine disagree)'}`;
      }
    });

    await browser.open(web.server.url);
    console.log(`soak: UI open at ${web.server.url.replace(/token=[^&]+/, 'token=…')}, load starting`);

    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const rows: MinuteRow[] = [];
    let previous = readEngine(service);
    let previousAt = performance.now();
    let checkedBefore = 0;
    let violationsBefore = 0;
    const takeRow = async (minute: number): Promise<void> => {
      const now = performance.now();
      const counters = readEngine(service);
      const seconds = (now - previousAt) / 1000;
      const delta = (pick: (c: EngineCounters) => number): number => (counters && previous && seconds > 0 ? (pick(counters) - pick(previous)) / seconds : Number.NaN);
      const memory = process.memoryUsage();
      gc?.();
      const afterGc = process.memoryUsage().heapUsed;
      const page = await browser.measure(CLICKS_PER_MINUTE);
      const row: MinuteRow = {
        minute,
        rssMb: mb(memory.rss),
        heapUsedMb: mb(memory.heapUsed),
        heapAfterGcMb: gc ? mb(afterGc) : Number.NaN,
        pageHeapMb: mb(page.heapUsed),
        pageHeapAfterGcMb: mb(page.heapAfterGc),
        clickMedianMs: median(page.clicksMs),
        clickMaxMs: Math.max(...page.clicksMs),
        outPerSec: delta((c) => c.loop.requestsWritten),
        inPerSec: delta((c) => c.loop.messagesIn),
        failedPerSec: delta((c) => c.channel.failedTryPublish + c.channel.droppedNewest),
        lagP99Ms: lag.percentile(99) / 1e6,
        samplesChecked: samplesChecked - checkedBefore,
        violations: violations - violationsBefore,
      };
      lag.reset();
      rows.push(row);
      previous = counters;
      previousAt = now;
      checkedBefore = samplesChecked;
      violationsBefore = violations;
      console.log(
        `${row.minute} | ${fixed(row.rssMb)} | ${fixed(row.heapUsedMb)} (${fixed(row.heapAfterGcMb)}) | ${fixed(row.pageHeapMb)} (${fixed(row.pageHeapAfterGcMb)}) | ` +
          `${fixed(row.clickMedianMs)}/${fixed(row.clickMaxMs)} | ${int(row.outPerSec)} | ${int(row.inPerSec)} | ${int(row.failedPerSec)} | ${fixed(row.lagP99Ms)} | ` +
          `${row.violations === 0 ? `ok (${row.samplesChecked} samples)` : `BROKEN ${row.violations}/${row.samplesChecked}`}`,
      );
    };

    console.log('minute | RSS MB | heap MB (after GC) | page heap MB (after GC) | click p50/max ms | out/s | in/s | failed/s | loop lag p99 ms | invariant');
    // Minute 0: connected and subscribed, the UI open, no load yet.
    await sleep(5_000);
    await takeRow(0);

    const load = await service.handle('startLoad', {
      topic: TOPIC,
      rate: options.rate,
      qos: options.qos,
      payloadSize: options.payload,
      mode: 'tryPublish',
      durationSec: Math.max(1, Math.round(options.minutes * 60)),
    });
    if (!load.ok) throw new Error(`soak: startLoad failed: ${load.error.message}`);
    const loadStart = performance.now();
    previous = readEngine(service);
    previousAt = loadStart;
    const totalMinutes = Math.max(1, Math.ceil(options.minutes));
    for (let minute = 1; minute <= totalMinutes; minute++) {
      const due = loadStart + Math.min(minute * 60_000, options.minutes * 60_000);
      await sleep(Math.max(0, due - performance.now()));
      await takeRow(minute);
    }
    lag.disable();

    // The load has ended (its duration is the run's): let what is queued and
    // in flight finish, then check the books once more at rest.
    await service.handle('stopLoad', {});
    const drainDeadline = performance.now() + 30_000;
    for (;;) {
      const c = readEngine(service);
      if (!c || (c.channel.depth === 0 && c.loop.inflight === 0) || performance.now() > drainDeadline) break;
      await sleep(50);
    }
    const final = readEngine(service);
    const finalMissing = final ? unaccounted(final) : Number.NaN;
    const status = (await service.handle('getSnapshot', {})) as { ok: true; value: { load: { sent: number; accepted: number; failed: number; dropped: number } } };
    const loadStatus = status.value.load;

    console.log('');
    console.log(`## Soak: ${options.minutes} min at ${int(options.rate)} msg/s (QoS ${options.qos}, ${options.payload} B), wall time ${fixed((Date.now() - started) / 60_000)} min`);
    console.log('');
    console.log(
      table(
        ['minute', 'RSS MB', 'heap MB', 'heap after GC MB', 'page heap MB', 'page heap after GC MB', 'click p50 ms', 'click max ms', 'out msg/s', 'in msg/s', 'failed/s', 'loop lag p99 ms', 'invariant'],
        rows.map((r) => [
          String(r.minute),
          fixed(r.rssMb),
          fixed(r.heapUsedMb),
          fixed(r.heapAfterGcMb),
          fixed(r.pageHeapMb),
          fixed(r.pageHeapAfterGcMb),
          fixed(r.clickMedianMs),
          fixed(r.clickMaxMs),
          int(r.outPerSec),
          int(r.inPerSec),
          int(r.failedPerSec),
          fixed(r.lagP99Ms),
          r.violations === 0 ? `ok (${r.samplesChecked})` : `BROKEN ${r.violations}/${r.samplesChecked}`,
        ]),
      ),
    );
    console.log('');
    console.log(`load generator: ${int(loadStatus.sent)} sent, ${int(loadStatus.accepted)} accepted, ${int(loadStatus.failed)} failed (full), ${int(loadStatus.dropped)} dropped`);
    if (final) console.log(`engine at rest: ${describe(final)}; acked ${int(final.loop.acked)}, messages in ${int(final.loop.messagesIn)}, reconnects ${final.loop.reconnects}, lost ${final.loop.lostPublishes}`);
    console.log(`invariant accepted = written + droppedOldest + discarded + depth: checked at ${int(samplesChecked)} samples, ${violations} broken; at rest ${finalMissing === 0 ? 'holds' : `BROKEN (${finalMissing} unaccounted)`}`);
    if (first.violation) console.log(`first violation ${first.violation}`);
    return violations === 0 && finalMissing === 0 ? 0 : 1;
  } finally {
    await browser.close().catch(() => {});
    await web.stop().catch(() => {});
    await broker.stop().catch(() => {});
    await rm(scratch, { recursive: true, force: true }).catch(() => {});
  }
}

function describe(c: EngineCounters): string {
  return (
    `accepted ${c.channel.accepted} vs written ${c.loop.requestsWritten} + droppedOldest ${c.channel.droppedOldest} + ` +
    `discarded ${c.channel.discarded} + depth ${c.channel.depth} (unaccounted ${unaccounted(c)})`
  );
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
