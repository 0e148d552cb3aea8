// Replays recorded channel traffic against another capacity: what would have been refused, how deep and how stale the queue would have got.
import type { Interval } from './intervals.js';

/**
 * The model, in short. The recording tells, per sample interval, what was
 * offered, what the loop drained and what overflowed. A candidate capacity
 * sees the same offers and the same loop; the difference is carried as
 * `extra`, the requests the candidate holds beyond (or, when smaller, short
 * of) the real channel:
 *
 * - The candidate's deepest moment in an interval is the real peak, plus the
 *   extra it started with, plus every request the real channel refused then:
 *   those were refused while it was full, so they would have stacked on top.
 *   Whatever of that exceeds the candidate's capacity, it refuses.
 * - The extra leaves only through time the real loop had to spare: an
 *   interval that ended with the real channel empty, connected, not stalled
 *   and with room in the in-flight window. The loop then drains up to the
 *   rate it showed while it was under pressure from one sample to the next
 *   (`drainPerMs`); a loop never seen so kept up with everything it was
 *   given, so it is taken to keep up with the extra as well.
 * - A queued request waits about depth / drain rate, plus however long the
 *   loop has been stalled with requests queued. Without a backlog to measure
 *   the rate by, the fastest drain seen stands in (`paceForLatencyPerMs`), so
 *   the wait is an upper bound.
 *
 * With the capacity in force, the replay refuses exactly what was refused:
 * the model adds nothing the recording did not show. What it cannot know is
 * how a publisher would have behaved had it not been refused or held (a load
 * that retries, or one that blocks, offers differently), and what happened
 * between samples beyond the high-water mark.
 */
export interface CapacityOutcome {
  capacity: number;
  /** Publishes that would have failed tryPublish or been dropped, by the policy in force. */
  refused: number;
  /** The most publishers that would have been kept waiting at once (the `block` policy). */
  held: number;
  peakDepth: number;
  /** The memory the queued requests would have held at the peak. */
  peakBytes: number;
  /** How stale the oldest queued request would have got, ms; null without a drain rate to go by. */
  worstLatencyMs: number | null;
  /** Wall-clock ms of the first refusal, null when none. */
  firstRefusalAt: number | null;
  /** The requests still queued at the end of the window. */
  finalDepth: number;
}

export interface ReplayBasis {
  /** Requests per ms the loop drained while the channel overflowed and held requests at both ends (its limit); null when never seen. */
  drainPerMs: number | null;
  /** The rate queue waits are worked out at: `drainPerMs`, or else the fastest drain seen; null when nothing drained. */
  paceForLatencyPerMs: number | null;
  /** Bytes a queued publish holds: its encoded size and the request around it. */
  bytesPerRequest: number;
}

/** Runs the recorded intervals against `capacity` (Infinity for "never full"). */
export function replayCapacity(intervals: readonly Interval[], capacity: number, basis: ReplayBasis): CapacityOutcome {
  let depth = intervals.length > 0 ? Math.min(intervals[0]!.depthBefore, capacity) : 0;
  let refused = 0;
  let held = 0;
  let peak = depth;
  const pace = basis.paceForLatencyPerMs;
  let worst: number | null = pace === null ? null : 0;
  let stalledFor = 0;
  let firstRefusalAt: number | null = null;
  for (const iv of intervals) {
    const extraBefore = depth - iv.depthBefore;
    const demand = iv.peak + extraBefore + iv.overflowed;
    const refusedNow = Math.max(0, demand - capacity);
    const heldNow = Math.max(0, demand + iv.waiting - capacity) - refusedNow;
    if (refusedNow > 0 && firstRefusalAt === null) firstRefusalAt = iv.t;
    refused += refusedNow;
    held = Math.max(held, heldNow);
    const deepest = Math.min(capacity, demand);
    peak = Math.max(peak, deepest);

    let extra = extraBefore + iv.overflowed - refusedNow;
    const loopHadTime = iv.depthAfter === 0 && iv.connected && !iv.stalled && !iv.windowFull;
    if (extra > 0 && loopHadTime) {
      const spare = basis.drainPerMs === null ? extra : Math.max(0, basis.drainPerMs * iv.dtMs - iv.drained);
      extra -= Math.min(extra, spare);
    }
    depth = Math.max(0, Math.min(capacity, iv.depthAfter + extra));

    stalledFor = (iv.stalled || !iv.connected) && depth > 0 ? stalledFor + iv.dtMs : 0;
    if (worst !== null && pace !== null) worst = Math.max(worst, deepest / pace + stalledFor);
  }
  return {
    capacity,
    refused: Math.round(refused),
    held: Math.round(held),
    peakDepth: Math.round(peak),
    peakBytes: Math.round(peak * basis.bytesPerRequest),
    worstLatencyMs: worst,
    firstRefusalAt,
    finalDepth: Math.round(depth),
  };
}
