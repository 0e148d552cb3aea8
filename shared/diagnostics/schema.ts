// The shape a bundle must have to be replayed. Parsing checks it all, so the
// replay view and the summary can trust every field they read.
import { z } from 'zod';
import { ALERT_RULES, FAULT_KINDS, OVERFLOW_POLICIES, TRANSPORTS } from '../domain.js';
import { settings } from '../schemas.js';
import { BUNDLE_FORMAT, BUNDLE_VERSION } from './bundle.js';

const count = z.number().finite().min(0);
const ms = z.number().finite();
const nullableMs = ms.nullable();

const errorInfo = z.object({
  kind: z.enum(['invalid-argument', 'closed', 'protocol', 'connection']),
  code: z.string(),
  message: z.string(),
  reasonCode: z.number().int().optional(),
  at: ms,
});

const faultState = z.object({ throttleBytesPerSec: count.nullable(), stalledUntil: nullableMs, pollDelayMs: count });

const sample = z.object({
  t: ms,
  capacity: count,
  depth: count,
  highWater: count,
  policy: z.enum(OVERFLOW_POLICIES),
  waitingSenders: count,
  accepted: count,
  failedTryPublish: count,
  droppedOldest: count,
  droppedNewest: count,
  discarded: count,
  acceptedRate: count,
  failedTryPublishRate: count,
  droppedOldestRate: count,
  droppedNewestRate: count,
  inflight: count,
  maxInflight: count,
  pendingResend: count,
  sinceLastPollMs: count,
  paused: z.boolean(),
  connectionState: z.enum(['disconnected', 'connecting', 'connected']),
  pingRttMs: count.nullable(),
  reconnects: count,
  lastError: errorInfo.nullable(),
  connectedSince: nullableMs,
  bytesInRate: count,
  bytesOutRate: count,
  messagesInRate: count,
  messagesOutRate: count,
  messagesIn: count,
  messagesOut: count,
  lostPublishes: count,
  rejectedTooLarge: count,
  queueLatencyP50: count.nullable(),
  queueLatencyP99: count.nullable(),
  ackLatencyP50: count.nullable(),
  ackLatencyP99: count.nullable(),
  faults: faultState,
});

const alertRecord = z.object({
  id: z.enum(ALERT_RULES),
  severity: z.enum(['warning', 'critical']),
  message: z.string(),
  since: ms,
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
  clearedAt: nullableMs,
});

const logEntry = z.object({
  seq: count,
  t: ms,
  level: z.enum(['info', 'warning', 'error']),
  category: z.enum(['connection', 'error', 'alert', 'channel', 'loop', 'load', 'subscription', 'publish', 'fault', 'inspect']),
  message: z.string(),
  key: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

const faultRecord = z.object({
  t: ms,
  kind: z.enum([...FAULT_KINDS, 'pause-loop']),
  phase: z.enum(['start', 'end']),
  value: z.number().finite().nullable(),
});

const connection = z.object({
  name: z.string(),
  kind: z.enum(['builtin', 'custom']),
  host: z.string(),
  port: z.number().int().min(1).max(65_535),
  transport: z.enum(TRANSPORTS),
  wsPath: z.string(),
  protocolVersion: z.union([z.literal(4), z.literal(5)]),
  clientId: z.string(),
  keepAlive: count,
  cleanSession: z.boolean(),
  username: z.string().optional(),
  hasUsername: z.boolean(),
  hasPassword: z.boolean(),
  tls: z.object({ rejectUnauthorized: z.boolean(), hadCa: z.boolean(), hadCert: z.boolean(), hadKey: z.boolean() }),
  inflight: count,
  capacity: count,
  policy: z.enum(OVERFLOW_POLICIES),
});

/** Inspect's part: checked where a reader relies on it (the list and the charts); the rest of each client is kept as written. */
const inspectClient = z
  .object({
    connection: count,
    remote: z.string(),
    openedAt: ms,
    closedAt: ms.nullable(),
    identity: z.object({ clientId: z.string().nullable() }).loose(),
    verdicts: z.array(z.object({ id: z.string(), severity: z.enum(['warning', 'critical']), message: z.string(), since: ms }).loose()),
    latest: z.object({ t: ms, state: z.string() }).loose(),
  })
  .loose();
const inspectPart = z.object({
  status: z.object({ listening: z.boolean(), listen: z.string().nullable(), upstream: z.string().nullable(), clients: z.array(inspectClient) }),
  histories: z.record(z.string().regex(/^\d+$/), z.array(z.object({ t: ms, state: z.string() }).loose())),
});

/** Version 1 of the bundle, field by field. */
export const bundleSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  createdAt: ms,
  app: z.object({ version: z.string() }),
  engine: z.object({ name: z.string(), version: z.string() }),
  os: z.object({ platform: z.string(), release: z.string(), arch: z.string(), node: z.string() }),
  connection: connection.nullable(),
  channel: z.object({ capacity: count, policy: z.enum(OVERFLOW_POLICIES), inflight: count }),
  settings,
  samples: z.array(sample),
  alerts: z.array(alertRecord),
  log: z.array(logEntry),
  faults: z.array(faultRecord),
  inspect: inspectPart.optional(),
});
