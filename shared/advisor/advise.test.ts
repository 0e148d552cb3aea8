// The capacity advisor on synthetic recordings whose answers are known: bursts, stalls, a narrowed window, overload, quiet.
import { describe, expect, it } from 'vitest';
import { recordChannel, RECORDING_START, steps } from '../../test/fixtures/channel-recording.js';
import { advise, intervalsOf, niceAtLeast, pressureEpisodes, replayCapacity, replayBasis } from './index.js';

/** Every fifth step a burst of 500 onto a channel of 100; the loop keeps up between bursts. */
const bursts = (rounds: number) => Array.from({ length: rounds }, () => [{ offered: 500 }, ...steps(4, { offered: 0 })]).flat();

describe('the capacity advisor', () => {
  it('sizes the channel for bursts a healthy loop works off', () => {
    const advice = advise(recordChannel(bursts(10), 100));
    expect(advice.diagnosis).toEqual({ kind: 'burst', peakDemand: 500 });
    expect(advice.capacities).toEqual([100]);
    expect(advice.capacityCures).toBe(true);
    expect(advice.observed.refused).toBe(4000);
    // The smallest capacity that would have refused nothing is the burst itself; the suggestion adds a quarter and rounds up.
    expect(advice.suggestion).toBe(800);
    const at = (capacity: number) => advice.candidates.find((c) => c.capacity === capacity)!;
    expect(at(100)).toMatchObject({ reasons: ['in-force'], refused: 4000, peakDepth: 100 });
    expect(at(50)).toMatchObject({ reasons: ['half'], refused: 4500 });
    expect(at(200)).toMatchObject({ reasons: ['double'], refused: 3000 });
    expect(at(400)).toMatchObject({ reasons: ['times-4'], refused: 1000, peakDepth: 400 });
    expect(at(500)).toMatchObject({ reasons: ['smallest-without-refusals'], refused: 0, peakDepth: 500, firstRefusalAt: null });
    expect(at(800)).toMatchObject({ reasons: ['suggested'], refused: 0, peakDepth: 500 });
    expect(at(1000)).toMatchObject({ reasons: ['times-10'], refused: 0 });
    expect(advice.candidates.map((c) => c.capacity)).toEqual([50, 100, 200, 400, 500, 800, 1000]);
  });

  it('reproduces what was refused at the capacity in force, whatever the workload', () => {
    const workloads = [
      recordChannel(bursts(6), 100),
      recordChannel([...steps(10, { offered: 50 }), ...steps(10, { offered: 300, drains: 100 }), ...steps(10, { offered: 0 })], 250),
      recordChannel([...steps(5, { offered: 80 }), ...steps(20, { offered: 80, paused: true }), ...steps(5, { offered: 80 })], 500),
    ];
    for (const samples of workloads) {
      const intervals = intervalsOf(samples);
      const capacity = samples.at(-1)!.capacity;
      const refused = intervals.reduce((total, iv) => total + iv.overflowed, 0);
      expect(refused).toBeGreaterThan(0);
      expect(replayCapacity(intervals, capacity, replayBasis(intervals)).refused).toBe(refused);
    }
  });

  it('says capacity is not the cure when the loop was stalled, and how little a bigger one would have bought', () => {
    // 100 offered per 100 ms; the loop is paused for 3 s, and still paused when the window ends.
    const samples = recordChannel([...steps(10, { offered: 100 }), ...steps(30, { offered: 100, paused: true })], 200);
    const advice = advise(samples);
    expect(advice.diagnosis).toMatchObject({ kind: 'stalled', longestStallMs: 3000, offeredPerSec: 1000 });
    expect(advice.capacityCures).toBe(false);
    expect(advice.suggestion).toBeNull();
    const inForce = advice.candidates.find((c) => c.reasons.includes('in-force'))!;
    expect(inForce.refused).toBe(2800);
    // Ten times the capacity holds 2,000 requests: 18 more steps of 100 before the first refusal, and still 1,000 refused.
    const tenfold = advice.candidates.find((c) => c.reasons.includes('times-10'))!;
    expect(tenfold).toMatchObject({ capacity: 2000, refused: 1000, postponedMs: 1800 });
    // The stale requests would be as old as the stall.
    expect(tenfold.worstLatencyMs).toBeGreaterThanOrEqual(2900);
  });

  it("blames the broker's Receive Maximum when a narrowed window paced the loop below the load", () => {
    const samples = recordChannel([...steps(5, { offered: 100 }), ...steps(40, { offered: 300, drains: 200, windowFull: true })], 1000, { maxInflight: 20 });
    const advice = advise(samples, { askedInflight: 100 });
    expect(advice.diagnosis).toMatchObject({ kind: 'receive-maximum', granted: 20, asked: 100, offeredPerSec: 3000, drainedPerSec: 2000 });
    expect(advice.capacityCures).toBe(false);
    expect(advice.suggestion).toBeNull();
    // Asked for no more than it got, the window is the client's own.
    expect(advise(samples, { askedInflight: 20 }).diagnosis).toMatchObject({ kind: 'window', window: 20 });
  });

  it('diagnoses the latest episode of pressure: a stall after bursts that were cured is a stall', () => {
    const cured = recordChannel([...bursts(6), ...steps(30, { offered: 0 })], 100);
    const stalled = recordChannel(steps(12, { offered: 100, paused: true }), 100).map((s) => ({ ...s, t: s.t + cured.at(-1)!.t - RECORDING_START + 100 }));
    const samples = [...cured, ...stalled];
    // The bursts refused 2,400 over 2.6 s; the stall 1,100 over 1.1 s: fewer, and shorter, but the latest.
    expect(pressureEpisodes(intervalsOf(samples))).toHaveLength(2);
    expect(advise(samples).diagnosis.kind).toBe('stalled');
    expect(advise(cured).diagnosis.kind).toBe('burst');
  });

  it('calls a load the loop cannot drain with room in the window an overload', () => {
    const samples = recordChannel(steps(50, { offered: 300, drains: 200 }), 1000);
    expect(advise(samples).diagnosis).toMatchObject({ kind: 'overload', offeredPerSec: 3000, drainedPerSec: 2000 });
  });

  it('tells a channel that never filled from one that did, and suggests nothing', () => {
    const advice = advise(recordChannel(steps(50, { offered: 30, drains: 25 }), 1000));
    expect(advice.diagnosis).toMatchObject({ kind: 'healthy', capacity: 1000 });
    expect(advice.diagnosis.kind === 'healthy' && advice.diagnosis.peakDepth).toBeGreaterThan(0);
    expect(advice.suggestion).toBeNull();
    expect(advice.candidates.every((c) => c.capacity < 250 || c.refused === 0)).toBe(true);
  });

  it('puts requests that came while the connection was down on the connection, not the channel', () => {
    const samples = recordChannel([...steps(5, { offered: 50 }), ...steps(20, { offered: 50, connected: false })], 100);
    expect(advise(samples).diagnosis.kind).toBe('disconnected');
  });

  it('prices the queue from the publishes it saw', () => {
    const advice = advise(recordChannel(bursts(4), 100, { bytesPerPublish: 1000 }));
    const smallest = advice.candidates.find((c) => c.reasons.includes('smallest-without-refusals'))!;
    expect(advice.basis.bytesPerRequest).toBeGreaterThan(1000);
    expect(smallest.peakBytes).toBe(500 * advice.basis.bytesPerRequest);
  });

  it('counts across a reconnection, whose totals start again from zero', () => {
    const before = recordChannel(bursts(2), 100);
    const after = recordChannel(bursts(2), 100).map((s) => ({ ...s, t: s.t + before.at(-1)!.t - RECORDING_START + 100 }));
    expect(advise([...before, ...after]).observed.refused).toBe(1600);
  });

  it('counts the publishers a blocking channel held, and the capacity that would have held none', () => {
    // publish() on a full `block` channel waits instead of failing: 40 publishers waited while the channel held its 100.
    const samples = recordChannel(steps(20, { offered: 0 }), 100).map((s, i) => (i === 10 ? { ...s, depth: 100, highWater: 100, waitingSenders: 40 } : s));
    const advice = advise(samples);
    expect(advice.observed.refused).toBe(0);
    expect(advice.candidates.find((c) => c.capacity === 100)).toMatchObject({ refused: 0, held: 40 });
    expect(advice.candidates.find((c) => c.capacity === 200)).toMatchObject({ refused: 0, held: 0 });
  });

  it('takes refusals in an interval where the capacity was raised as refused at the old capacity', () => {
    const raised = recordChannel(bursts(3), 100).map((s, i) => (i >= 1 ? { ...s, capacity: 800 } : s));
    expect(advise(raised).capacities).toEqual([100, 800]);
    expect(advise([{ ...raised[0]!, capacity: 0, t: raised[0]!.t - 100 }, ...raised]).capacities).toEqual([100, 800]);
    const intervals = intervalsOf(raised);
    expect(intervals[0]).toMatchObject({ capacity: 800, overflowed: 400, peak: 100 });
  });

  it('needs more than a moment to go by', () => {
    expect(advise(recordChannel(steps(2, { offered: 500 }), 100)).diagnosis.kind).toBe('too-little-data');
    expect(advise([]).candidates).toEqual([]);
  });

  it('rounds suggestions to numbers a person would type', () => {
    expect([1, 7, 12, 13, 99, 101, 625, 2600, 9001].map(niceAtLeast)).toEqual([1, 8, 12, 15, 100, 120, 800, 3000, 10_000]);
  });
});
