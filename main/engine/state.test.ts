// Unit tests of the sans-IO protocol state: packet ids, QoS flows, aliases, keepalive and CONNACK limits, without a socket.
import mqtt, { type IConnackPacket, type IPublishPacket, type Packet } from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { BatchWriter, fastPublishSize } from './batch-writer.js';
import { ConnectionError, ProtocolError } from './errors.js';
import type { PublishRequest } from './requests.js';
import { ProtocolState, type OutgoingPublish, type StateOptions } from './state.js';

// ---- helpers ----------------------------------------------------------------

function options(extra: Partial<StateOptions> = {}): StateOptions {
  return {
    protocolVersion: 4,
    clientId: 'state-test',
    cleanSession: true,
    keepAlive: 10,
    inflight: 10,
    username: undefined,
    password: undefined,
    maxPacketSize: 1024 * 1024,
    sessionExpiryInterval: 0,
    topicAliasMaximum: 0,
    ...extra,
  };
}

function connack(extra: Partial<IConnackPacket> = {}): IConnackPacket {
  return { cmd: 'connack', returnCode: 0, sessionPresent: false, ...extra };
}

function connackV5(properties: IConnackPacket['properties'] = {}, extra: Partial<IConnackPacket> = {}): IConnackPacket {
  return { cmd: 'connack', reasonCode: 0, sessionPresent: false, properties, ...extra };
}

/** A ProtocolState that has been through a successful CONNACK at time 0. */
function connected(extra: Partial<StateOptions> = {}, ack: IConnackPacket = extra.protocolVersion === 5 ? connackV5() : connack()): ProtocolState {
  const state = new ProtocolState(options(extra));
  state.handleConnack(ack, 0);
  return state;
}

function request(topic: string, qos: 0 | 1 | 2, extra: Partial<PublishRequest> = {}): PublishRequest {
  return { kind: 'publish', topic, qos, retain: false, payload: `payload of ${topic}`, seq: 0, ...extra };
}

function incomingPublish(topic: string, qos: 0 | 1 | 2, messageId?: number, extra: Partial<IPublishPacket> = {}): IPublishPacket {
  return { cmd: 'publish', topic, qos, dup: false, retain: false, payload: Buffer.from('x'), messageId, ...extra };
}

/** The error a call throws, or fails the test when it does not throw. */
function thrown(call: () => unknown): Error {
  try {
    call();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to throw');
}

/** What one outgoing-publish step did: its outcome (copied, the state reuses it) and the bytes it put into the batch. */
function step(state: ProtocolState, req: PublishRequest, now: number): { outcome: OutgoingPublish; bytes: Buffer } {
  const batch = new BatchWriter();
  const outcome = { ...state.outgoingPublish(req, now, batch) };
  return { outcome, bytes: Buffer.concat(batch.take()) };
}

/** The packets in `bytes`, as a broker speaking `protocolVersion` would parse them. */
function parse(bytes: Buffer, protocolVersion: 4 | 5): Packet[] {
  const packets: Packet[] = [];
  const parser = mqtt.parser({ protocolVersion });
  parser.on('packet', (packet) => packets.push(packet));
  parser.on('error', (error) => {
    throw error;
  });
  parser.parse(bytes);
  return packets;
}

/** Runs the outgoing-publish step and returns the PUBLISH it wrote, as the broker reads it; fails the test when it was refused. */
function publish(state: ProtocolState, req: PublishRequest, now: number, protocolVersion: 4 | 5 = 4): IPublishPacket {
  const { outcome, bytes } = step(state, req, now);
  expect(outcome.refused).toBeNull();
  const packets = parse(bytes, protocolVersion);
  expect(packets).toHaveLength(1);
  return packets[0] as IPublishPacket;
}

/** Sends `count` publishes of QoS 1 or 2 and returns their packet ids; each keeps its window slot. */
function ids(state: ProtocolState, count: number, qos: 1 | 2 = 1): number[] {
  const result: number[] = [];
  const batch = new BatchWriter();
  for (let i = 0; i < count; i++) {
    result.push(state.outgoingPublish(request(`t/${i}`, qos), 0, batch).messageId);
    batch.discard();
  }
  return result;
}

// ---- outgoing QoS 1 / 2 ------------------------------------------------------------

describe('ProtocolState outgoing publishes', () => {
  it('an outgoing QoS 1 publish gets a packet id and takes a window slot; PUBACK frees it and reports it completed', () => {
    const state = connected();
    const req = request('a/b', 1);
    const packet = publish(state, req, 100);
    expect(packet).toMatchObject({ cmd: 'publish', topic: 'a/b', qos: 1, dup: false, retain: false });
    expect(packet.messageId).toBeGreaterThanOrEqual(1);
    expect(state.inflight).toBe(1);
    expect(state.inflightPublishes()).toEqual([{ request: req, messageId: packet.messageId, phase: 'publish', sentAt: 100 }]);

    const reaction = state.handleIncoming({ cmd: 'puback', messageId: packet.messageId }, 150);
    expect(reaction.completed?.request).toBe(req);
    expect(reaction.completed?.sentAt).toBe(100);
    expect(reaction.reply).toBeNull();
    expect(state.inflight).toBe(0);
    expect(state.acked).toBe(1);
  });

  it('canSendPublish is false for QoS 1 and 2 while the in-flight window is full, and QoS 0 ignores the window', () => {
    const state = connected({ inflight: 2 });
    expect(state.maxInflight).toBe(2);
    const [first] = ids(state, 2);
    expect(state.canSendPublish(1)).toBe(false);
    expect(state.canSendPublish(2)).toBe(false);
    expect(state.canSendPublish(0)).toBe(true);
    const qos0 = publish(state, request('zero', 0), 0);
    expect(qos0.messageId).toBeUndefined();
    expect(state.inflight).toBe(2);
    state.handleIncoming({ cmd: 'puback', messageId: first }, 1);
    expect(state.canSendPublish(1)).toBe(true);
  });

  it('QoS 2: PUBREC is answered with PUBREL and moves to the release phase; PUBCOMP completes it', () => {
    const state = connected();
    const req = request('q2', 2);
    const { messageId } = publish(state, req, 10);
    const rec = state.handleIncoming({ cmd: 'pubrec', messageId }, 20);
    expect(rec.reply).toEqual({ cmd: 'pubrel', messageId });
    expect(rec.completed).toBeNull();
    expect(state.inflightPublishes()[0]?.phase).toBe('release');
    expect(state.inflight).toBe(1); // still holds its slot until PUBCOMP

    const comp = state.handleIncoming({ cmd: 'pubcomp', messageId }, 30);
    expect(comp.completed?.request).toBe(req);
    expect(comp.reply).toBeNull();
    expect(state.inflight).toBe(0);
    expect(state.acked).toBe(1);
  });

  it('a v5 PUBREC with a failure reason code ends the QoS 2 flow without a PUBREL', () => {
    const state = connected({ protocolVersion: 5 });
    const { messageId } = publish(state, request('q2', 2), 0, 5);
    const reaction = state.handleIncoming({ cmd: 'pubrec', messageId, reasonCode: 0x97 }, 5);
    expect(reaction.reply).toBeNull();
    expect(reaction.completed?.messageId).toBe(messageId);
    expect(reaction.reasonCode).toBe(0x97);
    expect(state.inflight).toBe(0);
  });

  it('a v5 PUBACK reports its reason code with the completed publish', () => {
    const state = connected({ protocolVersion: 5 });
    const { messageId } = publish(state, request('q1', 1), 0, 5);
    const reaction = state.handleIncoming({ cmd: 'puback', messageId, reasonCode: 0x10 }, 5);
    expect(reaction.completed?.messageId).toBe(messageId);
    expect(reaction.reasonCode).toBe(0x10);
  });

  it.each<[string, (state: ProtocolState) => Packet]>([
    ['a PUBACK for an id never used', () => ({ cmd: 'puback', messageId: 999 })],
    ['a PUBACK for a QoS 2 publish', (s) => ({ cmd: 'puback', messageId: publish(s, request('x', 2), 0).messageId })],
    ['a PUBCOMP before PUBREC', (s) => ({ cmd: 'pubcomp', messageId: publish(s, request('x', 2), 0).messageId })],
    ['a PUBCOMP for a QoS 1 publish', (s) => ({ cmd: 'pubcomp', messageId: publish(s, request('x', 1), 0).messageId })],
    ['a PUBREC for a QoS 1 publish', (s) => ({ cmd: 'pubrec', messageId: publish(s, request('x', 1), 0).messageId })],
    ['a PUBREC for an id never used', () => ({ cmd: 'pubrec', messageId: 4242 })],
    ['a SUBACK for an id never used', () => ({ cmd: 'suback', messageId: 77, granted: [0] })],
  ])('%s throws ProtocolError unsolicited-ack', (_name, makePacket) => {
    const state = connected();
    const packet = makePacket(state);
    const error = thrown(() => state.handleIncoming(packet, 1));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ kind: 'protocol', code: 'unsolicited-ack' });
  });

  it('a second PUBREC or PUBACK for the same id is unsolicited', () => {
    const state = connected();
    const q2 = publish(state, request('x', 2), 0).messageId;
    state.handleIncoming({ cmd: 'pubrec', messageId: q2 }, 1);
    expect(thrown(() => state.handleIncoming({ cmd: 'pubrec', messageId: q2 }, 2))).toMatchObject({ code: 'unsolicited-ack' });
    const q1 = publish(state, request('y', 1), 0).messageId;
    state.handleIncoming({ cmd: 'puback', messageId: q1 }, 1);
    expect(thrown(() => state.handleIncoming({ cmd: 'puback', messageId: q1 }, 2))).toMatchObject({ code: 'unsolicited-ack' });
  });

  it('SUBACK and UNSUBACK complete the subscribe and unsubscribe that asked for them', () => {
    const state = connected();
    const sub = state.outgoingSubscribe({ kind: 'subscribe', subscriptions: [{ topic: 'a/#', qos: 1 }], seq: 0 });
    const unsub = state.outgoingUnsubscribe({ kind: 'unsubscribe', topics: ['a/#'], seq: 0 });
    expect(sub).toMatchObject({ cmd: 'subscribe', subscriptions: [{ topic: 'a/#', qos: 1 }] });
    expect(unsub).toMatchObject({ cmd: 'unsubscribe', unsubscriptions: ['a/#'] });
    expect(sub.messageId).not.toBe(unsub.messageId);
    // An UNSUBACK cannot answer the SUBSCRIBE's id.
    expect(thrown(() => state.handleIncoming({ cmd: 'unsuback', messageId: sub.messageId, granted: [] }, 1))).toMatchObject({ code: 'unsolicited-ack' });
    state.handleIncoming({ cmd: 'suback', messageId: sub.messageId, granted: [1] }, 1);
    state.handleIncoming({ cmd: 'unsuback', messageId: unsub.messageId, granted: [] }, 1);
    expect(thrown(() => state.handleIncoming({ cmd: 'suback', messageId: sub.messageId, granted: [1] }, 2))).toMatchObject({ code: 'unsolicited-ack' });
  });
});

// ---- the outgoing-publish step ---------------------------------------------------------

describe('ProtocolState outgoing-publish step', () => {
  it('outgoing publish should set the packet id and add it to the in-flight window', () => {
    const state = connected();
    const req = request('step/one', 1);
    const { outcome, bytes } = step(state, req, 42);
    expect(outcome).toMatchObject({ refused: null, messageId: 1, size: bytes.length, problem: '' });
    expect(parse(bytes, 4)).toMatchObject([{ cmd: 'publish', topic: 'step/one', qos: 1, messageId: 1, dup: false }]);
    expect(state.inflightPublishes()).toEqual([{ request: req, messageId: 1, phase: 'publish', sentAt: 42 }]);
    expect(step(state, request('step/two', 2), 43).outcome.messageId).toBe(2);
    expect(state.inflight).toBe(2);
  });

  it('outgoing QoS 0 publish should take no packet id and no window slot', () => {
    const state = connected();
    const { outcome, bytes } = step(state, request('step/zero', 0), 0);
    expect(outcome).toMatchObject({ refused: null, messageId: 0 });
    expect(parse(bytes, 4)[0]).toMatchObject({ topic: 'step/zero', qos: 0 });
    expect(state.inflight).toBe(0);
  });

  it('outgoing publish should encode a publish with properties as mqtt-packet does, alias included', () => {
    const state = connected({ protocolVersion: 5 }, connackV5({ topicAliasMaximum: 3 }));
    const properties = { contentType: 'text/plain', userProperties: { origin: 'test' } };
    const { outcome, bytes } = step(state, request('step/props', 1, { properties }), 0);
    const expected = mqtt.generate(
      { cmd: 'publish', topic: 'step/props', payload: 'payload of step/props', qos: 1, retain: false, dup: false, messageId: 1, properties: { ...properties, topicAlias: 1 } },
      { protocolVersion: 5 },
    );
    expect(bytes.equals(expected)).toBe(true);
    expect(outcome).toMatchObject({ refused: null, messageId: 1, size: expected.length });
  });

  it('a failed encode should give back the packet id and the alias', () => {
    const state = connected({ protocolVersion: 5 }, connackV5({ topicAliasMaximum: 3 }));
    const refused = step(state, request('step/bad', 1, { properties: { messageExpiryInterval: -1 } }), 0);
    expect(refused.outcome).toMatchObject({ refused: 'invalid-property', messageId: 0, size: 0 });
    expect(refused.outcome.problem).toContain('messageExpiryInterval');
    expect(refused.bytes.length).toBe(0);
    expect(state.inflight).toBe(0);
    // The alias the refused packet would have introduced is free again: the
    // next publish to the topic introduces it, with the topic.
    const next = publish(state, request('step/bad', 1), 0, 5);
    expect(next).toMatchObject({ topic: 'step/bad', properties: { topicAlias: 1 } });
    expect(state.inflightPublishes().map((entry) => entry.request.topic)).toEqual(['step/bad']);
  });

  it('a publish that fits only without introducing an alias should go with its topic and no alias', () => {
    const topic = 'step/tight';
    const payload = 'x'.repeat(50);
    const withoutAlias = fastPublishSize(5, topic.length, 1, payload.length, 0);
    expect(fastPublishSize(5, topic.length, 1, payload.length, 1)).toBe(withoutAlias + 3);
    const state = connected({ protocolVersion: 5 }, connackV5({ topicAliasMaximum: 3, maximumPacketSize: withoutAlias }));
    const { outcome, bytes } = step(state, request(topic, 1, { payload }), 0);
    expect(outcome).toMatchObject({ refused: null, size: withoutAlias, limit: withoutAlias });
    const [sent] = parse(bytes, 5) as IPublishPacket[];
    expect(sent!.topic).toBe(topic);
    expect(sent!.properties?.topicAlias).toBeUndefined();
  });

  it('a known alias should send an empty topic, so the publish is smaller than the first', () => {
    const state = connected({ protocolVersion: 5 }, connackV5({ topicAliasMaximum: 3 }));
    const first = step(state, request('step/alias', 0), 0);
    const second = step(state, request('step/alias', 0), 0);
    expect(parse(first.bytes, 5)[0]).toMatchObject({ topic: 'step/alias', properties: { topicAlias: 1 } });
    expect(parse(second.bytes, 5)[0]).toMatchObject({ topic: '', properties: { topicAlias: 1 } });
    expect(second.outcome.size).toBe(first.outcome.size - 'step/alias'.length);
  });
});

// ---- packet ids --------------------------------------------------------------------

describe('ProtocolState packet ids', () => {
  it('packet ids never collide with an unacked one, across the wrap at 65535', () => {
    const state = connected({ inflight: 65_535 });
    const all = ids(state, 65_535);
    expect(all[0]).toBe(1);
    expect(all[65_534]).toBe(65_535);
    expect(new Set(all).size).toBe(65_535);
    // Every id is in use: no window slot, no id, for publishes or control requests.
    expect(state.canSendPublish(1)).toBe(false);
    expect(state.canSendControl()).toBe(false);
    expect(state.canSendPublish(0)).toBe(true);

    for (const id of [7, 300, 65_535]) state.handleIncoming({ cmd: 'puback', messageId: id }, 1);
    expect(state.canSendPublish(1)).toBe(true);
    // The counter wrapped to 1; ids still unacked are skipped.
    expect(ids(state, 3)).toEqual([7, 300, 65_535]);
    expect(state.canSendPublish(1)).toBe(false);
  });

  it('an id still waiting for its ack is skipped when the counter comes round to it', () => {
    const state = connected({ inflight: 100 });
    const [first, second, third] = ids(state, 3); // 1, 2, 3
    expect([first, second, third]).toEqual([1, 2, 3]);
    state.handleIncoming({ cmd: 'puback', messageId: 1 }, 1);
    state.handleIncoming({ cmd: 'puback', messageId: 3 }, 1);
    // Walk the counter to the end of the range and round again.
    for (let i = 4; i <= 65_535; i++) {
      const { messageId } = publish(state, request('walk', 1), 0);
      expect(messageId).toBe(i);
      state.handleIncoming({ cmd: 'puback', messageId }, 1);
    }
    expect(ids(state, 2)).toEqual([1, 3]); // 2 is still unacked
  });

  it('subscribe and unsubscribe ids come from the same space and never clash with publishes', () => {
    const state = connected();
    const publishId = publish(state, request('x', 1), 0).messageId;
    const subscribeId = state.outgoingSubscribe({ kind: 'subscribe', subscriptions: [{ topic: 'a', qos: 0 }], seq: 0 }).messageId;
    const unsubscribeId = state.outgoingUnsubscribe({ kind: 'unsubscribe', topics: ['a'], seq: 0 }).messageId;
    expect(new Set([publishId, subscribeId, unsubscribeId]).size).toBe(3);
  });

  it('a publish too large for the broker gives its window slot and packet id back', () => {
    const state = connected({ inflight: 1, maxPacketSize: 64 });
    const { outcome, bytes } = step(state, request('big', 1, { payload: 'x'.repeat(100) }), 0);
    expect(outcome).toMatchObject({ refused: 'too-large', messageId: 0, limit: 64 });
    expect(outcome.size).toBeGreaterThan(64);
    expect(bytes.length).toBe(0);
    expect(state.inflight).toBe(0);
    expect(state.canSendPublish(1)).toBe(true);
    expect(step(state, request('small', 0, { payload: 'x'.repeat(100) }), 0).outcome.refused).toBe('too-large'); // QoS 0: nothing to give back, no error
    expect(state.inflight).toBe(0);
  });
});

// ---- CONNACK and v5 limits ---------------------------------------------------------------

describe('ProtocolState CONNACK', () => {
  it('a v5 CONNACK Receive Maximum caps the in-flight window, and setInflight changes our side live', () => {
    const state = connected({ protocolVersion: 5, inflight: 10 }, connackV5({ receiveMaximum: 3 }));
    expect(state.maxInflight).toBe(3);
    ids(state, 3);
    expect(state.canSendPublish(1)).toBe(false);
    state.setInflight(100); // ours is larger, the broker's still rules
    expect(state.maxInflight).toBe(3);
    state.setInflight(2); // publishes already in flight stay
    expect(state.maxInflight).toBe(2);
    expect(state.inflight).toBe(3);
    state.handleIncoming({ cmd: 'puback', messageId: 1 }, 1);
    expect(state.canSendPublish(1)).toBe(false); // 2 in flight, window 2
    state.handleIncoming({ cmd: 'puback', messageId: 2 }, 1);
    expect(state.canSendPublish(1)).toBe(true);
  });

  it('a reconnect whose CONNACK has no Receive Maximum restores our own window', () => {
    const state = connected({ protocolVersion: 5, inflight: 10 }, connackV5({ receiveMaximum: 3 }));
    state.handleConnack(connackV5(), 100);
    expect(state.maxInflight).toBe(10);
  });

  it('a v5 CONNACK Maximum Packet Size caps the outgoing packet limit', () => {
    const state = new ProtocolState(options({ protocolVersion: 5, maxPacketSize: 65_536 }));
    expect(state.outgoingPacketLimit).toBe(65_536);
    state.handleConnack(connackV5({ maximumPacketSize: 1_000 }), 0);
    expect(state.outgoingPacketLimit).toBe(1_000);
    state.handleConnack(connackV5({ maximumPacketSize: 1_000_000 }), 0);
    expect(state.outgoingPacketLimit).toBe(65_536);
  });

  it('a v5 Topic Alias Maximum makes the second publish to a topic go with an empty topic and its alias', () => {
    const state = connected({ protocolVersion: 5 }, connackV5({ topicAliasMaximum: 2 }));
    const properties = { contentType: 'text/plain' };
    const first = publish(state, request('sensors/1', 0, { properties }), 0, 5);
    expect(first.topic).toBe('sensors/1');
    expect(first.properties).toEqual({ contentType: 'text/plain', topicAlias: 1 });
    const second = publish(state, request('sensors/1', 1, { properties }), 0, 5);
    expect(second.topic).toBe('');
    expect(second.properties).toEqual({ contentType: 'text/plain', topicAlias: 1 });
    expect(properties).toEqual({ contentType: 'text/plain' }); // the caller's object is untouched

    expect(publish(state, request('sensors/2', 0), 0, 5).properties?.topicAlias).toBe(2);
    // Aliases are used up: a third topic goes in full, without an alias.
    const third = publish(state, request('sensors/3', 0), 0, 5);
    expect(third.topic).toBe('sensors/3');
    expect(third.properties?.topicAlias).toBeUndefined();
  });

  it('without a broker Topic Alias Maximum no alias is used', () => {
    const state = connected({ protocolVersion: 5 });
    publish(state, request('a', 0), 0, 5);
    const again = publish(state, request('a', 0), 0, 5);
    expect(again.topic).toBe('a');
    expect(again.properties?.topicAlias).toBeUndefined();
  });

  it('a publish given up after taking a topic alias does not leave the broker with an alias it never learned', () => {
    // The step refuses a publish that turns out too large for the broker;
    // that packet, which would have taught the broker the alias, never
    // reaches it. The next publish to the topic must carry the topic.
    const state = connected({ protocolVersion: 5 }, connackV5({ topicAliasMaximum: 5, maximumPacketSize: 200 }));
    expect(step(state, request('big/topic', 1, { payload: 'x'.repeat(300) }), 0).outcome.refused).toBe('too-large');
    const next = publish(state, request('big/topic', 1), 0, 5);
    expect(next.topic).toBe('big/topic');
    expect(next.properties?.topicAlias).toBe(1);
  });

  it.each<[string, 4 | 5, IConnackPacket, number, string]>([
    ['v4 return code 5', 4, connack({ returnCode: 5 }), 5, 'not authorized'],
    ['v5 reason code 0x87', 5, connackV5({}, { reasonCode: 0x87 }), 0x87, 'not authorized'],
    ['v5 reason code 0x86', 5, connackV5({}, { reasonCode: 0x86 }), 0x86, 'bad user name or password'],
  ])('a refused CONNACK (%s) throws ConnectionError refused with the reason code', (_name, protocolVersion, ack, code, reason) => {
    const state = new ProtocolState(options({ protocolVersion }));
    const error = thrown(() => state.handleConnack(ack, 0));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ kind: 'connection', code: 'refused', reasonCode: code });
    expect(error.message).toContain(reason);
  });

  it('reconnecting with the session present resends unacked publishes in their original order with DUP set, and PUBREL for those in the release phase', () => {
    const state = connected({ cleanSession: false });
    const a = publish(state, request('a', 1), 0);
    const b = publish(state, request('b', 2), 0);
    const c = publish(state, request('c', 1), 0);
    const d = publish(state, request('d', 2), 0);
    const e = publish(state, request('e', 1), 0);
    state.handleIncoming({ cmd: 'pubrec', messageId: b.messageId }, 1);
    state.handleIncoming({ cmd: 'puback', messageId: c.messageId }, 1);

    const outcome = state.handleConnack(connack({ sessionPresent: true }), 500);
    expect(outcome.sessionPresent).toBe(true);
    expect(outcome.lost).toEqual([]);
    expect(outcome.resend.map((p) => [p.cmd, p.messageId, (p as IPublishPacket).dup ?? null, (p as IPublishPacket).topic ?? null])).toEqual([
      ['publish', a.messageId, true, 'a'],
      ['pubrel', b.messageId, null, null],
      ['publish', d.messageId, true, 'd'],
      ['publish', e.messageId, true, 'e'],
    ]);
    expect(state.inflight).toBe(4);
    // The flows go on where they left off.
    expect(state.handleIncoming({ cmd: 'pubcomp', messageId: b.messageId }, 600).completed?.request.topic).toBe('b');
    expect(state.handleIncoming({ cmd: 'puback', messageId: a.messageId }, 600).completed?.request.topic).toBe('a');
  });

  it('reconnecting without the session reports the unacked publishes as lost and empties the window', () => {
    const state = connected({ cleanSession: false, inflight: 3 });
    const a = publish(state, request('a', 1), 0);
    const b = publish(state, request('b', 2), 0);
    const c = publish(state, request('c', 2), 0);
    state.handleIncoming({ cmd: 'pubrec', messageId: b.messageId }, 1);
    expect(state.canSendPublish(1)).toBe(false);

    const outcome = state.handleConnack(connack({ sessionPresent: false }), 500);
    expect(outcome.sessionPresent).toBe(false);
    expect(outcome.resend).toEqual([]);
    expect(outcome.lost.map((entry) => entry.messageId)).toEqual([a.messageId, b.messageId, c.messageId]);
    expect(state.inflight).toBe(0);
    expect(state.canSendPublish(1)).toBe(true);
    expect(thrown(() => state.handleIncoming({ cmd: 'puback', messageId: a.messageId }, 600))).toMatchObject({ code: 'unsolicited-ack' });
  });

  it('a clean session never resends, even if the broker claims a session', () => {
    const state = connected({ cleanSession: true });
    publish(state, request('a', 1), 0);
    const outcome = state.handleConnack(connack({ sessionPresent: true }), 10);
    expect(outcome.sessionPresent).toBe(false);
    expect(outcome.resend).toEqual([]);
    expect(outcome.lost).toHaveLength(1);
  });

  it('a subscribe whose SUBACK never came is counted as lost on reconnect', () => {
    const state = connected();
    state.outgoingSubscribe({ kind: 'subscribe', subscriptions: [{ topic: 'a', qos: 0 }], seq: 0 });
    state.handleConnack(connack(), 100);
    expect(state.lostControl).toBe(1);
  });

  it('the CONNECT packet carries the options, and the v5 limits as properties', () => {
    const v4 = new ProtocolState(options({ username: 'u', password: Buffer.from('p'), keepAlive: 15 })).connectPacket();
    expect(v4).toMatchObject({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: 'state-test', keepalive: 15, username: 'u' });
    expect(v4.properties).toBeUndefined();
    const v5 = new ProtocolState(options({ protocolVersion: 5, maxPacketSize: 5000, topicAliasMaximum: 7, sessionExpiryInterval: 60 })).connectPacket();
    expect(v5.properties).toEqual({ sessionExpiryInterval: 60, maximumPacketSize: 5000, topicAliasMaximum: 7 });
  });
});

// ---- incoming publishes --------------------------------------------------------------

describe('ProtocolState incoming publishes', () => {
  it('an incoming QoS 0 publish is delivered with no reply; QoS 1 is answered with PUBACK', () => {
    const state = connected();
    const zero = state.handleIncoming(incomingPublish('a', 0), 1);
    expect([zero.delivered, zero.reply]).toEqual([true, null]);
    const one = state.handleIncoming(incomingPublish('a', 1, 17), 2);
    expect(one.delivered).toBe(true);
    expect(one.reply).toEqual({ cmd: 'puback', messageId: 17 });
    expect(state.delivered).toBe(2);
  });

  it('an incoming QoS 2 publish is answered with PUBREC and delivered once; PUBREL gets PUBCOMP and frees the id', () => {
    const state = connected();
    const first = state.handleIncoming(incomingPublish('q2', 2, 9), 1);
    expect(first.delivered).toBe(true);
    expect(first.reply).toEqual({ cmd: 'pubrec', messageId: 9 });

    const duplicate = state.handleIncoming(incomingPublish('q2', 2, 9, { dup: true }), 2);
    expect(duplicate.delivered).toBe(false);
    expect(duplicate.reply).toEqual({ cmd: 'pubrec', messageId: 9 });

    const release = state.handleIncoming({ cmd: 'pubrel', messageId: 9 }, 3);
    expect(release.reply).toEqual({ cmd: 'pubcomp', messageId: 9 });
    expect(release.delivered).toBe(false);

    const reused = state.handleIncoming(incomingPublish('q2 again', 2, 9), 4);
    expect(reused.delivered).toBe(true);
    expect(state.delivered).toBe(2);
  });

  it('a PUBREL for an id we do not know is still answered with PUBCOMP', () => {
    const state = connected();
    expect(state.handleIncoming({ cmd: 'pubrel', messageId: 1234 }, 1).reply).toEqual({ cmd: 'pubcomp', messageId: 1234 });
  });

  it('incoming v5 topic aliases resolve to the topic the broker gave with them', () => {
    const state = connected({ protocolVersion: 5, topicAliasMaximum: 5 });
    const named = incomingPublish('sensors/temp', 0, undefined, { properties: { topicAlias: 3 } });
    state.handleIncoming(named, 1);
    expect(named.topic).toBe('sensors/temp');
    const aliased = incomingPublish('', 0, undefined, { properties: { topicAlias: 3 } });
    state.handleIncoming(aliased, 2);
    expect(aliased.topic).toBe('sensors/temp');
    // The broker may point an alias at a new topic.
    state.handleIncoming(incomingPublish('sensors/humidity', 0, undefined, { properties: { topicAlias: 3 } }), 3);
    const again = incomingPublish('', 1, 5, { properties: { topicAlias: 3 } });
    expect(state.handleIncoming(again, 4).delivered).toBe(true);
    expect(again.topic).toBe('sensors/humidity');
  });

  it.each([
    ['alias 0', 0, 'x'],
    ['an alias above our maximum', 6, 'x'],
    ['an alias never given a topic', 2, ''],
  ])('an incoming publish with %s throws ProtocolError invalid-topic-alias', (_name, alias, topic) => {
    const state = connected({ protocolVersion: 5, topicAliasMaximum: 5 });
    const error = thrown(() => state.handleIncoming(incomingPublish(topic, 0, undefined, { properties: { topicAlias: alias } }), 1));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ code: 'invalid-topic-alias' });
  });

  it('with topic aliases switched off (maximum 0) any incoming alias is refused', () => {
    const state = connected({ protocolVersion: 5, topicAliasMaximum: 0 });
    expect(thrown(() => state.handleIncoming(incomingPublish('x', 0, undefined, { properties: { topicAlias: 1 } }), 1))).toMatchObject({
      code: 'invalid-topic-alias',
    });
  });

  it('a server DISCONNECT throws ProtocolError server-disconnect with its reason code', () => {
    const state = connected({ protocolVersion: 5 });
    const error = thrown(() => state.handleIncoming({ cmd: 'disconnect', reasonCode: 0x8b }, 1));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ kind: 'protocol', code: 'server-disconnect', reasonCode: 0x8b });
  });

  it('a packet only a client may send (PINGREQ) throws ProtocolError unexpected-packet', () => {
    const state = connected();
    expect(thrown(() => state.handleIncoming({ cmd: 'pingreq' }, 1))).toMatchObject({ code: 'unexpected-packet' });
  });
});

// ---- keepalive ------------------------------------------------------------------------

describe('ProtocolState keepalive', () => {
  it('tick returns PINGREQ after keepAlive ms of silence, and null before', () => {
    const state = connected({ keepAlive: 10 });
    expect(state.tick(9_999)).toBeNull();
    expect(state.nextTickAt()).toBe(10_000);
    expect(state.tick(10_000)).toEqual({ cmd: 'pingreq' });
  });

  it('tick returns null while a PINGREQ is outstanding, and PINGRESP records the round trip', () => {
    const state = connected({ keepAlive: 10 });
    expect(state.tick(10_000)).toEqual({ cmd: 'pingreq' });
    state.markWritten(10_000);
    expect(state.tick(10_001)).toBeNull();
    expect(state.tick(14_999)).toBeNull();
    state.handleIncoming({ cmd: 'pingresp' }, 10_040);
    expect(state.pingRttMs).toBe(40);
    expect(state.tick(15_000)).toBeNull(); // answered: no timeout
    expect(state.tick(19_999)).toBeNull();
    expect(state.tick(20_000)).toEqual({ cmd: 'pingreq' });
  });

  it('an unanswered PINGREQ throws keepalive-timeout half a keepalive later, so a dead peer is found within 1.5 × keepAlive of its last byte', () => {
    const state = connected({ keepAlive: 10 });
    // We keep writing (so our side is never silent) but nothing comes back.
    for (let t = 1_000; t < 10_000; t += 1_000) {
      state.markWritten(t);
      expect(state.tick(t)).toBeNull();
    }
    expect(state.tick(10_000)).toEqual({ cmd: 'pingreq' });
    state.markWritten(10_000);
    expect(state.nextTickAt()).toBe(15_000);
    expect(state.tick(14_999)).toBeNull();
    const error = thrown(() => state.tick(15_000));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ code: 'keepalive-timeout' });
    expect(error.message).toMatch(/half-open/);
  });

  it('incoming traffic alone does not stop pings when we have been silent', () => {
    const state = connected({ keepAlive: 10 });
    state.handleIncoming(incomingPublish('a', 0), 9_000);
    expect(state.tick(10_000)).toEqual({ cmd: 'pingreq' });
  });

  it('keepAlive 0 never pings', () => {
    const state = connected({ keepAlive: 0 });
    expect(state.tick(1e9)).toBeNull();
    expect(state.nextTickAt()).toBe(Number.POSITIVE_INFINITY);
  });

  it('a v5 Server Keep Alive replaces ours', () => {
    const state = connected({ protocolVersion: 5, keepAlive: 60 }, connackV5({ serverKeepAlive: 5 }));
    expect(state.effectiveKeepAliveMs).toBe(5_000);
    expect(state.tick(5_000)).toEqual({ cmd: 'pingreq' });
  });

  it('a reconnect forgets an outstanding ping', () => {
    const state = connected({ keepAlive: 10 });
    expect(state.tick(10_000)).toEqual({ cmd: 'pingreq' });
    state.handleConnack(connack(), 20_000);
    expect(state.tick(20_001)).toBeNull();
    expect(state.tick(30_000)).toEqual({ cmd: 'pingreq' });
  });
});

describe('ProtocolState broker grant', () => {
  it('the grant should be null before the first CONNACK', () => {
    expect(new ProtocolState(options()).brokerGrant()).toBeNull();
  });

  it('a v5 CONNACK grant should hold every property the broker sent beside what we asked', () => {
    const state = connected(
      { protocolVersion: 5, inflight: 100, keepAlive: 60, sessionExpiryInterval: 300, topicAliasMaximum: 16 },
      connackV5({ receiveMaximum: 20, maximumPacketSize: 2048, maximumQoS: 1, retainAvailable: false, serverKeepAlive: 30, assignedClientIdentifier: 'auto-1' }),
    );
    expect(state.brokerGrant()).toEqual({
      protocolVersion: 5,
      sessionPresent: false,
      asked: { inflight: 100, keepAliveSec: 60, sessionExpirySec: 300, maxPacketSize: 1024 * 1024, topicAliasMaximum: 16, clientId: 'state-test' },
      granted: {
        receiveMaximum: 20,
        maximumPacketSize: 2048,
        topicAliasMaximum: null,
        maximumQoS: 1,
        retainAvailable: false,
        wildcardSubscriptionAvailable: null,
        sharedSubscriptionAvailable: null,
        subscriptionIdentifiersAvailable: null,
        serverKeepAliveSec: 30,
        sessionExpirySec: null,
        assignedClientId: 'auto-1',
      },
    });
  });

  it('a 3.1.1 grant should say nothing of the broker and nothing we cannot ask', () => {
    const grant = connected({ inflight: 7 }).brokerGrant()!;
    expect(Object.values(grant.granted).every((value) => value === null)).toBe(true);
    expect(grant.asked).toMatchObject({ inflight: 7, sessionExpirySec: null, topicAliasMaximum: null });
  });

  it('the grant should be a copy, and its window should follow a live setInflight', () => {
    const state = connected({ protocolVersion: 5 }, connackV5({ receiveMaximum: 5 }));
    const first = state.brokerGrant()!;
    first.granted.receiveMaximum = 999;
    state.setInflight(3);
    expect(state.brokerGrant()).toMatchObject({ asked: { inflight: 3 }, granted: { receiveMaximum: 5 } });
  });
});
