// A growable FIFO ring buffer, the storage of the request channel and the event queue.
/**
 * A growable FIFO ring buffer: O(1) push at the back and shift at the front.
 *
 * Why not an array with `shift()`: that is O(n) per call, and a channel of a
 * million queued requests would spend its time moving elements. The storage
 * grows by doubling and never shrinks below `minStorage`, so a channel that
 * once filled keeps its memory until `compact()` is called.
 */
export class Ring<T> {
  private slots: Array<T | undefined>;
  private head = 0;
  private count = 0;
  private mask: number;

  constructor(private readonly minStorage = 16) {
    const size = nextPowerOfTwo(Math.max(2, minStorage));
    this.slots = new Array<T | undefined>(size);
    this.mask = size - 1;
  }

  get length(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.count === this.slots.length) this.grow();
    this.slots[(this.head + this.count) & this.mask] = item;
    this.count++;
  }

  /** Removes and returns the oldest item, or undefined when empty. */
  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.slots[this.head];
    this.slots[this.head] = undefined; // let the GC have it
    this.head = (this.head + 1) & this.mask;
    this.count--;
    return item;
  }

  /** The oldest item without removing it. */
  peek(): T | undefined {
    return this.count === 0 ? undefined : this.slots[this.head];
  }

  /** The item at position `index` from the front (0 = oldest). */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.count) return undefined;
    return this.slots[(this.head + index) & this.mask];
  }

  /** Removes every item, returning them oldest first. */
  drain(): T[] {
    const items: T[] = [];
    for (let item = this.shift(); item !== undefined; item = this.shift()) items.push(item);
    return items;
  }

  /** Slots allocated (at least `length`). */
  get storage(): number {
    return this.slots.length;
  }

  /**
   * Gives back storage above `floor` slots (a power of two) once at most a
   * quarter of it is in use, at least halving it each time. Called as a
   * queue drains, it returns a past burst's memory in amortized O(1) per
   * item, and costs one comparison while the storage is within `floor`.
   */
  shrinkTowards(floor: number): void {
    const slots = this.slots.length;
    if (slots <= floor || slots <= this.minStorage || this.count * 4 > slots) return;
    const wanted = nextPowerOfTwo(Math.max(this.minStorage, this.count * 2, floor, 2));
    if (wanted < slots) this.resize(wanted);
  }

  /** Gives back storage that a past burst left behind. */
  compact(): void {
    const wanted = nextPowerOfTwo(Math.max(this.minStorage, this.count, 2));
    if (wanted >= this.slots.length) return;
    this.resize(wanted);
  }

  private grow(): void {
    this.resize(this.slots.length * 2);
  }

  private resize(size: number): void {
    const next = new Array<T | undefined>(size);
    for (let i = 0; i < this.count; i++) next[i] = this.slots[(this.head + i) & this.mask];
    this.slots = next;
    this.head = 0;
    this.mask = size - 1;
  }
}

/** The smallest power of two at least `n`. */
export function nextPowerOfTwo(n: number): number {
  let size = 1;
  while (size < n) size *= 2;
  return size;
}
