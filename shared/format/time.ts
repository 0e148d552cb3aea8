// Times of day for logs and chart axes, in the person's locale.
import { dateFormat } from './cache.js';

/** Wall-clock time of day with milliseconds, for logs: 14:03:27.412. */
export function formatClockTime(locale: string, t: number): string {
  return dateFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3, hourCycle: 'h23' }).format(t);
}

/** Wall-clock time of day to the second, for chart axes: 14:03:27. */
export function formatAxisTime(locale: string, t: number): string {
  return dateFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(t);
}
