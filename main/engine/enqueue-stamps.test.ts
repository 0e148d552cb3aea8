// Unit tests of the enqueue stamps: taken once, in sequence order, older ones passed over, bounded.
import { describe, expect, it } from 'vitest';
import { EnqueueStamps } from './enqueue-stamps.js';

describe('EnqueueStamps', () => {
  it('gives a stamp back once, and passes over the older stamps of requests that left unmeasured', () => {
    const stamps = new EnqueueStamps(8);
    stamps.add(4, 10.5);
    stamps.add(8, 20.25);
    stamps.add(12, 30);
    expect(stamps.take(3)).toBe(0);
    expect(stamps.take(8)).toBe(20.25); // 4 left unmeasured: forgotten on the way
    expect(stamps.take(8)).toBe(0);
    expect(stamps.length).toBe(1);
    expect(stamps.take(13)).toBe(0);
    expect(stamps.length).toBe(0);
  });

  it('holds at most its size: a stamp that finds it full is not kept, the ones held stay right', () => {
    const stamps = new EnqueueStamps(4);
    for (let seq = 1; seq <= 6; seq++) stamps.add(seq, seq * 100);
    expect(stamps.length).toBe(4);
    expect(stamps.take(4)).toBe(400);
    expect(stamps.take(5)).toBe(0);
    stamps.add(7, 700);
    expect(stamps.take(7)).toBe(700);
  });
});
