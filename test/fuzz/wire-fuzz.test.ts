// A short seeded wire-fuzz run on every `npm test`; `npm run fuzz` runs the
// long one. Regression cases found by fuzzing are kept in framing.test.ts
// and fake-broker.test.ts.
import { describe, expect, it } from 'vitest';
import { runWireFuzz } from './wire-fuzz.js';

describe('wire fuzzing (short seeded run)', () => {
  it('400 hostile and valid byte streams: no crash, no unhandled rejection, every case a named error or processed, and a reconnect after each', async () => {
    const report = await runWireFuzz(20261126, 400);
    expect(report.unexpected).toEqual([]);
    expect(report.unhandledRejections).toBe(0);
    expect(report.uncaughtExceptions).toBe(0);
    const ended = Object.values(report.outcomes).reduce((a, b) => a + b, 0);
    expect(ended).toBe(400);
    // Each case is a connection; every case after the first of each version came after a reconnect.
    expect(report.reconnects).toBe(400 - 2);
    // The stream is not all garbage: valid packets were processed, and several named faults were hit.
    expect(report.eventsProcessed).toBeGreaterThan(50);
    expect(Object.keys(report.outcomes).filter((o) => o.startsWith('protocol:')).length).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
