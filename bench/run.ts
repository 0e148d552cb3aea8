// `npm run bench [-- --quick] [-- --json]`: runs every measurement, prints
// the tables (or one JSON object) and the targets. Exits 0 whenever it ran,
// whatever the numbers; only a measurement that could not be taken is an error.
import { parseArgs } from 'node:util';
import { startAedes, startMosquitto, type Broker } from './brokers.js';
import { runJson } from './child.js';
import { renderReport } from './report.js';
import { runInspectBench } from './inspect-bench.js';
import { evaluateTargets } from './targets.js';
import { runThroughput, type ThroughputSettings } from './throughput.js';
import { cpuMsPerSecond, neighbourShare, totalsOf } from './monitor-share.js';
import type { BenchSummary, CostResult, MemoryResult, MonitorOverhead, MonitorRun } from './types.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    reps: { type: 'string' },
  },
});
const quick = values.quick;
const settings: ThroughputSettings = {
  reps: values.reps ? Number(values.reps) : 3,
  qos0Messages: quick ? 20_000 : 200_000,
  qos1Messages: quick ? 10_000 : 100_000,
  qos2Messages: quick ? 5_000 : 50_000,
  payloadBytes: 64,
  cap: 10_000,
  window: 100,
};
const log = (line: string) => process.stderr.write(`${line}\n`);
const started = performance.now();

const summary: BenchSummary = { quick, settings, brokers: [], brokerErrors: [], throughput: {}, cost: { error: 'not run' }, memory: [] };

log('tryPublish cost ...');
try {
  summary.cost = await runJson<CostResult>('./cost.ts', quick ? ['--quick'] : [], { nodeArgs: ['--expose-gc'] });
} catch (error) {
  summary.cost = { error: (error as Error).message };
}

log('memory, loop stalled ...');
for (const policy of ['baseline', 'block', 'drop-oldest', 'drop-newest'] as const) {
  try {
    summary.memory.push(await runJson<MemoryResult>('./memory.ts', ['--policy', policy], { nodeArgs: ['--expose-gc'] }));
  } catch (error) {
    summary.memory.push({ policy, error: (error as Error).message });
  }
}

log('starting brokers ...');
const brokers: Broker[] = [];
for (const start of [startMosquitto, startAedes]) {
  try {
    brokers.push(await start());
  } catch (error) {
    summary.brokerErrors.push((error as Error).message);
  }
}
const stopBrokers = () => Promise.all(brokers.map((broker) => broker.stop()));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stopBrokers().finally(() => process.exit(130)));
}
summary.brokers = brokers.map((broker) => broker.name);
log(`brokers: ${brokers.map((b) => `${b.name} on 127.0.0.1:${b.port} (pid ${b.pid})`).join(', ')}`);

try {
  log(`throughput: ${settings.reps} interleaved repetitions ...`);
  summary.throughput = await runThroughput(brokers, settings, log);
  const mosquitto = brokers.find((b) => b.name === 'mosquitto');
  if (mosquitto) {
    log('monitor overhead at 50,000 msg/s, on and off, interleaved ...');
    summary.monitor = await measureMonitor(mosquitto.port, quick ? 10 : 30);
    log('inspect: MQTT.js direct and through the proxy, interleaved ...');
    try {
      summary.inspect = await runInspectBench(
        mosquitto.port,
        { reps: settings.reps, qos0: settings.qos0Messages, qos1: settings.qos1Messages, latencyN: quick ? 500 : 3000, payloadBytes: settings.payloadBytes },
        log,
      );
    } catch (error) {
      summary.inspect = { error: (error as Error).message };
    }
  }
} finally {
  await stopBrokers();
}

async function measureMonitor(port: number, seconds: number): Promise<MonitorOverhead | { error: string }> {
  const windowMs = 1000;
  const run = (extra: string[]) =>
    runJson<MonitorRun>(
      './monitor-overhead.ts',
      ['--port', String(port), '--monitor', 'alternate', '--rate', '50000', '--seconds', String(seconds), '--window-ms', String(windowMs), ...extra],
      { timeoutMs: (seconds + 60) * 1000 },
    );
  try {
    // A share of a few per cent is smaller than the difference between two
    // processes, so the monitor is attached and detached in turn within one
    // process; the control run does the same with it never attached, to show
    // what noise alone reads as a share. The first window (start-up) is left out.
    const real = await run([]);
    const control = await run(['--aa-check']);
    const windows = real.windows.slice(1);
    const onCpuUs = totalsOf(windows, true).cpuUs;
    return {
      rate: 50_000,
      windowMs,
      real,
      control,
      share: neighbourShare(windows),
      controlShare: neighbourShare(control.windows.slice(1)),
      samplingShare: onCpuUs > 0 ? (real.samplingMs * 1000) / onCpuUs : Number.NaN,
      cpuOnMsPerSec: cpuMsPerSecond(windows, true),
      cpuOffMsPerSec: cpuMsPerSecond(windows, false),
    };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const targets = evaluateTargets(summary);
log(`done in ${Math.round((performance.now() - started) / 1000)} s`);
if (values.json) {
  process.stdout.write(`${JSON.stringify({ ...summary, targets }, null, 2)}\n`);
} else {
  process.stdout.write(`${renderReport(summary, targets)}\n`);
}

const failures =
  summary.brokerErrors.length +
  ('error' in summary.cost ? 1 : 0) +
  (summary.inspect && 'error' in summary.inspect ? 1 : 0) +
  summary.memory.filter((m) => 'error' in m).length +
  Object.values(summary.throughput).reduce(
    (count, byQos) => count + Object.values(byQos).reduce((c, byClient) => c + Object.values(byClient).filter((r) => r.errors.length > 0 && r.samples.length === 0).length, 0),
    0,
  );
process.exitCode = failures > 0 ? 1 : 0;
