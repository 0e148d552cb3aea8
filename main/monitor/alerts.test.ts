// The alert rules: when each is raised, updated and cleared, as samples arrive.
import { describe, expect, it } from 'vitest';
import type { ErrorInfo, Sample } from '../../shared/domain.js';
import { DEFAULT_SETTINGS } from '../../shared/schemas.js';
import { AlertEngine, type AlertChange } from './alerts.js';
import { sampleWith, WALL_START } from '../../test/fakes/monitor.js';

/** Feeds samples 100 ms apart (10 Hz), each built from `overrides(i)`; returns the last change. */
function feed(alerts: AlertEngine, from: number, count: number, overrides: (i: number) => Partial<Sample>): AlertChange {
  let change: AlertChange = { raised: [], cleared: [], updated: [] };
  for (let i = from; i < from + count; i++) change = alerts.evaluate(sampleWith({ t: WALL_START + i * 100, ...overrides(i) }));
  return change;
}

const ids = (change: AlertChange) => ({ raised: change.raised.map((a) => a.id), cleared: change.cleared.map((a) => a.id) });

describe('AlertEngine', () => {
  it('raises nothing for a healthy client', () => {
    const alerts = new AlertEngine();
    expect(ids(feed(alerts, 0, 50, () => ({ acceptedRate: 5000, depth: 10 })))).toEqual({ raised: [], cleared: [] });
    expect(alerts.active()).toEqual([]);
  });

  describe('loop-stalled', () => {
    it('raises when a connected loop has not been polled for the threshold, and clears when polling resumes', () => {
      const alerts = new AlertEngine();
      expect(alerts.evaluate(sampleWith({ sinceLastPollMs: 1900 })).raised).toEqual([]);
      const raised = alerts.evaluate(sampleWith({ t: WALL_START + 100, sinceLastPollMs: 3200 })).raised;
      expect(raised).toEqual([
        {
          id: 'loop-stalled',
          severity: 'critical',
          since: WALL_START + 100,
          message: 'The event loop is not being polled and has not been polled for 3.2 s — requests cannot leave the channel. Resume the loop (or poll it faster).',
          params: { sinceLastPollMs: 3200, paused: false, depth: 0 },
        },
      ]);
      const cleared = alerts.evaluate(sampleWith({ t: WALL_START + 200, sinceLastPollMs: 0 })).cleared;
      expect(cleared.map((a) => a.id)).toEqual(['loop-stalled']);
    });

    it('says so when the loop is paused on purpose, and how much is queued', () => {
      const alerts = new AlertEngine();
      const [alert] = alerts.evaluate(sampleWith({ sinceLastPollMs: 2500, paused: true, depth: 950 })).raised;
      expect(alert!.message).toBe('The event loop is paused and has not been polled for 2.5 s — requests cannot leave the channel (950 queued). Resume the loop.');
    });

    it('applies while connecting', () => {
      const alerts = new AlertEngine();
      expect(ids(alerts.evaluate(sampleWith({ connectionState: 'connecting', sinceLastPollMs: 2000 }))).raised).toEqual(['loop-stalled']);
    });

    it('applies to a disconnected engine only when requests wait in it', () => {
      const alerts = new AlertEngine();
      const idle = { connectionState: 'disconnected' as const, sinceLastPollMs: 10_000 };
      expect(alerts.evaluate(sampleWith(idle)).raised).toEqual([]);
      expect(ids(alerts.evaluate(sampleWith({ ...idle, depth: 1 }))).raised).toEqual(['loop-stalled']);
      expect(ids(alerts.evaluate(sampleWith(idle))).cleared).toEqual(['loop-stalled']);
      expect(ids(alerts.evaluate(sampleWith({ ...idle, waitingSenders: 2 }))).raised).toEqual(['loop-stalled']);
    });

    it('keeps its since and follows the stall in its params and message while it lasts, as an update', () => {
      const alerts = new AlertEngine();
      feed(alerts, 0, 1, () => ({ sinceLastPollMs: 2000 }));
      const change = feed(alerts, 1, 10, (i) => ({ sinceLastPollMs: 2000 + i * 100 }));
      expect(change.raised).toEqual([]);
      expect(change.updated).toEqual([expect.objectContaining({ id: 'loop-stalled', params: { sinceLastPollMs: 3000, paused: false, depth: 0 } })]);
      const [active] = alerts.active();
      expect(active).toMatchObject({ id: 'loop-stalled', since: WALL_START });
      expect(active!.message).toContain('for 3 s');
    });
  });

  describe('channel-nearly-full', () => {
    const nearlyFull = { depth: 950, capacity: 1000 };

    it('waits for the depth to stay above the threshold for the whole duration', () => {
      const alerts = new AlertEngine();
      // 4.9 s above 80 %: not yet.
      expect(feed(alerts, 0, 50, () => nearlyFull).raised).toEqual([]);
      const change = feed(alerts, 50, 1, () => nearlyFull);
      expect(change.raised).toEqual([
        {
          id: 'channel-nearly-full',
          severity: 'warning',
          since: WALL_START + 5000,
          message: 'Channel depth 950/1,000 (95 %) for 5 s — the loop is not keeping up. Raise capacity, speed up polling, or check the broker.',
          params: { depth: 950, capacity: 1000, percent: 95, forMs: 5000 },
        },
      ]);
    });

    it('starts counting again when the depth dips below the threshold', () => {
      const alerts = new AlertEngine();
      feed(alerts, 0, 40, () => nearlyFull);
      feed(alerts, 40, 1, () => ({ depth: 800, capacity: 1000 })); // exactly 80 % is not above it
      expect(feed(alerts, 41, 50, () => nearlyFull).raised).toEqual([]);
      expect(ids(feed(alerts, 91, 1, () => nearlyFull)).raised).toEqual(['channel-nearly-full']);
    });

    it('clears when the channel drains', () => {
      const alerts = new AlertEngine();
      feed(alerts, 0, 51, () => nearlyFull);
      expect(ids(feed(alerts, 51, 1, () => ({ depth: 100 }))).cleared).toEqual(['channel-nearly-full']);
    });
  });

  describe('try-publish-failing', () => {
    it('raises while tryPublish fails and clears when it stops', () => {
      const alerts = new AlertEngine();
      const [alert] = alerts.evaluate(sampleWith({ failedTryPublishRate: 1200 })).raised;
      expect(alert).toMatchObject({ id: 'try-publish-failing', severity: 'critical' });
      expect(alert!.message).toMatch(/^tryPublish failing at 1,200\/s — the channel is full; /);
      // Held for a readable time after the last failure, then cleared.
      expect(ids(alerts.evaluate(sampleWith({ t: WALL_START + 100, failedTryPublishRate: 0 }))).cleared).toEqual([]);
      expect(ids(alerts.evaluate(sampleWith({ t: WALL_START + 3_000, failedTryPublishRate: 0 }))).cleared).toEqual(['try-publish-failing']);
    });

    it('does not flash: a 100 ms burst holds the alert for 3 s, and a new burst within the hold keeps it up', () => {
      const alerts = new AlertEngine();
      expect(ids(alerts.evaluate(sampleWith({ failedTryPublishRate: 50 }))).raised).toEqual(['try-publish-failing']);
      for (let t = 100; t < 3_000; t += 100) {
        const change = alerts.evaluate(sampleWith({ t: WALL_START + t, failedTryPublishRate: 0 }));
        expect(ids(change).cleared, `at ${t} ms`).toEqual([]);
      }
      expect(alerts.active().map((alert) => alert.id)).toEqual(['try-publish-failing']);
      // A new burst at 2.9 s starts the hold again.
      alerts.evaluate(sampleWith({ t: WALL_START + 2_900, failedTryPublishRate: 10 }));
      expect(ids(alerts.evaluate(sampleWith({ t: WALL_START + 5_800 }))).cleared).toEqual([]);
      expect(ids(alerts.evaluate(sampleWith({ t: WALL_START + 5_900 }))).cleared).toEqual(['try-publish-failing']);
    });

    it('reports the peak rate of the last 2 s, and keeps it during the hold', () => {
      const alerts = new AlertEngine();
      alerts.evaluate(sampleWith({ failedTryPublishRate: 300 }));
      alerts.evaluate(sampleWith({ t: WALL_START + 1_000, failedTryPublishRate: 100 }));
      expect(alerts.active()[0]).toMatchObject({ params: { failedPerSec: 300 } });
      alerts.evaluate(sampleWith({ t: WALL_START + 2_500 }));
      expect(alerts.active()[0]).toMatchObject({ params: { failedPerSec: 100 } });
      alerts.evaluate(sampleWith({ t: WALL_START + 3_900 }));
      expect(alerts.active()[0]).toMatchObject({ params: { failedPerSec: 100 } });
    });
  });

  describe('messages-dropped', () => {
    it('names the policy that dropped', () => {
      const alerts = new AlertEngine();
      const [oldest] = alerts.evaluate(sampleWith({ policy: 'drop-oldest', droppedOldestRate: 300 })).raised;
      expect(oldest).toMatchObject({ id: 'messages-dropped', severity: 'warning' });
      expect(oldest!.message).toMatch(/^Dropping 300 publishes\/s under drop-oldest \(the oldest queued publish makes room/);

      expect(ids(alerts.evaluate(sampleWith({ t: WALL_START + 3_000, droppedNewestRate: 0 }))).cleared).toEqual(['messages-dropped']);
      const [newest] = alerts.evaluate(sampleWith({ t: WALL_START + 3_100, policy: 'drop-newest', droppedNewestRate: 20 })).raised;
      expect(newest!.message).toMatch(/^Dropping 20 publishes\/s under drop-newest \(each new publish is thrown away\)/);
    });

    it('adds both kinds of drop, and clears when nothing drops', () => {
      const alerts = new AlertEngine();
      const [alert] = alerts.evaluate(sampleWith({ droppedOldestRate: 5, droppedNewestRate: 2.5 })).raised;
      expect(alert!.message).toMatch(/^Dropping 7.5 publishes\/s under drop-oldest and drop-newest — the channel is full\./);
      expect(ids(alerts.evaluate(sampleWith({ t: WALL_START + 1_000 }))).cleared).toEqual([]);
      expect(ids(alerts.evaluate(sampleWith({ t: WALL_START + 3_000 }))).cleared).toEqual(['messages-dropped']);
    });
  });

  describe('ping-slow', () => {
    it('raises above the round-trip threshold and clears below it', () => {
      const alerts = new AlertEngine();
      expect(alerts.evaluate(sampleWith({ pingRttMs: 1000 })).raised).toEqual([]);
      const [alert] = alerts.evaluate(sampleWith({ pingRttMs: 1530 })).raised;
      expect(alert).toMatchObject({ id: 'ping-slow', severity: 'warning' });
      expect(alert!.message).toMatch(/^Ping round trip 1,530 ms \(threshold 1,000 ms\)/);
      expect(ids(alerts.evaluate(sampleWith({ pingRttMs: 40 }))).cleared).toEqual(['ping-slow']);
    });

    it('ignores a round trip left over from a connection that is gone', () => {
      const alerts = new AlertEngine();
      expect(alerts.evaluate(sampleWith({ pingRttMs: 5000, connectionState: 'disconnected' })).raised).toEqual([]);
    });
  });

  describe('reconnect-loop', () => {
    const refusal = (at: number): ErrorInfo => ({
      kind: 'connection',
      code: 'refused',
      message: 'the broker refused the connection: not authorized (0x87)',
      reasonCode: 0x87,
      at,
    });

    it('raises when the broker keeps refusing, naming the reason, and clears a minute after it stops', () => {
      const alerts = new AlertEngine();
      // A refusal every 2 s: a new lastError each time, and no successful reconnect.
      let change: AlertChange = { raised: [], cleared: [], updated: [] };
      let lastError: ErrorInfo | null = null;
      for (let i = 0; i <= 100; i++) {
        if (i % 20 === 0) lastError = refusal(WALL_START + i * 100);
        change = alerts.evaluate(sampleWith({ t: WALL_START + i * 100, connectionState: 'connecting', lastError }));
        if (change.raised.length > 0) break;
      }
      // The sixth refusal, at 10 s, reaches the default 6 per minute.
      const [alert] = change.raised;
      expect(alert).toMatchObject({ id: 'reconnect-loop', severity: 'critical', since: WALL_START + 10_000 });
      expect(alert!.message).toMatch(/^Reconnecting every 2s: the broker refuses with reason 0x87 \(not authorized\)\./);

      // The broker lets us in and the connection holds: after a minute the old attempts age out.
      const last = lastError;
      expect(feed(alerts, 101, 499, () => ({ reconnects: 1, lastError: last })).cleared).toEqual([]);
      expect(ids(feed(alerts, 600, 1, () => ({ reconnects: 1, lastError: last }))).cleared).toEqual(['reconnect-loop']);
    });

    it('counts a connection that is dropped and comes back as one attempt, not two', () => {
      const alerts = new AlertEngine({ ...DEFAULT_SETTINGS.alerts, reconnectsPerMinute: 4 });
      const dropped = (at: number): ErrorInfo => ({ kind: 'connection', code: 'closed-by-peer', message: 'the broker closed the connection', reasonCode: undefined, at });
      // Three cycles: the drop (new error), then the reconnect one sample later.
      for (let cycle = 0; cycle < 3; cycle++) {
        const t = WALL_START + cycle * 5000;
        expect(alerts.evaluate(sampleWith({ t, reconnects: cycle, lastError: dropped(t), connectionState: 'disconnected' })).raised).toEqual([]);
        expect(alerts.evaluate(sampleWith({ t: t + 100, reconnects: cycle + 1, lastError: dropped(t) })).raised).toEqual([]);
      }
      expect(alerts.active()).toEqual([]);
      const t = WALL_START + 15_000;
      const change = alerts.evaluate(sampleWith({ t, reconnects: 3, lastError: dropped(t), connectionState: 'disconnected' }));
      expect(change.raised[0]!.message).toMatch(/^Reconnecting every 5s: the broker closed the connection\./);
    });

    it('counts reconnects that happen without an error being seen', () => {
      const alerts = new AlertEngine({ ...DEFAULT_SETTINGS.alerts, reconnectsPerMinute: 3 });
      const change = feed(alerts, 0, 3, (i) => ({ reconnects: i + 1 }));
      expect(ids(change).raised).toEqual(['reconnect-loop']);
    });

    it('starts over with a new connection', () => {
      const alerts = new AlertEngine({ ...DEFAULT_SETTINGS.alerts, reconnectsPerMinute: 3 });
      feed(alerts, 0, 3, (i) => ({ reconnects: (i + 1) * 2 }));
      expect(alerts.active().map((a) => a.id)).toEqual(['reconnect-loop']);
      // The user connects again: a fresh engine, counters at 0.
      expect(ids(feed(alerts, 3, 1, () => ({ reconnects: 0 }))).cleared).toEqual(['reconnect-loop']);
    });
  });

  it('applies thresholds changed while it runs', () => {
    const alerts = new AlertEngine();
    expect(alerts.evaluate(sampleWith({ pingRttMs: 300, sinceLastPollMs: 1500 })).raised).toEqual([]);

    alerts.setThresholds({ ...DEFAULT_SETTINGS.alerts, pingRttMs: 200, stalledPollSec: 1 });
    const change = alerts.evaluate(sampleWith({ t: WALL_START + 100, pingRttMs: 300, sinceLastPollMs: 1500 }));
    expect(ids(change).raised).toEqual(['loop-stalled', 'ping-slow']);

    alerts.setThresholds({ ...DEFAULT_SETTINGS.alerts, pingRttMs: 500 });
    expect(ids(alerts.evaluate(sampleWith({ t: WALL_START + 200, pingRttMs: 300, sinceLastPollMs: 1500 }))).cleared).toEqual(['loop-stalled', 'ping-slow']);
    expect(alerts.thresholds.pingRttMs).toBe(500);
  });

  it('raises the depth alert at once when its duration is set to zero', () => {
    const alerts = new AlertEngine({ ...DEFAULT_SETTINGS.alerts, depthPercent: 50, depthForSec: 0 });
    expect(ids(alerts.evaluate(sampleWith({ depth: 600 }))).raised).toEqual(['channel-nearly-full']);
  });

  it('reports nothing as updated while an alert’s numbers stay the same', () => {
    const alerts = new AlertEngine();
    alerts.evaluate(sampleWith({ failedTryPublishRate: 10 }));
    expect(alerts.evaluate(sampleWith({ t: WALL_START + 100, failedTryPublishRate: 10 }))).toEqual({ raised: [], cleared: [], updated: [] });
    expect(alerts.evaluate(sampleWith({ t: WALL_START + 200, failedTryPublishRate: 20 })).updated).toEqual([
      expect.objectContaining({ id: 'try-publish-failing', params: { failedPerSec: 20 }, message: expect.stringMatching(/^tryPublish failing at 20\/s/) }),
    ]);
  });

  it('tells listeners what was raised and cleared, and nothing when nothing changed', () => {
    const alerts = new AlertEngine();
    const changes: AlertChange[] = [];
    const unsubscribe = alerts.onChange((change) => changes.push(change));
    alerts.evaluate(sampleWith({ failedTryPublishRate: 10 }));
    alerts.evaluate(sampleWith({ t: WALL_START + 100, failedTryPublishRate: 20 }));
    alerts.evaluate(sampleWith({ t: WALL_START + 3_100 }));
    expect(changes.map(ids)).toEqual([
      { raised: ['try-publish-failing'], cleared: [] },
      { raised: [], cleared: ['try-publish-failing'] },
    ]);
    unsubscribe();
    alerts.evaluate(sampleWith({ t: WALL_START + 3_200, failedTryPublishRate: 10 }));
    expect(changes).toHaveLength(2);
  });

  it('keeps the numbers behind each active message', () => {
    const alerts = new AlertEngine();
    alerts.evaluate(sampleWith({ failedTryPublishRate: 42, pingRttMs: 2000 }));
    expect(alerts.activeDetails()).toEqual([
      expect.objectContaining({ id: 'try-publish-failing', params: { failedPerSec: 42 } }),
      expect.objectContaining({ id: 'ping-slow', params: { pingRttMs: 2000, thresholdMs: 1000 } }),
    ]);
    // The contract carries the params too, so the UI can word the alert in the reader's language.
    expect(alerts.active()[0]).toMatchObject({ id: 'try-publish-failing', params: { failedPerSec: 42 } });
  });
});
