// Numbers, durations, sizes and times in the reader's locale. Components get
// them bound to the current language through `useFormat()`.
import { formatBytes } from './bytes.js';
import { formatDuration, formatLatency } from './duration.js';
import { formatCompact, formatCount, formatDecimal, formatPercent } from './number.js';
import { formatAxisTime, formatClockTime } from './time.js';

/** Every formatter, bound to one locale. */
export interface Formatters {
  locale: string;
  count(value: number): string;
  decimal(value: number): string;
  compact(value: number): string;
  percent(fraction: number): string;
  duration(ms: number): string;
  latency(ms: number | null): string;
  bytes(bytes: number): string;
  clock(t: number): string;
  axisTime(t: number): string;
}

const bound = new Map<string, Formatters>();

export function formattersFor(locale: string): Formatters {
  let formatters = bound.get(locale);
  if (!formatters) {
    formatters = {
      locale,
      count: (value) => formatCount(locale, value),
      decimal: (value) => formatDecimal(locale, value),
      compact: (value) => formatCompact(locale, value),
      percent: (fraction) => formatPercent(locale, fraction),
      duration: (ms) => formatDuration(locale, ms),
      latency: (ms) => formatLatency(locale, ms),
      bytes: (value) => formatBytes(locale, value),
      clock: (t) => formatClockTime(locale, t),
      axisTime: (t) => formatAxisTime(locale, t),
    };
    bound.set(locale, formatters);
  }
  return formatters;
}

export { formatBytes, formatDuration, formatLatency, formatCompact, formatCount, formatDecimal, formatPercent, formatAxisTime, formatClockTime };
