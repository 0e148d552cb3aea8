// The capacity advisor: from a recorded window, why the channel overflowed, what other capacities would have done, and which one to take.
import { LIMITS } from '../domain.js';
import { intervalsOf, type AdvisorSample, type Interval } from './intervals.js';
import { niceAtLeast } from './nice.js';
import { replayCapacity, type CapacityOutcome, type ReplayBasis } from './replay-capacity.js';

/**
 * Heap a queued publish holds besides its topic and payload: the request
 * object, its receipt and the Buffer around the payload (about 320 to 400
 * bytes measured on Node 20 with 200,000 queued requests).
 */
export const REQUEST_OVERHEAD_BYTES = 360;
/** Headroom over the smallest capacity that would have refused nothing. */
export const SUGGESTION_HEADROOM = 1.25;
/** Fewer intervals than this (half a second at 10 Hz) tell nothing. */
const MIN_INTERVALS = 5;
/** Share of the overflowing intervals a cause must account for to be named. */
const CAUSE_SHARE = 0.5;

/**
 * Why the channel overflowed, and whether capacity helps:
 * - `healthy`: it never overflowed in the window;
 * - `burst`: a healthy loop met bursts larger than the channel; a finite capacity absorbs them;
 * - `stalled`: the loop was not polled while requests came; capacity only postpones the failure;
 * - `disconnected`: requests came while the connection was down;
 * - `receive-maximum`: the broker's Receive Maximum narrowed the in-flight window, which paced the loop below the load;
 * - `window`: the in-flight window the client asked for paced the loop below the load;
 * - `overload`: the load outran what the loop delivers, window or not.
 */
export type Diagnosis =
  | { kind: 'too-little-data' }
  | { kind: 'healthy'; peakDepth: number; capacity: number }
  | { kind: 'burst'; peakDemand: number }
  | { kind: 'stalled'; longestStallMs: number; offeredPerSec: number }
  | { kind: 'disconnected'; downMs: number; offeredPerSec: number }
  | { kind: 'receive-maximum'; granted: number; asked: number; offeredPerSec: number; drainedPerSec: number }
  | { kind: 'window'; window: number; offeredPerSec: number; drainedPerSec: number }
  | { kind: 'overload'; offeredPerSec: number; drainedPerSec: number };

/** Why a capacity is in the table. */
export const CANDIDATE_REASONS = ['in-force', 'half', 'double', 'times-4', 'times-10', 'smallest-without-refusals', 'suggested'] as const;
export type CandidateReason = (typeof CANDIDATE_REASONS)[number];

/** The windows a person can study, in seconds; 0 is everything kept. */
export const ADVISOR_WINDOWS = [60, 300, 900, 0] as const;
export type AdvisorWindow = (typeof ADVISOR_WINDOWS)[number];

export interface Candidate extends CapacityOutcome {
  reasons: CandidateReason[];
  /** How much later than at the capacity in force the first refusal would have come, ms; null when either refused nothing. */
  postponedMs: number | null;
}

export interface Advice {
  /** The window studied: wall-clock ms of its first and last sample. */
  from: number;
  to: number;
  capacity: number;
  /** The capacities in force during the window, in the order they were set; more than one when it was changed. */
  capacities: number[];
  /** What the recording shows at the capacities in force. */
  observed: { refused: number; peakDepth: number; queueLatencyP99: number | null };
  diagnosis: Diagnosis;
  /** Episodes of pressure in the window; the diagnosis is about the latest. */
  episodes: number;
  /** True when a bigger channel would have avoided the refusals (a burst); false when it only delays them. */
  capacityCures: boolean;
  candidates: Candidate[];
  /** The capacity to apply, when capacity is the cure. */
  suggestion: number | null;
  basis: ReplayBasis;
}

export interface AdviseOptions {
  /** The in-flight window the client asked for, to tell the broker's limit from the client's own. */
  askedInflight?: number;
}

/** Studies the samples (oldest first) of one window. */
export function advise(recorded: readonly AdvisorSample[], options: AdviseOptions = {}): Advice {
  // Capacity 0 is a sample taken with no client (before the first connection): nothing to study.
  const samples = recorded.filter((s) => s.capacity >= 1);
  const intervals = intervalsOf(samples);
  const last = samples.at(-1);
  const capacity = last?.capacity ?? 0;
  const basis = replayBasis(intervals);
  const observed = {
    refused: sum(intervals, (iv) => iv.overflowed),
    peakDepth: intervals.reduce((peak, iv) => Math.max(peak, iv.peak), samples[0]?.depth ?? 0),
    queueLatencyP99: intervals.reduce<number | null>((worst, iv) => (iv.queueLatencyP99 === null ? worst : Math.max(worst ?? 0, iv.queueLatencyP99)), null),
  };
  const from = samples[0]?.t ?? 0;
  const to = last?.t ?? 0;
  const capacities = samples.reduce<number[]>((seen, s) => (seen.at(-1) === s.capacity ? seen : [...seen, s.capacity]), []);
  if (intervals.length < MIN_INTERVALS || capacity < 1) {
    return { from, to, capacity, capacities, observed, diagnosis: { kind: 'too-little-data' }, episodes: 0, capacityCures: false, candidates: [], suggestion: null, basis };
  }
  const unbounded = replayCapacity(intervals, Number.POSITIVE_INFINITY, basis);
  const diagnosis = diagnose(intervals, unbounded, basis, capacity, options);
  const capacityCures = diagnosis.kind === 'burst';
  const smallest = Math.max(LIMITS.minCapacity, unbounded.peakDepth);
  const suggestion = capacityCures ? Math.min(LIMITS.maxCapacity, niceAtLeast(smallest * SUGGESTION_HEADROOM)) : null;

  const wanted = new Map<number, CandidateReason[]>();
  const want = (value: number, reason: CandidateReason) => {
    const c = Math.min(LIMITS.maxCapacity, Math.max(LIMITS.minCapacity, Math.round(value)));
    wanted.set(c, [...(wanted.get(c) ?? []), reason]);
  };
  want(capacity, 'in-force');
  want(capacity / 2, 'half');
  want(capacity * 2, 'double');
  want(capacity * 4, 'times-4');
  want(capacity * 10, 'times-10');
  if (smallest <= LIMITS.maxCapacity) want(smallest, 'smallest-without-refusals');
  if (suggestion !== null) want(suggestion, 'suggested');

  const inForce = replayCapacity(intervals, capacity, basis);
  const candidates = [...wanted.entries()]
    .sort(([a], [b]) => a - b)
    .map(([c, reasons]): Candidate => {
      const outcome = c === capacity ? inForce : replayCapacity(intervals, c, basis);
      const postponedMs = outcome.firstRefusalAt !== null && inForce.firstRefusalAt !== null ? outcome.firstRefusalAt - inForce.firstRefusalAt : null;
      return { ...outcome, reasons, postponedMs };
    });
  const episodes = pressureEpisodes(intervals).length;
  return { from, to, capacity, capacities, observed, diagnosis, episodes, capacityCures, candidates, suggestion, basis };
}

/** The loop's demonstrated drain rate and the size of a queued request, from the window itself. */
export function replayBasis(intervals: readonly Interval[]): ReplayBasis {
  // Only a channel under pressure from start to end shows the loop's limit: one that merely held
  // requests at two samples may have emptied and refilled between them (bursts), and one that
  // emptied shows only what it was given.
  const busy = intervals
    .filter((iv) => iv.connected && !iv.stalled && (iv.overflowed > 0 || iv.waiting > 0) && iv.depthBefore > 0 && iv.depthAfter > 0)
    .map((iv) => iv.drained / iv.dtMs);
  const any = intervals.filter((iv) => iv.connected && !iv.stalled).map((iv) => iv.drained / iv.dtMs);
  const drainPerMs = busy.length > 0 && median(busy) > 0 ? median(busy) : null;
  const fastest = any.reduce((top, rate) => Math.max(top, rate), 0);
  const messages = sum(intervals, (iv) => iv.messagesOut);
  const wireBytes = messages > 0 ? sum(intervals, (iv) => iv.bytesOut) / messages : 0;
  return {
    drainPerMs,
    paceForLatencyPerMs: drainPerMs ?? (fastest > 0 ? fastest : null),
    bytesPerRequest: Math.round(wireBytes + REQUEST_OVERHEAD_BYTES),
  };
}

/** Pressure this far apart is two episodes: a person who fixed the first wants to hear about the second. */
export const EPISODE_GAP_MS = 2000;

/** The intervals under pressure (refusals, drops or held publishers), split into episodes, oldest first. */
export function pressureEpisodes(intervals: readonly Interval[]): Interval[][] {
  const episodes: Interval[][] = [];
  let lastT = Number.NEGATIVE_INFINITY;
  for (const iv of intervals) {
    if (iv.overflowed === 0 && iv.waiting === 0) continue;
    if (iv.t - iv.dtMs - lastT > EPISODE_GAP_MS || episodes.length === 0) episodes.push([]);
    episodes.at(-1)!.push(iv);
    lastT = iv.t;
  }
  return episodes;
}

/** Names the cause of the latest episode of pressure: the one that is the person's problem now. */
function diagnose(intervals: readonly Interval[], unbounded: CapacityOutcome, basis: ReplayBasis, capacity: number, options: AdviseOptions): Diagnosis {
  const pressed = pressureEpisodes(intervals).at(-1) ?? [];
  const peakDepth = intervals.reduce((peak, iv) => Math.max(peak, iv.peak), 0);
  if (pressed.length === 0) return { kind: 'healthy', peakDepth, capacity };
  const pressedMs = sum(pressed, (iv) => iv.dtMs);
  const offeredPerSec = (sum(pressed, (iv) => iv.offered) / pressedMs) * 1000;
  const share = (test: (iv: Interval) => boolean) => sum(pressed.filter(test), (iv) => iv.dtMs) / pressedMs;

  if (share((iv) => !iv.connected) >= CAUSE_SHARE) {
    return { kind: 'disconnected', downMs: longestRun(intervals, (iv) => !iv.connected), offeredPerSec };
  }
  if (share((iv) => iv.stalled) >= CAUSE_SHARE) {
    return { kind: 'stalled', longestStallMs: longestRun(intervals, (iv) => iv.stalled), offeredPerSec };
  }
  // A bigger channel cures a burst only if the loop works the backlog off:
  // the unbounded replay must end no deeper than the real channel could hold.
  if (unbounded.finalDepth <= capacity) return { kind: 'burst', peakDemand: unbounded.peakDepth };

  const drainedPerSec = (basis.drainPerMs ?? basis.paceForLatencyPerMs ?? 0) * 1000;
  if (share((iv) => iv.windowFull) >= CAUSE_SHARE) {
    const granted = pressed.at(-1)!.maxInflight;
    const asked = options.askedInflight;
    if (asked !== undefined && granted < asked) return { kind: 'receive-maximum', granted, asked, offeredPerSec, drainedPerSec };
    return { kind: 'window', window: granted, offeredPerSec, drainedPerSec };
  }
  return { kind: 'overload', offeredPerSec, drainedPerSec };
}

function longestRun(intervals: readonly Interval[], test: (iv: Interval) => boolean): number {
  let longest = 0;
  let run = 0;
  for (const iv of intervals) {
    run = test(iv) ? run + iv.dtMs : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += of(item);
  return total;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
