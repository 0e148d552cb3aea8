// Latency histograms: queue and ack latencies recorded by the engine, read out as percentiles per interval.
import * as hdr from 'hdr-histogram-js';
import type { LatencyRecorder } from '../engine/index.js';

/** Percentiles over one sample interval, in ms; null when nothing was recorded. */
export interface IntervalLatency {
  p50: number | null;
  p99: number | null;
  count: number;
}

/** Percentiles over everything recorded since the histogram was made, in ms; null when empty. */
export interface LatencySummary {
  p50: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
  count: number;
}

/** Values are kept in whole microseconds: sub-ms latencies matter on loopback. */
const MICROS_PER_MS = 1000;
const LOWEST_MICROS = 1;
/** One hour: anything slower is reported as an hour rather than thrown away. */
const HIGHEST_MICROS = 3_600 * 1_000_000;

function histogram(bitBucketSize: hdr.BitBucketSize): hdr.Histogram {
  return hdr.build({
    bitBucketSize,
    lowestDiscernibleValue: LOWEST_MICROS,
    highestTrackableValue: HIGHEST_MICROS,
    // Two digits (1 % resolution) is plenty for a p50/p99 chart, and keeps the
    // per-sample fold and percentile scans over a tenth of the buckets.
    numberOfSignificantValueDigits: 2,
    // A fixed range keeps record() free of allocations and resizes.
    autoResize: false,
  });
}

function toMs(micros: number): number {
  return micros / MICROS_PER_MS;
}

/**
 * A latency recorder for the engine (which calls `record` once per message,
 * up to ~200k/s) that the monitor reads once per sample.
 *
 * `record` touches only the interval histogram: one bucket increment.
 * `takeInterval` (10 times a second, not per message) folds the interval into
 * the cumulative histogram and resets it, so both views stay exact without
 * paying for two recordings per message.
 */
export class LatencyHistogram implements LatencyRecorder {
  private readonly interval = histogram(32);
  // 64-bit counts: at 200k/s a 32-bit bucket would overflow within hours.
  private readonly cumulative = histogram(64);
  private scratch: hdr.Histogram | null = null;

  /** Records one latency in ms; values outside 1 µs..1 h are clamped to that range, NaN is ignored. */
  record(ms: number): void {
    const micros = Math.round(ms * MICROS_PER_MS);
    if (micros >= LOWEST_MICROS && micros <= HIGHEST_MICROS) this.interval.recordValue(micros);
    else if (micros < LOWEST_MICROS) this.interval.recordValue(LOWEST_MICROS);
    else if (micros > HIGHEST_MICROS) this.interval.recordValue(HIGHEST_MICROS);
    // NaN fails every comparison above and is dropped: there is no sensible bucket for it.
  }

  /** p50/p99 (ms) of what was recorded since the previous call, which starts a new interval. */
  takeInterval(): IntervalLatency {
    const count = this.interval.totalCount;
    if (count === 0) return { p50: null, p99: null, count: 0 };
    const result = {
      p50: toMs(this.interval.getValueAtPercentile(50)),
      p99: toMs(this.interval.getValueAtPercentile(99)),
      count,
    };
    this.cumulative.add(this.interval);
    this.interval.reset();
    return result;
  }

  /** Percentiles (ms) over everything recorded so far, the current interval included. */
  summary(): LatencySummary {
    let all = this.cumulative;
    if (this.interval.totalCount > 0) {
      // Not on the hot path (diagnostics ask for it): merge into a scratch copy
      // so the interval is still there for the next takeInterval.
      this.scratch ??= histogram(64);
      this.scratch.reset();
      this.scratch.add(this.cumulative);
      this.scratch.add(this.interval);
      all = this.scratch;
    }
    const count = all.totalCount;
    if (count === 0) return { p50: null, p90: null, p99: null, max: null, count: 0 };
    return {
      p50: toMs(all.getValueAtPercentile(50)),
      p90: toMs(all.getValueAtPercentile(90)),
      p99: toMs(all.getValueAtPercentile(99)),
      max: toMs(all.maxValue),
      count,
    };
  }

  /** Forgets everything, interval and cumulative. */
  reset(): void {
    this.interval.reset();
    this.cumulative.reset();
  }
}
