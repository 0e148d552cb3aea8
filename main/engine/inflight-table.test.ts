// The flat in-flight table: ids, sizes and send order, across id wrap and growth.
import { describe, expect, it } from 'vitest';
import { InflightTable } from './inflight-table.js';
import type { PublishRequest } from './requests.js';
import type { InflightPublish } from './inflight-table.js';

function entry(messageId: number): InflightPublish {
  return { request: { kind: 'publish', topic: 't', qos: 1, retain: false, payload: '' } as PublishRequest, messageId, phase: 'publish', sentAt: 0 };
}

describe('InflightTable', () => {
  it('lists entries in send order, not id order, so a resend after the ids wrapped keeps the original order', () => {
    const table = new InflightTable();
    for (const id of [65_534, 65_535, 1, 2]) table.set(id, entry(id));
    table.delete(65_535);
    expect(table.size).toBe(3);
    expect(table.values().map((e) => e.messageId)).toEqual([65_534, 1, 2]);
  });

  it('counts each id once, forgets deleted ids, and empties on clear', () => {
    const table = new InflightTable();
    table.set(7, entry(7));
    table.set(7, entry(7));
    expect(table.size).toBe(1);
    expect(table.has(7)).toBe(true);
    table.delete(7);
    table.delete(7);
    expect(table.size).toBe(0);
    expect(table.get(7)).toBeUndefined();
    table.set(9, entry(9));
    table.clear();
    expect(table.size).toBe(0);
    expect(table.values()).toEqual([]);
  });

  it('keeps what it held, and its order, when a higher id makes it grow', () => {
    const table = new InflightTable();
    for (const id of [3, 200, 1]) table.set(id, entry(id));
    table.set(40_000, entry(40_000));
    table.set(2, entry(2));
    expect(table.size).toBe(5);
    expect(table.get(200)?.messageId).toBe(200);
    expect(table.has(65_535)).toBe(false);
    expect(table.values().map((e) => e.messageId)).toEqual([3, 200, 1, 40_000, 2]);
  });
});
