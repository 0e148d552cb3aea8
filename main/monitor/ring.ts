/**
 * A fixed-size ring that keeps the newest items: pushing into a full ring
 * overwrites the oldest in O(1). History and the event log live in these,
 * so memory stays bounded however long the app runs, and a push never moves
 * the other items (no `Array.shift` on a 180,000-sample array ten times a second).
 */
export class BoundedRing<T> {
  private slots: Array<T | undefined>;
  /** Index of the oldest item. */
  private head = 0;
  private count = 0;

  constructor(capacity: number) {
    this.slots = new Array<T | undefined>(checkCapacity(capacity));
  }

  get size(): number {
    return this.count;
  }

  get capacity(): number {
    return this.slots.length;
  }

  /** Adds an item; when full, the oldest one is forgotten. */
  push(item: T): void {
    const capacity = this.slots.length;
    if (this.count < capacity) {
      this.slots[(this.head + this.count) % capacity] = item;
      this.count++;
    } else {
      this.slots[this.head] = item;
      this.head = (this.head + 1) % capacity;
    }
  }

  /** The item `index` places from the oldest (0 = oldest), or undefined. */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.count) return undefined;
    return this.slots[(this.head + index) % this.slots.length];
  }

  newest(): T | undefined {
    return this.at(this.count - 1);
  }

  /** The newest `count` items, oldest first. */
  newestItems(count: number): T[] {
    const n = Math.max(0, Math.min(count, this.count));
    const items = new Array<T>(n);
    const start = this.count - n;
    for (let i = 0; i < n; i++) items[i] = this.at(start + i)!;
    return items;
  }

  /** Every item, oldest first. */
  toArray(): T[] {
    return this.newestItems(this.count);
  }

  /** Changes the capacity, keeping the newest items that fit. */
  resize(capacity: number): void {
    const kept = this.newestItems(checkCapacity(capacity));
    this.slots = new Array<T | undefined>(capacity);
    for (let i = 0; i < kept.length; i++) this.slots[i] = kept[i];
    this.head = 0;
    this.count = kept.length;
  }

  clear(): void {
    this.slots = new Array<T | undefined>(this.slots.length);
    this.head = 0;
    this.count = 0;
  }
}

function checkCapacity(capacity: number): number {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`a ring's capacity must be a whole number of at least 1, got ${String(capacity)}`);
  return capacity;
}
