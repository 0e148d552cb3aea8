// Latency histograms: percentiles per sample interval.
import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './latency.js';

describe('LatencyHistogram', () => {
  it('reports the median and 99th percentile of an interval in ms', () => {
    const latency = new LatencyHistogram();
    for (let ms = 1; ms <= 100; ms++) latency.record(ms);
    const interval = latency.takeInterval();
    expect(interval.count).toBe(100);
    expect(interval.p50).toBeCloseTo(50, 0);
    expect(interval.p99).toBeCloseTo(99, 0);
  });

  it('starts a new interval after each reading', () => {
    const latency = new LatencyHistogram();
    for (let ms = 1; ms <= 100; ms++) latency.record(ms);
    latency.takeInterval();
    latency.record(7);
    const next = latency.takeInterval();
    expect(next).toEqual({ p50: expect.closeTo(7, 1), p99: expect.closeTo(7, 1), count: 1 });
  });

  it('reports null percentiles for an interval in which nothing was measured', () => {
    const latency = new LatencyHistogram();
    expect(latency.takeInterval()).toEqual({ p50: null, p99: null, count: 0 });
  });

  it('keeps sub-millisecond latencies apart', () => {
    const latency = new LatencyHistogram();
    latency.record(0.25);
    expect(latency.takeInterval().p50).toBeCloseTo(0.25, 3);
  });

  it('clamps latencies outside 1 µs to 1 hour instead of losing them', () => {
    const latency = new LatencyHistogram();
    latency.record(0);
    latency.record(-5);
    latency.record(5 * 3_600_000);
    latency.record(Number.POSITIVE_INFINITY);
    const summary = latency.summary();
    expect(summary.count).toBe(4);
    expect(summary.p50).toBeCloseTo(0.001, 3);
    expect(summary.max).toBeCloseTo(3_600_000, -4);
  });

  it('ignores a latency that is not a number', () => {
    const latency = new LatencyHistogram();
    latency.record(Number.NaN);
    expect(latency.takeInterval().count).toBe(0);
  });

  it('summarises everything recorded, across intervals and including the current one', () => {
    const latency = new LatencyHistogram();
    for (let ms = 1; ms <= 50; ms++) latency.record(ms);
    latency.takeInterval();
    for (let ms = 51; ms <= 100; ms++) latency.record(ms);
    const summary = latency.summary();
    expect(summary.count).toBe(100);
    expect(summary.p50).toBeCloseTo(50, 0);
    expect(summary.p90).toBeCloseTo(90, 0);
    expect(summary.p99).toBeCloseTo(99, 0);
    expect(summary.max).toBeCloseTo(100, 0);
    // Asking for the summary does not eat the interval the sampler has not read yet.
    expect(latency.takeInterval()).toMatchObject({ count: 50, p50: expect.closeTo(75, 0) });
    expect(latency.summary().count).toBe(100);
  });

  it('summarises an empty histogram as nulls', () => {
    expect(new LatencyHistogram().summary()).toEqual({ p50: null, p90: null, p99: null, max: null, count: 0 });
  });

  it('forgets everything on reset', () => {
    const latency = new LatencyHistogram();
    latency.record(3);
    latency.takeInterval();
    latency.record(4);
    latency.reset();
    expect(latency.summary().count).toBe(0);
    expect(latency.takeInterval().count).toBe(0);
  });
});
