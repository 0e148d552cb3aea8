// Latencies and spans in the most readable unit, in the person's locale.
import { numberFormat } from './cache.js';

type Unit = 'millisecond' | 'second' | 'minute' | 'hour' | 'day';

function unit(locale: string, value: number, name: Unit, digits = 0): string {
  return numberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'narrow', maximumFractionDigits: digits }).format(value);
}

/**
 * A latency or short span in the most readable unit: 0.4 ms, 12 ms, 3.2 s,
 * 4 min 12 s, 2 h 5 min.
 */
export function formatDuration(locale: string, ms: number): string {
  const abs = Math.abs(ms);
  if (abs > 0 && abs < 1) return numberFormat(locale, { style: 'unit', unit: 'millisecond', unitDisplay: 'narrow', maximumSignificantDigits: 2 }).format(ms);
  if (abs < 10) return unit(locale, ms, 'millisecond', 1);
  if (abs < 1000) return unit(locale, ms, 'millisecond');
  if (abs < 60_000) return unit(locale, ms / 1000, 'second', abs < 10_000 ? 1 : 0);
  const totalSeconds = Math.floor(abs / 1000);
  if (abs < 3_600_000) {
    const seconds = totalSeconds % 60;
    const minutes = unit(locale, Math.floor(totalSeconds / 60), 'minute');
    return seconds === 0 ? minutes : `${minutes} ${unit(locale, seconds, 'second')}`;
  }
  if (abs < 86_400_000) {
    const minutes = Math.floor(totalSeconds / 60) % 60;
    const hours = unit(locale, Math.floor(totalSeconds / 3600), 'hour');
    return minutes === 0 ? hours : `${hours} ${unit(locale, minutes, 'minute')}`;
  }
  const hours = Math.floor(totalSeconds / 3600) % 24;
  const days = unit(locale, Math.floor(totalSeconds / 86_400), 'day');
  return hours === 0 ? days : `${days} ${unit(locale, hours, 'hour')}`;
}

/** A span given in whole seconds, as a person counts them: 0s, 45s, 4 min 12 s (never milliseconds). */
export function formatSeconds(locale: string, seconds: number): string {
  return Math.abs(seconds) < 60 ? unit(locale, seconds, 'second', 1) : formatDuration(locale, seconds * 1000);
}

/** A latency in milliseconds, or the dash for "nothing measured". */
export function formatLatency(locale: string, ms: number | null): string {
  return ms === null || !Number.isFinite(ms) ? '—' : formatDuration(locale, ms);
}
