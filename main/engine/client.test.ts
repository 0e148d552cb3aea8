// Unit tests of the AsyncClient: argument checks before anything is queued, and what publish and tryPublish answer.
import mqtt from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { RequestChannel, type OverflowPolicy } from './channel.js';
import { AsyncClient } from './client.js';
import { ChannelClosedError, InvalidArgumentError } from './errors.js';
import type { PublishProperties, PublishRequest } from './requests.js';

// ---- helpers ----------------------------------------------------------------

function setup(capacity = 10, options: { protocolVersion?: 4 | 5; maxPacketSize?: number; policy?: OverflowPolicy } = {}) {
  const channel = new RequestChannel(capacity, options.policy ?? 'block');
  const client = new AsyncClient(channel, { protocolVersion: options.protocolVersion ?? 4, maxPacketSize: options.maxPacketSize ?? 1024 * 1024 });
  return { channel, client };
}

function watch<T>(promise: Promise<T>): { settled: boolean; value: T | undefined; error: unknown } {
  const w = { settled: false, value: undefined as T | undefined, error: undefined as unknown };
  promise.then(
    (value) => {
      w.settled = true;
      w.value = value;
    },
    (error: unknown) => {
      w.settled = true;
      w.error = error;
    },
  );
  return w;
}

function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

// Arguments are passed through `unknown` on purpose: these are the mistakes a
// JavaScript caller or a UI can make that the types would otherwise hide.
type PublishArgs = [topic: unknown, qos: unknown, retain: unknown, payload: unknown];

const BAD_PUBLISHES: Array<[string, PublishArgs, string]> = [
  ['a wildcard + in the topic', ['a/+/c', 0, false, 'x'], 'invalid-topic'],
  ['a wildcard # in the topic', ['a/#', 1, false, 'x'], 'invalid-topic'],
  ['an empty topic', ['', 0, false, 'x'], 'invalid-topic'],
  ['U+0000 in the topic', ['a\u0000b', 0, false, 'x'], 'invalid-topic'],
  ['a lone surrogate in the topic', ['a/\ud800', 0, false, 'x'], 'invalid-topic'],
  ['a topic of 65,536 bytes', ['t'.repeat(65_536), 0, false, 'x'], 'topic-too-long'],
  ['QoS 3', ['a', 3, false, 'x'], 'invalid-qos'],
  ['QoS -1', ['a', -1, false, 'x'], 'invalid-qos'],
  ['QoS 1.5', ['a', 1.5, false, 'x'], 'invalid-qos'],
  ["QoS '1'", ['a', '1', false, 'x'], 'invalid-qos'],
  ["retain 'yes'", ['a', 0, 'yes', 'x'], 'invalid-retain'],
  ['a number as payload', ['a', 0, false, 42], 'invalid-payload'],
];

function tryPublishUnchecked(client: AsyncClient, [topic, qos, retain, payload]: PublishArgs) {
  return client.tryPublish(topic as string, qos as 0, retain as boolean, payload as string);
}

// ---- tryPublish ------------------------------------------------------------------

describe('AsyncClient.tryPublish', () => {
  it('returns the frozen result objects {ok: true} and {ok: false, error: "full"}', () => {
    const { client, channel } = setup(1);
    const ok = client.tryPublish('a/b', 0, false, 'one');
    expect(ok).toEqual({ ok: true });
    expect(Object.isFrozen(ok)).toBe(true);
    const full = client.tryPublish('a/b', 0, false, 'two');
    expect(full).toEqual({ ok: false, error: 'full' });
    expect(Object.isFrozen(full)).toBe(true);
    // The same objects every time: a hot loop allocates nothing for its results.
    expect(client.tryPublish('a/b', 1, false, 'three')).toBe(full);
    channel.recv();
    expect(client.tryPublish('a/b', 0, false, 'four')).toBe(ok);
    expect(channel.stats().failedTryPublish).toBe(2);
  });

  it('returns {ok: false, error: "dropped"} under drop-newest, and {ok: true} under drop-oldest', () => {
    const newest = setup(1, { policy: 'drop-newest' }).client;
    newest.tryPublish('a', 0, false, 'x');
    expect(newest.tryPublish('a', 0, false, 'y')).toEqual({ ok: false, error: 'dropped' });
    const oldest = setup(1, { policy: 'drop-oldest' }).client;
    oldest.tryPublish('a', 0, false, 'x');
    expect(oldest.tryPublish('a', 0, false, 'y')).toEqual({ ok: true });
  });

  it('queues a request carrying what was asked for, in order', () => {
    const { client, channel } = setup(10, { protocolVersion: 5 });
    const receipt = { onAcked: () => {} };
    const properties: PublishProperties = { contentType: 'text/plain', messageExpiryInterval: 60 };
    client.tryPublish('first', 0, false, 'a');
    client.tryPublish('second', 2, true, Buffer.from([1, 2, 3]), { properties, receipt });
    expect(channel.recv()).toMatchObject({ kind: 'publish', topic: 'first', qos: 0, retain: false, payload: 'a' });
    const second = channel.recv() as PublishRequest;
    expect(second).toMatchObject({ kind: 'publish', topic: 'second', qos: 2, retain: true, properties });
    expect(second.payload).toEqual(Buffer.from([1, 2, 3]));
    expect(second.receipt).toBe(receipt);
  });

  it('a Uint8Array payload is queued as a Buffer over the same bytes', () => {
    const { client, channel } = setup();
    const backing = new Uint8Array([9, 9, 1, 2, 3, 9]);
    client.tryPublish('a', 0, false, backing.subarray(2, 5));
    const payload = (channel.recv() as PublishRequest).payload;
    expect(Buffer.isBuffer(payload)).toBe(true);
    expect([...(payload as Buffer)]).toEqual([1, 2, 3]);
  });

  it.each(BAD_PUBLISHES)('%s throws InvalidArgumentError before anything is queued', (_name, args, code) => {
    const { client, channel } = setup(2);
    client.tryPublish('ok', 0, false, 'queued');
    const before = channel.stats();
    let error: unknown;
    try {
      tryPublishUnchecked(client, args);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ kind: 'invalid-argument', code });
    expect(channel.stats()).toEqual(before);
    expect(channel.depth).toBe(1);
  });

  it('invalid arguments throw even when the channel is full, rather than reporting full', () => {
    const { client, channel } = setup(1);
    client.tryPublish('a', 0, false, 'x');
    expect(() => client.tryPublish('a/#', 0, false, 'x')).toThrow(InvalidArgumentError);
    expect(channel.stats().failedTryPublish).toBe(0);
  });

  it('a topic that passed once is still checked when a different topic comes in between', () => {
    const { client } = setup();
    expect(client.tryPublish('a', 0, false, 'x').ok).toBe(true);
    expect(() => client.tryPublish('a/#', 0, false, 'x')).toThrow(InvalidArgumentError);
    expect(() => client.tryPublish('a/#', 0, false, 'x')).toThrow(InvalidArgumentError);
    expect(client.tryPublish('a', 0, false, 'x').ok).toBe(true);
  });

  it('a publish over the maximum packet size is refused with payload-too-large; one of exactly the maximum is accepted', () => {
    const { client, channel } = setup(10, { maxPacketSize: 100 });
    // 1 (type) + 1 (length) + 2 + 1 (topic "a") + 95 (payload) = 100 bytes.
    expect(client.tryPublish('a', 0, false, Buffer.alloc(95))).toEqual({ ok: true });
    let error: unknown;
    try {
      client.tryPublish('a', 0, false, Buffer.alloc(96));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ code: 'payload-too-large', field: 'payload' });
    expect((error as Error).message).toBe('the publish would be 101 bytes on the wire; the maximum packet size is 100');
    // QoS 1 adds a packet id: the same payload no longer fits.
    expect(() => client.tryPublish('a', 1, false, Buffer.alloc(95))).toThrow(/102 bytes/);
    expect(channel.depth).toBe(1);
  });

  it.each<[string, 4 | 5, PublishProperties | undefined]>([
    ['MQTT 3.1.1', 4, undefined],
    ['MQTT 5 without properties', 5, undefined],
    ['MQTT 5 with a content type', 5, { contentType: 'application/json' }],
    ['MQTT 5 with user properties', 5, { userProperties: { trace: 'x'.repeat(20) } }],
  ])('%s: a publish is accepted exactly when its encoded size fits the maximum packet size', (_name, protocolVersion, properties) => {
    const maxPacketSize = 100;
    for (let payloadBytes = 0; payloadBytes <= 110; payloadBytes++) {
      const { client } = setup(10, { protocolVersion, maxPacketSize });
      const payload = Buffer.alloc(payloadBytes);
      const encoded = mqtt.generate(
        { cmd: 'publish', topic: 'a/b', payload, qos: 1, messageId: 1, dup: false, retain: false, properties },
        { protocolVersion },
      ).length;
      let accepted: boolean;
      try {
        client.tryPublish('a/b', 1, false, payload, properties ? { properties } : undefined);
        accepted = true;
      } catch (error) {
        expect(error).toMatchObject({ code: 'payload-too-large' });
        accepted = false;
      }
      expect(accepted, `payload of ${payloadBytes} bytes encodes to ${encoded} bytes`).toBe(encoded <= maxPacketSize);
    }
  });

  it('properties with protocolVersion 4 are rejected with invalid-option and nothing is queued', () => {
    const { client, channel } = setup();
    expect(() => client.tryPublish('a', 0, false, 'x', { properties: { contentType: 'text/plain' } })).toThrow(InvalidArgumentError);
    let error: unknown;
    try {
      client.tryPublish('a', 0, false, 'x', { properties: {} });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'invalid-option', field: 'properties' });
    expect((error as Error).message).toMatch(/need MQTT 5/);
    expect(channel.stats().accepted).toBe(0);
    // A receipt alone is fine on 3.1.1.
    expect(client.tryPublish('a', 0, false, 'x', { receipt: {} })).toEqual({ ok: true });
  });
});

// ---- publish ----------------------------------------------------------------------

describe('AsyncClient.publish', () => {
  it('resolves queued when there is room, and waits for room when the channel is full', async () => {
    const { client, channel } = setup(1);
    await expect(client.publish('a', 1, false, 'x')).resolves.toBe('queued');
    const waiting = watch(client.publish('a', 1, false, 'y'));
    await flush();
    expect(waiting.settled).toBe(false);
    channel.recv();
    await flush();
    expect(waiting.value).toBe('queued');
  });

  it.each(BAD_PUBLISHES)('%s makes publish() reject, not throw synchronously, and queues nothing', async (_name, [topic, qos, retain, payload], code) => {
    const { client, channel } = setup(2);
    let promise: Promise<unknown> | undefined;
    expect(() => {
      promise = client.publish(topic as string, qos as 0, retain as boolean, payload as string);
    }).not.toThrow();
    await expect(promise).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(promise).rejects.toMatchObject({ code });
    expect(channel.stats().accepted).toBe(0);
    expect(channel.stats().waitingSenders).toBe(0);
  });

  it('a publish over the maximum packet size rejects with payload-too-large', async () => {
    const { client, channel } = setup(2, { maxPacketSize: 64 });
    await expect(client.publish('a', 0, false, Buffer.alloc(100))).rejects.toMatchObject({ code: 'payload-too-large' });
    expect(channel.depth).toBe(0);
  });
});

// ---- subscribe / unsubscribe ------------------------------------------------------------

describe('AsyncClient subscribe and unsubscribe', () => {
  it('subscribe queues one filter or many, with their QoS', async () => {
    const { client, channel } = setup();
    await client.subscribe('a/#', 1);
    await client.subscribe([
      { topic: 'b/+', qos: 0 },
      { topic: 'c', qos: 2, noLocal: true },
    ]);
    expect(channel.recv()).toMatchObject({ kind: 'subscribe', subscriptions: [{ topic: 'a/#', qos: 1 }] });
    expect(channel.recv()).toMatchObject({ kind: 'subscribe', subscriptions: [{ topic: 'b/+', qos: 0 }, { topic: 'c', qos: 2, noLocal: true }] });
  });

  it('a bad filter or QoS throws from trySubscribe and rejects from subscribe, before anything is queued', async () => {
    const { client, channel } = setup();
    expect(() => client.trySubscribe('a/#/b')).toThrow(InvalidArgumentError);
    expect(() => client.trySubscribe('a', 3 as 0)).toThrow(InvalidArgumentError);
    expect(() => client.trySubscribe([])).toThrow(InvalidArgumentError);
    await expect(client.subscribe('a+')).rejects.toMatchObject({ code: 'invalid-filter', field: 'filter' });
    await expect(client.subscribe([{ topic: 'ok', qos: 0 }, { topic: 'x/#/y', qos: 0 }])).rejects.toMatchObject({ field: 'filter[1]' });
    expect(() => client.tryUnsubscribe('a/#/b')).toThrow(InvalidArgumentError);
    await expect(client.unsubscribe([])).rejects.toMatchObject({ code: 'invalid-filter' });
    expect(channel.stats().accepted).toBe(0);
  });

  it('trySubscribe on a full channel reports full and counts a failed control request', () => {
    const { client, channel } = setup(1);
    client.tryPublish('a', 0, false, 'x');
    expect(client.trySubscribe('a/#')).toEqual({ ok: false, error: 'full' });
    expect(client.tryUnsubscribe('a/#')).toEqual({ ok: false, error: 'full' });
    expect(channel.stats().failedTryControl).toBe(2);
    expect(channel.stats().failedTryPublish).toBe(0);
  });
});

// ---- disconnect ------------------------------------------------------------------------

describe('AsyncClient.disconnect', () => {
  it('disconnect queues a DISCONNECT behind what was accepted and closes the channel to new requests', async () => {
    const { client, channel } = setup(10);
    client.tryPublish('a', 1, false, 'before');
    await client.disconnect();
    expect(client.tryPublish('a', 0, false, 'after')).toEqual({ ok: false, error: 'closed' });
    expect(client.trySubscribe('a/#')).toEqual({ ok: false, error: 'closed' });
    await expect(client.publish('a', 0, false, 'after')).rejects.toBeInstanceOf(ChannelClosedError);
    expect(channel.stats().closed).toBe(true);
    // What was accepted still goes out, DISCONNECT last.
    expect(channel.recv()).toMatchObject({ kind: 'publish', payload: 'before' });
    expect(channel.recv()).toMatchObject({ kind: 'disconnect' });
    expect(channel.recv()).toBeUndefined();
  });

  it('a second disconnect rejects with ChannelClosedError', async () => {
    const { client } = setup();
    await client.disconnect();
    await expect(client.disconnect()).rejects.toMatchObject({ kind: 'closed', code: 'closed' });
  });

  it('closed is distinct from full: a closed client reports closed even when its channel is full', async () => {
    const { client, channel } = setup(2);
    client.tryPublish('a', 0, false, 'x');
    await client.disconnect(); // takes the last slot
    expect(channel.depth).toBe(2);
    expect(client.tryPublish('a', 0, false, 'y')).toEqual({ ok: false, error: 'closed' });
    expect(channel.stats().failedTryPublish).toBe(0);
  });

  it('disconnect on a full channel still queues the DISCONNECT behind what was accepted', async () => {
    // The stalled-loop case: the channel is full when the user disconnects.
    const { client, channel } = setup(1);
    client.tryPublish('a', 1, false, 'queued');
    const disconnecting = watch(client.disconnect());
    expect(client.tryPublish('a', 0, false, 'late')).toEqual({ ok: false, error: 'closed' });
    await flush();
    expect(disconnecting.error).toBeUndefined();
    // The event loop drains the channel: the publish, then the DISCONNECT.
    expect(channel.recv()).toMatchObject({ kind: 'publish', payload: 'queued' });
    expect(channel.recv()).toMatchObject({ kind: 'disconnect' });
    await flush();
    expect(disconnecting.settled).toBe(true);
    expect(disconnecting.error).toBeUndefined();
  });
});

// ---- live tuning --------------------------------------------------------------------------

describe('AsyncClient live tuning', () => {
  it('setCapacity and setOverflowPolicy change the channel live and channelStats shows it', () => {
    const { client } = setup(1);
    client.tryPublish('a', 0, false, 'x');
    client.setCapacity(2);
    expect(client.tryPublish('a', 0, false, 'y')).toEqual({ ok: true });
    client.setOverflowPolicy('drop-newest');
    expect(client.tryPublish('a', 0, false, 'z')).toEqual({ ok: false, error: 'dropped' });
    expect(client.channelStats()).toMatchObject({ capacity: 2, depth: 2, policy: 'drop-newest', droppedNewest: 1 });
    expect(() => client.setCapacity(0)).toThrow(InvalidArgumentError);
    expect(() => client.setOverflowPolicy('nope' as OverflowPolicy)).toThrow(InvalidArgumentError);
    expect(client.channelStats()).toMatchObject({ capacity: 2, policy: 'drop-newest' });
  });
});
