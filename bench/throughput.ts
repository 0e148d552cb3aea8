// The broker runs: every client against every broker at QoS 0, 1 and 2,
// each client in its own process, repeated and interleaved so that noise
// from the machine falls on all of them; the median run counts.
import type { Broker, BrokerName } from './brokers.js';
import { runJson } from './child.js';
import type { ClientResult, Qos } from './clients/common.js';
import { median } from './stats.js';

export const CLIENTS = ['engine', 'engine-poll', 'mqttjs', 'raw'] as const;
export type ClientName = (typeof CLIENTS)[number];
/** `engine` is driven by EventLoopRunner with tryPublish; `engine-poll` is the loop people write: await publish, await poll. */
export const CLIENT_LABELS: Record<ClientName, string> = { engine: 'engine', 'engine-poll': 'engine, poll loop', mqttjs: 'MQTT.js', raw: 'raw' };

export interface ThroughputSettings {
  reps: number;
  qos0Messages: number;
  qos1Messages: number;
  qos2Messages: number;
  payloadBytes: number;
  /** The engine's channel capacity. */
  cap: number;
  /** The in-flight window of the engine and the raw baseline at QoS 1 and 2. */
  window: number;
}

/** Median over the runs of one client, one broker, one QoS. */
export interface ClientSummary {
  msgsPerSec: number;
  cpuUsPerMsg: number;
  samples: number[];
  cpuSamples: number[];
  errors: string[];
}

export const QOS_LEVELS = [0, 1, 2] as const;
export type QosKey = 'qos0' | 'qos1' | 'qos2';
export const qosKey = (qos: Qos): QosKey => `qos${qos}`;

export type ThroughputSummary = Record<BrokerName, Record<QosKey, Record<ClientName, ClientSummary>>>;

export function messagesAt(settings: ThroughputSettings, qos: Qos): number {
  return qos === 0 ? settings.qos0Messages : qos === 1 ? settings.qos1Messages : settings.qos2Messages;
}

export async function runThroughput(brokers: Broker[], settings: ThroughputSettings, log: (line: string) => void): Promise<ThroughputSummary> {
  const runs: Array<{ broker: BrokerName; qos: Qos; client: ClientName; result?: ClientResult; error?: string }> = [];
  const total = settings.reps * brokers.length * QOS_LEVELS.length * CLIENTS.length;
  for (let rep = 0; rep < settings.reps; rep++) {
    // Rotate the order every repetition so no client always runs first.
    const order = CLIENTS.map((_, i) => CLIENTS[(i + rep) % CLIENTS.length]!);
    for (const broker of brokers) {
      for (const qos of QOS_LEVELS) {
        for (const client of order) {
          const n = messagesAt(settings, qos);
          const args = ['--port', String(broker.port), '--qos', String(qos), '--n', String(n), '--size', String(settings.payloadBytes)];
          args.push('--cap', String(settings.cap), '--window', String(settings.window));
          try {
            const result = await runJson<ClientResult>(`./clients/${client}.ts`, args);
            runs.push({ broker: broker.name, qos, client, result });
            log(`  [${runs.length}/${total}] ${broker.name} QoS ${qos} ${CLIENT_LABELS[client]}: ${Math.round(result.msgsPerSec).toLocaleString('en-US')} msg/s`);
          } catch (error) {
            runs.push({ broker: broker.name, qos, client, error: (error as Error).message });
            log(`  [${runs.length}/${total}] ${broker.name} QoS ${qos} ${CLIENT_LABELS[client]}: FAILED ${(error as Error).message}`);
          }
        }
      }
    }
  }
  const summary = {} as ThroughputSummary;
  for (const broker of brokers) {
    summary[broker.name] = { qos0: {}, qos1: {}, qos2: {} } as ThroughputSummary[BrokerName];
    for (const qos of QOS_LEVELS) {
      for (const client of CLIENTS) {
        const mine = runs.filter((run) => run.broker === broker.name && run.qos === qos && run.client === client);
        const ok = mine.flatMap((run) => (run.result ? [run.result] : []));
        const samples = ok.map((result) => result.msgsPerSec);
        const cpuSamples = ok.map((result) => result.cpuUsPerMsg);
        summary[broker.name][qosKey(qos)][client] = {
          msgsPerSec: median(samples),
          cpuUsPerMsg: median(cpuSamples),
          samples,
          cpuSamples,
          errors: mine.flatMap((run) => (run.error ? [run.error] : [])),
        };
      }
    }
  }
  return summary;
}
