// Stand-ins for tests: an engine's numbers you set by hand, clocks you move
// by hand, and samples built from defaults. The monitor only reads numbers,
// so plain objects are an honest replacement for an engine here.
import type { Sample } from '../../shared/domain.js';
import type { ChannelStats, EventLoopStats } from '../../main/engine/index.js';
import type { MonitorSources } from '../../main/monitor/sampler.js';
import { fixtureSample } from '../fixtures/diagnostics.js';

/** Monotonic and wall clocks that move only when told to. */
export interface FakeClocks {
  clock: () => number;
  now: () => number;
  advance(ms: number): void;
}

export const WALL_START = Date.UTC(2025, 0, 1, 12, 0, 0);

export function fakeClocks(): FakeClocks {
  let monotonic = 1_000;
  let wall = WALL_START;
  return {
    clock: () => monotonic,
    now: () => wall,
    advance(ms) {
      monotonic += ms;
      wall += ms;
    },
  };
}

/** An engine's stats as mutable objects, and the sources that read them. */
export interface FakeEngine {
  channel: ChannelStats;
  loop: EventLoopStats;
  paused: boolean;
  /** The runner's poll delay (the slow-poll drill). */
  pollDelayMs: number;
  sources: MonitorSources;
  /** How many times the monitor read each source. */
  reads: { channel: number; loop: number };
}

export function fakeEngine(channel: Partial<ChannelStats> = {}, loop: Partial<EventLoopStats> = {}): FakeEngine {
  const engine: FakeEngine = {
    channel: {
      capacity: 1000,
      depth: 0,
      highWater: 0,
      policy: 'block',
      accepted: 0,
      failedTryPublish: 0,
      failedTryControl: 0,
      droppedOldest: 0,
      droppedNewest: 0,
      discarded: 0,
      waitingSenders: 0,
      closed: false,
      ...channel,
    },
    loop: {
      state: 'connected',
      inflight: 0,
      maxInflight: 100,
      pendingResend: 0,
      reconnects: 0,
      connectAttempts: 1,
      lastError: null,
      lastPollAt: 0,
      now: 0,
      sinceLastPollMs: 0,
      pingRttMs: null,
      bytesIn: 0,
      bytesOut: 0,
      packetsIn: 0,
      packetsOut: 0,
      writes: 0,
      publishesWritten: 0,
      requestsWritten: 0,
      messagesIn: 0,
      acked: 0,
      lostPublishes: 0,
      lostSubscriptions: 0,
      rejectedTooLarge: 0,
      rejectedInvalidProperty: 0,
      sessionPresent: false,
      keepAliveMs: 30_000,
      outgoingPacketLimit: 268_435_455,
      nextConnectAt: 0,
      faults: { throttleBytesPerSec: null, stalledUntil: null },
      ...loop,
    },
    paused: false,
    pollDelayMs: 0,
    reads: { channel: 0, loop: 0 },
    sources: {
      channel: () => {
        engine.reads.channel++;
        return { ...engine.channel };
      },
      loop: () => {
        engine.reads.loop++;
        return { ...engine.loop };
      },
      paused: () => engine.paused,
      pollDelayMs: () => engine.pollDelayMs,
    },
  };
  return engine;
}

/** A quiet, connected sample at `t`, changed by `overrides`. */
export function sampleWith(overrides: Partial<Sample> = {}): Sample {
  return fixtureSample(WALL_START, { capacity: 1000, pingRttMs: 20, connectedSince: WALL_START, ...overrides });
}
