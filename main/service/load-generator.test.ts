// The load generator on a clock the test drives: overruns told apart from refusals, and end-to-end latency from this run's stamps only.
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadStatus } from '../../shared/domain.js';
import { loadSpec, type CommandInput } from '../../shared/schemas.js';
import { createClient, type AsyncClient, type EventLoop } from '../engine/index.js';
import { LoadGenerator } from './load-generator.js';
import { readStamp, stampedPayload } from './load-stamp.js';

/** A clock and a tick the test moves by hand, so lateness is exact and nothing sleeps. */
function drivenGenerator(options: { subscribed?: boolean } = {}) {
  let now = 0;
  let stampNow = 1_700_000_000_000;
  let tick: (() => void) | null = null;
  let nextRun = 1;
  const ended: LoadStatus[] = [];
  const generator = new LoadGenerator({
    onEnd: (status) => ended.push(status),
    clock: () => now,
    now: () => 1_000 + now,
    every: (_ms, fn) => {
      tick = fn;
      return () => {
        tick = null;
      };
    },
    newRunId: () => nextRun++,
    stampClock: () => stampNow,
    subscribedTo: () => options.subscribed ?? true,
  });
  return {
    generator,
    ended,
    /** Moves the clock to `ms` after the start and runs the tick that fires then. */
    tickAt: (ms: number) => {
      now = ms;
      tick?.();
    },
    /** Moves the clock without a tick: the process was busy. */
    setClock: (ms: number) => {
      now = ms;
    },
    setStampClock: (ms: number) => {
      stampNow = ms;
    },
  };
}

/** A real client whose event loop is never polled: the channel fills and nothing leaves, as with a stalled loop. */
const loops: EventLoop[] = [];
function stalledClient(capacity: number): AsyncClient {
  const { client, eventLoop } = createClient({ host: '127.0.0.1', port: 1 }, capacity);
  loops.push(eventLoop);
  return client;
}
afterEach(() => {
  for (const loop of loops.splice(0)) loop.close();
});

const spec = (input: CommandInput<'startLoad'>) => loadSpec.parse(input);
const flushPromises = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('overruns: the generator could not keep up', () => {
  it('counts no overrun while every tick comes on time, even at ten bursts per tick', () => {
    const { generator, tickAt } = drivenGenerator();
    generator.start(spec({ rate: 10_000, burst: 10, durationSec: 60 }), stalledClient(100_000));
    for (let ms = 10; ms <= 200; ms += 10) tickAt(ms);
    const status = generator.status();
    expect(status.sent).toBe(2_000);
    expect(status.overruns).toBe(0);
    expect(status.overrunLagMs).toBe(0);
    expect(status.behindMs).toBe(0);
    generator.stop('stopped');
  });

  it('counts no overrun when the timer drifts a little past its 10 ms, as timers do', () => {
    const { generator, tickAt } = drivenGenerator();
    // A burst every 5 ms, ticks every 11.5 ms: some bursts wait 11 ms for their tick.
    generator.start(spec({ rate: 200, burst: 1, durationSec: 60 }), stalledClient(100_000));
    for (let n = 1; n <= 100; n++) tickAt(n * 11.5);
    expect(generator.status().sent).toBe(230);
    expect(generator.status().overruns).toBe(0);
    generator.stop('stopped');
  });

  it('counts the bursts a late tick starts after they missed a tick, and how late they were', () => {
    const { generator, tickAt, setClock } = drivenGenerator();
    // 1,000/s in bursts of 10: one burst every 10 ms, due at 10, 20, 30, …
    generator.start(spec({ rate: 1_000, burst: 10, durationSec: 60 }), stalledClient(100_000));
    tickAt(10);
    tickAt(20);
    expect(generator.status().overruns).toBe(0);
    // The process is busy for 50 ms: the bursts due at 30, 40, 50, 60 and 70 wait.
    setClock(70);
    expect(generator.status().behindMs).toBe(40);
    tickAt(70);
    const status = generator.status();
    // Started at 70: the ones due at 30 and 40 are 40 and 30 ms late (overruns: they missed a tick);
    // 50 is 20 ms late, as the tick's resolution allows; 60 and 70 are on time.
    expect(status.sent).toBe(70);
    expect(status.overruns).toBe(2);
    expect(status.overrunLagMs).toBe(70);
    expect(status.behindMs).toBe(0);
    expect(status.failed).toBe(0);
    generator.stop('stopped');
  });

  it('reports a full channel as failed tryPublish calls, not as overruns', () => {
    const { generator, tickAt } = drivenGenerator();
    generator.start(spec({ rate: 1_000, burst: 10, durationSec: 60 }), stalledClient(15));
    for (let ms = 10; ms <= 50; ms += 10) tickAt(ms);
    const status = generator.status();
    expect(status.sent).toBe(50);
    expect(status.accepted).toBe(15);
    expect(status.failed).toBe(35);
    expect(status.overruns).toBe(0);
    generator.stop('stopped');
  });

  it('in publish mode, falls behind while it waits for room, and counts the bursts it then starts late', async () => {
    const { generator, tickAt } = drivenGenerator();
    const client = stalledClient(5);
    generator.start(spec({ rate: 1_000, burst: 10, durationSec: 60, mode: 'publish' }), client);
    tickAt(10); // the burst due at 10 starts; its sixth publish waits for room
    await flushPromises();
    tickAt(20);
    tickAt(100); // still waiting: these ticks start nothing
    expect(generator.status().sent).toBe(5);
    expect(generator.status().behindMs).toBe(80);
    expect(generator.status().overruns).toBe(0);
    client.setCapacity(1_000);
    await flushPromises();
    expect(generator.status().sent).toBe(10);
    tickAt(100);
    await flushPromises();
    const status = generator.status();
    // Bursts due at 20..100 start at 100: those due at 20..70 are more than 20 ms late.
    expect(status.sent).toBe(100);
    expect(status.overruns).toBe(6);
    expect(status.overrunLagMs).toBe(80 + 70 + 60 + 50 + 40 + 30);
    expect(status.failed).toBe(0);
    generator.stop('stopped');
  });

  it('keeps the overruns and how far behind it was in the final status', () => {
    const { generator, ended, tickAt, setClock } = drivenGenerator();
    generator.start(spec({ rate: 1_000, burst: 10, count: 50 }), stalledClient(1_000));
    tickAt(10);
    setClock(35);
    generator.stop('stopped');
    expect(ended).toHaveLength(1);
    expect(ended[0]!.behindMs).toBe(15);
    tickAt(80);
    expect(generator.status().sent).toBe(10);
  });
});

describe('stamps and end-to-end latency', () => {
  it('stamps every generated payload with the run and its send time, keeping the asked size', () => {
    const template = Buffer.alloc(64, 0x61);
    const payload = stampedPayload(template, 7, 1_700_000_000_123.25);
    expect(payload).toHaveLength(64);
    expect(readStamp(payload)).toEqual({ stamped: true, runId: 7, sentAt: 1_700_000_000_123.25 });
    expect(payload.subarray(16).every((byte) => byte === 0x61)).toBe(true);
    expect(template.subarray(0, 16).every((byte) => byte === 0x61)).toBe(true);
  });

  it('measures this run’s stamps and ignores an earlier run’s and payloads that are not stamps', () => {
    const { generator, setStampClock } = drivenGenerator();
    const client = stalledClient(1_000);
    const template = Buffer.alloc(64, 0x61);
    generator.start(spec({ rate: 100, burst: 1, durationSec: 60 }), client); // run 1
    setStampClock(10_005);
    generator.observe(stampedPayload(template, 1, 10_000));
    expect(generator.status().endToEnd).toMatchObject({ received: 1, otherRuns: 0 });
    generator.stop('stopped');

    generator.start(spec({ rate: 100, burst: 1, durationSec: 60 }), client); // run 2
    expect(generator.status().endToEnd).toEqual({ p50: null, p99: null, received: 0, otherRuns: 0 });
    setStampClock(20_000);
    generator.observe(stampedPayload(template, 1, 10_000)); // run 1's, still arriving: 10 s "late"
    generator.observe(Buffer.from('{"temperature": 21.5, "unit": "C"}'));
    generator.observe(Buffer.alloc(64, 0x61));
    generator.observe(Buffer.from('MGL1'));
    const nonsenseTime = stampedPayload(template, 2, 1);
    nonsenseTime.writeDoubleBE(Number.NaN, 8);
    generator.observe(nonsenseTime);
    expect(generator.status().endToEnd).toEqual({ p50: null, p99: null, received: 0, otherRuns: 1 });

    generator.observe(stampedPayload(template, 2, 19_993));
    generator.observe(stampedPayload(template, 2, 19_993));
    const endToEnd = generator.status().endToEnd!;
    expect(endToEnd.received).toBe(2);
    expect(endToEnd.otherRuns).toBe(1);
    // Only run 2's 7 ms, within the histogram's 1 % resolution; run 1's 10 s is not in it.
    expect(endToEnd.p50).toBeGreaterThanOrEqual(6.9);
    expect(endToEnd.p99).toBeLessThanOrEqual(7.1);
    generator.stop('stopped');
  });

  it('reports no end-to-end latency while no subscription covers the load’s topic', () => {
    const { generator } = drivenGenerator({ subscribed: false });
    generator.start(spec({ rate: 100, durationSec: 60 }), stalledClient(100));
    expect(generator.status().stamping).toBe('on');
    expect(generator.status().endToEnd).toBeNull();
    generator.stop('stopped');
  });

  it('says so when the payload is too small for the stamp, or stamps are off, and sends the size asked for', () => {
    const { generator, tickAt } = drivenGenerator();
    generator.start(spec({ rate: 1_000, burst: 10, durationSec: 60, payloadSize: 8 }), stalledClient(100));
    tickAt(10);
    expect(generator.status()).toMatchObject({ stamping: 'payload-too-small', endToEnd: null, sent: 10 });
    generator.start(spec({ rate: 1_000, durationSec: 60, stamp: false }), stalledClient(100));
    expect(generator.status()).toMatchObject({ stamping: 'off', endToEnd: null });
    generator.stop('stopped');
  });
});
