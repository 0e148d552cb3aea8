// Argument checks of the client's calls: shared's topic and filter rules,
// raised as the engine's typed InvalidArgumentError before anything is queued.
import { MAX_TOPIC_BYTES } from '../../shared/mqtt-sizes.js';
import type { Problem } from '../../shared/problems.js';
import { filterProblem, publishTopicProblem, utf8Length } from '../../shared/text.js';
import { InvalidArgumentError } from './errors.js';

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
  const problem = publishTopicProblem(topic);
  if (problem) throw topicError(problem, topic, 'topic', 'invalid-topic');
  return utf8Length(topic);
}

/** Throws unless `filter` is a valid subscription filter. */
export function validateFilter(filter: unknown, field = 'filter'): void {
  if (typeof filter !== 'string' || filter.length === 0) {
    throw new InvalidArgumentError('invalid-filter', field, `a topic filter must be a non-empty string, got ${describe(filter)}`);
  }
  const problem = filterProblem(filter);
  if (problem) throw topicError(problem, filter, field, 'invalid-filter');
}

/**
 * Words what shared's rules found in a topic or filter as the engine's
 * error: wildcards in the wrong place (quoting the text), U+0000, a lone
 * surrogate (which would be encoded as U+FFFD and silently change the
 * topic), or more than 65,535 bytes of UTF-8.
 */
function topicError(found: Problem, text: string, field: string, code: 'invalid-topic' | 'invalid-filter'): InvalidArgumentError {
  switch (found.problem) {
    case 'topicWildcard':
      return new InvalidArgumentError(code, field, `${found.message}: ${JSON.stringify(abbreviate(text))}`);
    case 'filterHash':
    case 'filterPlus':
      return new InvalidArgumentError(code, field, `${found.message} in a filter: ${JSON.stringify(abbreviate(text))}`);
    case 'nullCharacter':
      return new InvalidArgumentError(code, field, `a ${field} cannot contain the null character U+0000`);
    case 'notUtf8':
      return new InvalidArgumentError(code, field, `the ${field} is not valid UTF-8 (it holds a lone surrogate)`);
    case 'topicTooLong': {
      const bytes = Number(found.params?.bytes ?? utf8Length(text));
      return new InvalidArgumentError(
        'topic-too-long',
        field,
        `the ${field} is ${bytes.toLocaleString('en-US')} bytes of UTF-8; MQTT allows at most ${MAX_TOPIC_BYTES.toLocaleString('en-US')}`,
      );
    }
    default:
      return new InvalidArgumentError(code, field, `the ${field} is not valid: ${found.message}`);
  }
}

/** Throws unless `payload` is a Buffer, a Uint8Array or a string. Returns its size in bytes. */
export function payloadSize(payload: unknown): number {
  if (typeof payload === 'string') return Buffer.byteLength(payload, 'utf8');
  if (payload instanceof Uint8Array) return payload.byteLength;
  throw new InvalidArgumentError('invalid-payload', 'payload', `a payload must be a string or bytes, got ${describe(payload)}`);
}

function describe(value: unknown): string {
  // A switch on typeof narrows `unknown` where a chain of negative checks does not.
  switch (typeof value) {
    case 'string':
      return JSON.stringify(abbreviate(value));
    case 'undefined':
      return 'undefined';
    case 'function':
      return 'a function';
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? 'an array' : 'an object';
    case 'number':
      return Number.isFinite(value) ? `number ${value}` : String(value);
    case 'boolean':
    case 'bigint':
      return `${typeof value} ${String(value)}`;
    case 'symbol':
      return `symbol ${value.toString()}`;
  }
}

function abbreviate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
