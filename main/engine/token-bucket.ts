// The token bucket behind the throttle fault drill.
/**
 * A write-rate limit for the "throttle" fault drill. Tokens are bytes; they
 * refill at `rate` per second up to a burst of 50 ms' worth. A batch may take
 * the bucket below zero (a packet is never split), and the debt is paid by
 * waiting, so the long-run rate is `rate` whatever the packet sizes.
 */
export class TokenBucket {
  private tokens: number;
  private readonly burst: number;
  private refilledAt: number;

  constructor(
    readonly rate: number,
    now: number,
  ) {
    this.burst = Math.max(1, rate / 20);
    this.tokens = this.burst;
    this.refilledAt = now;
  }

  /** Bytes that may be written now; 0 or less means wait until `readyAt`. */
  available(now: number): number {
    if (now > this.refilledAt) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) * this.rate) / 1000);
      this.refilledAt = now;
    }
    return this.tokens;
  }

  spend(bytes: number): void {
    this.tokens -= bytes;
  }

  /** When the bucket is out of debt again (monotonic ms), so a waiting loop knows when to wake; never while it has tokens left. */
  readyAt(): number {
    return this.tokens > 0 ? Number.POSITIVE_INFINITY : this.refilledAt + Math.max(1, (-this.tokens * 1000) / this.rate);
  }
}
