// The monitor's bounded ring: overwriting, indexing and copying out.
import { describe, expect, it } from 'vitest';
import { BoundedRing } from './ring.js';

describe('BoundedRing', () => {
  it('overwrites the oldest item once full', () => {
    const ring = new BoundedRing<number>(3);
    for (let i = 1; i <= 5; i++) ring.push(i);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect(ring.at(0)).toBe(3);
    expect(ring.newest()).toBe(5);
    expect(ring.at(3)).toBeUndefined();
  });

  it('returns the newest items, oldest first', () => {
    const ring = new BoundedRing<number>(4);
    for (let i = 1; i <= 6; i++) ring.push(i);
    expect(ring.newestItems(2)).toEqual([5, 6]);
    expect(ring.newestItems(10)).toEqual([3, 4, 5, 6]);
    expect(ring.newestItems(-1)).toEqual([]);
  });

  it('refuses a capacity below one', () => {
    expect(() => new BoundedRing(0)).toThrow(/at least 1/);
  });

  it('is empty after clear', () => {
    const ring = new BoundedRing<number>(2);
    ring.push(1);
    ring.clear();
    expect(ring.size).toBe(0);
    ring.push(2);
    expect(ring.toArray()).toEqual([2]);
  });
});
