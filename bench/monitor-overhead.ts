// One process of the monitor-overhead measurement: the engine publishing
// QoS 0 at a steady rate (as the load generator does), with the monitor
// attached (10 Hz sampling, latency histograms fed per message) or not, or
// half of it ("hooks": the latency histograms only; "sampler": the 10 Hz
// sampling only), to tell which half costs what.
//
// "alternate" is the one the bench's target reads: one process, the load
// running throughout, the monitor attached and detached in turn every
// --window-ms, the CPU of each window recorded. Separate processes differ
// from each other by more than the monitor costs (JIT, which core, the
// neighbours); adjacent windows of one process do not.
// Prints the CPU time of the measured window(s) as JSON.
import { parseArgs } from 'node:util';
import { EventLoopRunner, createClient } from '../main/engine/index.js';
import { Monitor } from '../main/monitor/index.js';

const MODES = ['on', 'off', 'hooks', 'sampler', 'alternate'];
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    monitor: { type: 'string' },
    rate: { type: 'string', default: '50000' },
    seconds: { type: 'string', default: '5' },
    'window-ms': { type: 'string', default: '500' },
    /** Alternate mode as an A/A check: the windows alternate, the monitor is never attached. */
    'aa-check': { type: 'boolean', default: false },
  },
});
const mode = values.monitor ?? 'off';
if (!MODES.includes(mode)) throw new Error(`--monitor must be one of ${MODES.join(', ')}, not ${mode}`);
const alternate = mode === 'alternate';
const withMonitor = mode !== 'off';
const withHooks = mode === 'on' || mode === 'hooks' || alternate;
const withSampler = mode === 'on' || mode === 'sampler' || alternate;
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const windowMs = Number(values['window-ms']);
/** What the sampler sets the latency sampling to at this rate: about 1,000 stamps a second. */
const latencyEvery = Math.max(1, Math.ceil(rate / 1000));
/** Detached, nobody stamps: one message in 2^20 is as good as none. */
const NO_LATENCY = 1 << 20;

const monitor = withMonitor ? new Monitor({ sampleHz: 10, historyMinutes: 10 }) : null;
const { client, eventLoop } = createClient(
  { host: '127.0.0.1', port: Number(values.port), keepAlive: 60 },
  10_000,
  monitor && withHooks ? { queueLatency: monitor.queueLatency, ackLatency: monitor.ackLatency } : {},
);
const runner = new EventLoopRunner(eventLoop);
runner.start();
while (eventLoop.stats().state !== 'connected') await new Promise((resolve) => setTimeout(resolve, 10));

const sources = {
  channel: () => client.channelStats(),
  loop: () => eventLoop.stats(),
  paused: () => runner.paused,
  setLatencySampling: (every: number) => eventLoop.setLatencySampling(every),
};
// The monitor's own timer, driven here so the time inside each sample can be summed.
let samplingMs = 0;
let sampler: ReturnType<typeof setInterval> | null = null;
function attachMonitor(): void {
  if (!monitor) return;
  if (withSampler) {
    monitor.attach(sources);
    sampler = setInterval(() => {
      const t = performance.now();
      monitor.sampleNow();
      samplingMs += performance.now() - t;
    }, 100);
  }
  // Without the sampler nobody thins the latency stamps; thin them as it would at this rate.
  if (withHooks) eventLoop.setLatencySampling(latencyEvery);
}
function detachMonitor(): void {
  if (sampler) clearInterval(sampler);
  sampler = null;
  monitor?.detach();
  eventLoop.setLatencySampling(NO_LATENCY);
}
if (alternate) detachMonitor();
else attachMonitor();

/** Alternate mode: the CPU of each window, and whether the monitor was attached in it. */
const windows: Array<{ on: boolean; cpuUs: number; ms: number; writes: number }> = [];
let windowStart = { cpu: process.cpuUsage(), at: performance.now(), on: false, writes: eventLoop.stats().writes };
const toggler = alternate
  ? setInterval(() => {
      const cpu = process.cpuUsage(windowStart.cpu);
      const writes = eventLoop.stats().writes;
      windows.push({ on: windowStart.on, cpuUs: cpu.user + cpu.system, ms: performance.now() - windowStart.at, writes: writes - windowStart.writes });
      const on = !windowStart.on;
      if (on && !values['aa-check']) attachMonitor();
      else detachMonitor();
      windowStart = { cpu: process.cpuUsage(), at: performance.now(), on, writes };
    }, windowMs)
  : null;

const payload = Buffer.alloc(64, 1);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let sent = 0;
let failed = 0;
await new Promise<void>((resolve) => {
  const tick = setInterval(() => {
    const elapsed = (performance.now() - t0) / 1000;
    const due = Math.min(rate * seconds, Math.floor(elapsed * rate));
    for (; sent < due; sent++) if (!client.tryPublish('bench/monitor', 0, false, payload).ok) failed++;
    if (elapsed >= seconds) {
      clearInterval(tick);
      resolve();
    }
  }, 10);
});
const cpu = process.cpuUsage(cpu0);
if (toggler) clearInterval(toggler);
const samples = monitor?.history.size ?? 0;
if (sampler) clearInterval(sampler);
await client.disconnect();
await new Promise((resolve) => setTimeout(resolve, 100));
await runner.stop();
process.stdout.write(`${JSON.stringify({ monitor: withMonitor, mode, cpuUs: cpu.user + cpu.system, sent, failed, seconds, samples, samplingMs, windows })}\n`);
