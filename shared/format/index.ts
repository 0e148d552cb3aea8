// Numbers, durations, sizes and times in the reader's locale, with Intl, for
// every side: the renderer binds them to the language on screen
// (`useFormat()`), the main process and the CLI to the language they speak.
import { formatBytes } from './bytes.js';
import { formatDuration, formatLatency, formatSeconds } from './duration.js';
import { formatCompact, formatCount, formatDecimal, formatPercent } from './number.js';
import { formatList } from './list.js';
import { formatAxisTime, formatClockTime } from './time.js';

/** Every formatter, bound to one locale. */
export interface Formatters {
  locale: string;
  count(value: number): string;
  decimal(value: number): string;
  compact(value: number): string;
  percent(fraction: number): string;
  duration(ms: number): string;
  /** A span in seconds, never shown in milliseconds: 0s, 45s, 4 min 12 s. */
  seconds(seconds: number): string;
  latency(ms: number | null): string;
  bytes(bytes: number): string;
  clock(t: number): string;
  axisTime(t: number): string;
  /** Items joined as the language joins a list: a, b and c / a、b和c. */
  list(items: readonly string[]): string;
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
      seconds: (value) => formatSeconds(locale, value),
      latency: (ms) => formatLatency(locale, ms),
      bytes: (value) => formatBytes(locale, value),
      clock: (t) => formatClockTime(locale, t),
      axisTime: (t) => formatAxisTime(locale, t),
      list: (items) => formatList(locale, items),
    };
    bound.set(locale, formatters);
  }
  return formatters;
}

export { formatBytes, formatDuration, formatLatency, formatSeconds, formatCompact, formatCount, formatDecimal, formatPercent, formatAxisTime, formatClockTime, formatList };
