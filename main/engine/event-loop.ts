// The event loop: owns the connection, the read and write paths, the fault drills and the waits, and hands out one event per poll().
import type { BrokerGrant } from '../../shared/broker-limits.js';
import type { ConnectionState, ErrorInfo } from '../../shared/domain.js';
import { latencyMask, type RequestChannel } from './channel.js';
import { Connection, finishedError } from './connection.js';
import { FaultDrills } from './drills.js';
import type { Event } from './events.js';
import { LoopCounters, loopStats, type EventLoopHooks, type EventLoopStats } from './loop-stats.js';
import { MAX_INFLIGHT, integer, type ResolvedOptions } from './options.js';
import { IncomingReader } from './reader.js';
import { Ring } from './ring.js';
import { ProtocolState } from './state.js';
import { PollInterrupted, Wakeup } from './wakeup.js';
import { OutgoingWriter } from './writer.js';

export type { BrokerGrant, ConnectionState, ErrorInfo };
export type { EventLoopFaults, EventLoopHooks, EventLoopStats, LatencyRecorder } from './loop-stats.js';
export { PollInterrupted } from './wakeup.js';

/**
 * Owns the socket, the timers and the drain of the request channel.
 * Nothing is read from the channel or written to the broker unless `poll()`
 * is being called; each call returns one event, as rumqttc's does.
 *
 * The work is done by parts with one job each, all sharing this loop's
 * protocol state, event queue and counters:
 *
 *     Connection      connect, CONNACK, backoff, the socket's lifecycle
 *     IncomingReader  bytes → frames → packets → protocol state → events
 *     OutgoingWriter  channel → encoded batch → one socket write
 *     FaultDrills     write throttle and socket stall
 *     Wakeup          waiting for work, timers, aborts
 */
export class EventLoop {
  private readonly state: ProtocolState;
  private readonly events = new Ring<Event>(256);
  private readonly counters = new LoopCounters();
  private readonly clock: () => number;
  private readonly drills: FaultDrills;
  private readonly writer: OutgoingWriter;
  private readonly reader: IncomingReader;
  private readonly wakeup: Wakeup;
  private readonly connection: Connection;
  /** True once the client disconnected or the loop was closed: no more connections. */
  private finished = false;
  private lastPollAt = 0;
  /** True while a poll waits for work: the loop is being polled, however long it has been. */
  private polling = false;

  constructor(
    readonly options: ResolvedOptions,
    private readonly channel: RequestChannel,
    hooks: EventLoopHooks = {},
  ) {
    this.state = new ProtocolState(options);
    this.clock = hooks.clock ?? (() => performance.now());
    this.drills = new FaultDrills(this.clock);
    this.writer = new OutgoingWriter(options, this.state, channel, this.events, this.counters, this.drills, hooks.queueLatency);
    this.reader = new IncomingReader(options, this.state, this.writer, this.events, this.counters, hooks.ackLatency);
    this.wakeup = new Wakeup(channel, this.clock, this.state, this.drills, this.writer);
    this.connection = new Connection(
      options,
      this.state,
      this.reader,
      this.writer,
      this.wakeup,
      this.drills,
      this.events,
      this.counters,
      this.clock,
      hooks.random ?? Math.random,
    );
    this.lastPollAt = this.clock();
  }

  /**
   * Returns the next event, connecting first when needed. Rejects with the
   * error that ended the connection; the next call reconnects after backoff.
   * An aborted `signal` rejects with PollInterrupted and changes nothing.
   */
  async poll(signal?: AbortSignal): Promise<Event> {
    this.lastPollAt = this.clock();
    const ready = this.events.shift();
    if (ready) return ready;
    this.polling = true;
    try {
      return await this.pollSlow(signal);
    } finally {
      this.polling = false;
      this.lastPollAt = this.clock();
    }
  }

  private async pollSlow(signal: AbortSignal | undefined): Promise<Event> {
    if (this.finished) throw finishedError();
    try {
      if (!this.connection.stream) await this.connection.connect(signal);
      for (;;) {
        const event = this.events.shift();
        if (event) return event;
        // close() may have ended everything while this poll waited.
        if (this.finished) throw finishedError();
        this.turn();
        const next = this.events.shift();
        if (next) return next;
        await this.wakeup.waitForWork(signal);
      }
    } catch (error) {
      if (error instanceof PollInterrupted || this.finished) throw error;
      throw this.connection.fail(error);
    }
  }

  /**
   * Returns an event the last poll already produced, without waiting and
   * without touching the network; undefined when there is none. A runner
   * uses it to take a drained batch's events without an await each.
   */
  tryPoll(): Event | undefined {
    // No clock read here: these events were made by a poll that just set
    // lastPollAt, and a batch is taken within the same task.
    return this.events.shift();
  }

  /**
   * Records latencies for one message in `every` (rounded up to a power of
   * two) rather than all, so measuring costs little at high rates. The
   * monitor raises it with the message rate; 1 measures every message.
   */
  setLatencySampling(every: number): void {
    this.reader.ackSampleMask = latencyMask(every);
    this.channel.setLatencySampling(every);
  }

  /** Changes the in-flight window live. */
  setInflight(limit: number): void {
    this.state.setInflight(integer('inflight', limit, 1, MAX_INFLIGHT, 'invalid-inflight'));
    this.wakeup.wake();
  }

  /** Drops the connection at once (no DISCONNECT); the next poll reconnects. For fault drills and tests. */
  dropConnection(reason = 'connection dropped on request'): void {
    if (this.connection.drop(reason)) this.wakeup.wake();
  }

  /**
   * Fault drill: limits what is written to the socket to `bytesPerSecond`
   * (null lifts the limit). While the budget is spent the loop stops draining
   * the channel, so the channel fills as it would behind a slow link. Lasts
   * across reconnects until lifted.
   */
  throttleWrites(bytesPerSecond: number | null): void {
    this.drills.throttleWrites(bytesPerSecond);
    this.wakeup.wake();
  }

  /**
   * Fault drill: the socket goes silent for `ms`: nothing is read and nothing
   * is written (pings included, so a stall longer than the keepalive ends in
   * a keepalive timeout and a reconnect, as a half-open link would). The
   * connection resumes where it was if it survives. Returns false when there
   * is no connection to stall.
   */
  stallSocket(ms: number): boolean {
    integer('ms', ms, 1, 3_600_000);
    const { stream } = this.connection;
    if (!stream || this.connection.state !== 'connected' || this.connection.failure) return false;
    this.drills.stall(this.clock(), ms);
    stream.pause();
    this.wakeup.wake();
    return true;
  }

  /** Closes everything now: the socket, the channel (queued requests are counted as discarded). */
  close(): void {
    this.finished = true;
    this.channel.close(true);
    this.connection.teardown();
    this.connection.state = 'disconnected';
    this.wakeup.wake();
  }

  /** What the broker's last CONNACK granted beside what we asked; null before the first connection. Read-only: a fresh copy each call. */
  brokerGrant(): BrokerGrant | null {
    return this.state.brokerGrant();
  }

  stats(): EventLoopStats {
    const now = this.clock();
    return loopStats(now, this.counters, this.state, this.connection, this.lastPollAt, this.polling, this.drills.faults(now));
  }

  /** Reads what arrived, keeps the connection alive, and drains the channel into one write. */
  private turn(): void {
    const now = this.clock();
    if (this.drills.stalledUntil !== 0 && this.stalled(now)) return;
    const connection = this.connection;
    // What arrived before the connection ended is read first: a broker's last
    // words (a v5 DISCONNECT with its reason, the acks before it hung up) are
    // worth more than "closed by peer". The failure is raised once they are out.
    this.reader.readIncoming(now, connection.stream);
    if (connection.failure) {
      if (this.events.length === 0) throw connection.failure;
      this.writer.discard();
      return;
    }
    const ping = this.state.tick(now);
    if (ping) this.writer.send(ping, 'pingreq');
    const budget = this.drills.writeBudget(now, this.options.maxBatchBytes);
    // A throttled loop out of budget leaves the channel (and its batch) as
    // they are until the bucket refills: real backpressure, not a fake.
    if (budget <= 0) return;
    const writer = this.writer;
    if (writer.writable && !writer.disconnecting) writer.drainChannel(now, budget);
    if (writer.flush(connection.stream, now) && writer.disconnecting) {
      this.finished = true;
      connection.endAfterDisconnect();
    }
  }

  /**
   * One turn of a stalled socket: no reading, no writing, but the keepalive
   * clock runs (a ping due now is queued and stays unwritten), so a long
   * enough stall ends in a keepalive timeout. Ends the stall once it is over.
   */
  private stalled(now: number): boolean {
    if (now >= this.drills.stalledUntil) {
      this.drills.endStall();
      this.reader.resumeAfterStall(this.connection.stream);
      return false;
    }
    if (this.connection.failure) throw this.connection.failure;
    const ping = this.state.tick(now);
    if (ping) this.writer.send(ping, 'pingreq');
    return true;
  }
}
