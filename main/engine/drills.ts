// The fault drills of the event loop: a write-rate throttle and a socket stall, real limits on its transport.
import type { EventLoopFaults } from './loop-stats.js';
import { integer } from './options.js';
import { TokenBucket } from './token-bucket.js';

/**
 * The drills in force and their clocks. The loop asks them once per turn
 * (how much it may write, whether the socket is stalled), never per message,
 * and with no drill running each answer costs one check.
 */
export class FaultDrills {
  /** The throttle drill's bucket; null (the usual case) when writes are not throttled. */
  private throttle: TokenBucket | null = null;
  /** Monotonic ms when the socket stall drill ends; 0 when there is none. */
  stalledUntil = 0;

  constructor(private readonly clock: () => number) {}

  /** Limits writes to `bytesPerSecond` (null lifts the limit); lasts across reconnects until lifted. */
  throttleWrites(bytesPerSecond: number | null): void {
    if (bytesPerSecond === null) this.throttle = null;
    else this.throttle = new TokenBucket(integer('bytesPerSecond', bytesPerSecond, 1, 1_000_000_000), this.clock());
  }

  /** Starts a socket stall of `ms` from `now`. */
  stall(now: number, ms: number): void {
    this.stalledUntil = now + ms;
  }

  /** A stall is a drill on one connection: it ends when its time is up or the connection does. */
  endStall(): void {
    this.stalledUntil = 0;
  }

  /** Bytes this turn may write: the batch limit, or less while the throttle's budget is spent (0 or less: write nothing). */
  writeBudget(now: number, maxBatchBytes: number): number {
    return this.throttle === null ? maxBatchBytes : Math.min(maxBatchBytes, this.throttle.available(now));
  }

  /** Charges what was written to the throttle. */
  spend(bytes: number): void {
    if (this.throttle !== null) this.throttle.spend(bytes);
  }

  /** When a drill next needs a turn: the stall's end, or the throttle's refill. */
  dueAt(): number {
    if (this.stalledUntil !== 0) return this.stalledUntil;
    if (this.throttle !== null) return this.throttle.readyAt();
    return Number.POSITIVE_INFINITY;
  }

  /** The drills in force at `now`, as stats() reports them. */
  faults(now: number): EventLoopFaults {
    // A stall whose time is up is over, even before the next turn (a paused runner takes none) resumes the socket.
    return { throttleBytesPerSec: this.throttle?.rate ?? null, stalledUntil: this.stalledUntil > now ? this.stalledUntil : null };
  }
}
