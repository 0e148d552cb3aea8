/** Reconnect timing: exponential growth, capped, with random jitter. */
export interface BackoffOptions {
  /** First delay after a failure, in ms. */
  initialDelayMs: number;
  /** The delay never grows past this, in ms. */
  maxDelayMs: number;
  /** Growth per consecutive failure. */
  multiplier: number;
  /** Fraction of the delay (0..1) taken off at random, so a fleet of clients does not reconnect in lockstep. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialDelayMs: 250, maxDelayMs: 30_000, multiplier: 2, jitter: 0.5 };

/** The delay before reconnect attempt number `attempt` (0 = first retry). */
export function backoffDelay(options: BackoffOptions, attempt: number, random: () => number = Math.random): number {
  const grown = options.initialDelayMs * options.multiplier ** Math.min(attempt, 52);
  const capped = Math.min(options.maxDelayMs, grown);
  return Math.round(capped * (1 - options.jitter * random()));
}
