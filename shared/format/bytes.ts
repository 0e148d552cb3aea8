// Sizes in bytes with SI units, in the person's locale.
import { numberFormat } from './cache.js';

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** A size in bytes with SI units: 512 B, 1.2 kB, 3.4 MB. */
export function formatBytes(locale: string, bytes: number): string {
  let value = bytes;
  let index = 0;
  while (Math.abs(value) >= 1000 && index < UNITS.length - 1) {
    value /= 1000;
    index++;
  }
  // Intl's short "byte" is a whole word in English; B reads the same everywhere.
  if (index === 0) return `${numberFormat(locale, { maximumFractionDigits: 0 }).format(value)} B`;
  return numberFormat(locale, { style: 'unit', unit: UNITS[index]!, unitDisplay: 'short', maximumFractionDigits: value >= 100 ? 0 : 1 }).format(value);
}
