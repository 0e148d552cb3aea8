// One process of the monitor-overhead measurement: the engine publishing
// QoS 0 at a steady rate (as the load generator does), with the monitor
// attached (10 Hz sampling, latency histograms fed per message) or not.
// Prints the CPU time of the measured window as JSON.
import { parseArgs } from 'node:util';
import { EventLoopRunner, createClient } from '../main/engine/index.js';
import { Monitor } from '../main/monitor/index.js';

const { values } = parseArgs({
  options: { port: { type: 'string' }, monitor: { type: 'string' }, rate: { type: 'string', default: '50000' }, seconds: { type: 'string', default: '5' } },
});
const withMonitor = values.monitor === 'on';
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const monitor = withMonitor ? new Monitor({ sampleHz: 10, historyMinutes: 10 }) : null;
const { client, eventLoop } = createClient(
  { host: '127.0.0.1', port: Number(values.port), keepAlive: 60 },
  10_000,
  monitor ? { queueLatency: monitor.queueLatency, ackLatency: monitor.ackLatency } : {},
);
const runner = new EventLoopRunner(eventLoop);
runner.start();
while (eventLoop.stats().state !== 'connected') await new Promise((resolve) => setTimeout(resolve, 10));
if (monitor) {
  monitor.attach({
    channel: () => client.channelStats(),
    loop: () => eventLoop.stats(),
    paused: () => runner.paused,
    setLatencySampling: (every) => eventLoop.setLatencySampling(every),
  });
}
// The monitor's own timer, driven here so the time inside each sample can be summed.
let samplingMs = 0;
const sampler = monitor
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
process.stdout.write(`${JSON.stringify({ monitor: withMonitor, cpuUs: cpu.user + cpu.system, sent, failed, seconds, samples, samplingMs })}\n`);
