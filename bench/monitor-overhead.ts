// One process of the monitor-overhead measurement: the engine publishing
// QoS 0 at a steady rate (as the load generator does), with the monitor
// attached (10 Hz sampling, latency histograms fed per message) or not, or
// half of it ("hooks": the latency histograms only; "sampler": the 10 Hz
// sampling only), to tell which half costs what.
// Prints the CPU time of the measured window as JSON.
import { parseArgs } from 'node:util';
import { EventLoopRunner, createClient } from '../main/engine/index.js';
import { Monitor } from '../main/monitor/index.js';

const { values } = parseArgs({
  options: { port: { type: 'string' }, monitor: { type: 'string' }, rate: { type: 'string', default: '50000' }, seconds: { type: 'string', default: '5' } },
});
const mode = values.monitor ?? 'off';
if (!['on', 'off', 'hooks', 'sampler'].includes(mode)) throw new Error(`--monitor must be on, off, hooks or sampler, not ${mode}`);
const withMonitor = mode !== 'off';
const withHooks = mode === 'on' || mode === 'hooks';
const withSampler = mode === 'on' || mode === 'sampler';
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const monitor = withMonitor ? new Monitor({ sampleHz: 10, historyMinutes: 10 }) : null;
const { client, eventLoop } = createClient(
  { host: '127.0.0.1', port: Number(values.port), keepAlive: 60 },
  10_000,
  monitor && withHooks ? { queueLatency: monitor.queueLatency, ackLatency: monitor.ackLatency } : {},
);
const runner = new EventLoopRunner(eventLoop);
runner.start();
while (eventLoop.stats().state !== 'connected') await new Promise((resolve) => setTimeout(resolve, 10));
if (monitor && withSampler) {
  monitor.attach({
    channel: () => client.channelStats(),
    loop: () => eventLoop.stats(),
    paused: () => runner.paused,
    setLatencySampling: (every) => eventLoop.setLatencySampling(every),
  });
}
// Without the sampler nobody thins the latency stamps; thin them as it would at this rate (1,000 stamps a second).
if (monitor && withHooks && !withSampler) eventLoop.setLatencySampling(Math.max(1, Math.ceil(rate / 1000)));
// The monitor's own timer, driven here so the time inside each sample can be summed.
let samplingMs = 0;
const sampler = monitor && withSampler
  ? setInterval(() => {
      const t = performance.now();
      monitor.sampleNow();
      samplingMs += performance.now() - t;
    }, 100)
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
const samples = monitor?.history.size ?? 0;
if (sampler) clearInterval(sampler);
await client.disconnect();
await new Promise((resolve) => setTimeout(resolve, 100));
await runner.stop();
process.stdout.write(`${JSON.stringify({ monitor: withMonitor, mode, cpuUs: cpu.user + cpu.system, sent, failed, seconds, samples, samplingMs })}\n`);
