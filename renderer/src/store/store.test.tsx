// The store as components see it: samples fill the history without re-rendering, slow facts do; alerts, log, messages and publish history stay right.
// @vitest-environment happy-dom
import { act, render } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { IncomingMessage, LogEntry } from '../../../shared/domain.js';
import { sampleHistory } from '../metrics/index.js';
import { ingestLog, ingestSample } from '../service/bind.js';
import { chartMarkers } from '../metrics/index.js';
import { sample } from '../../../test/renderer/fake-api.js';
import { freshState } from '../../../test/renderer/render.js';
import { MAX_LOG_ENTRIES } from './slices/log.js';
import { MAX_MESSAGES } from './slices/messages.js';
import { useGauge } from './store.js';

function logEntry(seq: number, overrides: Partial<LogEntry> = {}): LogEntry {
  return { seq, t: 1_000 + seq, level: 'info', category: 'connection', message: `line ${seq}`, ...overrides };
}

function message(topic: string, t: number): IncomingMessage {
  return { t, topic, qos: 0, retain: false, size: 2, preview: btoa('hi'), truncated: false };
}

beforeEach(() => {
  freshState();
});

describe('sample ingestion', () => {
  it('fills the ring buffers without re-rendering components that read the store', () => {
    let renders = 0;
    function Reader() {
      renders++;
      const state = useGauge((s) => s.connectionState);
      const capacity = useGauge((s) => s.capacity);
      return (
        <p>
          {state} {capacity}
        </p>
      );
    }
    render(<Reader />);
    act(() => ingestSample(sample({ depth: 0 })));
    const afterFirst = renders;
    act(() => {
      for (let i = 1; i <= 200; i++) ingestSample(sample({ t: 10_000 + i * 100, depth: i, failedTryPublishRate: i * 10, pingRttMs: i / 10 }));
    });
    expect(renders).toBe(afterFirst);
    expect(sampleHistory.size).toBe(201);
    expect(sampleHistory.latest?.depth).toBe(200);
    const [xs, depths] = sampleHistory.window(['depth'], 0, 10_000);
    expect(xs.length).toBe(201);
    expect(depths!.at(-1)).toBe(200);
  });

  it('renders again when a slow fact changes (state, capacity)', () => {
    let renders = 0;
    function Reader() {
      renders++;
      return <p>{useGauge((s) => s.capacity)}</p>;
    }
    render(<Reader />);
    act(() => ingestSample(sample()));
    const before = renders;
    act(() => ingestSample(sample({ capacity: 5000 })));
    expect(renders).toBe(before + 1);
    expect(useGauge.getState().capacity).toBe(5000);
  });

  it('keeps peaks when a long window is squeezed into few points', () => {
    for (let i = 0; i < 1000; i++) sampleHistory.push(sample({ t: i * 100, depth: i === 503 ? 999 : 1, pingRttMs: null }));
    const [xs, depth, ping] = sampleHistory.window(['depth', 'pingRtt'], 0, 100);
    expect(xs.length).toBe(100);
    expect(Math.max(...(depth as number[]))).toBe(999);
    expect(ping!.every((value) => value === null)).toBe(true);
  });
});

describe('alerts', () => {
  it('holds the alerts the service reports, and nothing once they clear', () => {
    useGauge.getState().setAlerts([{ id: 'try-publish-failing', severity: 'critical', message: 'failing', since: 1, params: { failedPerSec: 20 } }]);
    expect(useGauge.getState().alerts.map((a) => a.id)).toEqual(['try-publish-failing']);
    useGauge.getState().setAlerts([]);
    expect(useGauge.getState().alerts).toEqual([]);
  });
});

describe('event log', () => {
  it('keeps at most MAX_LOG_ENTRIES lines, forgetting the oldest and counting them', () => {
    const total = MAX_LOG_ENTRIES + 500;
    for (let start = 1; start <= total; start += 100) ingestLog(Array.from({ length: 100 }, (_, i) => logEntry(start + i)));
    const { logEntries, logForgotten } = useGauge.getState();
    expect(logEntries).toHaveLength(MAX_LOG_ENTRIES);
    expect(logForgotten).toBe(500);
    expect(logEntries[0]!.seq).toBe(501);
    expect(logEntries.at(-1)!.seq).toBe(total);
  });

  it('ignores a batch it already has', () => {
    ingestLog([logEntry(1), logEntry(2)]);
    ingestLog([logEntry(2)]);
    expect(useGauge.getState().logEntries.map((e) => e.seq)).toEqual([1, 2]);
  });

  it('turns channel and loop lines into chart markers', () => {
    ingestLog([
      logEntry(1, { category: 'channel', key: 'log.capacity-changed', params: { from: 1000, to: 2000 }, message: 'Capacity 1,000 → 2,000' }),
      logEntry(2, { category: 'channel', key: 'log.policy-changed', params: { from: 'block', to: 'drop-oldest' }, message: 'Overflow policy Block → Drop oldest' }),
      logEntry(3, { category: 'loop', key: 'log.loop-paused', params: {}, message: 'Event loop paused: nothing leaves the channel until it is resumed' }),
      logEntry(4, { category: 'connection', key: 'log.connected', params: { sessionPresent: 'false' }, message: 'Connected' }),
    ]);
    expect(chartMarkers.all.map((m) => m.kind)).toEqual(['capacity', 'policy', 'pause']);
    expect(chartMarkers.all[0]).toMatchObject({ from: 1000, to: 2000 });
  });

  it('takes in the lines from before the window opened, whether they come before or after newer ones', () => {
    ingestLog([logEntry(7), logEntry(8)]);
    const added = useGauge.getState().seedLog([logEntry(5), logEntry(6), logEntry(7)]);
    expect(added.map((e) => e.seq)).toEqual([5, 6]);
    expect(useGauge.getState().logEntries.map((e) => e.seq)).toEqual([5, 6, 7, 8]);
    ingestLog([logEntry(8), logEntry(9)]);
    expect(useGauge.getState().logEntries.map((e) => e.seq)).toEqual([5, 6, 7, 8, 9]);
  });
});

describe('incoming messages', () => {
  it('keeps the newest MAX_MESSAGES, newest first, and sums what was skipped for rate', () => {
    let t = 0;
    for (let batch = 0; batch < 60; batch++) {
      const messages = Array.from({ length: 50 }, () => message(`sensors/${batch % 3}`, ++t)).reverse();
      useGauge.getState().receiveMessages({ messages, skipped: 7 });
    }
    const state = useGauge.getState();
    expect(state.messages).toHaveLength(MAX_MESSAGES);
    expect(state.messages[0]!.t).toBe(3000);
    expect(state.messages.at(-1)!.t).toBe(1001);
    expect(state.skippedTotal).toBe(60 * 7);
    expect(state.receivedTotal).toBe(60 * 57);
    expect(state.topicCounts['sensors/0']!.count).toBe(20 * 50);
  });
});

describe('publish history', () => {
  it('applies a status that arrived before the reply naming its id', () => {
    const store = useGauge.getState();
    const seq = store.recordSending(store.draft);
    store.applyPublishStatus({ id: 'p9', state: 'written', t: 1, latencyMs: 0.5 });
    store.applyPublishStatus({ id: 'p9', state: 'acked', t: 2, latencyMs: 3 });
    useGauge.getState().recordAccepted(seq, { id: 'p9', outcome: 'queued', bytes: 5 });
    expect(useGauge.getState().publishHistory[0]).toMatchObject({ id: 'p9', state: 'acked', writtenMs: 0.5, ackMs: 3 });
  });

  it('shows a publish evicted by Drop oldest as dropped, not failed', () => {
    const store = useGauge.getState();
    const seq = store.recordSending(store.draft);
    store.recordAccepted(seq, { id: 'p10', outcome: 'queued', bytes: 5 });
    useGauge.getState().applyPublishStatus({ id: 'p10', state: 'failed', t: 3, reason: 'dropped' });
    expect(useGauge.getState().publishHistory[0]).toMatchObject({ id: 'p10', state: 'dropped' });
  });
});
