// Unit tests of the argument checks: topics, filters, QoS and payloads, and the PUBLISH size formula against the encoder.
import mqtt from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors.js';
import { MAX_TOPIC_BYTES, publishPacketSize, varIntSize } from '../../shared/mqtt-sizes.js';
import { payloadSize, validateFilter, validatePublishTopic, validateQos } from './validate.js';

/** The InvalidArgumentError a call throws, or fails the test when it does not throw one. */
function invalid(call: () => unknown): InvalidArgumentError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return error as InvalidArgumentError;
  }
  throw new Error('expected an InvalidArgumentError');
}

describe('validatePublishTopic', () => {
  it('accepts ordinary topics and returns their UTF-8 length', () => {
    expect(validatePublishTopic('a')).toBe(1);
    expect(validatePublishTopic('sensors/kitchen/temperature')).toBe(27);
    expect(validatePublishTopic('/leading/slash/')).toBe(15);
    expect(validatePublishTopic('température/€')).toBe(Buffer.byteLength('température/€'));
    expect(validatePublishTopic('emoji/😀')).toBe(10); // a surrogate pair is one 4-byte character
  });

  it('accepts a topic of exactly 65,535 bytes', () => {
    expect(validatePublishTopic('a'.repeat(MAX_TOPIC_BYTES))).toBe(65_535);
  });

  it.each(['a/+/b', '+', 'a/#', '#', 'sport+', 'a#'])('a publish topic with a wildcard (%s) is rejected with invalid-topic', (topic) => {
    const error = invalid(() => validatePublishTopic(topic));
    expect(error).toMatchObject({ kind: 'invalid-argument', code: 'invalid-topic', field: 'topic' });
    expect(error.message).toContain('wildcards + or #');
    expect(error.message).toContain(JSON.stringify(topic));
  });

  it('an empty topic is rejected with invalid-topic', () => {
    const error = invalid(() => validatePublishTopic(''));
    expect(error).toMatchObject({ code: 'invalid-topic', field: 'topic' });
    expect(error.message).toMatch(/non-empty string/);
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['an object', { topic: 'a' }],
  ])('a topic that is not a string (%s) is rejected with invalid-topic', (_name, topic) => {
    expect(invalid(() => validatePublishTopic(topic))).toMatchObject({ code: 'invalid-topic' });
  });

  it('a topic holding U+0000 is rejected with invalid-topic', () => {
    const error = invalid(() => validatePublishTopic('a\u0000b'));
    expect(error).toMatchObject({ code: 'invalid-topic', field: 'topic' });
    expect(error.message).toContain('U+0000');
  });

  it.each(['a/\ud800', '\udc00/b', 'x\ud83dy'])('a topic holding a lone surrogate (%#) is rejected with invalid-topic', (topic) => {
    const error = invalid(() => validatePublishTopic(topic));
    expect(error).toMatchObject({ code: 'invalid-topic', field: 'topic' });
    expect(error.message).toMatch(/not valid UTF-8.*lone surrogate/);
  });

  it('a topic of 65,536 bytes is rejected with topic-too-long, naming both sizes', () => {
    const error = invalid(() => validatePublishTopic('a'.repeat(65_536)));
    expect(error).toMatchObject({ code: 'topic-too-long', field: 'topic' });
    expect(error.message).toContain('65,536 bytes');
    expect(error.message).toContain('65,535');
  });

  it('the limit counts UTF-8 bytes, not characters', () => {
    const topic = 'é'.repeat(32_768); // 32,768 characters, 65,536 bytes
    expect(invalid(() => validatePublishTopic(topic))).toMatchObject({ code: 'topic-too-long' });
  });

  it('a long bad topic is abbreviated in the message', () => {
    const error = invalid(() => validatePublishTopic(`${'x'.repeat(500)}/#`));
    expect(error.message.length).toBeLessThan(200);
    expect(error.message).toContain('...');
  });
});

describe('validateFilter', () => {
  it.each(['a/#', '#', '+', 'a/+/c', '+/+', '/#', 'a/b', 'sport/tennis/+/#'])('accepts the filter %s', (filter) => {
    expect(() => validateFilter(filter)).not.toThrow();
  });

  it.each([
    ['a/#/b', '# must be a whole level and the last one'],
    ['a#', '# must be a whole level and the last one'],
    ['#/a', '# must be a whole level and the last one'],
    ['a+', '+ must be a whole level'],
    ['a/+b/c', '+ must be a whole level'],
    ['a/b+', '+ must be a whole level'],
  ])('rejects the filter %s with invalid-filter', (filter, message) => {
    const error = invalid(() => validateFilter(filter));
    expect(error).toMatchObject({ code: 'invalid-filter', field: 'filter' });
    expect(error.message).toContain(message);
  });

  it('an empty or non-string filter is rejected with invalid-filter', () => {
    expect(invalid(() => validateFilter(''))).toMatchObject({ code: 'invalid-filter' });
    expect(invalid(() => validateFilter(undefined))).toMatchObject({ code: 'invalid-filter' });
  });

  it('filters share the topic rules on U+0000, lone surrogates and length, naming the field', () => {
    expect(invalid(() => validateFilter('a/\u0000', 'filter[2]'))).toMatchObject({ field: 'filter[2]' });
    expect(invalid(() => validateFilter('a/\ud800'))).toMatchObject({ field: 'filter' });
    const long = invalid(() => validateFilter(`${'a'.repeat(65_534)}/#`));
    expect(long).toMatchObject({ code: 'topic-too-long', field: 'filter' });
    expect(long.message).toContain('the filter is 65,536 bytes');
  });
});

describe('validateQos', () => {
  it.each([0, 1, 2])('accepts QoS %i', (qos) => {
    expect(() => validateQos(qos)).not.toThrow();
  });

  it.each<[unknown, string]>([
    [3, 'got number 3'],
    [-1, 'got number -1'],
    [1.5, 'got number 1.5'],
    ['1', 'got "1"'],
    [Number.NaN, 'got NaN'],
    [null, 'got null'],
    [undefined, 'got undefined'],
  ])('rejects QoS %s with invalid-qos and says what it got', (qos, got) => {
    const error = invalid(() => validateQos(qos));
    expect(error).toMatchObject({ code: 'invalid-qos', field: 'qos' });
    expect(error.message).toBe(`QoS must be 0, 1 or 2, ${got}`);
  });
});

describe('payload and packet sizes', () => {
  it('payloadSize counts strings in UTF-8 bytes and bytes as they are', () => {
    expect(payloadSize('')).toBe(0);
    expect(payloadSize('héllo')).toBe(6);
    expect(payloadSize(Buffer.alloc(10))).toBe(10);
    expect(payloadSize(new Uint8Array(new ArrayBuffer(16), 4, 8))).toBe(8);
  });

  it('a payload that is neither a string nor bytes is rejected with invalid-payload', () => {
    expect(invalid(() => payloadSize(42))).toMatchObject({ code: 'invalid-payload', field: 'payload' });
    expect(invalid(() => payloadSize({ data: [1] }))).toMatchObject({ code: 'invalid-payload' });
    expect(invalid(() => payloadSize(null))).toMatchObject({ code: 'invalid-payload' });
  });

  it('varIntSize matches the MQTT variable-byte integer boundaries', () => {
    expect([0, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455].map(varIntSize)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it.each([
    [0, 0],
    [1, 0],
    [0, 120],
    [1, 125],
    [2, 16_000],
    [1, 3_000_000],
  ])('publishPacketSize agrees with the 3.1.1 encoder (QoS %i, payload %i bytes)', (qos, payloadBytes) => {
    const topic = 'sensors/ü';
    const encoded = mqtt.generate(
      { cmd: 'publish', topic, payload: Buffer.alloc(payloadBytes), qos: qos as 0 | 1 | 2, messageId: qos > 0 ? 1 : undefined, dup: false, retain: false },
      { protocolVersion: 4 },
    );
    expect(publishPacketSize(Buffer.byteLength(topic), qos, payloadBytes)).toBe(encoded.length);
  });
});
