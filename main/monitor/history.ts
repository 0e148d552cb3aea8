// The last few minutes of samples in a fixed-size ring, for the charts and diagnostics.
import type { Sample } from '../../shared/domain.js';
import { BoundedRing } from './ring.js';

/** How many samples cover `minutes` at `sampleHz`. */
export function historyCapacity(minutes: number, sampleHz: number): number {
  return Math.max(1, Math.round(minutes * 60 * sampleHz));
}

/** The last few minutes of samples, in a fixed-size ring: the newest always fit, the oldest fall off. */
export class SampleHistory {
  private readonly ring: BoundedRing<Sample>;

  constructor(capacity: number) {
    this.ring = new BoundedRing<Sample>(capacity);
  }

  get size(): number {
    return this.ring.size;
  }

  get capacity(): number {
    return this.ring.capacity;
  }

  push(sample: Sample): void {
    this.ring.push(sample);
  }

  /** Every kept sample, oldest first. */
  all(): Sample[] {
    return this.ring.toArray();
  }

  /** The samples taken at or after `wallMs`, oldest first. */
  since(wallMs: number): Sample[] {
    // Walk back from the newest: a chart asks for the last few seconds far
    // more often than for everything, so this costs what it returns.
    let count = 0;
    while (count < this.ring.size && this.ring.at(this.ring.size - 1 - count)!.t >= wallMs) count++;
    return this.ring.newestItems(count);
  }

  latest(): Sample | undefined {
    return this.ring.newest();
  }

  /** Changes how many samples are kept, keeping the newest. */
  resize(capacity: number): void {
    if (capacity !== this.ring.capacity) this.ring.resize(capacity);
  }

  clear(): void {
    this.ring.clear();
  }
}
