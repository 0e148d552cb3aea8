// Inspect's cost: MQTT.js straight to mosquitto and through the proxy, interleaved in one run; throughput, the proxy's CPU per message, and added ack latency.
import { runJson, spawnTsWithInput } from './child.js';
import type { ClientResult, Qos } from './clients/common.js';
import { median } from './stats.js';

/** One QoS level, direct and through the proxy. */
export interface ProxiedThroughput {
  direct: number[];
  proxied: number[];
  /** Proxy process CPU per forwarded message in each proxied run (µs). */
  proxyCpuUsPerMsg: number[];
}

export interface InspectBench {
  messages: Record<'qos0' | 'qos1', number>;
  throughput: Record<'qos0' | 'qos1', ProxiedThroughput>;
  /** QoS 1 round trips, one message at a time: p50/p99 of each run (ms). */
  latency: { n: number; direct: Array<{ p50Ms: number; p99Ms: number }>; proxied: Array<{ p50Ms: number; p99Ms: number }> };
}

/** The proxy's process: its port, and its CPU time on request. */
async function startProxyProcess(upstreamPort: number) {
  const child = spawnTsWithInput('./inspect-proxy.ts', ['--upstream-port', String(upstreamPort)]);
  child.stdin.setDefaultEncoding('utf8');
  let buffered = '';
  const waiting: Array<(line: string) => void> = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    for (let at = buffered.indexOf('\n'); at >= 0; at = buffered.indexOf('\n')) {
      const line = buffered.slice(0, at);
      buffered = buffered.slice(at + 1);
      waiting.shift()?.(line);
    }
  });
  const nextLine = () => new Promise<string>((resolve) => waiting.push(resolve));
  const { port } = JSON.parse(await nextLine()) as { port: number };
  return {
    port,
    async cpu(): Promise<{ cpuUs: number; forwarded: number }> {
      const line = nextLine();
      child.stdin.write('cpu\n');
      return JSON.parse(await line) as { cpuUs: number; forwarded: number };
    },
    stop(): Promise<void> {
      return new Promise((resolve) => {
        child.once('close', () => resolve());
        child.stdin.end();
      });
    },
  };
}

/** A run that hangs (MQTT.js has been seen to stop acking a flood once in many runs) is run once more, with the failure logged, rather than losing the section. */
async function runWithRetry<T>(script: string, args: string[], log: (line: string) => void, beforeEach: () => Promise<void> = async () => {}): Promise<T> {
  try {
    await beforeEach();
    return await runJson<T>(script, args, { timeoutMs: 60_000 });
  } catch (error) {
    log(`  inspect: ${(error as Error).message.split('\n')[0]}; running it once more`);
    await beforeEach();
    return runJson<T>(script, args, { timeoutMs: 60_000 });
  }
}

export async function runInspectBench(brokerPort: number, options: { reps: number; qos0: number; qos1: number; latencyN: number; payloadBytes: number }, log: (line: string) => void): Promise<InspectBench> {
  const proxy = await startProxyProcess(brokerPort);
  const result: InspectBench = {
    messages: { qos0: options.qos0, qos1: options.qos1 },
    throughput: { qos0: { direct: [], proxied: [], proxyCpuUsPerMsg: [] }, qos1: { direct: [], proxied: [], proxyCpuUsPerMsg: [] } },
    latency: { n: options.latencyN, direct: [], proxied: [] },
  };
  try {
    for (let rep = 0; rep < options.reps; rep++) {
      // Alternate which goes first, so drift of the machine falls on both.
      const order = rep % 2 === 0 ? (['direct', 'proxied'] as const) : (['proxied', 'direct'] as const);
      for (const qos of [0, 1] as Qos[]) {
        const key = qos === 0 ? 'qos0' : 'qos1';
        const n = qos === 0 ? options.qos0 : options.qos1;
        for (const route of order) {
          const port = route === 'direct' ? brokerPort : proxy.port;
          // The proxy's CPU is read around the run that counted, so a retried run's failed attempt is not charged to it.
          let before: { cpuUs: number; forwarded: number } | null = null;
          const run = await runWithRetry<ClientResult>('./clients/mqttjs.ts', ['--port', String(port), '--qos', String(qos), '--n', String(n), '--size', String(options.payloadBytes)], log, async () => {
            if (route === 'proxied') before = await proxy.cpu();
          });
          result.throughput[key][route].push(run.msgsPerSec);
          if (before !== null) {
            const { cpuUs, forwarded } = before;
            const after = await proxy.cpu();
            result.throughput[key].proxyCpuUsPerMsg.push((after.cpuUs - cpuUs) / Math.max(1, after.forwarded - forwarded));
          }
          log(`  inspect QoS ${qos} MQTT.js ${route}: ${Math.round(run.msgsPerSec).toLocaleString('en-US')} msg/s`);
        }
      }
      for (const route of order) {
        const port = route === 'direct' ? brokerPort : proxy.port;
        const run = await runWithRetry<{ p50Ms: number; p99Ms: number }>('./clients/mqttjs-latency.ts', ['--port', String(port), '--qos', '1', '--n', String(options.latencyN), '--size', String(options.payloadBytes)], log);
        result.latency[route].push({ p50Ms: run.p50Ms, p99Ms: run.p99Ms });
        log(`  inspect QoS 1 round trip ${route}: p50 ${run.p50Ms.toFixed(3)} ms`);
      }
    }
  } finally {
    await proxy.stop();
  }
  return result;
}

/** Medians of an Inspect run, for the report and the targets. */
export function inspectFigures(bench: InspectBench) {
  const at = (key: 'qos0' | 'qos1') => {
    const t = bench.throughput[key];
    const direct = median(t.direct);
    const proxied = median(t.proxied);
    return { direct, proxied, ratio: proxied / direct, proxyCpuUsPerMsg: median(t.proxyCpuUsPerMsg) };
  };
  const directP50 = median(bench.latency.direct.map((l) => l.p50Ms));
  const proxiedP50 = median(bench.latency.proxied.map((l) => l.p50Ms));
  return {
    qos0: at('qos0'),
    qos1: at('qos1'),
    latency: { directP50, proxiedP50, addedP50: proxiedP50 - directP50, directP99: median(bench.latency.direct.map((l) => l.p99Ms)), proxiedP99: median(bench.latency.proxied.map((l) => l.p99Ms)) },
  };
}
