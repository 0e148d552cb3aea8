// Unit tests of the ring buffer: FIFO order across growth and wrap-around, and storage given back after a burst.
import { describe, expect, it } from 'vitest';
import { Ring } from './ring.js';

function contents<T>(ring: Ring<T>): T[] {
  const items: T[] = [];
  for (let i = 0; i < ring.length; i++) items.push(ring.at(i) as T);
  return items;
}

describe('Ring', () => {
  it('an empty ring has nothing to shift, peek or drain', () => {
    const ring = new Ring<number>();
    expect(ring.length).toBe(0);
    expect(ring.shift()).toBeUndefined();
    expect(ring.peek()).toBeUndefined();
    expect(ring.at(0)).toBeUndefined();
    expect(ring.drain()).toEqual([]);
  });

  it('items come out in the order they went in, across growth beyond the initial storage', () => {
    const ring = new Ring<number>(4);
    for (let i = 0; i < 1000; i++) ring.push(i);
    expect(ring.length).toBe(1000);
    for (let i = 0; i < 1000; i++) expect(ring.shift()).toBe(i);
    expect(ring.length).toBe(0);
    expect(ring.shift()).toBeUndefined();
  });

  it('keeps FIFO order when the head has wrapped around and the storage then grows', () => {
    const ring = new Ring<number>(8);
    let pushed = 0;
    let shifted = 0;
    // Walk the head around the storage many times with a queue of 5..7 items.
    for (let round = 0; round < 100; round++) {
      while (ring.length < 7) ring.push(pushed++);
      while (ring.length > 5) expect(ring.shift()).toBe(shifted++);
    }
    // Now grow while the live items straddle the end of the storage.
    for (let i = 0; i < 50; i++) ring.push(pushed++);
    expect(ring.length).toBe(pushed - shifted);
    expect(contents(ring)).toEqual(Array.from({ length: pushed - shifted }, (_, i) => shifted + i));
    while (ring.length > 0) expect(ring.shift()).toBe(shifted++);
    expect(shifted).toBe(pushed);
  });

  it('peek shows the oldest item without removing it', () => {
    const ring = new Ring<string>();
    ring.push('a');
    ring.push('b');
    expect(ring.peek()).toBe('a');
    expect(ring.peek()).toBe('a');
    expect(ring.length).toBe(2);
    ring.shift();
    expect(ring.peek()).toBe('b');
  });

  it('at indexes from the oldest item and is undefined outside the live range', () => {
    const ring = new Ring<string>(2);
    ring.push('x');
    ring.shift(); // move the head so indexes must wrap
    for (const item of ['a', 'b', 'c']) ring.push(item);
    expect(ring.at(0)).toBe('a');
    expect(ring.at(1)).toBe('b');
    expect(ring.at(2)).toBe('c');
    expect(ring.at(3)).toBeUndefined();
    expect(ring.at(-1)).toBeUndefined();
  });

  it('drain returns every item oldest first and leaves the ring empty and reusable', () => {
    const ring = new Ring<number>(4);
    for (let i = 0; i < 3; i++) ring.push(i);
    ring.shift();
    for (let i = 3; i < 10; i++) ring.push(i);
    expect(ring.drain()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(ring.length).toBe(0);
    ring.push(42);
    expect(ring.drain()).toEqual([42]);
  });

  it('compact after a burst keeps the remaining items in order', () => {
    const ring = new Ring<number>(4);
    for (let i = 0; i < 10_000; i++) ring.push(i);
    for (let i = 0; i < 9_990; i++) ring.shift();
    ring.compact();
    expect(ring.length).toBe(10);
    expect(contents(ring)).toEqual([9990, 9991, 9992, 9993, 9994, 9995, 9996, 9997, 9998, 9999]);
    // It still works as a queue afterwards, including growing again.
    for (let i = 10_000; i < 10_100; i++) ring.push(i);
    expect(ring.drain()).toEqual(Array.from({ length: 110 }, (_, i) => 9990 + i));
  });

  it('compact of an empty or wrapped ring keeps what is there', () => {
    const empty = new Ring<number>(4);
    for (let i = 0; i < 100; i++) empty.push(i);
    empty.drain();
    empty.compact();
    expect(empty.length).toBe(0);
    empty.push(1);
    expect(empty.drain()).toEqual([1]);

    const wrapped = new Ring<number>(4);
    for (let i = 0; i < 64; i++) wrapped.push(i);
    for (let i = 0; i < 62; i++) wrapped.shift();
    for (let i = 64; i < 67; i++) wrapped.push(i); // wraps past the end of the storage
    wrapped.compact();
    expect(wrapped.drain()).toEqual([62, 63, 64, 65, 66]);
  });

  it('shrinkTowards gives back a burst\'s storage as the queue drains, keeping FIFO order', () => {
    const ring = new Ring<number>(16);
    for (let i = 0; i < 100_000; i++) ring.push(i);
    expect(ring.storage).toBe(131_072);
    let next = 0;
    while (ring.length > 0) {
      expect(ring.shift()).toBe(next++);
      ring.shrinkTowards(128);
    }
    expect(next).toBe(100_000);
    expect(ring.storage).toBe(128);
  });

  it('shrinkTowards leaves storage within the floor alone, and never goes below what is queued', () => {
    const ring = new Ring<number>(16);
    for (let i = 0; i < 1000; i++) ring.push(i);
    ring.shrinkTowards(1024);
    expect(ring.storage).toBe(1024);
    for (let i = 0; i < 700; i++) ring.shift();
    ring.shrinkTowards(16);
    // 300 queued is more than a quarter of 1024: nothing given back yet.
    expect(ring.storage).toBe(1024);
    for (let i = 0; i < 100; i++) ring.shift();
    ring.shrinkTowards(16);
    expect(ring.storage).toBe(512);
    expect(ring.drain()).toEqual(Array.from({ length: 200 }, (_, i) => 800 + i));
  });
});
