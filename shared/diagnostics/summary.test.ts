// The diagnostics summary: what it says happened, from a bundle's samples and log.
import { describe, expect, it } from 'vitest';
import type { AlertRecord, ErrorInfo } from '../domain.js';
import { fixtureBundle, fixtureSample, FIXTURE_START } from '../../test/fixtures/diagnostics.js';
import { summaryInEnglish } from './summary-english.js';
import { SUMMARY_KEYS, summarizeBundle, type SummaryItem } from './summary.js';

const at = (seconds: number) => FIXTURE_START + seconds * 1000;
/** HH:MM:SS in UTC, so the tests do not depend on the machine's time zone. */
const utc = (ms: number) => new Date(ms).toISOString().slice(11, 19);
const find = (items: SummaryItem[], key: string) => items.filter((item) => item.key === key);

describe('summarizeBundle', () => {
  it('says when the loop was not polled, from the last poll to the first one after, and whether it was paused', () => {
    const samples = Array.from({ length: 60 }, (_, i) => {
      // The last poll before the stall returned at 12:00:03.5; polling was back at 12:00:41.
      const stalled = i >= 5 && i <= 40;
      return fixtureSample(at(i), { sinceLastPollMs: stalled ? at(i) - at(3.5) : 0, paused: stalled && i > 10 });
    });
    const items = summarizeBundle(fixtureBundle({ samples }));
    expect(find(items, 'summary.loop-stalled')).toEqual([
      { key: 'summary.loop-stalled', params: { from: at(3.5), to: at(41), seconds: 37.5, paused: 'true', ongoing: 'false' } },
    ]);
    expect(summaryInEnglish(find(items, 'summary.loop-stalled'), { time: utc })).toEqual([
      'Event loop not polled from 12:00:03 to 12:00:41 (37.5 s); it was paused on purpose.',
    ]);
  });

  it('does not call short gaps between polls a stall (below the stalled-loop threshold)', () => {
    const samples = Array.from({ length: 10 }, (_, i) => fixtureSample(at(i), { sinceLastPollMs: 1500 }));
    expect(find(summarizeBundle(fixtureBundle({ samples })), 'summary.loop-stalled')).toEqual([]);
  });

  it('says a stall is still going on when the bundle ends in one', () => {
    const samples = Array.from({ length: 10 }, (_, i) => fixtureSample(at(i), { sinceLastPollMs: i >= 5 ? at(i) - at(4) : 0 }));
    expect(find(summarizeBundle(fixtureBundle({ samples })), 'summary.loop-stalled')[0]?.params).toEqual({ from: at(4), to: at(9), seconds: 5, paused: 'false', ongoing: 'true' });
  });

  it('adds up how long the channel was full and counts the failures and drops, across a new connection', () => {
    const samples = [
      fixtureSample(at(0)),
      fixtureSample(at(1), { depth: 100, failedTryPublish: 10 }),
      fixtureSample(at(2), { depth: 100, failedTryPublish: 4000 }),
      fixtureSample(at(3), { depth: 40, failedTryPublish: 4000, droppedOldest: 3 }),
      // A new connection: its engine counts from 0 again.
      fixtureSample(at(3.5), { depth: 0 }),
      fixtureSample(at(4), { depth: 100, failedTryPublish: 10_210, droppedNewest: 2 }),
      fixtureSample(at(41), { depth: 0, failedTryPublish: 10_210, droppedNewest: 2 }),
    ];
    const items = summarizeBundle(fixtureBundle({ samples }));
    expect(find(items, 'summary.channel-full')[0]?.params).toEqual({ seconds: 39 });
    expect(find(items, 'summary.try-failures')[0]?.params).toEqual({ count: 14_210 });
    expect(find(items, 'summary.dropped')[0]?.params).toEqual({ oldest: 3, newest: 2 });
    expect(summaryInEnglish(find(items, 'summary.try-failures'))).toEqual(['14,210 tryPublish failures.']);
    expect(summaryInEnglish(find(items, 'summary.channel-full'))).toEqual(['Channel full for 39 s.']);
  });

  it('counts reconnects and groups their reasons, most frequent first', () => {
    const timeout = (t: number): ErrorInfo => ({ kind: 'protocol', code: 'keepalive-timeout', message: 'no answer from the broker', reasonCode: undefined, at: t });
    const refused = (t: number): ErrorInfo => ({ kind: 'connection', code: 'refused', message: 'connection refused', reasonCode: undefined, at: t });
    const samples = [
      fixtureSample(at(0)),
      fixtureSample(at(1), { lastError: timeout(at(0.5)), reconnects: 1 }),
      fixtureSample(at(2), { lastError: timeout(at(0.5)), reconnects: 1 }),
      fixtureSample(at(3), { lastError: refused(at(2.5)), reconnects: 1, connectionState: 'disconnected' }),
      fixtureSample(at(4), { lastError: timeout(at(3.5)), reconnects: 2 }),
    ];
    const items = summarizeBundle(fixtureBundle({ samples }));
    expect(find(items, 'summary.reconnects')[0]?.params).toEqual({ count: 2 });
    expect(find(items, 'summary.connection-error').map((item) => item.params)).toEqual([
      { message: 'no answer from the broker', code: 'keepalive-timeout', count: 2, first: at(0.5), last: at(3.5) },
      { message: 'connection refused', code: 'refused', count: 1, first: at(2.5), last: at(2.5) },
    ]);
  });

  it('lists each alert rule raised, how often and for how long', () => {
    const alert = (since: number, clearedAt: number | null): AlertRecord => ({
      id: 'try-publish-failing',
      severity: 'critical',
      message: 'tryPublish is failing',
      since,
      params: { failedPerSec: 10 },
      clearedAt,
    });
    const items = summarizeBundle(fixtureBundle({ alerts: [alert(at(1), at(3)), alert(at(5), null)] }));
    // The open one counts until the last sample (12:00:09).
    expect(find(items, 'summary.alert')[0]?.params).toEqual({ rule: 'try-publish-failing', count: 2, seconds: 6 });
    expect(summaryInEnglish(find(items, 'summary.alert'))).toEqual(['Alert "tryPublish is failing" raised 2 times, 6 s in all.']);
  });

  it('pairs each drill with its end, and marks the ones still on at the end', () => {
    const items = summarizeBundle(
      fixtureBundle({
        faults: [
          { t: at(1), kind: 'throttle', phase: 'start', value: 1000 },
          { t: at(2), kind: 'drop-connection', phase: 'start', value: null },
          { t: at(4), kind: 'throttle', phase: 'end', value: null },
          { t: at(5), kind: 'slow-poll', phase: 'start', value: 250 },
        ],
      }),
    );
    const drills = find(items, 'summary.drill');
    expect(drills.map((item) => item.params)).toEqual([
      { kind: 'throttle', from: at(1), to: at(4), seconds: 3, value: 1000, ongoing: 'false' },
      { kind: 'drop-connection', from: at(2), to: at(2), seconds: 0, value: 0, ongoing: 'false' },
      { kind: 'slow-poll', from: at(5), to: at(9), seconds: 4, value: 250, ongoing: 'true' },
    ]);
    expect(summaryInEnglish(drills, { time: utc })).toEqual([
      'Drill: writes throttled to 1,000 B/s from 12:00:01 to 12:00:04 (3 s).',
      'Drill: connection dropped at 12:00:02.',
      'Drill: a 250 ms wait before each poll from 12:00:05 until the end of the bundle (4 s).',
    ]);
  });

  it('says nothing went wrong when nothing did, and says what it covers', () => {
    const items = summarizeBundle(fixtureBundle());
    expect(items.map((item) => item.key)).toEqual(['summary.span', 'summary.quiet']);
    expect(items[0]!.params).toEqual({ from: at(0), to: at(9), seconds: 9, samples: 10 });
  });

  it('says an empty bundle holds no samples', () => {
    expect(summarizeBundle(fixtureBundle({ samples: [] }))).toEqual([{ key: 'summary.empty', params: {} }]);
  });

  it('uses only documented keys, each with exactly its documented params', () => {
    const samples = [fixtureSample(at(0)), fixtureSample(at(5), { depth: 100, failedTryPublish: 5, sinceLastPollMs: 5000, droppedOldest: 1, reconnects: 1, lostPublishes: 2 }), fixtureSample(at(6))];
    const items = summarizeBundle(fixtureBundle({ samples, faults: [{ t: at(1), kind: 'pause-loop', phase: 'start', value: null }] }));
    expect(items.length).toBeGreaterThan(5);
    for (const item of items) expect(Object.keys(item.params).sort()).toEqual([...SUMMARY_KEYS[item.key]].sort());
    expect(summaryInEnglish(items).every((line) => line.length > 10 && !line.includes('undefined') && !line.includes('NaN'))).toBe(true);
  });
});
