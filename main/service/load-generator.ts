// The load generator: publishes at a steady rate in bursts, counting what the channel refused, what it could not start on time, and how long its messages took to come back.
import { randomInt } from 'node:crypto';
import { LOAD_OVERRUN_AFTER_MS, type EndToEndLatency, type LoadStatus } from '../../shared/domain.js';
import type { LoadSpec } from '../../shared/schemas.js';
import type { AsyncClient } from '../engine/index.js';
import { LoadSchedule } from './load-schedule.js';
import { canStamp, FILLER, stampedPayload, stampTime } from './load-stamp.js';
import { RunLatency } from './run-latency.js';

/** The generator's tick: LOAD_OVERRUN_AFTER_MS is two of them. */
export const TICK_MS = 10;

/** What the generator needs from its surroundings. Tests pass their own clock and ticks to drive it without sleeping. */
export interface LoadGeneratorOptions {
  /** Told once when a run ends, with its final status. */
  onEnd: (status: LoadStatus) => void;
  /** Whether some subscription covers a topic: without one no stamp comes back, and end-to-end latency is null. */
  subscribedTo?: (topic: string) => boolean;
  /** Monotonic ms, for the timetable. */
  clock?: () => number;
  /** Wall-clock ms, for `startedAt`. */
  now?: () => number;
  /** Calls `tick` every `ms` until the returned function is called. */
  every?: (ms: number, tick: () => void) => () => void;
  /** A fresh id for each run, so its stamps are told apart from an earlier run's. */
  newRunId?: () => number;
  /** The stamps' clock, shared by sender and receiver (see stampTime). */
  stampClock?: () => number;
}

const everyInterval = (ms: number, tick: () => void): (() => void) => {
  const timer = setInterval(tick, ms);
  return () => clearInterval(timer);
};

/**
 * Publishes at a steady rate, in bursts, to reproduce backpressure in
 * seconds. In `tryPublish` mode a full channel shows up as failures; in
 * `publish` mode the generator itself waits for room, as a real producer
 * would, and falls behind its rate (counted as overruns). Each payload
 * starts with a stamp of the run and its send time, so when the load's
 * topic is also subscribed the service hands what arrives to `observe` and
 * the run reports publish → receive latency.
 */
export class LoadGenerator {
  private spec: LoadSpec | null = null;
  private client: AsyncClient | null = null;
  private cancelTicks: (() => void) | null = null;
  private schedule: LoadSchedule | null = null;
  private startedAtMono = 0;
  private waiting = false;
  private template: Buffer = Buffer.alloc(0);
  private runId = 0;
  private behindAtStop = 0;
  private seenAtLastPush = 0;
  private current: LoadStatus = idle();
  private readonly latency: RunLatency;
  private readonly clock: () => number;
  private readonly now: () => number;
  private readonly every: (ms: number, tick: () => void) => () => void;
  private readonly newRunId: () => number;
  private readonly subscribedTo: (topic: string) => boolean;

  constructor(private readonly options: LoadGeneratorOptions) {
    this.clock = options.clock ?? (() => performance.now());
    this.now = options.now ?? Date.now;
    this.every = options.every ?? everyInterval;
    this.newRunId = options.newRunId ?? (() => randomInt(1, 0xffff_ffff));
    this.subscribedTo = options.subscribedTo ?? (() => false);
    this.latency = new RunLatency(options.stampClock ?? stampTime);
  }

  get running(): boolean {
    return this.current.running;
  }

  status(): LoadStatus {
    const schedule = this.schedule;
    return {
      ...this.current,
      endToEnd: this.endToEnd(),
      overruns: schedule?.overruns ?? 0,
      overrunLagMs: Math.round(schedule?.overrunLagMs ?? 0),
      behindMs: Math.round(this.current.running && schedule ? schedule.behindMs(this.clock() - this.startedAtMono) : this.behindAtStop),
    };
  }

  /** Whether there is something new to push: the run is going, or stamped messages kept arriving after it ended. */
  hasNews(): boolean {
    const seen = this.latency.seen;
    if (!this.current.running && seen === this.seenAtLastPush) return false;
    this.seenAtLastPush = seen;
    return true;
  }

  /** Looks at a message received on a subscription: one of this run's stamps adds to its end-to-end latency. */
  observe(payload: Buffer): void {
    this.latency.observe(payload);
  }

  start(spec: LoadSpec, client: AsyncClient): LoadStatus {
    this.stop('stopped');
    this.spec = spec;
    this.client = client;
    this.template = Buffer.alloc(spec.payloadSize, FILLER);
    this.runId = this.newRunId();
    this.latency.begin(this.runId);
    this.seenAtLastPush = 0;
    this.behindAtStop = 0;
    this.schedule = new LoadSchedule(spec.rate, spec.burst, spec.count ?? Number.POSITIVE_INFINITY, LOAD_OVERRUN_AFTER_MS);
    this.startedAtMono = this.clock();
    this.current = {
      running: true,
      sent: 0,
      accepted: 0,
      failed: 0,
      dropped: 0,
      rate: spec.rate,
      startedAt: this.now(),
      // Echoed so that a window that did not start the run can still draw its progress.
      ...(spec.count !== undefined ? { count: spec.count } : {}),
      ...(spec.durationSec !== undefined ? { durationSec: spec.durationSec } : {}),
      stamping: spec.stamp === false ? 'off' : canStamp(spec.payloadSize) ? 'on' : 'payload-too-small',
      endToEnd: null,
      overruns: 0,
      overrunLagMs: 0,
      behindMs: 0,
    };
    this.cancelTicks = this.every(TICK_MS, () => this.tick());
    this.tick();
    return this.status();
  }

  stop(reason: NonNullable<LoadStatus['endReason']>): LoadStatus {
    this.cancelTicks?.();
    this.cancelTicks = null;
    if (this.current.running) {
      this.behindAtStop = this.schedule ? this.schedule.behindMs(this.clock() - this.startedAtMono) : 0;
      this.current = { ...this.current, running: false, endReason: reason };
      this.options.onEnd(this.status());
    }
    this.client = null;
    return this.status();
  }

  private endToEnd(): EndToEndLatency | null {
    const spec = this.spec;
    if (!spec || this.current.stamping !== 'on') return null;
    // Figures already measured stay shown after an unsubscribe; before any, there is nothing to wait for.
    if (this.latency.seen === 0 && !this.subscribedTo(spec.topic)) return null;
    return this.latency.figures();
  }

  private tick(): void {
    const spec = this.spec;
    const client = this.client;
    const schedule = this.schedule;
    if (!spec || !client || !schedule || this.waiting) return;
    const elapsedMs = this.clock() - this.startedAtMono;
    if (spec.durationSec !== undefined && elapsedMs >= spec.durationSec * 1000) {
      this.stop('duration');
      return;
    }
    // Whole bursts only: a burst of 100 at 1,000/s goes out as 100 at once, ten times a second.
    const toSend = schedule.take(elapsedMs);
    if (spec.mode === 'tryPublish') this.sendNow(spec, client, toSend);
    else if (toSend > 0) void this.sendWaiting(spec, client, toSend);
    if (spec.mode === 'tryPublish' && schedule.done) this.stop('count');
  }

  /** The payload for messages starting now: stamped with the run and this moment, or the plain filler. */
  private payloadNow(): Buffer {
    return this.current.stamping === 'on' ? stampedPayload(this.template, this.runId, stampTime()) : this.template;
  }

  private sendNow(spec: LoadSpec, client: AsyncClient, count: number): void {
    const s = this.current;
    let payload = this.template;
    for (let i = 0; i < count; i++) {
      // One stamped buffer per burst, not per message: a burst starts at one
      // moment, and tryPublish takes well under a microsecond per message.
      if (i % spec.burst === 0) payload = this.payloadNow();
      const result = client.tryPublish(spec.topic, spec.qos, false, payload);
      s.sent++;
      if (result.ok) s.accepted++;
      else if (result.error === 'dropped') s.dropped++;
      else if (result.error === 'closed') {
        this.stop('disconnected');
        return;
      } else s.failed++;
    }
  }

  private async sendWaiting(spec: LoadSpec, client: AsyncClient, count: number): Promise<void> {
    this.waiting = true;
    const s = this.current;
    try {
      for (let i = 0; i < count && this.client === client; i++) {
        // Stamped per message: each publish() may wait for room, and its latency starts when it is called.
        const outcome = await client.publish(spec.topic, spec.qos, false, this.payloadNow());
        s.sent++;
        if (outcome === 'queued') s.accepted++;
        else s.dropped++;
      }
    } catch {
      this.stop('disconnected');
    } finally {
      this.waiting = false;
    }
    if (this.client === client && this.schedule?.done) this.stop('count');
  }
}

function idle(): LoadStatus {
  return { running: false, sent: 0, accepted: 0, failed: 0, dropped: 0, rate: 0, startedAt: null, stamping: 'off', endToEnd: null, overruns: 0, overrunLagMs: 0, behindMs: 0 };
}
