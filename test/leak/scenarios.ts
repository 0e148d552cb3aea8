// The leak scenarios: repeat what a long-running app does over and over
// (connect and disconnect, retune the channel under load, subscribe to a
// flood and leave it), then check that the heap and the engine's live
// instances come back to where they started.
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, EventLoopRunner, type AsyncClient, type EventLoop } from '../../main/engine/index.js';
import { GaugeService } from '../../main/service/index.js';
import type { Mosquitto } from '../kit/index.js';
import { measure, queryObjectCounts, type HeapFigures } from './measure.js';

/** How big each scenario is. */
export interface LeakSizes {
  /** Connect/disconnect cycles, on the engine and through the service. */
  cycles: number;
  capacityChanges: number;
  floods: number;
  /** Messages per subscribe flood. */
  floodSize: number;
  /** Also count instances with v8.queryObjects (slow; a cross-check of the snapshot counts). */
  crossCheck: boolean;
}

/** What one scenario measured. */
export interface LeakFigures {
  scenario: string;
  /** What was repeated, and how often. */
  work: string;
  /** After a warm-up, before the repetitions. */
  before: HeapFigures;
  /** In the middle of the run, with its objects alive: shows the counting sees them. */
  during: HeapFigures;
  /** After the repetitions and their teardown. */
  after: HeapFigures;
  /** after.heapUsed − before.heapUsed (bytes). */
  retainedBytes: number;
  /** v8.queryObjects counts before and after, when asked for. */
  crossCheck?: { before: Record<string, number>; after: Record<string, number> };
  seconds: number;
}

const HOST = '127.0.0.1';
/**
 * With the service, both measurements are taken once it has been idle a
 * moment: its graceful close races the DISCONNECT against a 1 s timer that
 * stays pending after the race is won, so each of the last second's
 * disconnects still holds one (with its closure) until it fires.
 */
const SERVICE_IDLE_MS = 1_200;

// Not vi.waitFor: these scenarios run in a child process outside Vitest's runner
// (see leak.test.ts), where `vi` is not available.
async function waitUntil(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`leak run: timed out waiting for ${what}`);
    await sleep(1);
  }
}

/**
 * Runs `repeat` with measurements around it; `during` is measured once, by
 * the repetition that calls it (with instance counts unless the heap is too
 * big for a snapshot to be worth it).
 */
async function measured(
  scenario: string,
  work: string,
  sizes: LeakSizes,
  warmUp: () => Promise<void>,
  repeat: (during: (options?: { count?: boolean }) => Promise<void>) => Promise<void>,
  idleMs = 0,
): Promise<LeakFigures> {
  const started = performance.now();
  await warmUp();
  await sleep(idleMs);
  const before = await measure();
  const crossBefore = sizes.crossCheck ? queryObjectCounts() : undefined;
  let during: HeapFigures | null = null;
  await repeat(async (options) => {
    during ??= await measure(options);
  });
  await sleep(idleMs);
  const after = await measure();
  const crossAfter = sizes.crossCheck ? queryObjectCounts() : undefined;
  return {
    scenario,
    work,
    before,
    during: during ?? after,
    after,
    retainedBytes: after.heapUsed - before.heapUsed,
    ...(crossBefore && crossAfter ? { crossCheck: { before: crossBefore, after: crossAfter } } : {}),
    seconds: (performance.now() - started) / 1000,
  };
}

/** One engine connection, as an application would run it. */
interface Engine {
  client: AsyncClient;
  eventLoop: EventLoop;
  runner: EventLoopRunner;
  messages: () => number;
}

async function connectEngine(broker: Mosquitto, capacity: number, options: { clientId?: string } = {}): Promise<Engine> {
  const { client, eventLoop } = createClient({ host: HOST, port: broker.port, keepAlive: 30, ...options }, capacity);
  let messages = 0;
  const runner = new EventLoopRunner(eventLoop, {
    onEvent: (event) => {
      if (event.type === 'incoming' && event.packet.cmd === 'publish') messages++;
    },
  });
  runner.start();
  await waitUntil(() => eventLoop.stats().state === 'connected', 'a connection');
  return { client, eventLoop, runner, messages: () => messages };
}

/** DISCONNECT behind what is queued, then close everything, as the service does. */
async function disconnectEngine(engine: Engine): Promise<void> {
  await engine.client.disconnect();
  await waitUntil(() => engine.eventLoop.stats().state === 'disconnected', 'the DISCONNECT to go out');
  engine.eventLoop.close();
  await engine.runner.stop();
}

/** Connect, publish a little (QoS 0, 1, 2), wait for the acks, disconnect: `cycles` times, on the engine alone. */
export function engineCycles(broker: Mosquitto, sizes: LeakSizes): Promise<LeakFigures> {
  const cycle = async (during?: () => Promise<void>) => {
    const engine = await connectEngine(broker, 100);
    for (const qos of [0, 1, 2] as const) engine.client.tryPublish('leak/engine', qos, false, 'x');
    await waitUntil(() => engine.eventLoop.stats().acked === 2, 'the acks');
    await during?.();
    await disconnectEngine(engine);
  };
  return measured(
    'engine connect/disconnect',
    `${sizes.cycles} cycles: connect, publish QoS 0/1/2, wait for acks, disconnect`,
    sizes,
    async () => {
      for (let i = 0; i < 5; i++) await cycle();
    },
    async (during) => {
      for (let i = 0; i < sizes.cycles; i++) await cycle(i === sizes.cycles >> 1 ? during : undefined);
    },
  );
}

/** The same through the service, the way the UI drives it: the connect and disconnect commands. */
export async function serviceCycles(broker: Mosquitto, sizes: LeakSizes): Promise<LeakFigures> {
  const service = new GaugeService({ version: 'leak', dataDir: null });
  await service.start();
  const profile = { name: 'leak', host: HOST, port: broker.port, keepAlive: 30 };
  const cycle = async (during?: () => Promise<void>) => {
    const connected = await service.handle('connect', { profile });
    if (!connected.ok || !(connected.value as { connected: boolean }).connected) throw new Error(`leak run: the service did not connect: ${JSON.stringify(connected)}`);
    const published = await service.handle('publish', { topic: 'leak/service', qos: 1, payload: 'x', format: 'text' });
    if (!published.ok) throw new Error(`leak run: publish failed: ${published.error.message}`);
    await during?.();
    const disconnected = await service.handle('disconnect', {});
    if (!disconnected.ok) throw new Error(`leak run: disconnect failed: ${disconnected.error.message}`);
  };
  try {
    return await measured(
      'service connect/disconnect',
      `${sizes.cycles} cycles of the connect, publish and disconnect commands`,
      sizes,
      async () => {
        for (let i = 0; i < 5; i++) await cycle();
      },
      async (during) => {
        for (let i = 0; i < sizes.cycles; i++) await cycle(i === sizes.cycles >> 1 ? during : undefined);
      },
      SERVICE_IDLE_MS,
    );
  } finally {
    await service.stop();
  }
}

/**
 * Capacity changes under load, on one engine that stays connected (an
 * operator retuning a running client): for each change the loop is paused
 * while a burst fills the channel (up to 20,000 publishes, or the capacity),
 * then resumed to drain it; policies rotate. Half-way, capacity goes to
 * 1,000,000 and is filled completely, as behind a long broker outage. It
 * ends at capacity 100 with the channel empty: the memory the big capacity
 * took must be given back while the engine lives on.
 */
export async function capacityChanges(broker: Mosquitto, sizes: LeakSizes): Promise<LeakFigures> {
  const capacities = [10, 200_000, 50, 20_000, 1_000, 100_000, 5];
  const policies = ['block', 'drop-oldest', 'drop-newest'] as const;
  const payload = Buffer.alloc(16, 0x6c);
  const change = (engine: Engine, capacity: number, fill: number, policy: (typeof policies)[number]) => {
    engine.client.setCapacity(capacity);
    engine.client.setOverflowPolicy(policy);
    engine.runner.pause();
    for (let n = 0; n < fill; n++) engine.client.tryPublish('leak/capacity', 0, false, payload);
  };
  const drain = async (engine: Engine) => {
    engine.runner.resume();
    await waitUntil(() => engine.client.channelStats().depth === 0, 'the channel to drain', 60_000);
  };
  const engine = await connectEngine(broker, 100);
  try {
    return await measured(
      'capacity changes under load',
      `${sizes.capacityChanges} capacity changes (5 to 200,000, policy rotating), each filled by a burst and drained, one of them to 1,000,000 filled completely; ends at 100, engine still connected`,
      sizes,
      async () => {
        for (let i = 0; i < 20; i++) {
          change(engine, [10, 50, 100][i % 3]!, 120, policies[i % policies.length]!);
          await drain(engine);
        }
        engine.client.setCapacity(100);
        engine.client.setOverflowPolicy('block');
      },
      async (during) => {
        for (let i = 0; i < sizes.capacityChanges; i++) {
          if (i === sizes.capacityChanges >> 1) {
            change(engine, 1_000_000, 1_000_000, 'block');
            // A snapshot of a million queued requests would take longer than the rest: heap only.
            await during({ count: false });
          } else {
            const capacity = capacities[i % capacities.length]!;
            change(engine, capacity, Math.min(capacity + 10, 20_000), policies[i % policies.length]!);
          }
          await drain(engine);
        }
        engine.client.setCapacity(100);
        engine.client.setOverflowPolicy('block');
      },
    );
  } finally {
    await disconnectEngine(engine);
  }
}

/** Subscribe to a wildcard through the service, flood it from another client, wait for every message, unsubscribe. */
export async function subscribeFloods(broker: Mosquitto, sizes: LeakSizes): Promise<LeakFigures> {
  const service = new GaugeService({ version: 'leak', dataDir: null });
  await service.start();
  // The UI's side of the service: something listens to the message batches,
  // as a window would, and counts what arrived (shown or skipped).
  let arrived = 0;
  const stopListening = service.on('messages', (batch) => (arrived += batch.messages.length + batch.skipped));
  const connected = await service.handle('connect', { profile: { name: 'leak-flood', host: HOST, port: broker.port, keepAlive: 30 } });
  if (!connected.ok) throw new Error(`leak run: the service did not connect: ${JSON.stringify(connected)}`);
  const received = () => arrived;
  const payload = Buffer.alloc(64, 0x66);
  const flood = async (count: number, round: number, during?: () => Promise<void>) => {
    const subscribed = await service.handle('subscribe', { filter: 'leak/flood/#', qos: 1 });
    if (!subscribed.ok) throw new Error(`leak run: subscribe failed: ${subscribed.error.message}`);
    const start = received();
    const publisher = await connectEngine(broker, 1000);
    for (let i = 0; i < count; i++) await publisher.client.publish(`leak/flood/${round}/${i % 100}`, (i % 2) as 0 | 1, false, payload);
    await waitUntil(() => received() - start >= count, `${count} flood messages`, 60_000);
    await during?.();
    await disconnectEngine(publisher);
    const unsubscribed = await service.handle('unsubscribe', { filter: 'leak/flood/#' });
    if (!unsubscribed.ok) throw new Error(`leak run: unsubscribe failed: ${unsubscribed.error.message}`);
  };
  try {
    return await measured(
      'subscribe floods',
      `${sizes.floods} floods of ${sizes.floodSize.toLocaleString('en-US')} messages (QoS 0/1, 64 B, 100 topics) to a wildcard subscription, then unsubscribe`,
      sizes,
      () => flood(Math.min(1000, sizes.floodSize), 0),
      async (during) => {
        for (let i = 1; i <= sizes.floods; i++) await flood(sizes.floodSize, i, i === sizes.floods >> 1 ? during : undefined);
      },
      SERVICE_IDLE_MS,
    );
  } finally {
    stopListening();
    await service.stop();
  }
}

export const LEAK_SCENARIOS = { engine: engineCycles, service: serviceCycles, capacity: capacityChanges, floods: subscribeFloods } as const;
export type LeakScenarioName = keyof typeof LEAK_SCENARIOS;
