// Number formatting for English alert and log text. Kept apart so the later
// move to message catalogues can swap the locale in one place.

const LOCALE = 'en-US';

/** A whole count with thousands separators: 1,000. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString(LOCALE);
}

/** A rate or duration with at most one decimal, dropped when it is .0: 2, 3.2, 1,200. */
export function formatDecimal(value: number): string {
  if (Math.abs(value) >= 100) return formatCount(value);
  return Number(value.toFixed(1)).toLocaleString(LOCALE, { maximumFractionDigits: 1 });
}

/** Milliseconds as seconds: 3.2 s. */
export function formatSeconds(ms: number): string {
  return `${formatDecimal(ms / 1000)} s`;
}

/** A reason code as MQTT documents write it: 0x87. */
export function formatReasonCode(code: number): string {
  return `0x${code.toString(16).padStart(2, '0')}`;
}
