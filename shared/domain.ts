// The domain's vocabulary, shared by the main process and the renderer.
// Plain types and constants only: no node, electron or DOM.

export const OVERFLOW_POLICIES = ['block', 'drop-oldest', 'drop-newest'] as const;
/** What happens to a publish that finds the channel full. */
export type OverflowPolicy = (typeof OVERFLOW_POLICIES)[number];

export const TRANSPORTS = ['tcp', 'tls', 'ws', 'wss'] as const;
export type Transport = (typeof TRANSPORTS)[number];

export const PAYLOAD_FORMATS = ['text', 'json', 'hex', 'base64'] as const;
/** How a person typed a payload; it is turned into bytes in the main process. */
export type PayloadFormat = (typeof PAYLOAD_FORMATS)[number];

export const PUBLISH_MODES = ['publish', 'tryPublish'] as const;
/** `publish` waits for room in the channel; `tryPublish` fails at once when it is full. */
export type PublishMode = (typeof PUBLISH_MODES)[number];

export type QoS = 0 | 1 | 2;

export const FAULT_KINDS = ['throttle', 'stall-socket', 'drop-connection', 'slow-poll'] as const;
/** A fault drill: a real fault in the client's transport or loop, switched on to reproduce a problem on purpose. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The fault drills in force, as every sample reports them so charts can mark them. */
export interface FaultState {
  /** The write-rate limit in bytes per second; null when writes are not throttled. */
  throttleBytesPerSec: number | null;
  /** Wall-clock ms when the socket stall ends; null when the socket is not stalled. */
  stalledUntil: number | null;
  /** The delay before each poll in ms (slow-poll drill); 0 when the loop polls at full speed. */
  pollDelayMs: number;
}

export const NO_FAULTS: Readonly<FaultState> = Object.freeze({ throttleBytesPerSec: null, stalledUntil: null, pollDelayMs: 0 });

/** What the fault timeline records: the four drills, and pausing the loop (the first drill there was). */
export type DrillKind = FaultKind | 'pause-loop';

/** One step of the fault timeline: a drill started (or changed its value) or ended. */
export interface FaultRecord {
  /** Wall-clock ms. */
  t: number;
  kind: DrillKind;
  /** drop-connection is instant and only ever 'start'. */
  phase: 'start' | 'end';
  /** throttle: bytes/s; stall-socket: seconds; slow-poll: delay ms; null for the others and for 'end'. */
  value: number | null;
}
export type ConnectionState = 'disconnected' | 'connecting' | 'connected';

export const LIMITS = {
  minCapacity: 1,
  maxCapacity: 10_000_000,
  maxInflight: 65_535,
  maxTopicBytes: 65_535,
  /** Largest payload a person can publish by hand or per generated message. */
  maxPayloadBytes: 1024 * 1024,
  maxLoadRate: 1_000_000,
  maxLoadBurst: 100_000,
  maxLoadCount: 100_000_000,
  maxLoadDurationSec: 86_400,
  maxSubscriptions: 1000,
  maxProfiles: 200,
  maxPemBytes: 64 * 1024,
  /** Fault drills: the throttle's highest rate, the longest socket stall, the slowest poll. */
  maxThrottleBytesPerSec: 1_000_000_000,
  maxStallSec: 3600,
  maxPollDelayMs: 60_000,
} as const;

/** The last error of the connection, as the UI shows it. */
export interface ErrorInfo {
  kind: 'invalid-argument' | 'closed' | 'protocol' | 'connection' | 'internal';
  /**
   * The exact fault. For kind 'connection': 'refused' | 'timeout' | 'network'
   * | 'dns' (the host name could not be resolved) | 'tls' | 'closed-by-peer'
   * | 'disconnected'; for 'protocol', the protocol fault ('keepalive-timeout', …).
   */
  code: string;
  message: string;
  reasonCode: number | undefined;
  /** Wall-clock ms. */
  at: number;
}

/**
 * One reading of the engine, taken on the monitor's clock (10 Hz by default).
 * Totals are since the connection was made; rates are per second over the
 * last sample interval; latencies are ms over the last interval, null when
 * nothing was measured.
 */
export interface Sample {
  /** Wall-clock ms. */
  t: number;
  capacity: number;
  depth: number;
  highWater: number;
  policy: OverflowPolicy;
  waitingSenders: number;
  accepted: number;
  failedTryPublish: number;
  droppedOldest: number;
  droppedNewest: number;
  discarded: number;
  acceptedRate: number;
  failedTryPublishRate: number;
  droppedOldestRate: number;
  droppedNewestRate: number;
  inflight: number;
  maxInflight: number;
  pendingResend: number;
  /** 0 while a poll is under way; otherwise ms since the last one returned. */
  sinceLastPollMs: number;
  paused: boolean;
  connectionState: ConnectionState;
  pingRttMs: number | null;
  reconnects: number;
  lastError: ErrorInfo | null;
  /** Wall-clock ms when the current connection was made, null when not connected. */
  connectedSince: number | null;
  bytesInRate: number;
  bytesOutRate: number;
  messagesInRate: number;
  messagesOutRate: number;
  messagesIn: number;
  messagesOut: number;
  lostPublishes: number;
  rejectedTooLarge: number;
  queueLatencyP50: number | null;
  queueLatencyP99: number | null;
  ackLatencyP50: number | null;
  ackLatencyP99: number | null;
  /** The fault drills in force when the sample was taken. */
  faults: FaultState;
}

export type AlertSeverity = 'warning' | 'critical';

/** The numbers behind each alert, so the UI can word it in the reader's language. */
export interface AlertParams {
  'loop-stalled': { sinceLastPollMs: number; paused: boolean; depth: number };
  'channel-nearly-full': { depth: number; capacity: number; percent: number; forMs: number };
  'try-publish-failing': { failedPerSec: number };
  'messages-dropped': { droppedOldestPerSec: number; droppedNewestPerSec: number };
  'ping-slow': { pingRttMs: number; thresholdMs: number };
  'reconnect-loop': {
    attempts: number;
    /** Average time between attempts in the last minute. */
    everyMs: number;
    /** The broker's refusal, when it gave a reason code. */
    refusedWith: number | null;
    /** The last error's own words, when there was no refusal code. */
    lastErrorMessage: string | null;
  };
}

/** An alert that is raised while its rule holds and clears itself when it stops holding. */
export type Alert = {
  [R in AlertRule]: {
    id: R;
    severity: AlertSeverity;
    /** Plain language (English): what is wrong and what to try. */
    message: string;
    /** Wall-clock ms when it was raised. */
    since: number;
    params: AlertParams[R];
  };
}[AlertRule];

/** An alert as the history keeps it: when it was raised (`since`) and when it cleared. */
export type AlertRecord = Alert & {
  /** Wall-clock ms when it cleared; null while it still holds. */
  clearedAt: number | null;
};

export const ALERT_RULES = ['loop-stalled', 'channel-nearly-full', 'try-publish-failing', 'messages-dropped', 'ping-slow', 'reconnect-loop'] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

export type LogLevel = 'info' | 'warning' | 'error';
export type LogCategory = 'connection' | 'error' | 'alert' | 'channel' | 'loop' | 'load' | 'subscription' | 'publish' | 'fault' | 'inspect';

/** One line of the event log. */
export interface LogEntry {
  seq: number;
  t: number;
  level: LogLevel;
  category: LogCategory;
  /** English text, for logs and exports. */
  message: string;
  /** Catalogue key and values, so the UI can show the line in the reader's language. */
  key?: string;
  params?: Record<string, string | number>;
}

/** A message received on a subscription, trimmed for display. */
export interface IncomingMessage {
  t: number;
  topic: string;
  qos: QoS;
  retain: boolean;
  /** Size of the whole payload in bytes. */
  size: number;
  /** At most the first 1 KiB, base64, so binary survives the trip. */
  preview: string;
  truncated: boolean;
}

/** Per-message feedback for a manual publish. */
export interface PublishStatus {
  id: string;
  state: 'written' | 'acked' | 'failed';
  t: number;
  /** Written: enqueue → written; acked: written → ack; ms. */
  latencyMs?: number;
  reasonCode?: number;
  reason?: string;
}

/** The load generator, as it runs. */
export interface LoadStatus {
  running: boolean;
  sent: number;
  accepted: number;
  failed: number;
  dropped: number;
  /** Requested rate, msg/s. */
  rate: number;
  startedAt: number | null;
  /** How many messages the run was asked for, when it stops after a count. */
  count?: number;
  /** How long the run was asked to last, when it stops after a time. */
  durationSec?: number;
  /** Why it stopped, when it did. */
  endReason?: 'count' | 'duration' | 'stopped' | 'disconnected';
  /**
   * Whether this run's payloads carry the send-time stamp that end-to-end
   * latency is measured with: `off` when the run asked for plain payloads,
   * `payload-too-small` when the payload size cannot hold the stamp (the
   * size asked for is kept; the stamp is left out instead).
   */
  stamping: LoadStamping;
  /** Publish → receive latency of this run's stamped messages; null when no subscription covers the load's topic, or the run is not stamped. */
  endToEnd: EndToEndLatency | null;
  /** Bursts that started more than LOAD_OVERRUN_AFTER_MS late: the generator could not keep up (not the channel refusing; that is `failed`). */
  overruns: number;
  /** How late the overrun bursts started, summed, ms. */
  overrunLagMs: number;
  /** How far behind its timetable the generator is now (or was when it stopped), ms; 0 when on time. */
  behindMs: number;
}

/** Whether a load run stamps its payloads with their send time. */
export type LoadStamping = 'on' | 'off' | 'payload-too-small';

/**
 * How late a load burst may start and still be on time: two of the
 * generator's 10 ms ticks. A burst waits up to a tick (and a timer's drift)
 * for the tick after it fell due; one later than that missed a tick, and is
 * an overrun.
 */
export const LOAD_OVERRUN_AFTER_MS = 20;

/** Bytes the send-time stamp takes at the start of a generated payload; smaller payloads go out unstamped. */
export const LOAD_STAMP_BYTES = 16;

/** Publish → receive latency of one load run, from the stamps of its messages that came back on a subscription. */
export interface EndToEndLatency {
  /** Median over the run so far, ms; null before the first stamped message came back. */
  p50: number | null;
  /** 99th percentile over the run so far, ms; null before the first. */
  p99: number | null;
  /** Stamped messages of this run received. */
  received: number;
  /** Stamped messages of another run (an earlier one still arriving, or another generator on the topic): not measured, counted here. */
  otherRuns: number;
}

/** The channel's live settings: capacity, overflow policy and in-flight window. */
export interface ChannelSettings {
  capacity: number;
  policy: OverflowPolicy;
  inflight: number;
}
