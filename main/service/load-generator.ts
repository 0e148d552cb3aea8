// The load generator: publishes at a steady rate in bursts, counting what the channel refused.
import type { LoadStatus } from '../../shared/domain.js';
import type { LoadSpec } from '../../shared/schemas.js';
import type { AsyncClient } from '../engine/index.js';

const TICK_MS = 10;

/**
 * Publishes at a steady rate, in bursts, to reproduce backpressure in
 * seconds. In `tryPublish` mode a full channel shows up as failures; in
 * `publish` mode the generator itself waits for room, as a real producer
 * would, and falls behind its rate.
 */
export class LoadGenerator {
  private spec: LoadSpec | null = null;
  private client: AsyncClient | null = null;
  private timer: NodeJS.Timeout | null = null;
  private startedAtMono = 0;
  private waiting = false;
  private payload: Buffer = Buffer.alloc(0);
  private current: LoadStatus = idle(0);

  constructor(
    private readonly onEnd: (status: LoadStatus) => void,
    private readonly clock: () => number = () => performance.now(),
    private readonly now: () => number = Date.now,
  ) {}

  get running(): boolean {
    return this.current.running;
  }

  status(): LoadStatus {
    return { ...this.current };
  }

  start(spec: LoadSpec, client: AsyncClient): LoadStatus {
    this.stop('stopped');
    this.spec = spec;
    this.client = client;
    this.payload = Buffer.alloc(spec.payloadSize, 0x61);
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
    };
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.tick();
    return this.status();
  }

  stop(reason: NonNullable<LoadStatus['endReason']>): LoadStatus {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.current.running) {
      this.current = { ...this.current, running: false, endReason: reason };
      this.onEnd(this.status());
    }
    this.client = null;
    return this.status();
  }

  private tick(): void {
    const spec = this.spec;
    const client = this.client;
    if (!spec || !client || this.waiting) return;
    const elapsedSec = (this.clock() - this.startedAtMono) / 1000;
    if (spec.durationSec !== undefined && elapsedSec >= spec.durationSec) {
      this.stop('duration');
      return;
    }
    const limit = spec.count ?? Number.POSITIVE_INFINITY;
    const due = Math.min(limit, Math.floor(elapsedSec * spec.rate));
    // Whole bursts only: a burst of 100 at 1,000/s goes out as 100 at once, ten times a second.
    const bursts = Math.floor((due - this.current.sent) / spec.burst);
    let toSend = Math.min(bursts * spec.burst, limit - this.current.sent);
    if (toSend <= 0 && due >= limit && this.current.sent < limit) toSend = limit - this.current.sent;
    if (spec.mode === 'tryPublish') this.sendNow(spec, client, toSend);
    else if (toSend > 0) void this.sendWaiting(spec, client, toSend);
    if (this.current.sent >= limit) this.stop('count');
  }

  private sendNow(spec: LoadSpec, client: AsyncClient, count: number): void {
    const s = this.current;
    for (let i = 0; i < count; i++) {
      const result = client.tryPublish(spec.topic, spec.qos, false, this.payload);
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
        const outcome = await client.publish(spec.topic, spec.qos, false, this.payload);
        s.sent++;
        if (outcome === 'queued') s.accepted++;
        else s.dropped++;
      }
    } catch {
      this.stop('disconnected');
    } finally {
      this.waiting = false;
    }
    if (spec.count !== undefined && s.sent >= spec.count) this.stop('count');
  }
}

function idle(rate: number): LoadStatus {
  return { running: false, sent: 0, accepted: 0, failed: 0, dropped: 0, rate, startedAt: null };
}
