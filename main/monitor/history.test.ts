// The sample history: its capacity and what it keeps once full.
import { describe, expect, it } from 'vitest';
import { historyCapacity, SampleHistory } from './history.js';
import { sampleWith, WALL_START } from '../../test/fakes/monitor.js';

const at = (i: number) => sampleWith({ t: WALL_START + i * 100, accepted: i });

describe('SampleHistory', () => {
  it('holds minutes × 60 × sample rate samples', () => {
    expect(historyCapacity(10, 10)).toBe(6000);
    expect(new SampleHistory(historyCapacity(1, 10)).capacity).toBe(600);
  });

  it('stays bounded and keeps the newest samples, oldest first', () => {
    const history = new SampleHistory(5);
    for (let i = 0; i < 12; i++) history.push(at(i));
    expect(history.size).toBe(5);
    expect(history.all().map((s) => s.accepted)).toEqual([7, 8, 9, 10, 11]);
    expect(history.latest()?.accepted).toBe(11);
  });

  it('returns the samples taken since a wall-clock time', () => {
    const history = new SampleHistory(100);
    for (let i = 0; i < 20; i++) history.push(at(i));
    expect(history.since(WALL_START + 1500).map((s) => s.accepted)).toEqual([15, 16, 17, 18, 19]);
    expect(history.since(WALL_START + 5000)).toEqual([]);
    expect(history.since(0)).toHaveLength(20);
  });

  it('has no latest sample before the first one', () => {
    const history = new SampleHistory(3);
    expect(history.latest()).toBeUndefined();
    expect(history.all()).toEqual([]);
    expect(history.size).toBe(0);
  });

  it('keeps the newest samples when it shrinks, and keeps them all when it grows', () => {
    const history = new SampleHistory(10);
    for (let i = 0; i < 10; i++) history.push(at(i));
    history.resize(4);
    expect(history.all().map((s) => s.accepted)).toEqual([6, 7, 8, 9]);
    history.resize(8);
    history.push(at(10));
    expect(history.all().map((s) => s.accepted)).toEqual([6, 7, 8, 9, 10]);
    expect(history.capacity).toBe(8);
  });
});
