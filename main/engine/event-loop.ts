import mqtt, { type IConnackPacket, type Packet } from 'mqtt-packet';
import type { Duplex } from 'node:stream';
import type { ConnectionState, ErrorInfo } from '../../shared/domain.js';
import { backoffDelay } from './backoff.js';
import { latencyMask, type RequestChannel } from './channel.js';
import { PacketDecoder } from './decode.js';
import { ConnectionError, InternalError, ProtocolError, type EngineError } from './errors.js';
import type { Event, OutgoingCmd } from './events.js';
import { FrameReader } from './framing.js';
import { MAX_INFLIGHT, integer, type ResolvedOptions } from './options.js';
import type { PublishRequest, Request } from './requests.js';
import { BatchWriter } from './batch-writer.js';
import { Ring } from './ring.js';
import { ProtocolState, type OutgoingPublish } from './state.js';
import { TokenBucket } from './token-bucket.js';
import { isTransportError, openTransport, toConnectionError } from './transport.js';

/** Where the engine records latencies (ms); the monitor passes histograms in. */
export interface LatencyRecorder {
  record(ms: number): void;
}

/** Optional instruments and sources of time and chance, injected so tests and the monitor can use them. */
export interface EventLoopHooks {
  /** Enqueue → written, per publish. */
  queueLatency?: LatencyRecorder;
  /** Written → PUBACK/PUBCOMP, per QoS 1/2 publish. */
  ackLatency?: LatencyRecorder;
  /** Monotonic ms; performance.now() by default. */
  clock?: () => number;
  random?: () => number;
}

export type { ConnectionState, ErrorInfo };

/** A snapshot of the event loop's gauges and counters. */
export interface EventLoopStats {
  state: ConnectionState;
  inflight: number;
  maxInflight: number;
  /** QoS 1/2 publishes waiting to be resent when the connection comes back. */
  pendingResend: number;
  /** Successful connections after the first. */
  reconnects: number;
  connectAttempts: number;
  lastError: ErrorInfo | null;
  /** When poll() was last called, on the engine's monotonic clock (ms). */
  lastPollAt: number;
  /** The monotonic clock now, to set lastPollAt against. */
  now: number;
  /** 0 while a poll is under way (waiting for work counts as being polled); otherwise ms since the last poll returned. */
  sinceLastPollMs: number;
  pingRttMs: number | null;
  bytesIn: number;
  bytesOut: number;
  packetsIn: number;
  packetsOut: number;
  /** Socket writes: far fewer than packets when batching works. */
  writes: number;
  /** Publishes written to the socket (resends included). */
  publishesWritten: number;
  /** Requests taken from the channel and written (resends excluded): the other side of `accepted`. */
  requestsWritten: number;
  /** Incoming application messages (QoS 2 duplicates excluded). */
  messagesIn: number;
  acked: number;
  /** Unacked publishes the broker forgot (session not present on reconnect). */
  lostPublishes: number;
  lostSubscriptions: number;
  /** Queued publishes not sent because they exceeded the broker's maximum packet size. */
  rejectedTooLarge: number;
  /** Queued publishes not sent because mqtt-packet refused one of their MQTT 5 properties. */
  rejectedInvalidProperty: number;
  sessionPresent: boolean;
  keepAliveMs: number;
  outgoingPacketLimit: number;
  /** On the monotonic clock; 0 when no reconnect is scheduled. */
  nextConnectAt: number;
  /** Fault drills in force (see throttleWrites and stallSocket). */
  faults: EventLoopFaults;
}

/** The fault drills an event loop is running: real limits on its transport, not fake numbers. */
export interface EventLoopFaults {
  /** The write-rate limit in bytes per second, or null when writes are not throttled. */
  throttleBytesPerSec: number | null;
  /** When the socket stall ends, on the monotonic clock; null when the socket is not stalled. */
  stalledUntil: number | null;
}

/** Raised by poll() when its AbortSignal fires while it waits; the connection is untouched. */
export class PollInterrupted extends Error {
  constructor() {
    super('poll interrupted');
    this.name = 'PollInterrupted';
  }
}

/** QoS 0 publishes have no packet id, so they can all share one frozen event. */
const OUTGOING_QOS0_PUBLISH: Event = Object.freeze({ type: 'outgoing', cmd: 'publish' }) as Event;

/** Incoming bytes held before the socket is paused (a stalled loop must not buffer without bound). */
const READ_BUDGET = 1024 * 1024;
/** Most incoming packets turned into events per turn, keeping the event queue bounded. */
const MAX_INCOMING_PER_TURN = 1024;

/**
 * Owns the socket, the timers and the drain of the request channel.
 * Nothing is read from the channel or written to the broker unless `poll()`
 * is being called; each call returns one event, as rumqttc's does.
 */
export class EventLoop {
  private readonly state: ProtocolState;
  private readonly events = new Ring<Event>(256);
  private readonly frames: FrameReader;
  private readonly clock: () => number;
  private readonly random: () => number;
  private readonly encodeOptions: { protocolVersion: 4 | 5 };
  private decoder: PacketDecoder;

  private stream: Duplex | null = null;
  private connState: ConnectionState = 'disconnected';
  private failure: EngineError | null = null;
  private writable = true;
  private readPaused = false;
  private waker: (() => void) | null = null;
  private readonly outbox = new BatchWriter();
  private written: PublishRequest[] = [];
  private disconnecting = false;
  private finished = false;
  private attempt = 0;
  private nextConnectAt = 0;
  private everConnected = false;

  private readonly counters = {
    reconnects: 0,
    connectAttempts: 0,
    bytesIn: 0,
    bytesOut: 0,
    packetsIn: 0,
    packetsOut: 0,
    writes: 0,
    publishesWritten: 0,
    requestsWritten: 0,
    lostPublishes: 0,
    lostSubscriptions: 0,
    rejectedTooLarge: 0,
    rejectedInvalidProperty: 0,
  };
  private lastError: ErrorInfo | null = null;
  /** Ack latency is recorded for one packet id in (mask + 1); see setLatencySampling. */
  private ackSampleMask = 0;
  private lastPollAt = 0;
  /** True while a poll waits for work: the loop is being polled, however long it has been. */
  private polling = false;
  private sessionPresent = false;
  /** The throttle drill's bucket; null (the usual case) costs the hot path one check. */
  private throttle: TokenBucket | null = null;
  /** Monotonic ms when the socket stall drill ends; 0 when there is none. */
  private stalledUntil = 0;

  constructor(
    readonly options: ResolvedOptions,
    private readonly channel: RequestChannel,
    private readonly hooks: EventLoopHooks = {},
  ) {
    this.state = new ProtocolState(options);
    this.frames = new FrameReader(options.maxPacketSize);
    this.clock = hooks.clock ?? (() => performance.now());
    this.random = hooks.random ?? Math.random;
    this.encodeOptions = { protocolVersion: options.protocolVersion };
    this.decoder = new PacketDecoder(options.protocolVersion);
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
      if (!this.stream) await this.connect(signal);
      for (;;) {
        const event = this.events.shift();
        if (event) return event;
        // close() may have ended everything while this poll waited.
        if (this.finished) throw finishedError();
        this.turn();
        const next = this.events.shift();
        if (next) return next;
        await this.waitForWork(signal);
      }
    } catch (error) {
      if (error instanceof PollInterrupted || this.finished) throw error;
      throw this.fail(error);
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
    this.ackSampleMask = latencyMask(every);
    this.channel.setLatencySampling(every);
  }

  /** Changes the in-flight window live. */
  setInflight(limit: number): void {
    this.state.setInflight(integer('inflight', limit, 1, MAX_INFLIGHT, 'invalid-inflight'));
    this.wake();
  }

  /** Drops the connection at once (no DISCONNECT); the next poll reconnects. For fault drills and tests. */
  dropConnection(reason = 'connection dropped on request'): void {
    if (!this.stream || this.failure) return;
    this.failure = new ConnectionError('network', reason);
    this.wake();
  }

  /**
   * Fault drill: limits what is written to the socket to `bytesPerSecond`
   * (null lifts the limit). While the budget is spent the loop stops draining
   * the channel, so the channel fills as it would behind a slow link. Lasts
   * across reconnects until lifted.
   */
  throttleWrites(bytesPerSecond: number | null): void {
    if (bytesPerSecond === null) this.throttle = null;
    else this.throttle = new TokenBucket(integer('bytesPerSecond', bytesPerSecond, 1, 1_000_000_000), this.clock());
    this.wake();
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
    if (!this.stream || this.connState !== 'connected' || this.failure) return false;
    this.stalledUntil = this.clock() + ms;
    this.stream.pause();
    this.wake();
    return true;
  }

  /** Closes everything now: the socket, the channel (queued requests are counted as discarded). */
  close(): void {
    this.finished = true;
    this.channel.close(true);
    this.teardown();
    this.connState = 'disconnected';
    this.wake();
  }

  stats(): EventLoopStats {
    const c = this.counters;
    const now = this.clock();
    return {
      state: this.connState,
      inflight: this.state.inflight,
      maxInflight: this.state.maxInflight,
      pendingResend: this.connState === 'connected' ? 0 : this.state.inflight,
      reconnects: c.reconnects,
      connectAttempts: c.connectAttempts,
      lastError: this.lastError,
      lastPollAt: this.lastPollAt,
      now,
      sinceLastPollMs: this.polling ? 0 : Math.max(0, now - this.lastPollAt),
      pingRttMs: this.state.pingRttMs,
      bytesIn: c.bytesIn,
      bytesOut: c.bytesOut,
      packetsIn: c.packetsIn,
      packetsOut: c.packetsOut,
      writes: c.writes,
      publishesWritten: c.publishesWritten,
      requestsWritten: c.requestsWritten,
      messagesIn: this.state.delivered,
      acked: this.state.acked,
      lostPublishes: c.lostPublishes,
      lostSubscriptions: c.lostSubscriptions + this.state.lostControl,
      rejectedTooLarge: c.rejectedTooLarge,
      rejectedInvalidProperty: c.rejectedInvalidProperty,
      sessionPresent: this.sessionPresent,
      keepAliveMs: this.state.effectiveKeepAliveMs,
      outgoingPacketLimit: this.state.outgoingPacketLimit,
      nextConnectAt: this.connState === 'disconnected' ? this.nextConnectAt : 0,
      // A stall whose time is up is over, even before the next turn (a paused runner takes none) resumes the socket.
      faults: { throttleBytesPerSec: this.throttle?.rate ?? null, stalledUntil: this.stalledUntil > now ? this.stalledUntil : null },
    };
  }

  // ---- connecting ---------------------------------------------------------

  private async connect(signal: AbortSignal | undefined): Promise<void> {
    const wait = this.nextConnectAt - this.clock();
    if (wait > 0) await this.sleep(wait, signal);
    this.connState = 'connecting';
    this.counters.connectAttempts++;
    const { stream } = await openTransport(this.options);
    this.attach(stream);
    this.send(this.state.connectPacket(), 'connect');
    this.flush(this.clock());
    const connack = await this.awaitConnack();
    const now = this.clock();
    const outcome = this.state.handleConnack(connack, now);
    this.connState = 'connected';
    if (this.everConnected) this.counters.reconnects++;
    this.everConnected = true;
    this.attempt = 0;
    this.sessionPresent = outcome.sessionPresent;
    this.events.push({ type: 'incoming', packet: connack });
    const lostSubscriptions = this.state.lostControl;
    if (outcome.lost.length > 0) {
      this.counters.lostPublishes += outcome.lost.length;
      for (const entry of outcome.lost) entry.request.receipt?.onFailed?.('lost');
      this.events.push({ type: 'session-lost', lostPublishes: outcome.lost.length, lostSubscriptions });
    }
    for (const packet of outcome.resend) {
      this.send(packet, packet.cmd as OutgoingCmd, packet.cmd === 'publish');
      if (packet.cmd === 'publish') this.counters.publishesWritten++;
    }
    this.flush(now);
  }

  private awaitConnack(): Promise<IConnackPacket> {
    const deadline = this.clock() + this.options.connectTimeoutMs;
    const attempt = async (): Promise<IConnackPacket> => {
      for (;;) {
        if (this.failure) throw this.failure;
        const frame = this.frames.next();
        if (frame) {
          const packet = this.decoder.decode(frame);
          this.counters.packetsIn++;
          if (packet.cmd !== 'connack') {
            throw new ProtocolError('unexpected-packet', `the broker sent ${packet.cmd.toUpperCase()} before CONNACK`);
          }
          return packet;
        }
        const left = deadline - this.clock();
        if (left <= 0) throw new ConnectionError('timeout', `no CONNACK from ${this.options.host}:${this.options.port} within ${this.options.connectTimeoutMs} ms`);
        await this.waitForWork(undefined, left);
      }
    };
    return attempt();
  }

  private attach(stream: Duplex): void {
    this.stream = stream;
    this.failure = null;
    this.writable = true;
    this.readPaused = false;
    this.disconnecting = false;
    this.frames.reset();
    this.decoder = new PacketDecoder(this.options.protocolVersion);
    stream.on('data', (chunk: Buffer) => {
      this.counters.bytesIn += chunk.length;
      this.frames.push(chunk);
      if (this.frames.bufferedBytes > READ_BUDGET && !this.readPaused) {
        this.readPaused = true;
        stream.pause();
      }
      this.wake();
    });
    stream.on('drain', () => {
      this.writable = true;
      this.wake();
    });
    stream.on('error', (error: Error) => {
      this.failure ??= toConnectionError(error, `${this.options.transport} ${this.options.host}:${this.options.port}`);
      this.wake();
    });
    stream.on('close', () => {
      if (!this.disconnecting) this.failure ??= new ConnectionError('closed-by-peer', 'the broker closed the connection');
      this.wake();
    });
  }

  // ---- one turn of the loop ----------------------------------------------

  /** Reads what arrived, keeps the connection alive, and drains the channel into one write. */
  private turn(): void {
    const now = this.clock();
    if (this.stalledUntil !== 0 && this.stalled(now)) return;
    // What arrived before the connection ended is read first: a broker's last
    // words (a v5 DISCONNECT with its reason, the acks before it hung up) are
    // worth more than "closed by peer". The failure is raised once they are out.
    this.readIncoming(now);
    if (this.failure) {
      if (this.events.length === 0) throw this.failure;
      this.outbox.discard();
      return;
    }
    const ping = this.state.tick(now);
    if (ping) this.send(ping, 'pingreq');
    const budget = this.throttle === null ? this.options.maxBatchBytes : Math.min(this.options.maxBatchBytes, this.throttle.available(now));
    // A throttled loop out of budget leaves the channel (and its outbox) as
    // they are until the bucket refills: real backpressure, not a fake.
    if (budget <= 0) return;
    if (this.writable && !this.disconnecting) this.drainChannel(now, budget);
    this.flush(now);
  }

  /**
   * One turn of a stalled socket: no reading, no writing, but the keepalive
   * clock runs (a ping due now is queued and stays unwritten), so a long
   * enough stall ends in a keepalive timeout. Ends the stall once it is over.
   */
  private stalled(now: number): boolean {
    if (now >= this.stalledUntil) {
      this.stalledUntil = 0;
      if (!this.readPaused) this.stream?.resume();
      return false;
    }
    if (this.failure) throw this.failure;
    const ping = this.state.tick(now);
    if (ping) this.send(ping, 'pingreq');
    return true;
  }

  private readIncoming(now: number): void {
    for (let i = 0; i < MAX_INCOMING_PER_TURN; i++) {
      const frame = this.frames.next();
      if (!frame) {
        this.resumeReading();
        return;
      }
      const packet = this.decoder.decode(frame);
      this.counters.packetsIn++;
      if (packet.cmd === 'connack') throw new ProtocolError('unexpected-packet', 'the broker sent a second CONNACK');
      const reaction = this.state.handleIncoming(packet, now);
      this.events.push({ type: 'incoming', packet });
      if (reaction.reply) this.send(reaction.reply, reaction.reply.cmd as OutgoingCmd);
      const done = reaction.completed;
      if (done) {
        if ((done.messageId & this.ackSampleMask) === 0) this.hooks.ackLatency?.record(now - done.sentAt);
        done.request.receipt?.onAcked?.(now, reaction.reasonCode);
      }
    }
    if (this.frames.bufferedBytes < READ_BUDGET) this.resumeReading();
  }

  private resumeReading(): void {
    if (!this.readPaused) return;
    this.readPaused = false;
    this.stream?.resume();
  }

  /**
   * Takes requests from the channel in order until the batch is full, the
   * in-flight window is full, or the channel is empty. A QoS 1/2 publish
   * that finds the window full stops the drain: what queues behind it keeps
   * its place (FIFO), as in rumqttc.
   */
  private drainChannel(now: number, maxBatchBytes: number): void {
    const { maxBatchRequests } = this.options;
    const queueLatency = this.hooks.queueLatency;
    for (let taken = 0; taken < maxBatchRequests && this.outbox.bytes < maxBatchBytes; taken++) {
      const next = this.channel.peek();
      if (!next) return;
      if (next.kind === 'publish' ? !this.state.canSendPublish(next.qos) : next.kind !== 'disconnect' && !this.state.canSendControl()) {
        return;
      }
      this.channel.recv();
      this.counters.requestsWritten++;
      if (next.kind === 'publish') {
        if (queueLatency && next.enqueuedAt > 0) queueLatency.record(now - next.enqueuedAt);
        this.writePublish(next, now);
      } else {
        this.writeControl(next);
        if (next.kind === 'disconnect') return;
      }
    }
  }

  private writePublish(request: PublishRequest, now: number): void {
    const sent = this.state.outgoingPublish(request, now, this.outbox);
    if (sent.refused !== null) {
      this.rejectPublish(request, sent);
      return;
    }
    this.counters.packetsOut++;
    this.counters.publishesWritten++;
    if (request.receipt) this.written.push(request);
    this.events.push(sent.messageId === 0 ? OUTGOING_QOS0_PUBLISH : { type: 'outgoing', cmd: 'publish', messageId: sent.messageId });
  }

  /** Counts and reports a publish the outgoing-publish step refused: nothing that leaves the channel disappears silently. */
  private rejectPublish(request: PublishRequest, sent: OutgoingPublish): void {
    if (sent.refused === 'invalid-property') {
      this.counters.rejectedInvalidProperty++;
      request.receipt?.onFailed?.('invalid-property');
      this.events.push({ type: 'rejected', reason: 'invalid-property', topic: request.topic, message: sent.problem });
      return;
    }
    this.counters.rejectedTooLarge++;
    request.receipt?.onFailed?.('too-large');
    this.events.push({ type: 'rejected', reason: 'too-large', topic: request.topic, size: sent.size, limit: sent.limit });
  }

  private writeControl(request: Exclude<Request, PublishRequest>): void {
    switch (request.kind) {
      case 'subscribe':
        this.send(this.state.outgoingSubscribe(request), 'subscribe');
        break;
      case 'unsubscribe':
        this.send(this.state.outgoingUnsubscribe(request), 'unsubscribe');
        break;
      case 'disconnect':
        this.send(this.state.outgoingDisconnect(), 'disconnect');
        this.disconnecting = true;
        break;
    }
  }

  /** Encodes a packet into the outbox and records its outgoing event. */
  private send(packet: Packet, cmd: OutgoingCmd, dup = false): void {
    this.push(mqtt.generate(packet, this.encodeOptions));
    const event: Event = { type: 'outgoing', cmd };
    if (packet.messageId !== undefined) event.messageId = packet.messageId;
    if (dup) event.dup = true;
    if (cmd !== 'connect') this.events.push(event);
  }

  private push(bytes: Buffer): void {
    this.outbox.append(bytes);
    this.counters.packetsOut++;
  }

  /** One socket write for everything encoded this turn (corked when it spans chunks); honours backpressure. */
  private flush(now: number): void {
    if (this.outbox.isEmpty || !this.stream) return;
    const bytes = this.outbox.bytes;
    const parts = this.outbox.take();
    const stream = this.stream;
    if (parts.length === 1) {
      if (!stream.write(parts[0])) this.writable = false;
    } else {
      stream.cork();
      for (const part of parts) if (!stream.write(part)) this.writable = false;
      stream.uncork();
    }
    this.counters.writes++;
    this.counters.bytesOut += bytes;
    this.throttle?.spend(bytes);
    this.state.markWritten(now);
    if (this.written.length > 0) {
      for (const request of this.written) request.receipt?.onWritten?.(now);
      this.written = [];
    }
    if (this.disconnecting) {
      this.finished = true;
      this.connState = 'disconnected';
      stream.end();
      this.stream = null;
    }
  }

  // ---- waiting -------------------------------------------------------------

  /** Sleeps until data arrives, the channel gets a request, the socket drains, a timer is due, or the signal aborts. */
  private waitForWork(signal?: AbortSignal, maxWaitMs?: number): Promise<void> {
    if (signal?.aborted) return Promise.reject(new PollInterrupted());
    return new Promise<void>((resolve, reject) => {
      const due = Math.min(this.state.nextTickAt(), this.faultDueAt()) - this.clock();
      const timerMs = Math.min(due, maxWaitMs ?? Number.POSITIVE_INFINITY);
      const timer = Number.isFinite(timerMs) ? setTimeout(() => this.wake(), Math.max(0, Math.ceil(timerMs))) : undefined;
      const onAbort = () => {
        cleanup();
        reject(new PollInterrupted());
      };
      const cleanup = () => {
        this.waker = null;
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.channel.setWakeup(null);
      };
      this.waker = () => {
        cleanup();
        resolve();
      };
      if (this.writable && this.channel.depth === 0) this.channel.setWakeup(this.waker);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** When a fault drill next needs a turn: the stall's end, or the throttle's refill. */
  private faultDueAt(): number {
    if (this.stalledUntil !== 0) return this.stalledUntil;
    if (this.throttle !== null) return this.throttle.readyAt();
    return Number.POSITIVE_INFINITY;
  }

  private wake(): void {
    this.waker?.();
  }

  private sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(new PollInterrupted());
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(new PollInterrupted());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  // ---- failure -------------------------------------------------------------

  /** Ends the connection after an error, schedules the reconnect, and returns the error to raise. */
  private fail(error: unknown): EngineError {
    const engineError = normalizeError(error, this.options);
    this.lastError = {
      kind: engineError.kind,
      code: engineError.code,
      message: engineError.message,
      reasonCode: 'reasonCode' in engineError ? engineError.reasonCode : undefined,
      at: Date.now(),
    };
    this.teardown();
    this.connState = 'disconnected';
    this.nextConnectAt = this.clock() + backoffDelay(this.options.reconnect, this.attempt++, this.random);
    return engineError;
  }

  private teardown(): void {
    const stream = this.stream;
    this.stream = null;
    this.failure = null;
    this.outbox.discard();
    this.frames.reset();
    this.readPaused = false;
    this.written = [];
    // A stall is a drill on one connection; the next one starts healthy.
    this.stalledUntil = 0;
    if (stream) {
      stream.removeAllListeners('data');
      stream.removeAllListeners('drain');
      stream.removeAllListeners('close');
      // Errors after we gave the stream up must not become unhandled.
      stream.removeAllListeners('error');
      stream.on('error', () => {});
      stream.destroy();
    }
  }
}

function finishedError(): ConnectionError {
  return new ConnectionError('disconnected', 'the client has disconnected; create a new client to connect again');
}

function normalizeError(error: unknown, options: ResolvedOptions): EngineError {
  if (error && typeof error === 'object' && 'kind' in error) {
    const kind = (error as { kind: unknown }).kind;
    if (kind === 'protocol' || kind === 'connection' || kind === 'closed' || kind === 'invalid-argument' || kind === 'internal') return error as EngineError;
  }
  // Sockets and TLS fail with system error codes; anything else is a bug of ours.
  if (isTransportError(error)) return toConnectionError(error, `${options.transport} ${options.host}:${options.port}`);
  return new InternalError(error);
}
