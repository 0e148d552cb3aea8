// The report book: rates from consecutive reports, a restarted client, late reports, silence, the engine's alert rules on a reporting client, bad reports counted by why, and a bounded number of clients.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/schemas.js';
import type { ClientReport } from '../../shared/report/index.js';
import { ReportBook } from './report-book.js';

const T = 1_800_000_000_000;
const PREFIX = 'gauge/report/';
const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
const report = (time: number, fields: Partial<ClientReport> = {}): ClientReport => ({ version: 1, time, ...fields });

function book(max?: number) {
  return new ReportBook(PREFIX, DEFAULT_SETTINGS.alerts, max);
}

describe('a reporting client in the book', () => {
  it('is named by its report, or by its topic when the report leaves the id out', () => {
    const b = book();
    b.take(`${PREFIX}from-topic`, bytes(report(T)), T);
    b.take(`${PREFIX}other`, bytes(report(T, { clientId: 'from-report' })), T);
    expect(b.clients(T).map((c) => c.clientId)).toEqual(['from-report', 'from-topic']);
  });

  it('gets per-second rates from the counts of its last two reports, over its own clock', () => {
    const b = book();
    b.take(`${PREFIX}a`, bytes(report(T, { accepted: 100, failedTryPublish: 0, dropped: 2 })), T);
    // Received late on the way (3 s after the first), yet made 2 s after it: the client's clock sets the rate.
    b.take(`${PREFIX}a`, bytes(report(T + 2000, { accepted: 700, failedTryPublish: 50 })), T + 3000);
    const a = b.client('a', T + 3000)!;
    expect(a).toMatchObject({ reports: 2, acceptedRate: 300, failedTryPublishRate: 25, droppedRate: null, everyMs: 2000 });
    expect(a.latest.accepted).toBe(700);
  });

  it('reads a count that went down as a restart: the new total is what happened since', () => {
    const b = book();
    b.take(`${PREFIX}a`, bytes(report(T, { accepted: 5000 })), T);
    b.take(`${PREFIX}a`, bytes(report(T + 1000, { accepted: 40 })), T + 1000);
    expect(b.client('a', T + 1000)!.acceptedRate).toBe(40);
  });

  it('ignores a report older than the latest (it came late and says nothing new)', () => {
    const b = book();
    b.take(`${PREFIX}a`, bytes(report(T + 1000, { depth: 9 })), T + 1000);
    b.take(`${PREFIX}a`, bytes(report(T, { depth: 1 })), T + 1100);
    expect(b.client('a', T + 1100)).toMatchObject({ reports: 1, latest: { depth: 9 } });
    expect(b.history('a')).toHaveLength(1);
  });

  it('turns silent after 3 s without a report, or three of its own intervals when those are longer', () => {
    const b = book();
    b.take(`${PREFIX}fast`, bytes(report(T)), T);
    b.take(`${PREFIX}fast`, bytes(report(T + 1000)), T + 1000);
    b.take(`${PREFIX}slow`, bytes(report(T)), T);
    b.take(`${PREFIX}slow`, bytes(report(T + 5000)), T + 1000);
    expect(b.client('fast', T + 3999)!.silent).toBe(false);
    expect(b.client('fast', T + 4000)).toMatchObject({ silent: true, silentMs: 3000 });
    expect(b.client('slow', T + 15_999)!.silent).toBe(false);
    expect(b.client('slow', T + 16_000)!.silent).toBe(true);
  });

  it("raises the engine's nearly-full alert once the depth stays above 80 % for 5 s, and clears it when the queue drains", () => {
    const b = book();
    let raisedAt: number | null = null;
    for (let s = 0; s <= 6; s++) {
      const taken = b.take(`${PREFIX}a`, bytes(report(T + s * 1000, { capacity: 100, depth: 90 })), T + s * 1000);
      if (taken.kind === 'report' && taken.change.raised.some((a) => a.id === 'channel-nearly-full')) raisedAt = s;
    }
    expect(raisedAt).toBe(5);
    expect(b.client('a', T + 6000)!.alerts).toMatchObject([{ id: 'channel-nearly-full', params: { depth: 90, capacity: 100 } }]);
    const drained = b.take(`${PREFIX}a`, bytes(report(T + 7000, { capacity: 100, depth: 3 })), T + 7000);
    expect(drained.kind === 'report' && drained.change.cleared.map((a) => a.id)).toEqual(['channel-nearly-full']);
  });

  it('raises tryPublish failing as soon as the failure count rises, with the rate it rose at', () => {
    const b = book();
    b.take(`${PREFIX}a`, bytes(report(T, { failedTryPublish: 0 })), T);
    const taken = b.take(`${PREFIX}a`, bytes(report(T + 1000, { failedTryPublish: 1990 })), T + 1000);
    expect(taken.kind === 'report' && taken.change.raised).toMatchObject([{ id: 'try-publish-failing', params: { failedPerSec: 1990 } }]);
  });

  it('raises nothing for a client that leaves the queue out of its reports', () => {
    const b = book();
    for (let s = 0; s <= 10; s++) b.take(`${PREFIX}a`, bytes(report(T + s * 1000, { connection: 'connected' })), T + s * 1000);
    expect(b.client('a', T + 10_000)!.alerts).toEqual([]);
  });

  it('keeps five minutes of points for the charts', () => {
    const b = book();
    for (let s = 0; s < 400; s++) b.take(`${PREFIX}a`, bytes(report(T + s * 1000, { depth: s, capacity: 500 })), T + s * 1000);
    const points = b.history('a');
    expect(points).toHaveLength(300);
    expect(points[0]).toMatchObject({ depth: 100, capacity: 500 });
    expect(points.at(-1)).toMatchObject({ depth: 399, t: T + 399_000 });
  });
});

describe('messages on the report topic that are not reports', () => {
  it('are counted by why, the latest kept with its detail, and none of them adds a client', () => {
    const b = book();
    expect(b.take(`${PREFIX}big`, Buffer.alloc(5000, 0x20), T)).toMatchObject({ kind: 'bad', problem: { kind: 'too-large', bytes: 5000 } });
    b.take(`${PREFIX}text`, bytes('hello'), T);
    b.take(`${PREFIX}bytes`, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), T);
    b.take(`${PREFIX}array`, bytes([1, 2]), T);
    b.take(`${PREFIX}new`, bytes({ version: 2, time: T }), T);
    b.take(`${PREFIX}bad`, bytes({ version: 1, time: T, depth: -1 }), T + 5);
    expect(b.clients(T)).toEqual([]);
    expect(b.badReports()).toEqual({
      total: 6,
      byKind: { 'too-large': 1, 'not-json': 2, 'not-an-object': 1, 'future-version': 1, invalid: 1 },
      last: { at: T + 5, topic: `${PREFIX}bad`, kind: 'invalid', detail: 'depth: depth must not be negative' },
    });
  });

  it('do not disturb a good client between its reports', () => {
    const b = book();
    b.take(`${PREFIX}a`, bytes(report(T, { accepted: 10 })), T);
    b.take(`${PREFIX}a`, bytes('{"version":1,'), T + 500);
    b.take(`${PREFIX}a`, bytes(report(T + 1000, { accepted: 20 })), T + 1000);
    expect(b.client('a', T + 1000)).toMatchObject({ reports: 2, acceptedRate: 10 });
  });
});

describe('the number of clients', () => {
  it('is bounded: a client beyond the bound is counted, not kept, until one has been silent for ten minutes', () => {
    const b = book(3);
    for (const id of ['a', 'b', 'c']) b.take(`${PREFIX}${id}`, bytes(report(T)), T);
    expect(b.take(`${PREFIX}d`, bytes(report(T)), T + 1000)).toEqual({ kind: 'untracked' });
    expect(b.untrackedReports).toBe(1);
    b.take(`${PREFIX}b`, bytes(report(T + 600_000)), T + 600_000);
    b.take(`${PREFIX}c`, bytes(report(T + 600_000)), T + 600_000);
    expect(b.take(`${PREFIX}d`, bytes(report(T + 600_000)), T + 600_000).kind).toBe('report');
    expect(b.clients(T + 600_000).map((c) => c.clientId)).toEqual(['b', 'c', 'd']);
  });
});
