// The fault drills as the service runs them: real faults put into the engine, with a timeline.
import type { FaultKind, FaultRecord, FaultState, LogLevel, Sample } from '../../shared/domain.js';
import type { LogParams } from '../../shared/locales/wording.js';
import type { FaultCommand } from '../../shared/schemas.js';
import { BoundedRing } from '../monitor/ring.js';
import { ServiceFailure } from './errors.js';
import type { Session } from './session.js';

/** How many drill steps the timeline keeps. */
const TIMELINE_CAPACITY = 1_000;

/** How a drill is written to the event log: its catalogue key and values (see LOG_KEYS). */
export type DrillNote = (level: LogLevel, key: 'log.drill-started' | 'log.drill-ended', params: LogParams) => void;

/**
 * The fault drills: switches that put a real fault into the engine (a
 * write-rate limit, a silent socket, a dropped connection, a slowly polled
 * loop) to reproduce a customer's problem on purpose. Throttle and slow poll
 * are settings of the person's, so they carry over to each new connection;
 * a stall and a drop act on the connection there is. Each step is logged
 * and kept on a timeline for diagnostics bundles.
 */
export class FaultDrills {
  private throttle: number | null = null;
  private pollDelayMs = 0;
  private paused = false;
  /** Set while a socket stall runs: when it started (wall ms) and for how long. */
  private stall: { startedAt: number; seconds: number } | null = null;
  private readonly timeline = new BoundedRing<FaultRecord>(TIMELINE_CAPACITY);

  constructor(
    private readonly note: DrillNote,
    private readonly now: () => number = Date.now,
  ) {}

  /** Applies the drills that outlive a connection to a new session. */
  attach(session: Session): void {
    this.endStall(null);
    if (this.throttle !== null) session.eventLoop.throttleWrites(this.throttle);
    session.runner.setPollDelay(this.pollDelayMs);
  }

  /** A session ended: a stall on it ends with it. */
  detach(): void {
    this.endStall(null);
  }

  /** Switches one drill on, changes it, or off; refuses a stall or a drop without a connection. */
  apply(command: FaultCommand, session: Session | null): FaultState {
    switch (command.kind) {
      case 'throttle': {
        const before = this.throttle;
        this.throttle = command.bytesPerSec;
        session?.eventLoop.throttleWrites(command.bytesPerSec);
        if (command.bytesPerSec === null) {
          if (before !== null) this.end('throttle');
        } else {
          this.start('throttle', command.bytesPerSec);
        }
        break;
      }
      case 'slow-poll': {
        const before = this.pollDelayMs;
        this.pollDelayMs = command.delayMs;
        session?.runner.setPollDelay(command.delayMs);
        if (command.delayMs === 0) {
          if (before !== 0) this.end('slow-poll');
        } else {
          this.start('slow-poll', command.delayMs);
        }
        break;
      }
      case 'stall-socket': {
        const live = this.connected(session, 'stall');
        if (!live.eventLoop.stallSocket(command.seconds * 1000)) throw new ServiceFailure('not-connected', 'there is no live connection to stall: wait until it is connected');
        this.stall = { startedAt: this.now(), seconds: command.seconds };
        this.start('stall-socket', command.seconds);
        break;
      }
      case 'drop-connection':
        this.connected(session, 'drop').eventLoop.dropConnection('connection dropped by a fault drill');
        this.start('drop-connection', null);
        break;
    }
    return this.state(session);
  }

  /** Notes the loop being paused or resumed: the first drill there was, kept on the same timeline. */
  recordPause(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    this.timeline.push({ t: this.now(), kind: 'pause-loop', phase: paused ? 'start' : 'end', value: null });
  }

  /** Watches samples for the end of a stall, which the engine decides (its time is up, or the connection died). */
  observe(sample: Sample): void {
    if (this.stall && sample.faults.stalledUntil === null) this.endStall(sample);
  }

  /** The drills in force now. */
  state(session: Session | null): FaultState {
    const stats = session?.eventLoop.stats();
    const stalledUntil = stats?.faults.stalledUntil ?? null;
    return {
      throttleBytesPerSec: this.throttle,
      stalledUntil: stats && stalledUntil !== null ? Math.round(this.now() + (stalledUntil - stats.now)) : null,
      pollDelayMs: this.pollDelayMs,
    };
  }

  /** The timeline, oldest first. */
  records(): FaultRecord[] {
    return this.timeline.toArray().map((record) => ({ ...record }));
  }

  private connected(session: Session | null, what: string): Session {
    if (!session || session.eventLoop.stats().state !== 'connected') {
      throw new ServiceFailure('not-connected', `there is no live connection to ${what}: connect first, or wait until it is connected`);
    }
    return session;
  }

  private start(kind: FaultKind, value: number | null): void {
    this.timeline.push({ t: this.now(), kind, phase: 'start', value });
    this.note('warning', 'log.drill-started', { kind, value: value ?? 0 });
  }

  private end(kind: FaultKind, params: LogParams = {}): void {
    this.timeline.push({ t: this.now(), kind, phase: 'end', value: null });
    this.note('info', 'log.drill-ended', { kind, ...params });
  }

  private endStall(sample: Sample | null): void {
    const stall = this.stall;
    if (!stall) return;
    this.stall = null;
    const error = sample?.lastError;
    const lost = sample === null || (error !== null && error !== undefined && error.at >= stall.startedAt);
    this.end('stall-socket', { connectionLost: String(lost) });
  }
}
