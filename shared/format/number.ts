// Counts, rates and percentages in the person's locale.
import { numberFormat } from './cache.js';

/** A whole count with the locale's grouping: 12,345 / 12,345. */
export function formatCount(locale: string, value: number): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** A rate or measurement: one decimal below 100, none above. */
export function formatDecimal(locale: string, value: number): string {
  return numberFormat(locale, { maximumFractionDigits: Math.abs(value) < 100 ? 1 : 0 }).format(value);
}

/** Large numbers kept short for chart axes and tiles: 12K, 3.4M (万 / 亿 in Chinese). */
export function formatCompact(locale: string, value: number): string {
  if (Math.abs(value) < 10_000) return formatDecimal(locale, value);
  return numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** A share in percent, whole: 80 %. */
export function formatPercent(locale: string, fraction: number): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}
