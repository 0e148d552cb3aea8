// Runs wire fuzz cases against the real engine over real TCP: a fake broker
// accepts each connection, answers the CONNECT with a CONNACK, sends one
// case's bytes and hangs up; the engine must either process what was valid
// or raise a named protocol error, and then reconnect for the next case.
import { createServer, type Server, type Socket } from 'node:net';
import mqtt from 'mqtt-packet';
import { prng } from '../kit/prng.js';
import { createClient, EventLoopRunner } from '../../main/engine/index.js';
import { wireCase, type WireCase } from './wire-cases.js';

/** What one run found. */
export interface WireFuzzReport {
  seed: number;
  cases: number;
  /** How the cases ended: protocol error codes, or 'closed' after processing. */
  outcomes: Record<string, number>;
  /** Packets the engine accepted and turned into events. */
  eventsProcessed: number;
  reconnects: number;
  /** Errors that are not the engine's named ones: each is a bug. */
  unexpected: Array<{ case: string; error: string }>;
  unhandledRejections: number;
  uncaughtExceptions: number;
}

/** Runs `cases` cases from `seed`, alternating MQTT 3.1.1 and 5. */
export async function runWireFuzz(seed: number, cases: number, onProgress?: (done: number) => void): Promise<WireFuzzReport> {
  const report: WireFuzzReport = { seed, cases, outcomes: {}, eventsProcessed: 0, reconnects: 0, unexpected: [], unhandledRejections: 0, uncaughtExceptions: 0 };
  const onRejection = () => report.unhandledRejections++;
  const onException = () => report.uncaughtExceptions++;
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  try {
    for (const version of [4, 5] as const) {
      const share = version === 4 ? Math.ceil(cases / 2) : Math.floor(cases / 2);
      await runVersion(seed + version, version, share, report, onProgress);
    }
  } finally {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  }
  return report;
}

async function runVersion(seed: number, version: 4 | 5, count: number, report: WireFuzzReport, onProgress?: (done: number) => void): Promise<void> {
  const random = prng(seed);
  const queue: WireCase[] = Array.from({ length: count }, (_, i) => wireCase(seed, i, random, version));
  let current: WireCase | undefined;
  const server: Server = createServer((socket: Socket) => serve(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;

  function serve(socket: Socket): void {
    socket.on('error', () => {});
    const parser = mqtt.parser({ protocolVersion: version });
    parser.on('error', () => socket.destroy());
    parser.on('packet', async (packet) => {
      if (packet.cmd !== 'connect') return;
      current = queue.shift();
      if (!current) return socket.end();
      socket.write(mqtt.generate({ cmd: 'connack', sessionPresent: false, returnCode: 0, reasonCode: 0 }, { protocolVersion: version }));
      for (const chunk of current.chunks) {
        if (socket.destroyed) return;
        socket.write(chunk);
        // Let each chunk arrive on its own, as a slow network would deliver it.
        await new Promise((resolve) => setImmediate(resolve));
      }
      socket.end();
    });
    socket.on('data', (data) => parser.parse(data));
  }

  const { eventLoop } = createClient(
    { host: '127.0.0.1', port, protocolVersion: version, clientId: `fuzz-${seed}`, keepAlive: 0, reconnect: { initialDelayMs: 0, maxDelayMs: 0 }, maxPacketSize: 1024 * 1024 },
    10,
  );
  let finished = 0;
  let done!: () => void;
  const allDone = new Promise<void>((resolve) => (done = resolve));
  const runner = new EventLoopRunner(eventLoop, {
    onEvent: (event) => {
      if (event.type === 'incoming' && event.packet.cmd !== 'connack') report.eventsProcessed++;
    },
    onError: (error) => {
      // After the last case the broker has nothing more to say and hangs up; that is not a case.
      if (finished >= count) return;
      const e = error as { kind?: string; code?: string };
      const outcome = e.kind === 'protocol' ? `protocol: ${e.code}` : e.kind === 'connection' && e.code === 'closed-by-peer' ? 'closed by the broker' : null;
      if (outcome) report.outcomes[outcome] = (report.outcomes[outcome] ?? 0) + 1;
      else report.unexpected.push({ case: current?.name ?? '(before the first case)', error: `${error.name}: ${error.message}` });
      finished++;
      onProgress?.(finished);
      if (finished >= count) done();
    },
  });
  runner.start();
  await allDone;
  report.reconnects += eventLoop.stats().reconnects;
  eventLoop.close();
  await runner.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
