// What the event loop measures and how it reports it: the latency hooks, the running counters and the stats() snapshot.
import type { ConnectionState, ErrorInfo } from '../../shared/domain.js';
import type { ProtocolState } from './state.js';

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

/**
 * The loop's running totals. Plain number fields on one object of one shape,
 * bumped on the hot path by the writer, the reader and the connection.
 */
export class LoopCounters {
  reconnects = 0;
  connectAttempts = 0;
  bytesIn = 0;
  bytesOut = 0;
  packetsIn = 0;
  packetsOut = 0;
  writes = 0;
  publishesWritten = 0;
  requestsWritten = 0;
  lostPublishes = 0;
  lostSubscriptions = 0;
  rejectedTooLarge = 0;
  rejectedInvalidProperty = 0;
}

/** What the snapshot reads of the connection. */
export interface ConnectionGauges {
  readonly state: ConnectionState;
  readonly lastError: ErrorInfo | null;
  readonly sessionPresent: boolean;
  /** On the monotonic clock; meaningful while disconnected. */
  readonly nextConnectAt: number;
}

/** The snapshot stats() returns; taken on the monitor's clock, never per message. */
export function loopStats(
  now: number,
  c: LoopCounters,
  state: ProtocolState,
  connection: ConnectionGauges,
  lastPollAt: number,
  polling: boolean,
  faults: EventLoopFaults,
): EventLoopStats {
  const connState = connection.state;
  return {
    state: connState,
    inflight: state.inflight,
    maxInflight: state.maxInflight,
    pendingResend: connState === 'connected' ? 0 : state.inflight,
    reconnects: c.reconnects,
    connectAttempts: c.connectAttempts,
    lastError: connection.lastError,
    lastPollAt,
    now,
    sinceLastPollMs: polling ? 0 : Math.max(0, now - lastPollAt),
    pingRttMs: state.pingRttMs,
    bytesIn: c.bytesIn,
    bytesOut: c.bytesOut,
    packetsIn: c.packetsIn,
    packetsOut: c.packetsOut,
    writes: c.writes,
    publishesWritten: c.publishesWritten,
    requestsWritten: c.requestsWritten,
    messagesIn: state.delivered,
    acked: state.acked,
    lostPublishes: c.lostPublishes,
    lostSubscriptions: c.lostSubscriptions + state.lostControl,
    rejectedTooLarge: c.rejectedTooLarge,
    rejectedInvalidProperty: c.rejectedInvalidProperty,
    sessionPresent: connection.sessionPresent,
    keepAliveMs: state.effectiveKeepAliveMs,
    outgoingPacketLimit: state.outgoingPacketLimit,
    nextConnectAt: connState === 'disconnected' ? connection.nextConnectAt : 0,
    faults,
  };
}
