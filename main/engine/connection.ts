// The event loop's connection: connecting and the CONNACK handshake, reconnect backoff, and the socket's lifecycle and failures.
import type { IConnackPacket } from 'mqtt-packet';
import type { Duplex } from 'node:stream';
import type { ConnectionState, ErrorInfo } from '../../shared/domain.js';
import { backoffDelay } from './backoff.js';
import type { FaultDrills } from './drills.js';
import { ConnectionError, InternalError, type EngineError } from './errors.js';
import type { Event, OutgoingCmd } from './events.js';
import type { ConnectionGauges, LoopCounters } from './loop-stats.js';
import type { ResolvedOptions } from './options.js';
import type { IncomingReader } from './reader.js';
import type { Ring } from './ring.js';
import type { ProtocolState } from './state.js';
import { isTransportError, openTransport, toConnectionError } from './transport.js';
import type { Wakeup } from './wakeup.js';
import type { OutgoingWriter } from './writer.js';

/**
 * One socket at a time. A failure is recorded when the socket reports it and
 * raised by the loop's next turn (after what arrived before it is read); the
 * loop then calls `fail`, which tears the socket down and schedules the next
 * attempt with exponential backoff and jitter.
 */
export class Connection implements ConnectionGauges {
  stream: Duplex | null = null;
  state: ConnectionState = 'disconnected';
  /** What ended the socket, waiting for the loop's next turn to raise it. */
  failure: EngineError | null = null;
  sessionPresent = false;
  /** On the monotonic clock. */
  nextConnectAt = 0;
  lastError: ErrorInfo | null = null;
  private attempt = 0;
  private everConnected = false;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly protocol: ProtocolState,
    private readonly reader: IncomingReader,
    private readonly writer: OutgoingWriter,
    private readonly wakeup: Wakeup,
    private readonly drills: FaultDrills,
    private readonly events: Ring<Event>,
    private readonly counters: LoopCounters,
    private readonly clock: () => number,
    private readonly random: () => number,
  ) {}

  /**
   * Waits out the backoff, opens the transport, and completes the CONNECT /
   * CONNACK handshake. With the session present, what was unacked is resent
   * (DUP set) before anything new; without it, what the broker forgot is
   * counted and reported.
   */
  async connect(signal: AbortSignal | undefined): Promise<void> {
    const wait = this.nextConnectAt - this.clock();
    if (wait > 0) await this.wakeup.sleep(wait, signal);
    this.state = 'connecting';
    this.counters.connectAttempts++;
    const { stream } = await openTransport(this.options);
    this.attach(stream);
    this.writer.send(this.protocol.connectPacket(), 'connect');
    this.writer.flush(this.stream, this.clock());
    const connack = await this.awaitConnack();
    const now = this.clock();
    const outcome = this.protocol.handleConnack(connack, now);
    this.state = 'connected';
    if (this.everConnected) this.counters.reconnects++;
    this.everConnected = true;
    this.attempt = 0;
    this.sessionPresent = outcome.sessionPresent;
    this.events.push({ type: 'incoming', packet: connack });
    const lostSubscriptions = this.protocol.lostControl;
    if (outcome.lost.length > 0) {
      this.counters.lostPublishes += outcome.lost.length;
      for (const entry of outcome.lost) entry.request.receipt?.onFailed?.('lost');
      this.events.push({ type: 'session-lost', lostPublishes: outcome.lost.length, lostSubscriptions });
    }
    for (const packet of outcome.resend) {
      this.writer.send(packet, packet.cmd as OutgoingCmd, packet.cmd === 'publish');
      if (packet.cmd === 'publish') this.counters.publishesWritten++;
    }
    this.writer.flush(this.stream, now);
  }

  private async awaitConnack(): Promise<IConnackPacket> {
    const deadline = this.clock() + this.options.connectTimeoutMs;
    for (;;) {
      if (this.failure) throw this.failure;
      const packet = this.reader.nextConnack();
      if (packet) return packet;
      const left = deadline - this.clock();
      if (left <= 0) throw new ConnectionError('timeout', `no CONNACK from ${this.options.host}:${this.options.port} within ${this.options.connectTimeoutMs} ms`);
      await this.wakeup.waitForWork(undefined, left);
    }
  }

  private attach(stream: Duplex): void {
    this.stream = stream;
    this.failure = null;
    this.writer.attach();
    this.reader.attach();
    stream.on('data', (chunk: Buffer) => {
      this.reader.receive(chunk, stream);
      this.wakeup.wake();
    });
    stream.on('drain', () => {
      this.writer.writable = true;
      this.wakeup.wake();
    });
    stream.on('error', (error: Error) => {
      this.failure ??= toConnectionError(error, `${this.options.transport} ${this.options.host}:${this.options.port}`);
      this.wakeup.wake();
    });
    stream.on('close', () => {
      if (!this.writer.disconnecting) this.failure ??= new ConnectionError('closed-by-peer', 'the broker closed the connection');
      this.wakeup.wake();
    });
  }

  /** Ends the socket at once (no DISCONNECT) with `reason`; the next poll reconnects. False when there is nothing to drop. */
  drop(reason: string): boolean {
    if (!this.stream || this.failure) return false;
    this.failure = new ConnectionError('network', reason);
    return true;
  }

  /** Ends the connection after an error, schedules the reconnect, and returns the error to raise. */
  fail(error: unknown): EngineError {
    const engineError = normalizeError(error, this.options);
    this.lastError = {
      kind: engineError.kind,
      code: engineError.code,
      message: engineError.message,
      reasonCode: 'reasonCode' in engineError ? engineError.reasonCode : undefined,
      at: Date.now(),
    };
    this.teardown();
    this.state = 'disconnected';
    this.nextConnectAt = this.clock() + backoffDelay(this.options.reconnect, this.attempt++, this.random);
    return engineError;
  }

  /** After the DISCONNECT is written: the socket is ended gracefully, and this connection is over. */
  endAfterDisconnect(): void {
    this.state = 'disconnected';
    this.stream?.end();
    this.stream = null;
  }

  /** Destroys the socket and forgets everything that belonged to it. */
  teardown(): void {
    const stream = this.stream;
    this.stream = null;
    this.failure = null;
    this.writer.detach();
    this.reader.detach();
    // A stall is a drill on one connection; the next one starts healthy.
    this.drills.endStall();
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

/** What poll() raises once the client has disconnected or been closed. */
export function finishedError(): ConnectionError {
  return new ConnectionError('disconnected', 'the client has disconnected; create a new client to connect again');
}

function normalizeError(error: unknown, options: ResolvedOptions): EngineError {
  if (error && typeof error === 'object' && 'kind' in error) {
    const kind = (error).kind;
    if (kind === 'protocol' || kind === 'connection' || kind === 'closed' || kind === 'invalid-argument' || kind === 'internal') return error as EngineError;
  }
  // Sockets and TLS fail with system error codes; anything else is a bug of ours.
  if (isTransportError(error)) return toConnectionError(error, `${options.transport} ${options.host}:${options.port}`);
  return new InternalError(error);
}
