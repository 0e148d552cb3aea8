// The recorded samples turned into intervals of channel traffic: what was offered, what the loop drained, what overflowed.
import type { Sample } from '../domain.js';

/** The parts of a sample the advisor reads; a whole `Sample` will do. */
export type AdvisorSample = Pick<
  Sample,
  | 't'
  | 'capacity'
  | 'depth'
  | 'highWater'
  | 'policy'
  | 'waitingSenders'
  | 'accepted'
  | 'failedTryPublish'
  | 'droppedOldest'
  | 'droppedNewest'
  | 'discarded'
  | 'inflight'
  | 'maxInflight'
  | 'sinceLastPollMs'
  | 'paused'
  | 'connectionState'
  | 'bytesOutRate'
  | 'messagesOutRate'
  | 'queueLatencyP99'
>;

/** A loop not polled for this long is stalled, not merely busy (a GC pause or a slow handler is shorter). */
export const STALL_MS = 500;

/** What happened to the channel between two samples. */
export interface Interval {
  /** Wall-clock ms at the end of the interval. */
  t: number;
  dtMs: number;
  /** The capacity in force at the end. */
  capacity: number;
  /** Requests offered: accepted, refused by tryPublish, or dropped as the newest. */
  offered: number;
  /** Requests that did not stay: failed tryPublish, dropped newest, dropped oldest. */
  overflowed: number;
  /** Requests the event loop took out of the channel. */
  drained: number;
  depthBefore: number;
  depthAfter: number;
  /** The deepest the channel is known to have been during the interval. */
  peak: number;
  /** Publishers waiting for room at the end (the `block` policy). */
  waiting: number;
  /** Paused, not polled for `STALL_MS` or more, or holding requests it did not drain with room in the window. */
  stalled: boolean;
  /** The in-flight window was full: the broker's acknowledgements paced the loop. */
  windowFull: boolean;
  connected: boolean;
  maxInflight: number;
  /** Publish packets and bytes written, for the size of a queued request. */
  messagesOut: number;
  bytesOut: number;
  /** The measured p99 queue latency at the end, when there was one. */
  queueLatencyP99: number | null;
}

/** Totals are since the connection was made: a smaller value means a new connection, which counted from zero. */
function grew(before: number, after: number): number {
  return after >= before ? after - before : after;
}

/** One interval per pair of consecutive samples, oldest first; pairs out of time order are skipped. */
export function intervalsOf(samples: readonly AdvisorSample[]): Interval[] {
  const intervals: Interval[] = [];
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1]!;
    const b = samples[i]!;
    const dtMs = b.t - a.t;
    if (!(dtMs > 0)) continue;
    const restarted = b.accepted < a.accepted;
    const accepted = grew(a.accepted, b.accepted);
    const failed = grew(a.failedTryPublish, b.failedTryPublish);
    const droppedNewest = grew(a.droppedNewest, b.droppedNewest);
    const droppedOldest = grew(a.droppedOldest, b.droppedOldest);
    const discarded = grew(a.discarded, b.discarded);
    const depthBefore = restarted ? 0 : a.depth;
    const overflowed = failed + droppedNewest + droppedOldest;
    const drained = Math.max(0, accepted - droppedOldest - discarded - (b.depth - depthBefore));
    const highWaterRose = !restarted && b.highWater > a.highWater ? b.highWater : 0;
    // Refusals mean the channel was full; when the capacity changed in the interval, full at the smaller
    // of the two (raised: the refusals came before; lowered: after).
    const fullAt = Math.min(a.capacity, b.capacity);
    const peak = Math.max(depthBefore, b.depth, highWaterRose, overflowed > 0 ? fullAt : 0);
    const windowFull = b.maxInflight > 0 && b.inflight >= b.maxInflight;
    const connected = b.connectionState === 'connected';
    const stalled = b.paused || b.sinceLastPollMs >= STALL_MS || (connected && depthBefore > 0 && drained === 0 && !windowFull);
    intervals.push({
      t: b.t,
      dtMs,
      capacity: b.capacity,
      offered: accepted + failed + droppedNewest,
      overflowed,
      drained,
      depthBefore,
      depthAfter: b.depth,
      peak,
      waiting: b.waitingSenders,
      stalled,
      windowFull,
      connected,
      maxInflight: b.maxInflight,
      messagesOut: (b.messagesOutRate * dtMs) / 1000,
      bytesOut: (b.bytesOutRate * dtMs) / 1000,
      queueLatencyP99: b.queueLatencyP99,
    });
  }
  return intervals;
}
