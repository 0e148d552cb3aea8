// What every client under test shares: its arguments, the topic and payload,
// the measured interval, and the one JSON line it reports on stdout.
import { parseArgs } from 'node:util';

export interface ClientArgs {
  port: number;
  qos: Qos;
  /** Messages in the timed run (a QoS 0 run adds one QoS 1 sentinel after them). */
  n: number;
  size: number;
  /** In-flight window for QoS 1 and 2 where the client has one. */
  window: number;
  /** The engine's channel capacity. */
  cap: number;
}

/** What a client prints: wall time and this process's CPU time over the timed interval. */
export interface ClientResult {
  client: string;
  qos: Qos;
  n: number;
  elapsedMs: number;
  cpuUs: number;
  msgsPerSec: number;
  cpuUsPerMsg: number;
}

export type Qos = 0 | 1 | 2;

export const TOPIC = 'bench/gauge';

export function clientArgs(): ClientArgs {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      qos: { type: 'string', default: '0' },
      n: { type: 'string', default: '200000' },
      size: { type: 'string', default: '64' },
      window: { type: 'string', default: '100' },
      cap: { type: 'string', default: '10000' },
    },
  });
  const qos = Number(values.qos);
  if (qos !== 0 && qos !== 1 && qos !== 2) throw new Error(`--qos must be 0, 1 or 2, got ${values.qos}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port <= 0) throw new Error('--port is required');
  return { port, qos, n: Number(values.n), size: Number(values.size), window: Number(values.window), cap: Number(values.cap) };
}

export function payloadOf(size: number): Buffer {
  return Buffer.alloc(size, 0x61);
}

/** Starts the timed interval: wall clock and CPU time of this process. */
export function startClock(): () => { elapsedMs: number; cpuUs: number } {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  return () => {
    const cpu = process.cpuUsage(cpu0);
    return { elapsedMs: performance.now() - t0, cpuUs: cpu.user + cpu.system };
  };
}

/** Prints the result as one JSON line and exits once stdout has taken it. */
export function report(client: string, args: ClientArgs, measured: { elapsedMs: number; cpuUs: number }): void {
  const messages = args.n + (args.qos === 0 ? 1 : 0);
  const result: ClientResult = {
    client,
    qos: args.qos,
    n: args.n,
    elapsedMs: measured.elapsedMs,
    cpuUs: measured.cpuUs,
    msgsPerSec: (messages / measured.elapsedMs) * 1000,
    cpuUsPerMsg: measured.cpuUs / messages,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
}

/** Any unexpected failure ends the process with a message on stderr and a non-zero code. */
export function dieOnError(error: unknown): never {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
}
