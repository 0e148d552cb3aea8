import { InvalidArgumentError } from './errors.js';

/** The largest topic or filter MQTT can carry: a two-byte length prefix. */
export const MAX_TOPIC_BYTES = 65_535;
/** The largest remaining length MQTT's variable-byte integer can express. */
export const MAX_REMAINING_LENGTH = 268_435_455;

/** Throws unless `qos` is 0, 1 or 2. */
export function validateQos(qos: unknown, field = 'qos'): asserts qos is 0 | 1 | 2 {
  if (qos !== 0 && qos !== 1 && qos !== 2) {
    throw new InvalidArgumentError('invalid-qos', field, `QoS must be 0, 1 or 2, got ${describe(qos)}`);
  }
}

/** Throws unless `topic` is a valid topic name to publish to. Returns its UTF-8 length. */
export function validatePublishTopic(topic: unknown): number {
  if (typeof topic !== 'string' || topic.length === 0) {
    throw new InvalidArgumentError('invalid-topic', 'topic', `a publish topic must be a non-empty string, got ${describe(topic)}`);
  }
  if (topic.includes('+') || topic.includes('#')) {
    throw new InvalidArgumentError(
      'invalid-topic',
      'topic',
      `a publish topic cannot contain the wildcards + or #: ${JSON.stringify(abbreviate(topic))}`,
    );
  }
  return validateTopicText(topic, 'topic', 'invalid-topic');
}

/** Throws unless `filter` is a valid subscription filter. */
export function validateFilter(filter: unknown, field = 'filter'): void {
  if (typeof filter !== 'string' || filter.length === 0) {
    throw new InvalidArgumentError('invalid-filter', field, `a topic filter must be a non-empty string, got ${describe(filter)}`);
  }
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) {
      throw new InvalidArgumentError(
        'invalid-filter',
        field,
        `# must be a whole level and the last one in a filter: ${JSON.stringify(abbreviate(filter))}`,
      );
    }
    if (level.includes('+') && level !== '+') {
      throw new InvalidArgumentError('invalid-filter', field, `+ must be a whole level in a filter: ${JSON.stringify(abbreviate(filter))}`);
    }
  }
  validateTopicText(filter, field, 'invalid-filter');
}

/**
 * Checks what topics and filters share: well-formed UTF-8 (no lone
 * surrogates, which would be encoded as U+FFFD and silently change the
 * topic), no U+0000, and at most 65,535 bytes.
 */
function validateTopicText(text: string, field: string, code: 'invalid-topic' | 'invalid-filter'): number {
  if (text.includes('\u0000')) {
    throw new InvalidArgumentError(code, field, `a ${field} cannot contain the null character U+0000`);
  }
  if (!text.isWellFormed()) {
    throw new InvalidArgumentError(code, field, `the ${field} is not valid UTF-8 (it holds a lone surrogate)`);
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_TOPIC_BYTES) {
    throw new InvalidArgumentError(
      'topic-too-long',
      field,
      `the ${field} is ${bytes.toLocaleString('en-US')} bytes of UTF-8; MQTT allows at most ${MAX_TOPIC_BYTES.toLocaleString('en-US')}`,
    );
  }
  return bytes;
}

/** Throws unless `payload` is a Buffer, a Uint8Array or a string. Returns its size in bytes. */
export function payloadSize(payload: unknown): number {
  if (typeof payload === 'string') return Buffer.byteLength(payload, 'utf8');
  if (payload instanceof Uint8Array) return payload.byteLength;
  throw new InvalidArgumentError('invalid-payload', 'payload', `a payload must be a string or bytes, got ${describe(payload)}`);
}

/** Bytes a variable-byte integer takes to encode `n`. */
export function varIntSize(n: number): number {
  return n < 128 ? 1 : n < 16_384 ? 2 : n < 2_097_152 ? 3 : 4;
}

/**
 * The size on the wire of a PUBLISH without properties: fixed header,
 * topic with its length prefix, packet id when QoS > 0, payload.
 */
export function publishPacketSize(topicBytes: number, qos: number, payloadBytes: number, propertiesBytes = 0): number {
  const remaining = 2 + topicBytes + (qos > 0 ? 2 : 0) + propertiesBytes + payloadBytes;
  return 1 + varIntSize(remaining) + remaining;
}

function describe(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'string') return JSON.stringify(abbreviate(value));
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function abbreviate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
