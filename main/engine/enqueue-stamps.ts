// The enqueue times of the sampled requests, kept beside the channel rather than in the requests.
/**
 * Why not a field on each request: V8 keeps a field that has held a
 * fractional number as a boxed heap number (pointer compression unboxes no
 * doubles), so once any request carried `performance.now()` every request's
 * object grew a box, one more allocation per message paid for a stamp on one
 * message in 64. Here the stamps of the sampled requests sit in two typed
 * arrays, keyed by the channel's sequence number; requests leave the channel
 * in increasing sequence order, so a stamp whose request left unmeasured
 * (evicted, discarded, a control request) is passed over on the next take.
 */
export class EnqueueStamps {
  private readonly seqs: Float64Array;
  private readonly times: Float64Array;
  private head = 0;
  private count = 0;
  private readonly mask: number;

  /** @param size stamps held at most (a power of two); a stamp that finds them full is not taken. */
  constructor(size = 4096) {
    this.seqs = new Float64Array(size);
    this.times = new Float64Array(size);
    this.mask = size - 1;
  }

  get length(): number {
    return this.count;
  }

  /** Records that request `seq` entered at `at`; seqs come in increasing order. */
  add(seq: number, at: number): void {
    if (this.count > this.mask) return;
    const slot = (this.head + this.count) & this.mask;
    this.seqs[slot] = seq;
    this.times[slot] = at;
    this.count++;
  }

  /** The enqueue time of request `seq` and forgets it (and every older stamp); 0 when it was not stamped. */
  take(seq: number): number {
    while (this.count > 0) {
      const stamped = this.seqs[this.head]!;
      if (stamped > seq) return 0;
      const at = this.times[this.head]!;
      this.head = (this.head + 1) & this.mask;
      this.count--;
      if (stamped === seq) return at;
    }
    return 0;
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }
}
