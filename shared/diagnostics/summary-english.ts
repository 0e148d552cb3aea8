// The summary worded in English, for the CLI and for exports. The UI words
// the same items from its catalogues instead.
import type { AlertRule } from '../domain.js';
import type { DiagnosticsBundle } from './bundle.js';
import { summarizeBundle, type SummaryItem } from './summary.js';

/** How times are shown; local HH:MM:SS unless told otherwise. */
export interface SummaryFormat {
  time?(ms: number): string;
}

const ALERT_NAMES: Record<AlertRule, string> = {
  'loop-stalled': 'event loop stalled',
  'channel-nearly-full': 'channel nearly full',
  'try-publish-failing': 'tryPublish failing',
  'messages-dropped': 'messages dropped',
  'ping-slow': 'slow ping',
  'reconnect-loop': 'reconnect loop',
};

/** One English sentence per summary item. */
export function summaryInEnglish(items: SummaryItem[], format: SummaryFormat = {}): string[] {
  const time = format.time ?? localTime;
  return items.map((entry) => sentence(entry, time));
}

/** Summarizes a bundle and words it in English. */
export function describeBundle(bundle: DiagnosticsBundle, format: SummaryFormat = {}): string[] {
  return summaryInEnglish(summarizeBundle(bundle), format);
}

function sentence({ key, params: p }: SummaryItem, time: (ms: number) => string): string {
  const n = (value: string | number | undefined) => Number(value ?? 0).toLocaleString('en-US', { maximumFractionDigits: 1 });
  const t = (value: string | number | undefined) => time(Number(value));
  const plural = (count: string | number | undefined, one: string, many: string) => `${n(count)} ${Number(count) === 1 ? one : many}`;
  const span = (from: string | number | undefined, to: string | number | undefined, ongoing: string | number | undefined, secs: string | number | undefined) =>
    ongoing === 'true' ? `from ${t(from)} until the end of the bundle (${n(secs)} s)` : `from ${t(from)} to ${t(to)} (${n(secs)} s)`;
  switch (key) {
    case 'summary.empty':
      return 'The bundle holds no samples.';
    case 'summary.span':
      return `The bundle covers ${t(p.from)} to ${t(p.to)} (${n(p.seconds)} s, ${plural(p.samples, 'sample', 'samples')}).`;
    case 'summary.loop-stalled':
      return `Event loop not polled ${span(p.from, p.to, p.ongoing, p.seconds)}${p.paused === 'true' ? '; it was paused on purpose' : ''}.`;
    case 'summary.channel-full':
      return `Channel full for ${n(p.seconds)} s.`;
    case 'summary.channel-peak':
      return `Channel peaked at ${n(p.depth)} of ${n(p.capacity)} (${n(p.percent)} %) at ${t(p.at)}.`;
    case 'summary.try-failures':
      return `${plural(p.count, 'tryPublish failure', 'tryPublish failures')}.`;
    case 'summary.dropped':
      return `Dropped by the overflow policy: ${n(p.oldest)} oldest, ${n(p.newest)} newest.`;
    case 'summary.reconnects':
      return `${plural(p.count, 'reconnect', 'reconnects')}.`;
    case 'summary.connection-error':
      return Number(p.count) === 1
        ? `Connection error (${p.code}) at ${t(p.first)}: ${p.message}`
        : `Connection error ${n(p.count)} times (${p.code}), ${t(p.first)} to ${t(p.last)}: ${p.message}`;
    case 'summary.lost-publishes':
      return `${plural(p.count, 'unacked publish', 'unacked publishes')} lost: the broker kept no session.`;
    case 'summary.alert':
      return `Alert "${ALERT_NAMES[p.rule as AlertRule] ?? p.rule}" raised ${plural(p.count, 'time', 'times')}, ${n(p.seconds)} s in all.`;
    case 'summary.drill':
      return drill(p, t, n, span);
    case 'summary.quiet':
      return 'Nothing went wrong: no stalled loop, no full channel, no failures, drops, reconnects or alerts.';
  }
}

function drill(
  p: Record<string, string | number>,
  t: (value: string | number | undefined) => string,
  n: (value: string | number | undefined) => string,
  span: (from: string | number | undefined, to: string | number | undefined, ongoing: string | number | undefined, secs: string | number | undefined) => string,
): string {
  const when = span(p.from, p.to, p.ongoing, p.seconds);
  switch (p.kind) {
    case 'throttle':
      return `Drill: writes throttled to ${n(p.value)} B/s ${when}.`;
    case 'stall-socket':
      return `Drill: socket stalled for ${n(p.value)} s, ${when}.`;
    case 'drop-connection':
      return `Drill: connection dropped at ${t(p.from)}.`;
    case 'slow-poll':
      return `Drill: a ${n(p.value)} ms wait before each poll ${when}.`;
    default:
      return `Drill: event loop paused ${when}.`;
  }
}

function localTime(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((part) => String(part).padStart(2, '0')).join(':');
}
