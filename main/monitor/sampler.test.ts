// Monitor sampling: rates, deltas and history from the engine's counters on fake clocks.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Sample } from '../../shared/domain.js';
import { Monitor } from './sampler.js';
import { fakeClocks, fakeEngine, WALL_START } from '../../test/fakes/monitor.js';

function monitorWithClocks(options: { sampleHz?: number; historyMinutes?: number } = {}) {
  const clocks = fakeClocks();
  const monitor = new Monitor({ sampleHz: options.sampleHz ?? 10, historyMinutes: options.historyMinutes ?? 10, clock: clocks.clock, now: clocks.now });
  return { monitor, clocks };
}

describe('Monitor sampling', () => {
  it('turns counter deltas into per-second rates over the time that really passed', () => {
    const { monitor, clocks } = monitorWithClocks();
    const engine = fakeEngine();
    monitor.attach(engine.sources);

    clocks.advance(100);
    engine.channel.accepted = 50;
    engine.loop.publishesWritten = 40;
    engine.loop.bytesOut = 4_000;
    expect(monitor.sampleNow()).toMatchObject({ acceptedRate: 500, messagesOutRate: 400, bytesOutRate: 40_000, accepted: 50, messagesOut: 40 });

    // A late timer tick: 250 ms instead of 100, so the same 50 messages are a lower rate.
    clocks.advance(250);
    engine.channel.accepted = 100;
    expect(monitor.sampleNow().acceptedRate).toBe(200);
  });

  it('computes every rate the charts show', () => {
    const { monitor, clocks } = monitorWithClocks();
    const engine = fakeEngine();
    monitor.attach(engine.sources);
    clocks.advance(1000);
    Object.assign(engine.channel, { accepted: 10, failedTryPublish: 20, droppedOldest: 30, droppedNewest: 40 });
    Object.assign(engine.loop, { bytesIn: 50, bytesOut: 60, messagesIn: 70, publishesWritten: 80 });
    expect(monitor.sampleNow()).toMatchObject({
      acceptedRate: 10,
      failedTryPublishRate: 20,
      droppedOldestRate: 30,
      droppedNewestRate: 40,
      bytesInRate: 50,
      bytesOutRate: 60,
      messagesInRate: 70,
      messagesOutRate: 80,
    });
  });

  it('copies the gauges of the channel and the loop into the sample', () => {
    const { monitor, clocks } = monitorWithClocks();
    const error = { kind: 'connection' as const, code: 'refused', message: 'the broker refused the connection: not authorized (0x87)', reasonCode: 0x87, at: WALL_START - 5 };
    const engine = fakeEngine(
      { capacity: 500, depth: 120, highWater: 300, policy: 'drop-oldest', waitingSenders: 3, discarded: 2 },
      { inflight: 7, maxInflight: 20, pendingResend: 4, sinceLastPollMs: 1234, pingRttMs: 15, reconnects: 2, lastError: error, messagesIn: 9, lostPublishes: 1, rejectedTooLarge: 5 },
    );
    engine.paused = true;
    monitor.attach(engine.sources);
    clocks.advance(100);
    const sample = monitor.sampleNow();
    expect(sample).toMatchObject({
      t: WALL_START + 100,
      capacity: 500,
      depth: 120,
      highWater: 300,
      policy: 'drop-oldest',
      waitingSenders: 3,
      discarded: 2,
      inflight: 7,
      maxInflight: 20,
      pendingResend: 4,
      sinceLastPollMs: 1234,
      paused: true,
      connectionState: 'connected',
      pingRttMs: 15,
      reconnects: 2,
      lastError: error,
      messagesIn: 9,
      lostPublishes: 1,
      rejectedTooLarge: 5,
    });
    // The sample owns its copy: the history must not change when the engine's object does.
    expect(sample.lastError).not.toBe(error);
  });

  it('never shows a negative rate when a new engine starts its counters from zero', () => {
    const { monitor, clocks } = monitorWithClocks();
    const first = fakeEngine({ accepted: 10_000, failedTryPublish: 500 }, { bytesOut: 1_000_000, publishesWritten: 9_000 });
    monitor.attach(first.sources);
    clocks.advance(100);
    first.channel.accepted = 11_000;
    monitor.sampleNow();

    const second = fakeEngine();
    monitor.attach(second.sources);
    clocks.advance(100);
    second.channel.accepted = 30;
    const sample = monitor.sampleNow();
    expect(sample.acceptedRate).toBeCloseTo(300);
    expect(sample.accepted).toBe(30);
    for (const key of ['failedTryPublishRate', 'droppedOldestRate', 'droppedNewestRate', 'bytesInRate', 'bytesOutRate', 'messagesInRate', 'messagesOutRate'] as const) {
      expect(sample[key]).toBe(0);
    }
  });

  it('does not go negative even if an attached engine’s counter goes backwards', () => {
    const { monitor, clocks } = monitorWithClocks();
    const engine = fakeEngine({ accepted: 100 });
    monitor.attach(engine.sources);
    clocks.advance(100);
    engine.channel.accepted = 40;
    expect(monitor.sampleNow().acceptedRate).toBe(0);
  });

  it('keeps sampling after a detach, showing a disconnected client with nothing moving', () => {
    const { monitor, clocks } = monitorWithClocks();
    const engine = fakeEngine({ capacity: 250, depth: 200, accepted: 900, policy: 'drop-newest' }, { inflight: 5, maxInflight: 50, sinceLastPollMs: 900, pingRttMs: 12 });
    monitor.attach(engine.sources);
    clocks.advance(100);
    engine.channel.accepted = 1000;
    monitor.sampleNow();

    monitor.detach();
    clocks.advance(100);
    const sample = monitor.sampleNow();
    expect(sample).toMatchObject({
      connectionState: 'disconnected',
      depth: 0,
      accepted: 0,
      acceptedRate: 0,
      inflight: 0,
      sinceLastPollMs: 0,
      pingRttMs: null,
      connectedSince: null,
      lastError: null,
      paused: false,
    });
    // The capacity, policy and window the user chose stay on the chart.
    expect(sample).toMatchObject({ capacity: 250, policy: 'drop-newest', maxInflight: 50 });
    clocks.advance(100);
    expect(monitor.sampleNow().t).toBe(sample.t + 100);
    expect(monitor.attached).toBe(false);
  });

  it('samples a monitor that was never attached as disconnected with zeros', () => {
    const { monitor, clocks } = monitorWithClocks();
    clocks.advance(100);
    expect(monitor.sampleNow()).toMatchObject({ connectionState: 'disconnected', capacity: 0, depth: 0, acceptedRate: 0, connectedSince: null });
  });

  it('repeats the last rates for two samples taken in the same instant instead of dividing by zero', () => {
    const { monitor, clocks } = monitorWithClocks();
    const engine = fakeEngine();
    monitor.attach(engine.sources);
    clocks.advance(100);
    engine.channel.accepted = 10;
    monitor.sampleNow();
    engine.channel.accepted = 20;
    expect(monitor.sampleNow().acceptedRate).toBe(100);
    // The 10 messages of the zero-length interval are counted in the next one.
    clocks.advance(100);
    expect(monitor.sampleNow().acceptedRate).toBe(100);
  });

  it('notes when the connection was made, and a reconnect between two samples', () => {
    const { monitor, clocks } = monitorWithClocks();
    const engine = fakeEngine({}, { state: 'connecting' });
    monitor.attach(engine.sources);
    clocks.advance(100);
    expect(monitor.sampleNow().connectedSince).toBeNull();

    engine.loop.state = 'connected';
    clocks.advance(100);
    const connectedAt = WALL_START + 200;
    expect(monitor.sampleNow().connectedSince).toBe(connectedAt);
    clocks.advance(100);
    expect(monitor.sampleNow().connectedSince).toBe(connectedAt);

    // Dropped and back again between two samples: only the counter tells.
    engine.loop.reconnects = 1;
    clocks.advance(100);
    expect(monitor.sampleNow().connectedSince).toBe(WALL_START + 400);

    engine.loop.state = 'disconnected';
    clocks.advance(100);
    expect(monitor.sampleNow().connectedSince).toBeNull();
    engine.loop.state = 'connected';
    engine.loop.reconnects = 2;
    clocks.advance(100);
    expect(monitor.sampleNow().connectedSince).toBe(WALL_START + 600);
  });

  it('reports queue and ack latency percentiles of the last interval', () => {
    const { monitor, clocks } = monitorWithClocks();
    monitor.attach(fakeEngine().sources);
    for (let ms = 1; ms <= 100; ms++) monitor.queueLatency.record(ms);
    monitor.ackLatency.record(40);
    clocks.advance(100);
    const sample = monitor.sampleNow();
    expect(sample.queueLatencyP50).toBeCloseTo(50, 0);
    expect(sample.queueLatencyP99).toBeCloseTo(99, 0);
    expect(sample.ackLatencyP50).toBeCloseTo(40, 0);

    clocks.advance(100);
    expect(monitor.sampleNow()).toMatchObject({ queueLatencyP50: null, queueLatencyP99: null, ackLatencyP50: null, ackLatencyP99: null });
  });

  it('does not show the previous connection’s latencies in the next one’s first sample', () => {
    const { monitor, clocks } = monitorWithClocks();
    monitor.attach(fakeEngine().sources);
    monitor.queueLatency.record(900);
    monitor.attach(fakeEngine().sources);
    monitor.queueLatency.record(3);
    clocks.advance(100);
    expect(monitor.sampleNow().queueLatencyP99).toBeCloseTo(3, 1);
    expect(monitor.queueLatency.summary().count).toBe(2);
  });

  it('reads the engine once per sample however many messages went through', () => {
    const { monitor, clocks } = monitorWithClocks();
    const engine = fakeEngine();
    monitor.attach(engine.sources);
    const heard: Sample[] = [];
    monitor.onSample((sample) => heard.push(sample));
    const readsBefore = { ...engine.reads };

    // A million messages between two samples: the engine counts them and the
    // histogram takes them; the monitor is not involved until it samples.
    for (let i = 0; i < 1_000_000; i++) monitor.queueLatency.record((i % 100) + 1);
    engine.channel.accepted = 1_000_000;
    engine.loop.publishesWritten = 1_000_000;
    clocks.advance(100);
    const sample = monitor.sampleNow();

    expect(heard).toEqual([sample]);
    expect(monitor.history.size).toBe(1);
    expect(engine.reads.channel - readsBefore.channel).toBe(1);
    expect(engine.reads.loop - readsBefore.loop).toBe(1);
    expect(sample.acceptedRate).toBe(10_000_000);
    expect(sample.queueLatencyP50).toBeCloseTo(50, 0);
  });

  it('stops telling a listener once it unsubscribes', () => {
    const { monitor, clocks } = monitorWithClocks();
    let heard = 0;
    const unsubscribe = monitor.onSample(() => heard++);
    clocks.advance(100);
    monitor.sampleNow();
    unsubscribe();
    clocks.advance(100);
    monitor.sampleNow();
    expect(heard).toBe(1);
  });
});

describe('Monitor history', () => {
  it('keeps historyMinutes of samples at the sample rate, and the newest ones', () => {
    const { monitor, clocks } = monitorWithClocks({ sampleHz: 10, historyMinutes: 1 });
    expect(monitor.history.capacity).toBe(600);
    for (let i = 0; i < 700; i++) {
      clocks.advance(100);
      monitor.sampleNow();
    }
    expect(monitor.history.size).toBe(600);
    expect(monitor.history.all()[0]!.t).toBe(WALL_START + 101 * 100);
    expect(monitor.history.latest()!.t).toBe(WALL_START + 700 * 100);
  });

  it('resizes the history when the rate or the length changes, keeping the newest samples', () => {
    const { monitor, clocks } = monitorWithClocks({ sampleHz: 10, historyMinutes: 1 });
    for (let i = 0; i < 600; i++) {
      clocks.advance(100);
      monitor.sampleNow();
    }
    monitor.setRate(2);
    expect(monitor.history.capacity).toBe(120);
    expect(monitor.history.size).toBe(120);
    expect(monitor.history.latest()!.t).toBe(WALL_START + 600 * 100);

    monitor.setHistoryMinutes(5);
    expect(monitor.history.capacity).toBe(600);
    expect(monitor.history.size).toBe(120);
  });

  it('refuses a sample rate or history length it cannot honour', () => {
    const { monitor } = monitorWithClocks();
    expect(() => monitor.setRate(0)).toThrow(RangeError);
    expect(() => monitor.setRate(Number.NaN)).toThrow(/sample rate/);
    expect(() => monitor.setRate(1000)).toThrow(/at most 50 Hz/);
    expect(() => monitor.setHistoryMinutes(-1)).toThrow(/history length/);
    expect(() => new Monitor({ sampleHz: 10, historyMinutes: 61 })).toThrow(/at most 60 minutes/);
    expect(monitor.sampleHz).toBe(10);
  });
});

describe('Monitor clock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('samples on its own timer at the sample rate, changeable while it runs', () => {
    vi.useFakeTimers();
    const monitor = new Monitor({ sampleHz: 10, historyMinutes: 1, clock: () => Date.now() });
    let heard = 0;
    monitor.onSample(() => heard++);
    monitor.start();
    expect(monitor.running).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(heard).toBe(10);

    monitor.setRate(2);
    vi.advanceTimersByTime(1000);
    expect(heard).toBe(12);

    monitor.stop();
    vi.advanceTimersByTime(1000);
    expect(heard).toBe(12);
    expect(monitor.running).toBe(false);
  });

  it('does not keep the process alive with its timer', () => {
    const monitor = new Monitor({ sampleHz: 10, historyMinutes: 1 });
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');
    monitor.start();
    const timer = setIntervalSpy.mock.results[0]!.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    monitor.stop();
    setIntervalSpy.mockRestore();
  });
});
