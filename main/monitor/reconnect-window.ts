// Reconnect attempts over the last minute, for the reconnect-storm alert.
import type { Sample } from '../../shared/domain.js';

/** One minute: the window the reconnect threshold is expressed in. */
export const RECONNECT_WINDOW_MS = 60_000;

/**
 * Counts reconnect attempts seen in the samples over the last minute.
 *
 * The engine counts successful reconnects (`reconnects`) and keeps its last
 * error; a failed attempt only shows as a new `lastError.at`. Counting both
 * naively would count a "connect, get kicked, reconnect" cycle twice (the
 * drop is an error, the reconnect is an increment), so a reconnect that
 * follows an error is taken to be that error's retry:
 *
 *     refused, refused, refused      → 3 attempts (3 errors)
 *     dropped, reconnected (× 3)     → 3 attempts (each reconnect pairs with its drop)
 *     reconnected with no error seen → 1 attempt
 *
 * A new engine (counters back to 0, or its error cleared) starts a new window:
 * attempts of a connection the user has left say nothing about this one.
 */
export class ReconnectWindow {
  /** Wall-clock ms of each attempt, oldest first; at most a minute's worth. */
  private attempts: number[] = [];
  private lastReconnects = 0;
  private lastErrorAt: number | null = null;
  private unpairedError = false;

  /** Reads one sample; returns the attempts within the minute before it, oldest first. */
  observe(sample: Sample): readonly number[] {
    const errorAt = sample.lastError?.at ?? null;
    const newEngine = sample.reconnects < this.lastReconnects || (this.lastErrorAt !== null && errorAt === null);
    if (newEngine) {
      this.attempts = [];
      this.unpairedError = false;
    } else {
      if (errorAt !== null && errorAt !== this.lastErrorAt) {
        this.attempts.push(sample.t);
        this.unpairedError = true;
      }
      const reconnected = sample.reconnects - this.lastReconnects;
      if (reconnected > 0) {
        const retriesOfSeenErrors = this.unpairedError ? 1 : 0;
        for (let i = retriesOfSeenErrors; i < reconnected; i++) this.attempts.push(sample.t);
        this.unpairedError = false;
      }
    }
    this.lastReconnects = sample.reconnects;
    this.lastErrorAt = errorAt;

    // The array holds at most a minute of attempts, so trimming its front is cheap.
    const cutoff = sample.t - RECONNECT_WINDOW_MS;
    let expired = 0;
    while (expired < this.attempts.length && this.attempts[expired]! <= cutoff) expired++;
    if (expired > 0) this.attempts.splice(0, expired);
    return this.attempts;
  }
}
