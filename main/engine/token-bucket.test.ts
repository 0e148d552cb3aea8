// Unit tests of the throttle drill's token bucket: its rate, its burst, and the debt a large batch leaves.
import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('starts with a burst of 50 ms worth of bytes', () => {
    expect(new TokenBucket(10_000, 0).available(0)).toBe(500);
  });

  it('lets a batch run into debt and says when the debt is paid', () => {
    const bucket = new TokenBucket(1000, 0);
    bucket.spend(250); // 50 tokens, then 200 bytes of debt
    expect(bucket.available(0)).toBe(-200);
    expect(bucket.readyAt()).toBe(200);
    expect(bucket.available(200)).toBe(0);
    expect(bucket.available(230)).toBeCloseTo(30);
  });

  it('never holds more than its burst, however long it waited', () => {
    const bucket = new TokenBucket(1000, 0);
    expect(bucket.available(60_000)).toBe(50);
  });

  it('has no wake-up time while it has tokens left', () => {
    expect(new TokenBucket(1000, 0).readyAt()).toBe(Number.POSITIVE_INFINITY);
  });

  it('keeps the long-run rate whatever the packet sizes', () => {
    const bucket = new TokenBucket(2000, 0);
    let written = 0;
    let now = 0;
    while (now < 10_000) {
      if (bucket.available(now) > 0) {
        bucket.spend(333);
        written += 333;
      } else now = bucket.readyAt();
    }
    // 10 s at 2,000 B/s, give or take the opening burst and one packet.
    expect(written).toBeGreaterThanOrEqual(20_000);
    expect(written).toBeLessThanOrEqual(20_000 + 100 + 333);
  });
});
