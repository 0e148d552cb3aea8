// The monitor against a real engine (no broker: nothing is ever polled, so
// nothing connects). The engine and the monitor share a hand-moved clock, so
// "three seconds without a poll" takes no time at all.
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../engine/index.js';
import { getFreePorts } from '../../test/kit/index.js';
import { AlertEngine } from './alerts.js';
import { Monitor } from './sampler.js';
import { fakeClocks } from '../../test/fakes/monitor.js';

const closers: Array<() => void> = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

describe('Monitor on a real engine whose loop is never polled', () => {
  it('shows the channel full, tryPublish failing, and the loop stalled', async () => {
    const [port] = await getFreePorts(1);
    const clocks = fakeClocks();
    const monitor = new Monitor({ sampleHz: 10, historyMinutes: 1, clock: clocks.clock, now: clocks.now });
    const alerts = new AlertEngine();
    const capacity = 10;
    const { client, eventLoop } = createClient({ host: '127.0.0.1', port: port! }, capacity, {
      clock: clocks.clock,
      queueLatency: monitor.queueLatency,
      ackLatency: monitor.ackLatency,
    });
    closers.push(() => eventLoop.close());
    monitor.attach({ channel: () => client.channelStats(), loop: () => eventLoop.stats(), paused: () => false });

    const results = Array.from({ length: 15 }, (_, i) => client.tryPublish('gauge/test', 0, false, `message ${i}`));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.filter((r) => !r.ok && r.error === 'full')).toHaveLength(5);

    clocks.advance(100);
    const first = monitor.sampleNow();
    expect(first).toMatchObject({
      connectionState: 'disconnected',
      capacity,
      depth: capacity,
      highWater: capacity,
      accepted: 10,
      failedTryPublish: 5,
      messagesOut: 0,
      // Nothing was written, so no queue latency was measured.
      queueLatencyP50: null,
    });
    expect(first.failedTryPublishRate).toBeCloseTo(50);
    expect(first.acceptedRate).toBeCloseTo(100);
    expect(alerts.evaluate(first).raised.map((a) => a.id)).toEqual(['try-publish-failing']);

    // Three seconds on, still nobody polls. The engine was never polled, so it
    // is 'disconnected' — but ten requests sit in its channel, going nowhere:
    // that is a stalled loop, and the alert says so.
    clocks.advance(3000);
    const later = monitor.sampleNow();
    expect(later.sinceLastPollMs).toBeGreaterThanOrEqual(3000);
    expect(later.failedTryPublishRate).toBe(0);
    const change = alerts.evaluate(later);
    expect(change.raised.map((a) => a.id)).toEqual(['loop-stalled']);
    expect(change.raised[0]!.message).toContain('(10 queued)');
    expect(change.cleared.map((a) => a.id)).toEqual(['try-publish-failing']);

    // Full for five seconds: the depth alert joins in.
    clocks.advance(2000);
    expect(alerts.evaluate(monitor.sampleNow()).raised.map((a) => a.id)).toEqual(['channel-nearly-full']);
  });
});
