// Schemas for every command payload. The service validates with them (and
// the renderer's forms too), so bad input is refused with a message that
// names the field, before anything changes.
import { z } from 'zod';
import { REPORT_TOPIC_PREFIX } from './report/report.js';
import { PROBE_DEFAULT_MAX_PAYLOAD, PROBE_DEFAULT_STEP_TIMEOUT_MS, PROBE_MAX_PAYLOAD, PROBE_MIN_PAYLOAD } from './broker-probe.js';
import { FAULT_KINDS, LIMITS, OVERFLOW_POLICIES, PAYLOAD_FORMATS, PUBLISH_MODES, TRANSPORTS } from './domain.js';
import { checkPayload } from './payload.js';
import { problemParams, type ProblemId } from './problems.js';
import { filterProblem, publishTopicProblem, utf8Length } from './text.js';

const qos = z.union([z.literal(0), z.literal(1), z.literal(2)], { error: 'QoS must be 0, 1 or 2' });
const wholeNumber = (min: number, max: number, what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min.toLocaleString('en-US')}`)
    .max(max, `${what} must be at most ${max.toLocaleString('en-US')}`);

/** A custom check whose issue names one of our problems, so every side can word it. */
const check = (problem: ProblemId, message: string) => ({ message, params: { problem } });

const wellFormed = (max: number, what: string) =>
  z
    .string({ error: `${what} must be text` })
    .max(max, `${what} is too long (at most ${max.toLocaleString('en-US')} characters)`)
    .refine((s) => s.isWellFormed(), check('notUtf8', `${what} is not valid UTF-8`));

export const publishTopic = z.string({ error: 'the topic must be text' }).superRefine((topic, ctx) => {
  const found = publishTopicProblem(topic);
  if (found) ctx.addIssue({ code: 'custom', message: found.message, params: problemParams(found) });
});

export const topicFilter = z.string({ error: 'the filter must be text' }).superRefine((filter, ctx) => {
  const found = filterProblem(filter);
  if (found) ctx.addIssue({ code: 'custom', message: found.message, params: problemParams(found) });
});

export const capacity = wholeNumber(LIMITS.minCapacity, LIMITS.maxCapacity, 'capacity');
export const inflight = wholeNumber(1, LIMITS.maxInflight, 'the in-flight window');
export const overflowPolicy = z.enum(OVERFLOW_POLICIES, { error: `the policy must be one of ${OVERFLOW_POLICIES.join(', ')}` });

const pem = z
  .string()
  .refine((s) => s.length <= LIMITS.maxPemBytes, check('pemTooLarge', 'a PEM file of at most 64 KiB'))
  .optional();

/** A saved way to reach a broker, and the channel settings to start with. */
export const connectionProfile = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'a profile id is 1 to 64 lower-case letters, digits or dashes').optional(),
    name: wellFormed(100, 'the profile name').pipe(z.string().min(1, 'the profile needs a name')),
    /** `builtin` connects to the built-in test broker, wherever it listens. */
    kind: z.enum(['builtin', 'custom']).default('custom'),
    host: z
      .string({ error: 'the host must be text' })
      .min(1, 'the host is empty')
      .max(253, 'the host is too long')
      .refine((s) => /^[^\s/?#@]+$/.test(s), check('host', 'the host is a name or an address, without spaces, scheme or path')),
    port: wholeNumber(1, 65_535, 'the port'),
    transport: z.enum(TRANSPORTS).default('tcp'),
    wsPath: z
      .string()
      .max(256)
      .refine((s) => /^\/[^\s]*$/.test(s), check('wsPath', 'the WebSocket path starts with /'))
      .default('/mqtt'),
    protocolVersion: z.union([z.literal(4), z.literal(5)], { error: 'the MQTT version is 4 (3.1.1) or 5' }).default(4),
    clientId: wellFormed(256, 'the client id').default(''),
    keepAlive: wholeNumber(0, 65_535, 'keepalive').default(30),
    cleanSession: z.boolean().default(true),
    username: wellFormed(1024, 'the user name').optional(),
    password: wellFormed(1024, 'the password').optional(),
    tls: z
      .object({ ca: pem, cert: pem, key: pem, rejectUnauthorized: z.boolean().default(true) })
      .strict()
      .default({ rejectUnauthorized: true }),
    inflight: inflight.default(100),
    capacity: capacity.default(1000),
    policy: overflowPolicy.default('block'),
  })
  .strict();
export type ConnectionProfile = z.output<typeof connectionProfile>;
export type ConnectionProfileInput = z.input<typeof connectionProfile>;

const empty = z.object({}).strict();

export const publishCommand = z
  .object({
    mode: z.enum(PUBLISH_MODES).default('publish'),
    topic: publishTopic,
    qos,
    retain: z.boolean().default(false),
    payload: z.string().max(4 * LIMITS.maxPayloadBytes, 'the payload is too large'),
    format: z.enum(PAYLOAD_FORMATS).default('text'),
    properties: z
      .object({
        contentType: wellFormed(256, 'the content type').optional(),
        responseTopic: publishTopic.optional(),
        messageExpiryInterval: wholeNumber(0, 0xffff_ffff, 'the message expiry').optional(),
        payloadFormatIndicator: z.boolean().optional(),
        userProperties: z.record(wellFormed(256, 'a user property name'), wellFormed(1024, 'a user property value')).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((command, ctx) => {
    const payload = checkPayload(command.payload, command.format);
    if (!payload.ok) ctx.addIssue({ code: 'custom', path: ['payload'], message: payload.message, params: problemParams(payload) });
    else if (payload.bytes > LIMITS.maxPayloadBytes) {
      ctx.addIssue({
        code: 'custom',
        path: ['payload'],
        message: `the payload is ${payload.bytes.toLocaleString('en-US')} bytes; at most ${LIMITS.maxPayloadBytes.toLocaleString('en-US')}`,
        params: { problem: 'payloadTooLarge', bytes: payload.bytes, max: LIMITS.maxPayloadBytes },
      });
    }
  });
export type PublishCommand = z.output<typeof publishCommand>;

export const loadSpec = z
  .object({
    topic: publishTopic.default('gauge/load'),
    rate: wholeNumber(1, LIMITS.maxLoadRate, 'the rate'),
    burst: wholeNumber(1, LIMITS.maxLoadBurst, 'the burst size').default(1),
    count: wholeNumber(1, LIMITS.maxLoadCount, 'the count').optional(),
    durationSec: wholeNumber(1, LIMITS.maxLoadDurationSec, 'the duration').optional(),
    qos: qos.default(0),
    payloadSize: wholeNumber(0, LIMITS.maxPayloadBytes, 'the payload size').default(64),
    mode: z.enum(PUBLISH_MODES).default('tryPublish'),
    /** Stamp each payload with its send time, for end-to-end latency; left out means yes. */
    stamp: z.boolean({ error: 'stamp must be true or false' }).optional(),
  })
  .strict();
export type LoadSpec = z.output<typeof loadSpec>;

export const settings = z
  .object({
    sampleHz: wholeNumber(1, 50, 'the sample rate'),
    historyMinutes: wholeNumber(1, 60, 'the history length'),
    alerts: z
      .object({
        depthPercent: wholeNumber(1, 100, 'the depth threshold'),
        depthForSec: wholeNumber(0, 3600, 'the depth duration'),
        stalledPollSec: wholeNumber(1, 3600, 'the stalled-loop threshold'),
        pingRttMs: wholeNumber(1, 600_000, 'the ping threshold'),
        reconnectsPerMinute: wholeNumber(1, 1000, 'the reconnect threshold'),
      })
      .strict(),
    language: z.enum(['system', 'en', 'zh-CN']),
    theme: z.enum(['system', 'light', 'dark']),
  })
  .strict();
export type Settings = z.output<typeof settings>;

export const DEFAULT_SETTINGS: Settings = {
  sampleHz: 10,
  historyMinutes: 10,
  alerts: { depthPercent: 80, depthForSec: 5, stalledPollSec: 2, pingRttMs: 1000, reconnectsPerMinute: 6 },
  language: 'system',
  theme: 'system',
};

/**
 * A fault drill to switch on, change or off. `throttle` with null and
 * `slow-poll` with 0 switch those off; a stall ends by itself; a drop is
 * instant.
 */
export const faultCommand = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('throttle'), bytesPerSec: wholeNumber(1, LIMITS.maxThrottleBytesPerSec, 'the write rate').nullable() }).strict(),
    z.object({ kind: z.literal('stall-socket'), seconds: wholeNumber(1, LIMITS.maxStallSec, 'the stall') }).strict(),
    z.object({ kind: z.literal('drop-connection') }).strict(),
    z.object({ kind: z.literal('slow-poll'), delayMs: wholeNumber(0, LIMITS.maxPollDelayMs, 'the poll delay') }).strict(),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? `the drill must be one of ${FAULT_KINDS.join(', ')}` : undefined) },
);
export type FaultCommand = z.output<typeof faultCommand>;

/** Where reports are published: a topic prefix ending in "/", without wildcards; the listener subscribes to it with "#" added. */
const reportTopicPrefix = z
  .string({ error: 'the report topic prefix must be text' })
  .min(2, 'the report topic prefix must not be empty')
  .max(200, 'the report topic prefix is too long (at most 200 characters)')
  .refine((prefix) => prefix.endsWith('/'), 'the report topic prefix must end with "/"')
  .refine((prefix) => !/[+#]/.test(prefix), 'the report topic prefix must not hold + or # (the listener adds "#")');

/** Every command's payload schema. */
export const commandSchemas = {
  connect: z.object({ profile: connectionProfile }).strict(),
  disconnect: empty,
  publish: publishCommand,
  startLoad: loadSpec,
  stopLoad: empty,
  setCapacity: z.object({ capacity }).strict(),
  setOverflowPolicy: z.object({ policy: overflowPolicy }).strict(),
  setInflight: z.object({ inflight }).strict(),
  pauseLoop: empty,
  resumeLoop: empty,
  subscribe: z.object({ filter: topicFilter, qos }).strict(),
  unsubscribe: z.object({ filter: topicFilter }).strict(),
  getSnapshot: empty,
  getHistory: z.object({ seconds: wholeNumber(1, 3600, 'seconds').optional() }).strict(),
  getSettings: empty,
  setSettings: settings.partial().strict(),
  listProfiles: empty,
  saveProfile: z.object({ profile: connectionProfile }).strict(),
  deleteProfile: z.object({ id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'not a profile id') }).strict(),
  setFault: faultCommand,
  /** Inspect: a proxy on loopback `listenPort` forwarding every client to the broker of `profile`. */
  startInspect: z.object({ listenPort: wholeNumber(0, 65_535, 'the listen port').default(18_830), profile: connectionProfile }).strict(),
  stopInspect: empty,
  getInspect: empty,
  getInspectHistory: z.object({ connection: wholeNumber(1, Number.MAX_SAFE_INTEGER, 'the connection'), seconds: wholeNumber(1, 3600, 'seconds').optional() }).strict(),
  /**
   * Probe the broker of `profile` (the current profile when left out) on a
   * connection of its own: payloads grow up to `maxPayloadBytes`, and each
   * step may take `stepTimeoutMs`.
   */
  probeBroker: z
    .object({
      profile: connectionProfile.optional(),
      maxPayloadBytes: wholeNumber(PROBE_MIN_PAYLOAD, PROBE_MAX_PAYLOAD, 'the largest payload').default(PROBE_DEFAULT_MAX_PAYLOAD),
      stepTimeoutMs: wholeNumber(100, 30_000, 'the step timeout').default(PROBE_DEFAULT_STEP_TIMEOUT_MS),
    })
    .strict(),
  /**
   * Listen for client reports on `<topicPrefix>#` at the broker of `profile`
   * (the current profile when left out), on a connection of its own.
   */
  startReports: z
    .object({
      profile: connectionProfile.optional(),
      topicPrefix: reportTopicPrefix.default(REPORT_TOPIC_PREFIX),
    })
    .strict(),
  stopReports: empty,
  getReportHistory: z.object({ clientId: z.string({ error: 'the client id must be text' }).min(1, 'the client id must not be empty').max(256, 'the client id is too long (at most 256 characters)') }).strict(),
  exportDiagnostics: z.object({ includeUsername: z.boolean({ error: 'includeUsername must be true or false' }).optional() }).strict(),
} as const;

export type CommandName = keyof typeof commandSchemas;
export type CommandInput<C extends CommandName> = z.input<(typeof commandSchemas)[C]>;
export type CommandPayload<C extends CommandName> = z.output<(typeof commandSchemas)[C]>;

/** Measures the UTF-8 size of a string (re-exported for forms). */
export { utf8Length };
