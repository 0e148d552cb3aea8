// The options of createClient, checked and completed with defaults once, before anything connects.
import { randomBytes } from 'node:crypto';
import type { Transport } from '../../shared/domain.js';
import { MAX_REMAINING_LENGTH } from '../../shared/mqtt-sizes.js';
import { type BackoffOptions, DEFAULT_BACKOFF } from './backoff.js';
import { InvalidArgumentError } from './errors.js';

/** How the client reaches the broker. */
export type { Transport };

/** TLS settings for `tls` and `wss`. Verification is on unless switched off explicitly. */
export interface TlsOptions {
  ca?: string | Buffer;
  cert?: string | Buffer;
  key?: string | Buffer;
  /** Verify the broker's certificate chain and host name (default true). */
  rejectUnauthorized?: boolean;
  /** SNI and the name checked against the certificate; defaults to the host. */
  servername?: string;
}

/** What `createClient` accepts. Only `host` is required. */
export interface ClientOptions {
  host: string;
  port?: number;
  clientId?: string;
  protocolVersion?: 4 | 5;
  /** Seconds; 0 switches keepalive off. */
  keepAlive?: number;
  cleanSession?: boolean;
  /** The in-flight window for QoS 1/2, distinct from the channel's capacity. */
  inflight?: number;
  username?: string;
  password?: string | Buffer;
  transport?: Transport;
  tls?: TlsOptions;
  /** Path of the WebSocket endpoint (default /mqtt). */
  wsPath?: string;
  /** Largest packet in either direction, in bytes; incoming ones over it are refused from their header. */
  maxPacketSize?: number;
  reconnect?: Partial<BackoffOptions>;
  connectTimeoutMs?: number;
  /** MQTT 5: how long the broker keeps the session after a disconnect (s). Defaults to 0 with a clean session, 1 hour without. */
  sessionExpiryInterval?: number;
  /** MQTT 5: how many topic aliases the broker may use towards us. */
  topicAliasMaximum?: number;
  /** Most requests drained into one socket write. */
  maxBatchRequests?: number;
  /** Most bytes drained into one socket write (a packet larger than this still goes alone). */
  maxBatchBytes?: number;
}

/** Options with every default filled in and every value checked. */
export interface ResolvedOptions {
  host: string;
  port: number;
  clientId: string;
  protocolVersion: 4 | 5;
  keepAlive: number;
  cleanSession: boolean;
  inflight: number;
  username: string | undefined;
  password: Buffer | undefined;
  transport: Transport;
  tls: TlsOptions;
  wsPath: string;
  maxPacketSize: number;
  reconnect: BackoffOptions;
  connectTimeoutMs: number;
  sessionExpiryInterval: number;
  topicAliasMaximum: number;
  maxBatchRequests: number;
  maxBatchBytes: number;
}

export const MAX_INFLIGHT = 65_535;
const DEFAULT_PORTS: Record<Transport, number> = { tcp: 1883, tls: 8883, ws: 80, wss: 443 };
const DEFAULT_MAX_PACKET_SIZE = 16 * 1024 * 1024;

/** Fills in defaults and checks every option, throwing InvalidArgumentError on the first bad one. */
export function resolveOptions(options: ClientOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) bad('options', 'options must be an object');
  const transport = options.transport ?? 'tcp';
  if (!Object.hasOwn(DEFAULT_PORTS, transport)) bad('transport', `transport must be tcp, tls, ws or wss, got ${JSON.stringify(transport)}`);
  if (typeof options.host !== 'string' || options.host.length === 0) bad('host', 'host must be a non-empty string');
  const protocolVersion = options.protocolVersion ?? 4;
  if (protocolVersion !== 4 && protocolVersion !== 5) bad('protocolVersion', `protocolVersion must be 4 (MQTT 3.1.1) or 5, got ${String(protocolVersion)}`);
  const cleanSession = options.cleanSession ?? true;
  const clientId = options.clientId ?? `mqtt-gauge-${randomBytes(4).toString('hex')}`;
  if (typeof clientId !== 'string' || Buffer.byteLength(clientId) > 65_535) bad('clientId', 'clientId must be a string of at most 65,535 bytes');
  if (clientId === '' && !cleanSession && protocolVersion === 4) {
    bad('clientId', 'MQTT 3.1.1 needs a client id to keep a session (cleanSession: false)');
  }
  const password = options.password === undefined ? undefined : Buffer.from(options.password);
  const reconnect = { ...DEFAULT_BACKOFF, ...options.reconnect };
  integer('reconnect.initialDelayMs', reconnect.initialDelayMs, 0, 3_600_000);
  integer('reconnect.maxDelayMs', reconnect.maxDelayMs, 0, 3_600_000);
  if (!(reconnect.multiplier >= 1 && reconnect.multiplier <= 10)) bad('reconnect.multiplier', 'reconnect.multiplier must be from 1 to 10');
  if (!(reconnect.jitter >= 0 && reconnect.jitter <= 1)) bad('reconnect.jitter', 'reconnect.jitter must be from 0 to 1');
  return {
    host: options.host,
    port: integer('port', options.port ?? DEFAULT_PORTS[transport], 1, 65_535),
    clientId,
    protocolVersion,
    keepAlive: integer('keepAlive', options.keepAlive ?? 30, 0, 65_535),
    cleanSession,
    inflight: integer('inflight', options.inflight ?? 100, 1, MAX_INFLIGHT, 'invalid-inflight'),
    username: options.username,
    password,
    transport,
    tls: { rejectUnauthorized: true, ...options.tls },
    wsPath: options.wsPath ?? '/mqtt',
    maxPacketSize: integer('maxPacketSize', options.maxPacketSize ?? DEFAULT_MAX_PACKET_SIZE, 64, MAX_REMAINING_LENGTH + 5),
    reconnect,
    connectTimeoutMs: integer('connectTimeoutMs', options.connectTimeoutMs ?? 10_000, 1, 600_000),
    sessionExpiryInterval: integer('sessionExpiryInterval', options.sessionExpiryInterval ?? (cleanSession ? 0 : 3600), 0, 0xffff_ffff),
    topicAliasMaximum: integer('topicAliasMaximum', options.topicAliasMaximum ?? 64, 0, 65_535),
    maxBatchRequests: integer('maxBatchRequests', options.maxBatchRequests ?? 2048, 1, 1_000_000),
    maxBatchBytes: integer('maxBatchBytes', options.maxBatchBytes ?? 256 * 1024, 1024, 64 * 1024 * 1024),
  };
}

/** Checks a whole number in range and returns it. */
export function integer(field: string, value: unknown, min: number, max: number, code: 'invalid-option' | 'invalid-inflight' = 'invalid-option'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(code, field, `${field} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}, got ${String(value)}`);
  }
  return value;
}

function bad(field: string, message: string): never {
  throw new InvalidArgumentError('invalid-option', field, message);
}
