// The engine's typed errors: bad arguments, a closed channel, protocol and connection faults, and its own bugs.
/**
 * The engine's errors. Each class carries a `kind` so callers can switch on
 * it without `instanceof` across realms, and a `code` naming the exact fault.
 *
 * - InvalidArgumentError: the caller's mistake, raised before anything is
 *   queued; nothing changed.
 * - ChannelClosedError: the client was closed; distinct from a full channel.
 * - ProtocolError: the broker sent something the protocol forbids.
 * - ConnectionError: the transport failed or the broker refused us.
 */

/** What exactly was wrong with an argument. */
export type InvalidArgumentCode =
  | 'invalid-topic'
  | 'topic-too-long'
  | 'invalid-filter'
  | 'invalid-qos'
  | 'invalid-retain'
  | 'invalid-payload'
  | 'payload-too-large'
  | 'invalid-capacity'
  | 'invalid-policy'
  | 'invalid-inflight'
  | 'invalid-option';

/** A bad argument from the application or the user; nothing was queued or changed. */
export class InvalidArgumentError extends Error {
  readonly kind = 'invalid-argument' as const;
  constructor(
    readonly code: InvalidArgumentCode,
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidArgumentError';
  }
}

/** The request channel is closed: the client was disconnected or closed. */
export class ChannelClosedError extends Error {
  readonly kind = 'closed' as const;
  readonly code = 'closed' as const;
  constructor(message = 'the client is closed; no more requests are accepted') {
    super(message);
    this.name = 'ChannelClosedError';
  }
}

/** What the broker did wrong. */
export type ProtocolFault =
  | 'malformed-packet'
  | 'packet-too-large'
  | 'unexpected-packet'
  | 'unsolicited-ack'
  | 'invalid-topic-alias'
  | 'keepalive-timeout'
  | 'server-disconnect';

/** The broker broke the protocol; the connection is dropped and the next poll reconnects. */
export class ProtocolError extends Error {
  readonly kind = 'protocol' as const;
  constructor(
    readonly code: ProtocolFault,
    message: string,
    /** MQTT reason code when the broker gave one (v5 DISCONNECT, CONNACK). */
    readonly reasonCode?: number,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/** Why a connection could not be made or was lost; 'dns': the host name could not be resolved (ENOTFOUND, EAI_AGAIN). */
export type ConnectionFault = 'refused' | 'timeout' | 'network' | 'dns' | 'tls' | 'closed-by-peer' | 'disconnected';

/** The transport failed, the broker refused the CONNECT, or the peer went away. */
export class ConnectionError extends Error {
  readonly kind = 'connection' as const;
  constructor(
    readonly code: ConnectionFault,
    message: string,
    readonly reasonCode?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ConnectionError';
  }
}

/**
 * A bug in the engine itself (a TypeError, say) that surfaced while polling.
 * The connection is dropped and remade as after any failure, but it is
 * reported as what it is, never disguised as a network error.
 */
export class InternalError extends Error {
  readonly kind = 'internal' as const;
  readonly code = 'internal' as const;
  constructor(cause: unknown) {
    super(`internal error in the MQTT engine: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'InternalError';
  }
}

/** Every error the engine raises. */
export type EngineError = InvalidArgumentError | ChannelClosedError | ProtocolError | ConnectionError | InternalError;

/** The reason strings of CONNACK return codes, MQTT 3.1.1 and 5. */
export function connackReason(code: number): string {
  return CONNACK_REASONS[code] ?? `reason 0x${code.toString(16).padStart(2, '0')}`;
}

const CONNACK_REASONS: Record<number, string> = {
  1: 'unacceptable protocol version',
  2: 'identifier rejected',
  3: 'server unavailable',
  4: 'bad user name or password',
  5: 'not authorized',
  0x80: 'unspecified error',
  0x81: 'malformed packet',
  0x82: 'protocol error',
  0x83: 'implementation specific error',
  0x84: 'unsupported protocol version',
  0x85: 'client identifier not valid',
  0x86: 'bad user name or password',
  0x87: 'not authorized',
  0x88: 'server unavailable',
  0x89: 'server busy',
  0x8a: 'banned',
  0x8c: 'bad authentication method',
  0x90: 'topic name invalid',
  0x95: 'packet too large',
  0x97: 'quota exceeded',
  0x99: 'payload format invalid',
  0x9a: 'retain not supported',
  0x9b: 'QoS not supported',
  0x9c: 'use another server',
  0x9d: 'server moved',
  0x9f: 'connection rate exceeded',
};
