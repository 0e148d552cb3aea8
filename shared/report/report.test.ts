// Client reports off the wire: good ones read, unknown fields ignored, and each kind of bad one named, never thrown.
import { describe, expect, it } from 'vitest';
import { MAX_REPORT_BYTES, parseReport, reportTopicClient } from './index.js';

const good = { version: 1, time: 1_765_100_000_000, clientId: 'paho-7', library: 'paho-mqtt 1.6.1', capacity: 10, accepted: 120, failedTryPublish: 37, connection: 'connected', reconnects: 0 };

describe('client reports', () => {
  it('reads a report, with only the version and the time required', () => {
    expect(parseReport(JSON.stringify(good))).toEqual({ ok: true, report: good });
    expect(parseReport('{"version":1,"time":5}')).toEqual({ ok: true, report: { version: 1, time: 5 } });
  });

  it('ignores fields it does not know, so a newer reporter of the same version still reads', () => {
    const parsed = parseReport(JSON.stringify({ ...good, queueBytes: 4096, nested: { a: 1 } }));
    expect(parsed).toEqual({ ok: true, report: good });
  });

  it('names what is wrong with a bad report instead of throwing', () => {
    expect(parseReport('{"version":1,')).toEqual({ ok: false, problem: { kind: 'not-json' } });
    expect(parseReport('[1,2]')).toEqual({ ok: false, problem: { kind: 'not-an-object' } });
    expect(parseReport('null')).toEqual({ ok: false, problem: { kind: 'not-an-object' } });
    expect(parseReport('{"version":2,"time":5,"depth":"lots"}')).toEqual({ ok: false, problem: { kind: 'future-version', version: 2 } });
    expect(parseReport('{"time":5}')).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'version' } });
    expect(parseReport('{"version":1}')).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'time' } });
    expect(parseReport(JSON.stringify({ ...good, depth: -1 }))).toEqual({ ok: false, problem: { kind: 'invalid', field: 'depth', message: 'depth must not be negative' } });
    expect(parseReport(JSON.stringify({ ...good, failedTryPublish: 2.5 }))).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'failedTryPublish' } });
    expect(parseReport(JSON.stringify({ ...good, connection: 'asleep' }))).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'connection' } });
  });

  it('refuses an oversized payload before parsing it', () => {
    const big = JSON.stringify({ ...good, padding: 'x'.repeat(MAX_REPORT_BYTES) });
    expect(parseReport(big)).toEqual({ ok: false, problem: { kind: 'too-large', bytes: big.length } });
    // The wire size counts, not the decoded length: 2,000 "é" are 4,000 bytes.
    expect(parseReport('"' + 'é'.repeat(2100) + '"')).toMatchObject({ ok: false, problem: { kind: 'too-large', bytes: 4202 } });
  });

  it('reads the client id from the report topic', () => {
    expect(reportTopicClient('gauge/report/paho-7', 'gauge/report/')).toBe('paho-7');
    expect(reportTopicClient('gauge/report/', 'gauge/report/')).toBeNull();
    expect(reportTopicClient('other/paho-7', 'gauge/report/')).toBeNull();
  });
});
