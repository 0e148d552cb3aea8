// The event log: order, wall-clock stamps, capacity and filtering.
import { describe, expect, it } from 'vitest';
import { EventLog } from './event-log.js';

describe('EventLog', () => {
  it('numbers entries in order and stamps them with the wall clock', () => {
    let now = 1_000;
    const log = new EventLog({ now: () => now });
    log.add('info', 'connection', 'connected to 127.0.0.1:1883');
    now = 2_000;
    log.add('error', 'error', 'connection refused');
    expect(log.entries()).toEqual([
      { seq: 1, t: 1_000, level: 'info', category: 'connection', message: 'connected to 127.0.0.1:1883' },
      { seq: 2, t: 2_000, level: 'error', category: 'error', message: 'connection refused' },
    ]);
  });

  it('returns only what is newer than a seq the reader already has', () => {
    const log = new EventLog();
    for (let i = 1; i <= 5; i++) log.add('info', 'channel', `capacity set to ${i}`);
    expect(log.entries(3).map((e) => e.seq)).toEqual([4, 5]);
    expect(log.entries(5)).toEqual([]);
    expect(log.entries(99)).toEqual([]);
  });

  it('keeps at most its capacity, forgetting the oldest, while seq keeps counting', () => {
    const log = new EventLog({ capacity: 3 });
    for (let i = 1; i <= 10; i++) log.add('warning', 'alert', `alert ${i}`);
    expect(log.size).toBe(3);
    expect(log.entries().map((e) => e.seq)).toEqual([8, 9, 10]);
    expect(log.entries(2).map((e) => e.seq)).toEqual([8, 9, 10]);
    expect(log.seq).toBe(10);
  });

  it('keeps 5,000 entries by default', () => {
    const log = new EventLog();
    for (let i = 0; i < 5_200; i++) log.add('info', 'load', 'tick');
    expect(log.size).toBe(5_000);
    expect(log.entries()[0]!.seq).toBe(201);
  });

  it('tells listeners about each new entry until they unsubscribe', () => {
    const log = new EventLog();
    const heard: string[] = [];
    const unsubscribe = log.onEntry((entry) => heard.push(entry.message));
    log.add('info', 'loop', 'paused');
    unsubscribe();
    log.add('info', 'loop', 'resumed');
    expect(heard).toEqual(['paused']);
  });
});
