// The monitor: reads the engine's counters a few times a second, never per message, into samples.
import type { FaultState, OverflowPolicy, Sample } from '../../shared/domain.js';
import type { ChannelStats, EventLoopStats } from '../engine/index.js';
import { historyCapacity, SampleHistory } from './history.js';
import { LatencyHistogram } from './latency.js';
import { Listeners } from './listeners.js';

/** Where the monitor reads an engine's numbers; the service builds one per connection. */
export interface MonitorSources {
  channel(): ChannelStats;
  loop(): EventLoopStats;
  /** True while the loop's runner is paused on purpose. */
  paused(): boolean;
  /** The runner's delay before each poll (the slow-poll drill); 0 when absent. */
  pollDelayMs?(): number;
  /** Measure latency on one message in `every`; the monitor keeps its own cost flat as the rate grows. */
  setLatencySampling?(every: number): void;
}

/** About this many latency measurements a second are enough for p50/p99 on a chart. */
const LATENCY_SAMPLES_PER_SEC = 1000;

/** How often to sample and how much to keep; the clocks are injectable for tests. */
export interface MonitorOptions {
  sampleHz: number;
  historyMinutes: number;
  /** Monotonic ms, for rates; performance.now() by default. */
  clock?: () => number;
  /** Wall-clock ms, for timestamps; Date.now() by default. */
  now?: () => number;
}

/** The same bounds as the settings schema, so a direct caller cannot ask for gigabytes of history. */
export const MAX_SAMPLE_HZ = 50;
export const MAX_HISTORY_MINUTES = 60;

/** The totals that rates are computed from. */
interface Counters {
  accepted: number;
  failedTryPublish: number;
  droppedOldest: number;
  droppedNewest: number;
  bytesIn: number;
  bytesOut: number;
  messagesIn: number;
  messagesOut: number;
}

type Rates = Pick<
  Sample,
  'acceptedRate' | 'failedTryPublishRate' | 'droppedOldestRate' | 'droppedNewestRate' | 'bytesInRate' | 'bytesOutRate' | 'messagesInRate' | 'messagesOutRate'
>;

const NO_COUNTS: Counters = { accepted: 0, failedTryPublish: 0, droppedOldest: 0, droppedNewest: 0, bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0 };
const NO_RATES: Rates = {
  acceptedRate: 0,
  failedTryPublishRate: 0,
  droppedOldestRate: 0,
  droppedNewestRate: 0,
  bytesInRate: 0,
  bytesOutRate: 0,
  messagesInRate: 0,
  messagesOutRate: 0,
};

function countersOf(channel: ChannelStats, loop: EventLoopStats): Counters {
  return {
    accepted: channel.accepted,
    failedTryPublish: channel.failedTryPublish,
    droppedOldest: channel.droppedOldest,
    droppedNewest: channel.droppedNewest,
    bytesIn: loop.bytesIn,
    bytesOut: loop.bytesOut,
    messagesIn: loop.messagesIn,
    messagesOut: loop.publishesWritten,
  };
}

/** Per-second rates over `elapsedMs`; a counter that went backwards counts as 0, never as a negative rate. */
function ratesBetween(before: Counters, after: Counters, elapsedMs: number): Rates {
  const perSecond = (a: number, b: number) => (Math.max(0, b - a) * 1000) / elapsedMs;
  return {
    acceptedRate: perSecond(before.accepted, after.accepted),
    failedTryPublishRate: perSecond(before.failedTryPublish, after.failedTryPublish),
    droppedOldestRate: perSecond(before.droppedOldest, after.droppedOldest),
    droppedNewestRate: perSecond(before.droppedNewest, after.droppedNewest),
    bytesInRate: perSecond(before.bytesIn, after.bytesIn),
    bytesOutRate: perSecond(before.bytesOut, after.bytesOut),
    messagesInRate: perSecond(before.messagesIn, after.messagesIn),
    messagesOutRate: perSecond(before.messagesOut, after.messagesOut),
  };
}

/** The drills in force, with the stall's end moved from the engine's monotonic clock to wall-clock time for the charts. */
function faultsOf(loop: EventLoopStats, pollDelayMs: number, wallNow: number): FaultState {
  const { throttleBytesPerSec, stalledUntil } = loop.faults;
  return { throttleBytesPerSec, stalledUntil: stalledUntil === null ? null : Math.round(wallNow + (stalledUntil - loop.now)), pollDelayMs };
}

function checkRate(hz: number): number {
  if (!Number.isFinite(hz) || hz <= 0 || hz > MAX_SAMPLE_HZ) throw new RangeError(`the sample rate must be above 0 and at most ${MAX_SAMPLE_HZ} Hz, got ${String(hz)}`);
  return hz;
}

function checkMinutes(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > MAX_HISTORY_MINUTES) {
    throw new RangeError(`the history length must be above 0 and at most ${MAX_HISTORY_MINUTES} minutes, got ${String(minutes)}`);
  }
  return minutes;
}

/**
 * Reads the engine's counters on a fixed clock and turns them into samples.
 *
 * It is never called per message: the engine only bumps counters (and the
 * latency histograms), and the monitor reads them `sampleHz` times a second,
 * so its cost does not grow with the message rate.
 *
 * The service makes a new engine per connection and attaches it here; the
 * new engine's counters start from 0 again, so each attach takes a fresh
 * baseline rather than letting the rates go negative.
 */
export class Monitor {
  /** Enqueue → written; hand it to the engine as `queueLatency`. */
  readonly queueLatency = new LatencyHistogram();
  /** Written → PUBACK/PUBCOMP; hand it to the engine as `ackLatency`. */
  readonly ackLatency = new LatencyHistogram();
  readonly history: SampleHistory;

  private readonly clock: () => number;
  private readonly now: () => number;
  private readonly listeners = new Listeners<Sample>();
  private hz: number;
  private minutes: number;
  private timer: ReturnType<typeof setInterval> | null = null;

  private sources: MonitorSources | null = null;
  /** The counters and the time the next sample's rates are measured from. */
  private baseline: { at: number; counters: Counters };
  private lastRates: Rates = NO_RATES;
  private connectedSince: number | null = null;
  private lastReconnects = 0;
  /**
   * Settings rather than measurements: kept through a detach so the charts
   * still show the capacity the user chose instead of dropping to 0.
   */
  private lastSettings: { capacity: number; policy: OverflowPolicy; maxInflight: number } = { capacity: 0, policy: 'block', maxInflight: 0 };

  constructor(options: MonitorOptions) {
    this.hz = checkRate(options.sampleHz);
    this.minutes = checkMinutes(options.historyMinutes);
    this.clock = options.clock ?? (() => performance.now());
    this.now = options.now ?? (() => Date.now());
    this.history = new SampleHistory(historyCapacity(this.minutes, this.hz));
    this.baseline = { at: this.clock(), counters: NO_COUNTS };
  }

  get sampleHz(): number {
    return this.hz;
  }

  get historyMinutes(): number {
    return this.minutes;
  }

  get attached(): boolean {
    return this.sources !== null;
  }

  get running(): boolean {
    return this.timer !== null;
  }

  /** Starts reading a (new) engine; its counters become the baseline for the next rates. */
  attach(sources: MonitorSources): void {
    this.sources = sources;
    const loop = sources.loop();
    this.baseline = { at: this.clock(), counters: countersOf(sources.channel(), loop) };
    this.lastRates = NO_RATES;
    this.connectedSince = null;
    this.lastReconnects = loop.reconnects;
    this.startLatencyIntervals();
  }

  /** Stops reading the engine; samples go on, showing a disconnected client with nothing moving. */
  detach(): void {
    this.sources = null;
    this.baseline = { at: this.clock(), counters: NO_COUNTS };
    this.lastRates = NO_RATES;
    this.connectedSince = null;
    this.lastReconnects = 0;
    this.startLatencyIntervals();
  }

  /** Samples `sampleHz` times a second until stop(). The timer does not keep the process alive. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.sampleNow(), 1000 / this.hz);
    this.timer.unref();
  }

  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
  }

  /** Changes the sample rate live; the history is resized to keep the same number of minutes. */
  setRate(hz: number): void {
    this.hz = checkRate(hz);
    this.history.resize(historyCapacity(this.minutes, this.hz));
    if (this.timer) {
      this.stop();
      this.start();
    }
  }

  /** Changes how many minutes of history are kept, keeping the newest samples. */
  setHistoryMinutes(minutes: number): void {
    this.minutes = checkMinutes(minutes);
    this.history.resize(historyCapacity(this.minutes, this.hz));
  }

  /** Calls `listener` with every new sample; returns the function that unsubscribes. */
  onSample(listener: (sample: Sample) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Takes one sample now: reads the engine, records it in the history and tells the listeners. */
  sampleNow(): Sample {
    const at = this.clock();
    const sources = this.sources;
    const channel = sources?.channel();
    const loop = sources?.loop();
    const counters = channel && loop ? countersOf(channel, loop) : NO_COUNTS;

    const elapsed = at - this.baseline.at;
    // Two samples in the same instant have no interval to divide by: repeat
    // the last rates and measure the next ones from the older baseline.
    if (elapsed > 0) {
      this.lastRates = ratesBetween(this.baseline.counters, counters, elapsed);
      this.baseline = { at, counters };
      const rate = Math.max(this.lastRates.acceptedRate, this.lastRates.messagesOutRate);
      sources?.setLatencySampling?.(Math.max(1, Math.ceil(rate / LATENCY_SAMPLES_PER_SEC)));
    }

    const wallNow = this.now();
    const queue = this.queueLatency.takeInterval();
    const ack = this.ackLatency.takeInterval();
    if (channel && loop) this.lastSettings = { capacity: channel.capacity, policy: channel.policy, maxInflight: loop.maxInflight };
    const state = loop?.state ?? 'disconnected';
    this.trackConnection(state, loop?.reconnects ?? 0, wallNow);

    const sample: Sample = {
      t: wallNow,
      capacity: this.lastSettings.capacity,
      depth: channel?.depth ?? 0,
      highWater: channel?.highWater ?? 0,
      policy: this.lastSettings.policy,
      waitingSenders: channel?.waitingSenders ?? 0,
      accepted: counters.accepted,
      failedTryPublish: counters.failedTryPublish,
      droppedOldest: counters.droppedOldest,
      droppedNewest: counters.droppedNewest,
      discarded: channel?.discarded ?? 0,
      ...this.lastRates,
      inflight: loop?.inflight ?? 0,
      maxInflight: this.lastSettings.maxInflight,
      pendingResend: loop?.pendingResend ?? 0,
      sinceLastPollMs: loop?.sinceLastPollMs ?? 0,
      paused: sources?.paused() ?? false,
      connectionState: state,
      pingRttMs: loop?.pingRttMs ?? null,
      reconnects: loop?.reconnects ?? 0,
      // A copy: samples are kept in the history and sent over IPC; they must not change afterwards.
      lastError: loop?.lastError ? { ...loop.lastError } : null,
      connectedSince: this.connectedSince,
      messagesIn: counters.messagesIn,
      messagesOut: counters.messagesOut,
      lostPublishes: loop?.lostPublishes ?? 0,
      rejectedTooLarge: loop?.rejectedTooLarge ?? 0,
      queueLatencyP50: queue.p50,
      queueLatencyP99: queue.p99,
      ackLatencyP50: ack.p50,
      ackLatencyP99: ack.p99,
      faults: loop ? faultsOf(loop, sources?.pollDelayMs?.() ?? 0, wallNow) : { throttleBytesPerSec: null, stalledUntil: null, pollDelayMs: 0 },
    };
    this.history.push(sample);
    this.listeners.emit(sample);
    return sample;
  }

  /**
   * The histograms outlive engines (the service hands the same ones to each
   * new engine): latencies of the previous connection must not show up in
   * the first sample of the next one. They still count in the summary.
   */
  private startLatencyIntervals(): void {
    this.queueLatency.takeInterval();
    this.ackLatency.takeInterval();
  }

  /**
   * The engine reports its state, not when it changed, so the monitor notes
   * the first sample that sees 'connected'. A reconnect that happened
   * entirely between two samples still shows up as a new `reconnects` count.
   */
  private trackConnection(state: Sample['connectionState'], reconnects: number, wallNow: number): void {
    if (state !== 'connected') this.connectedSince = null;
    else if (this.connectedSince === null || reconnects > this.lastReconnects) this.connectedSince = wallNow;
    this.lastReconnects = reconnects;
  }
}
