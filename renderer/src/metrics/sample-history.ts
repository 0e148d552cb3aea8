// The metrics history, kept outside React: fixed-size ring buffers of
// numbers, one per series, fed by `sample` events. Charts read windows of it
// once per animation frame; nothing here causes a React render.
import type { AdvisorSample } from '../../../shared/advisor/index.js';
import { OVERFLOW_POLICIES, type Sample } from '../../../shared/domain.js';

/** The numbers the charts draw, read from each sample. */
export const SERIES = {
  depth: (s: Sample) => s.depth,
  capacity: (s: Sample) => s.capacity,
  highWater: (s: Sample) => s.highWater,
  waitingSenders: (s: Sample) => s.waitingSenders,
  failedRate: (s: Sample) => s.failedTryPublishRate,
  droppedOldestRate: (s: Sample) => s.droppedOldestRate,
  droppedNewestRate: (s: Sample) => s.droppedNewestRate,
  inflight: (s: Sample) => s.inflight,
  maxInflight: (s: Sample) => s.maxInflight,
  messagesInRate: (s: Sample) => s.messagesInRate,
  messagesOutRate: (s: Sample) => s.messagesOutRate,
  acceptedRate: (s: Sample) => s.acceptedRate,
  queueP50: (s: Sample) => s.queueLatencyP50,
  queueP99: (s: Sample) => s.queueLatencyP99,
  ackP50: (s: Sample) => s.ackLatencyP50,
  ackP99: (s: Sample) => s.ackLatencyP99,
  pingRtt: (s: Sample) => s.pingRttMs,
} satisfies Record<string, (s: Sample) => number | null>;

export type SeriesName = keyof typeof SERIES;

/** Numbers kept besides the charted ones, so the capacity advisor can replay the window the history holds. */
const KEPT = {
  ...SERIES,
  accepted: (s: Sample) => s.accepted,
  failedTryPublish: (s: Sample) => s.failedTryPublish,
  droppedOldest: (s: Sample) => s.droppedOldest,
  droppedNewest: (s: Sample) => s.droppedNewest,
  discarded: (s: Sample) => s.discarded,
  sinceLastPollMs: (s: Sample) => s.sinceLastPollMs,
  paused: (s: Sample) => (s.paused ? 1 : 0),
  connected: (s: Sample) => (s.connectionState === 'connected' ? 1 : 0),
  bytesOutRate: (s: Sample) => s.bytesOutRate,
  policy: (s: Sample) => OVERFLOW_POLICIES.indexOf(s.policy),
} satisfies Record<string, (s: Sample) => number | null>;
type KeptName = keyof typeof KEPT;
const KEPT_NAMES = Object.keys(KEPT) as KeptName[];

/** x (seconds) then one array per requested series, as uPlot wants them. */
export type SeriesWindow = [number[], ...Array<Array<number | null>>];

/**
 * A ring of samples as columns of Float64Array (NaN stands for "nothing
 * measured"). Pushing is O(1) and allocates nothing; the latest sample is
 * kept whole for the gauges.
 */
export class SampleHistory {
  private readonly times: Float64Array;
  private readonly columns: Record<KeptName, Float64Array>;
  private start = 0;
  private count = 0;
  private listeners = new Set<() => void>();
  /** The newest sample, whole. */
  latest: Sample | null = null;
  /** Goes up on every change, so readers can tell whether to redraw. */
  version = 0;

  constructor(readonly capacity = 36_000) {
    this.times = new Float64Array(capacity);
    this.columns = Object.fromEntries(KEPT_NAMES.map((name) => [name, new Float64Array(capacity)])) as Record<KeptName, Float64Array>;
  }

  get size(): number {
    return this.count;
  }

  push(sample: Sample): void {
    this.write(sample);
    this.notify();
  }

  /** Replaces the history with `samples` (oldest first), notifying once. */
  seed(samples: readonly Sample[]): void {
    this.start = 0;
    this.count = 0;
    const latest = this.latest;
    for (const sample of samples) this.write(sample);
    // A sample pushed while the seed was on its way is newer than the seed.
    if (latest && (this.latest === null || latest.t > this.latest.t)) this.write(latest);
    this.notify();
  }

  /** Points `latest` at one of the kept samples (replay's cursor), notifying readers. */
  pointAt(sample: Sample): void {
    this.latest = sample;
    this.version++;
    this.notify();
  }

  /** Time (ms) of the oldest kept sample, or null. */
  get firstTime(): number | null {
    return this.count > 0 ? this.timeAt(0) : null;
  }

  /** Time (ms) of the newest kept sample, or null. */
  get lastTime(): number | null {
    return this.count > 0 ? this.timeAt(this.count - 1) : null;
  }

  clear(): void {
    this.start = 0;
    this.count = 0;
    this.latest = null;
    this.notify();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Time (ms) of the i-th kept sample, oldest first. */
  timeAt(i: number): number {
    return this.times[(this.start + i) % this.capacity]!;
  }

  /**
   * The samples from `fromMs` on, as uPlot data: x in seconds, then each
   * requested series. With more than `maxPoints` samples, each bucket keeps
   * its peak, so a short spike stays visible on a long window.
   */
  window(names: readonly SeriesName[], fromMs: number, maxPoints = 2000): SeriesWindow {
    const first = this.firstIndexAtOrAfter(fromMs);
    const n = this.count - first;
    const bucket = Math.max(1, Math.ceil(n / maxPoints));
    const points = Math.ceil(n / bucket);
    const xs = new Array<number>(points);
    const ys = names.map(() => new Array<number | null>(points));
    const columns = names.map((name) => this.columns[name]);
    for (let p = 0; p < points; p++) {
      const from = first + p * bucket;
      const to = Math.min(first + (p + 1) * bucket, this.count);
      xs[p] = this.times[(this.start + to - 1) % this.capacity]! / 1000;
      for (let c = 0; c < columns.length; c++) {
        const column = columns[c]!;
        let peak = Number.NaN;
        for (let i = from; i < to; i++) {
          const value = column[(this.start + i) % this.capacity]!;
          if (!Number.isNaN(value) && !(value <= peak)) peak = value;
        }
        ys[c]![p] = Number.isNaN(peak) ? null : peak;
      }
    }
    return [xs, ...ys];
  }

  /** The kept samples from `fromMs` on, as the capacity advisor reads them. */
  advisorSamples(fromMs: number): AdvisorSample[] {
    const c = this.columns;
    const samples: AdvisorSample[] = [];
    const orNull = (value: number) => (Number.isNaN(value) ? null : value);
    for (let i = this.firstIndexAtOrAfter(fromMs); i < this.count; i++) {
      const at = (this.start + i) % this.capacity;
      samples.push({
        t: this.times[at]!,
        capacity: c.capacity[at]!,
        depth: c.depth[at]!,
        highWater: c.highWater[at]!,
        policy: OVERFLOW_POLICIES[c.policy[at]!] ?? 'block',
        waitingSenders: c.waitingSenders[at]!,
        accepted: c.accepted[at]!,
        failedTryPublish: c.failedTryPublish[at]!,
        droppedOldest: c.droppedOldest[at]!,
        droppedNewest: c.droppedNewest[at]!,
        discarded: c.discarded[at]!,
        inflight: c.inflight[at]!,
        maxInflight: c.maxInflight[at]!,
        sinceLastPollMs: c.sinceLastPollMs[at]!,
        paused: c.paused[at] === 1,
        connectionState: c.connected[at] === 1 ? 'connected' : 'disconnected',
        bytesOutRate: c.bytesOutRate[at]!,
        messagesOutRate: c.messagesOutRate[at]!,
        queueLatencyP99: orNull(c.queueP99[at]!),
      });
    }
    return samples;
  }

  private write(sample: Sample): void {
    const index = (this.start + this.count) % this.capacity;
    this.times[index] = sample.t;
    for (const name of KEPT_NAMES) {
      const value = KEPT[name](sample);
      this.columns[name][index] = value === null ? Number.NaN : value;
    }
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
    this.latest = sample;
    this.version++;
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private firstIndexAtOrAfter(t: number): number {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.timeAt(mid) < t) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
