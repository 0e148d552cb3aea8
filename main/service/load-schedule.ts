// The load generator's timetable: which bursts are due at a moment, and which of them start too late to count as on time.

/*
 * Burst k (k = 0, 1, …) of `burst` messages is due once (k + 1) × burst
 * messages are due at the asked rate, i.e. at (k + 1) × P ms after the start,
 * with P = burst / rate × 1000. Each tick sends every burst due by then, so
 * a burst waits for the first tick after it fell due: up to one tick (a
 * little more, as timers drift) is the generator's resolution, not lateness.
 * The tolerance is therefore two ticks:
 *
 *   due:    P    2P   3P   4P   5P   6P   7P
 *   ticks:  T---------T-------------------------T      (T = one tick, 10 ms)
 *                                               ^ starts bursts 3..7; 3 and 4
 *                                                 were due more than two
 *                                                 ticks ago: two overruns
 *
 * A burst that starts later than that missed a whole tick: an overrun, as
 * emqtt-bench's pub_overrun counts them. The generator itself could not keep
 * up (the process was busy, or `publish` was still waiting for room), which
 * is a different story from the channel refusing a tryPublish. Nothing here
 * reads a clock: the caller passes the elapsed time, so tests drive it.
 */

/** One run's timetable and its lateness figures. */
export class LoadSchedule {
  /** Bursts that started more than `toleranceMs` after they were due. */
  overruns = 0;
  /** How late the overrun bursts started, summed, ms. */
  overrunLagMs = 0;
  /** Messages started so far. */
  private started = 0;
  private readonly periodMs: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly limit: number,
    private readonly toleranceMs: number,
  ) {
    this.periodMs = (burst / rate) * 1000;
  }

  /** True once every message of a counted run has been started. */
  get done(): boolean {
    return this.started >= this.limit;
  }

  /**
   * How many messages to start at `elapsedMs` after the run's start: whole
   * bursts, and the last partial one of a counted run once all of it is due.
   * Counts the overruns among them, and takes them as started.
   */
  take(elapsedMs: number): number {
    // Multiplied before divided: 1,150 ms at 200/s is 230 due, where (1150 / 1000) × 200 rounds to 229.99….
    const due = Math.min(this.limit, Math.floor((elapsedMs * this.rate) / 1000));
    const bursts = Math.floor((due - this.started) / this.burst);
    let count = Math.min(bursts * this.burst, this.limit - this.started);
    if (bursts > 0) this.countLate(this.started / this.burst, bursts, elapsedMs);
    if (count <= 0 && due >= this.limit && this.started < this.limit) {
      // The remainder of a count that is not a whole number of bursts: due when the last message is.
      count = this.limit - this.started;
      this.countLateAt((this.limit / this.rate) * 1000, elapsedMs);
    }
    if (count < 0) count = 0;
    this.started += count;
    return count;
  }

  /** How late the next burst is at `elapsedMs`, ms; 0 while it is not due yet or the run is complete. */
  behindMs(elapsedMs: number): number {
    if (this.done) return 0;
    const nextDueMs = Math.min((Math.floor(this.started / this.burst) + 1) * this.periodMs, (this.limit / this.rate) * 1000);
    return Math.max(0, elapsedMs - nextDueMs);
  }

  /**
   * Bursts first..first+n-1 start at `elapsedMs`; burst k was due at
   * (k + 1) × P. Those due before elapsed − tolerance are late; counted in
   * closed form, because a tick after a long stall can start a million.
   */
  private countLate(first: number, n: number, elapsedMs: number): void {
    const x = (elapsedMs - this.toleranceMs) / this.periodMs;
    // Burst k is late iff (k + 1) < x, i.e. k ≤ ceil(x) − 2.
    const late = Math.max(0, Math.min(n, Math.ceil(x) - 1 - first));
    if (late === 0) return;
    this.overruns += late;
    // Σ over k = first..first+late−1 of (elapsed − (k + 1) × P)
    this.overrunLagMs += late * elapsedMs - this.periodMs * ((late * (2 * first + late + 1)) / 2);
  }

  private countLateAt(dueMs: number, elapsedMs: number): void {
    const lateness = elapsedMs - dueMs;
    if (lateness <= this.toleranceMs) return;
    this.overruns++;
    this.overrunLagMs += lateness;
  }
}
