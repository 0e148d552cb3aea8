// "What happened" in a bundle, as data: each item is a catalogue key and its
// numbers, so each side words it in its reader's language with the shared
// wording (shared/locales/wording.ts; English: summary-english.ts). Times are wall-clock ms; flags are the
// strings 'true' / 'false'.
import type { AlertRule, DrillKind, Sample } from '../domain.js';
import type { DiagnosticsBundle } from './bundle.js';

/**
 * Every key a summary can hold, and its params:
 *
 * - `summary.empty` — the bundle holds no samples. {}
 * - `summary.span` — what the bundle covers. { from, to, seconds, samples }
 * - `summary.loop-stalled` — the event loop was not polled. { from, to, seconds, paused, ongoing }
 *   (paused: the loop was paused on purpose; ongoing: still stalled when the bundle ends, `to` is then its end)
 * - `summary.channel-full` — the request channel was at capacity. { seconds }
 * - `summary.channel-peak` — the deepest the channel got. { depth, capacity, percent, at }
 * - `summary.try-failures` — tryPublish calls refused because the channel was full. { count }
 * - `summary.dropped` — publishes dropped by the overflow policy. { oldest, newest }
 * - `summary.reconnects` — connections made again after a loss. { count }
 * - `summary.connection-error` — one reason the connection failed (up to five, most frequent first). { message, code, count, first, last }
 * - `summary.lost-publishes` — unacked publishes the broker forgot (no session). { count }
 * - `summary.alert` — one alert rule that was raised. { rule, count, seconds }
 * - `summary.drill` — a fault drill. { kind, from, to, seconds, value, ongoing }
 *   (kind: throttle | stall-socket | drop-connection | slow-poll | pause-loop;
 *   value: bytes/s for throttle, seconds asked for stall-socket, ms for slow-poll, 0 otherwise;
 *   a drop is instant: from = to, seconds 0)
 * - `summary.quiet` — nothing went wrong: no stall, no full channel, no failures, drops, reconnects or alerts. {}
 */
export const SUMMARY_KEYS = {
  'summary.empty': [],
  'summary.span': ['from', 'to', 'seconds', 'samples'],
  'summary.loop-stalled': ['from', 'to', 'seconds', 'paused', 'ongoing'],
  'summary.channel-full': ['seconds'],
  'summary.channel-peak': ['depth', 'capacity', 'percent', 'at'],
  'summary.try-failures': ['count'],
  'summary.dropped': ['oldest', 'newest'],
  'summary.reconnects': ['count'],
  'summary.connection-error': ['message', 'code', 'count', 'first', 'last'],
  'summary.lost-publishes': ['count'],
  'summary.alert': ['rule', 'count', 'seconds'],
  'summary.drill': ['kind', 'from', 'to', 'seconds', 'value', 'ongoing'],
  'summary.quiet': [],
} as const satisfies Record<string, readonly string[]>;

export type SummaryKey = keyof typeof SUMMARY_KEYS;

/** One line of the summary, as data. */
export interface SummaryItem {
  key: SummaryKey;
  params: Record<string, string | number>;
}

const MAX_ERROR_REASONS = 5;

/** Says what happened in a bundle, most telling first. */
export function summarizeBundle(bundle: DiagnosticsBundle): SummaryItem[] {
  const samples = bundle.samples;
  if (samples.length === 0) return [item('summary.empty', {}), ...drills(bundle, bundle.createdAt)];
  const first = samples[0]!;
  const last = samples[samples.length - 1]!;
  const items: SummaryItem[] = [item('summary.span', { from: first.t, to: last.t, seconds: seconds(last.t - first.t), samples: samples.length })];

  const stalls = loopStalls(samples, Math.max(1, bundle.settings.alerts.stalledPollSec) * 1000);
  items.push(...stalls);
  const fullMs = channelFullMs(samples);
  if (fullMs > 0) items.push(item('summary.channel-full', { seconds: seconds(fullMs) }));
  const peak = samples.reduce((best, s) => (s.depth > best.depth ? s : best), first);
  if (peak.depth > 0) {
    items.push(item('summary.channel-peak', { depth: peak.depth, capacity: peak.capacity, percent: peak.capacity > 0 ? Math.round((peak.depth / peak.capacity) * 100) : 0, at: peak.t }));
  }
  const failures = growth(samples, (s) => s.failedTryPublish);
  if (failures > 0) items.push(item('summary.try-failures', { count: failures }));
  const oldest = growth(samples, (s) => s.droppedOldest);
  const newest = growth(samples, (s) => s.droppedNewest);
  if (oldest + newest > 0) items.push(item('summary.dropped', { oldest, newest }));
  const reconnects = growth(samples, (s) => s.reconnects);
  if (reconnects > 0) items.push(item('summary.reconnects', { count: reconnects }));
  const errors = connectionErrors(samples);
  items.push(...errors);
  const lost = growth(samples, (s) => s.lostPublishes);
  if (lost > 0) items.push(item('summary.lost-publishes', { count: lost }));
  const alerts = alertItems(bundle, last.t);
  items.push(...alerts);
  items.push(...drills(bundle, last.t));

  const troubled = stalls.length > 0 || fullMs > 0 || failures > 0 || oldest + newest > 0 || reconnects > 0 || errors.length > 0 || lost > 0 || alerts.length > 0;
  if (!troubled) items.push(item('summary.quiet', {}));
  return items;
}

function item(key: SummaryKey, params: Record<string, string | number>): SummaryItem {
  return { key, params };
}

/** Seconds with one decimal. */
function seconds(ms: number): number {
  return Math.round(Math.max(0, ms) / 100) / 10;
}

/**
 * Runs of samples where the loop had not been polled for `thresholdMs`. A
 * run starts when the last poll returned (its first sample's time minus
 * sinceLastPollMs) and ends when polling shows again in the next sample.
 */
function loopStalls(samples: Sample[], thresholdMs: number): SummaryItem[] {
  const items: SummaryItem[] = [];
  let start: Sample | null = null;
  let paused = false;
  let previous: Sample | null = null;
  for (const s of samples) {
    const stalled = s.sinceLastPollMs >= thresholdMs;
    if (stalled && !start) {
      start = s;
      paused = s.paused;
    } else if (stalled) paused ||= s.paused;
    else if (start && previous) {
      const from = start.t - start.sinceLastPollMs;
      const to = Math.max(previous.t, s.t - s.sinceLastPollMs);
      items.push(item('summary.loop-stalled', { from, to, seconds: seconds(to - from), paused: String(paused), ongoing: 'false' }));
      start = null;
    }
    previous = s;
  }
  if (start && previous) {
    const from = start.t - start.sinceLastPollMs;
    items.push(item('summary.loop-stalled', { from, to: previous.t, seconds: seconds(previous.t - from), paused: String(paused), ongoing: 'true' }));
  }
  return items;
}

/** How long the channel was at capacity, counting each sample's interval to the next. */
function channelFullMs(samples: Sample[]): number {
  let total = 0;
  for (let i = 0; i + 1 < samples.length; i++) {
    const s = samples[i]!;
    if (s.capacity > 0 && s.depth >= s.capacity) total += samples[i + 1]!.t - s.t;
  }
  return total;
}

/**
 * How much a running total grew over the bundle. Totals start from 0 with
 * each new connection's engine, so a drop means a fresh count, not a negative one.
 */
function growth(samples: Sample[], total: (s: Sample) => number): number {
  let sum = 0;
  let previous = total(samples[0]!);
  for (let i = 1; i < samples.length; i++) {
    const value = total(samples[i]!);
    sum += value >= previous ? value - previous : value;
    previous = value;
  }
  return sum;
}

/** The distinct errors that ended or refused connections, most frequent first. */
function connectionErrors(samples: Sample[]): SummaryItem[] {
  const seen = new Set<number>();
  const reasons = new Map<string, { message: string; code: string; count: number; first: number; last: number }>();
  for (const s of samples) {
    const error = s.lastError;
    if (!error || seen.has(error.at)) continue;
    seen.add(error.at);
    const id = `${error.code}\u0000${error.message}`;
    const reason = reasons.get(id);
    if (reason) {
      reason.count++;
      reason.last = error.at;
    } else reasons.set(id, { message: error.message, code: error.code, count: 1, first: error.at, last: error.at });
  }
  return [...reasons.values()]
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .slice(0, MAX_ERROR_REASONS)
    .map((reason) => item('summary.connection-error', { ...reason }));
}

/** Each alert rule that was raised: how often, and for how long in all. */
function alertItems(bundle: DiagnosticsBundle, end: number): SummaryItem[] {
  const byRule = new Map<AlertRule, { count: number; ms: number }>();
  for (const alert of bundle.alerts) {
    const entry = byRule.get(alert.id) ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += Math.max(0, (alert.clearedAt ?? Math.max(end, alert.since)) - alert.since);
    byRule.set(alert.id, entry);
  }
  return [...byRule].map(([rule, { count, ms }]) => item('summary.alert', { rule, count, seconds: seconds(ms) }));
}

/** The drills of the fault timeline, each start paired with what followed it. */
function drills(bundle: DiagnosticsBundle, end: number): SummaryItem[] {
  const items: SummaryItem[] = [];
  const open = new Map<DrillKind, { from: number; value: number }>();
  const close = (kind: DrillKind, to: number, ongoing: boolean) => {
    const started = open.get(kind);
    if (!started) return;
    open.delete(kind);
    items.push(item('summary.drill', { kind, from: started.from, to, seconds: seconds(to - started.from), value: started.value, ongoing: String(ongoing) }));
  };
  for (const record of bundle.faults) {
    close(record.kind, record.t, false);
    if (record.phase !== 'start') continue;
    if (record.kind === 'drop-connection') items.push(item('summary.drill', { kind: record.kind, from: record.t, to: record.t, seconds: 0, value: 0, ongoing: 'false' }));
    else open.set(record.kind, { from: record.t, value: record.value ?? 0 });
  }
  for (const [kind, started] of [...open]) close(kind, Math.max(end, started.from), true);
  return items.sort((a, b) => Number(a.params.from) - Number(b.params.from));
}
