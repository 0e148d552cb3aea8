// Behaviour that needs a broker to misbehave or to be watched byte by byte:
// a scripted fake broker stands in for mosquitto here.
import type { IPublishPacket } from 'mqtt-packet';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeBroker, type FakeBroker, type FakeConnection } from '../../kit/index.js';
import { closeAllEngines, engine, POLL } from './helpers.js';

let broker: FakeBroker;
beforeEach(async () => {
  broker = await startFakeBroker();
});
afterEach(async () => {
  await closeAllEngines();
  await broker.close();
});

async function accept(options: { sessionPresent?: boolean; properties?: object } = {}): Promise<FakeConnection> {
  const connection = await broker.nextConnection();
  await connection.nextPacket('connect');
  connection.connack(options);
  return connection;
}

async function publishes(connection: FakeConnection, count: number): Promise<IPublishPacket[]> {
  const list: IPublishPacket[] = [];
  for (let i = 0; i < count; i++) list.push((await connection.nextPacket('publish')) as IPublishPacket);
  return list;
}

describe('a full in-flight window', () => {
  it('stops the drain, so requests wait in the channel, until acks or a larger window free it', async () => {
    const e = engine({ host: '127.0.0.1', port: broker.port, inflight: 3 }, 100, { start: true });
    const connection = await accept();
    for (let i = 0; i < 10; i++) e.client.tryPublish('w', 1, false, `w${i}`);
    const first = await publishes(connection, 3);
    await vi.waitFor(() => expect(e.eventLoop.stats().inflight, 'three in flight').toBe(3), POLL);
    expect(e.client.channelStats().depth).toBe(7);

    e.eventLoop.setInflight(5);
    await publishes(connection, 2);
    await vi.waitFor(() => expect(e.client.channelStats().depth, 'two more to leave after the window grew').toBe(5), POLL);

    connection.send({ cmd: 'puback', messageId: first[0]!.messageId! });
    await publishes(connection, 1);
    await vi.waitFor(() => expect(e.client.channelStats().depth, 'one more to leave after an ack').toBe(4), POLL);
    expect(e.eventLoop.stats().inflight).toBe(5);
  });
});

describe('reconnecting with a persistent session', () => {
  it('resends unacked QoS 1 and 2 publishes first, in order, with DUP set, and PUBREL for released ones', async () => {
    const e = engine({ host: '127.0.0.1', port: broker.port, cleanSession: false, clientId: 'persistent' }, 100, { start: true });
    const first = await accept();
    for (let i = 0; i < 4; i++) e.client.tryPublish('s', i % 2 ? 2 : 1, false, `s${i}`);
    const sent = await publishes(first, 4);
    expect(sent.map((p) => p.dup)).toEqual([false, false, false, false]);
    // The broker got s1 (QoS 2) as far as PUBREC, so it is owed a PUBREL; s0 is acked.
    first.send({ cmd: 'puback', messageId: sent[0]!.messageId! });
    first.send({ cmd: 'pubrec', messageId: sent[1]!.messageId! });
    await first.nextPacket('pubrel');
    await vi.waitFor(() => expect(e.eventLoop.stats().inflight, 'one acked, three in flight').toBe(3), POLL);
    first.destroy();

    const second = await broker.nextConnection();
    const connect = await second.nextPacket('connect');
    expect(connect).toMatchObject({ clean: false, clientId: 'persistent' });
    second.connack({ sessionPresent: true });
    const resent = [await second.nextPacket(), await second.nextPacket(), await second.nextPacket()];
    expect(resent.map((p) => [p.cmd, p.messageId, p.cmd === 'publish' ? p.dup : undefined])).toEqual([
      ['pubrel', sent[1]!.messageId, undefined],
      ['publish', sent[2]!.messageId, true],
      ['publish', sent[3]!.messageId, true],
    ]);
    expect(e.eventLoop.stats()).toMatchObject({ reconnects: 1, sessionPresent: true, lostPublishes: 0 });
    expect(e.errors[0]).toMatchObject({ kind: 'connection', code: 'closed-by-peer' });
  });

  it('counts and reports what the broker forgot when the session is not present', async () => {
    const e = engine({ host: '127.0.0.1', port: broker.port, cleanSession: false, clientId: 'forgotten' }, 100, { start: true });
    const first = await accept();
    for (let i = 0; i < 5; i++) e.client.tryPublish('f', 1, false, `f${i}`);
    await publishes(first, 5);
    first.destroy();
    await accept({ sessionPresent: false });
    await vi.waitFor(() => expect(e.events.some((ev) => ev.type === 'session-lost'), 'the session-lost event').toBe(true), POLL);
    expect(e.events).toContainEqual({ type: 'session-lost', lostPublishes: 5, lostSubscriptions: 0 });
    expect(e.eventLoop.stats()).toMatchObject({ lostPublishes: 5, inflight: 0, pendingResend: 0 });
  });
});

describe('a broker that sends bad packets', () => {
  it.each([
    ['a PUBLISH with both QoS bits set', [0x36, 0x05, 0x00, 0x01, 0x61, 0x00, 0x01]],
    ['a PUBACK with a bad remaining length', [0x40, 0xff, 0xff, 0xff, 0xff, 0x7f]],
    ['a packet of reserved type 0', [0x00, 0x00]],
    ['a PUBREL with wrong header flags', [0x60, 0x02, 0x00, 0x01]],
  ])('rejects the poll with a protocol error naming the fault, and reconnects: %s', async (_name, bytes) => {
    const e = engine({ host: '127.0.0.1', port: broker.port }, 100, { start: true });
    const first = await accept();
    first.sendRaw(bytes);
    await vi.waitFor(() => expect(e.errors.length, 'the protocol error').toBeGreaterThan(0), POLL);
    expect(e.errors[0]).toMatchObject({ kind: 'protocol', code: 'malformed-packet' });
    expect(e.errors[0]!.message).toMatch(/malformed|remaining length/);
    await accept();
    await vi.waitFor(() => expect(e.eventLoop.stats().state, 'the reconnection').toBe('connected'), POLL);
    expect(e.eventLoop.stats().lastError).toMatchObject({ kind: 'protocol', code: 'malformed-packet' });
  });

  it('refuses a packet announced over the size limit from its header, before the body arrives', async () => {
    const e = engine({ host: '127.0.0.1', port: broker.port, maxPacketSize: 1024 }, 100, { start: true });
    const first = await accept();
    // A PUBLISH header announcing 100 MB, and no body at all.
    first.sendRaw([0x30, 0x80, 0xc2, 0xd7, 0x2f]);
    await vi.waitFor(() => expect(e.errors.length, 'the size error').toBeGreaterThan(0), POLL);
    expect(e.errors[0]).toMatchObject({ kind: 'protocol', code: 'packet-too-large' });
    expect(e.errors[0]!.message).toContain('1,024');
  });

  it('reports the reason of a v5 DISCONNECT even when the broker hangs up right after it', async () => {
    const e = engine({ host: '127.0.0.1', port: broker.port, protocolVersion: 5 }, 100, { start: true });
    const first = await accept();
    await vi.waitFor(() => expect(e.eventLoop.stats().state, 'the connection').toBe('connected'), POLL);
    // Nobody polls while the broker speaks and hangs up: both are waiting when the loop looks.
    e.runner.pause();
    first.send({ cmd: 'disconnect', reasonCode: 0x8e });
    first.destroy();
    await first.closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    e.runner.resume();
    await vi.waitFor(() => expect(e.errors.length, 'the disconnect').toBeGreaterThan(0), POLL);
    expect(e.errors[0]).toMatchObject({ kind: 'protocol', code: 'server-disconnect', reasonCode: 0x8e });
  });

  it('processes what arrived before the connection closed: acks sent just before a hang-up count', async () => {
    const e = engine({ host: '127.0.0.1', port: broker.port }, 100, { start: true });
    const first = await accept();
    e.client.tryPublish('last', 1, false, 'words');
    const publish = await first.nextPacket('publish');
    e.runner.pause();
    first.send({ cmd: 'puback', messageId: publish.messageId! });
    first.destroy();
    await first.closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    e.runner.resume();
    await vi.waitFor(() => expect(e.errors.length, 'the hang-up').toBeGreaterThan(0), POLL);
    expect(e.eventLoop.stats()).toMatchObject({ acked: 1, inflight: 0 });
    expect(e.errors[0]).toMatchObject({ kind: 'connection', code: 'closed-by-peer' });
  });

  it('rejects an ack for a packet id that is not in flight', async () => {
    const e = engine({ host: '127.0.0.1', port: broker.port }, 100, { start: true });
    const first = await accept();
    first.send({ cmd: 'puback', messageId: 42 });
    await vi.waitFor(() => expect(e.errors.length, 'the protocol error').toBeGreaterThan(0), POLL);
    expect(e.errors[0]).toMatchObject({ kind: 'protocol', code: 'unsolicited-ack' });
  });

  it('reports a refused CONNACK with its reason and retries with growing backoff', async () => {
    const e = engine({ host: '127.0.0.1', port: broker.port, reconnect: { initialDelayMs: 40, maxDelayMs: 10_000, jitter: 0 } }, 10, {
      start: true,
    });
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      const connection = await broker.nextConnection();
      await connection.nextPacket('connect');
      connection.connack({ returnCode: 5 });
      await vi.waitFor(() => expect(e.errors.length, `refusal ${i + 1}`).toBeGreaterThan(i), POLL);
      const stats = e.eventLoop.stats();
      delays.push(stats.nextConnectAt - stats.now);
    }
    expect(e.errors[0]).toMatchObject({ kind: 'connection', code: 'refused', reasonCode: 5 });
    expect(e.errors[0]!.message).toContain('not authorized');
    // 40, 80, 160 ms: each wait roughly doubles.
    expect(delays[1]! / delays[0]!).toBeGreaterThan(1.5);
    expect(delays[2]! / delays[1]!).toBeGreaterThan(1.5);
  });
});

describe('writes', () => {
  it('batch many requests into one socket write', async () => {
    const e = engine({ host: '127.0.0.1', port: broker.port }, 1000);
    for (let i = 0; i < 500; i++) e.client.tryPublish('batch', 0, false, `b${i}`);
    e.runner.start();
    const connection = await accept();
    await publishes(connection, 500);
    const stats = e.eventLoop.stats();
    expect(stats.requestsWritten).toBe(500);
    expect(stats.writes).toBeLessThan(10);
  });
});

describe('a bug inside the engine', () => {
  it('is reported as an internal error, not disguised as a network failure, and the loop reconnects', async () => {
    const { EventLoop, RequestChannel, resolveOptions } = await import('../../../main/engine/index.js');
    const channel = new RequestChannel(10);
    const loop = new EventLoop(resolveOptions({ host: '127.0.0.1', port: broker.port, reconnect: { initialDelayMs: 0 } }), channel);
    const polling = loop.poll();
    const connection = await accept();
    await polling; // the CONNACK
    // A request that skipped the client's validation: its payload is not bytes.
    channel.trySend({ kind: 'publish', topic: 't', qos: 0, retain: false, payload: 42 as unknown as string, seq: 0 });
    await expect(loop.poll()).rejects.toMatchObject({ kind: 'internal', code: 'internal' });
    expect(loop.stats().lastError).toMatchObject({ kind: 'internal' });
    await connection.closed;
    const again = loop.poll();
    await accept();
    await expect(again).resolves.toMatchObject({ type: 'incoming', packet: { cmd: 'connack' } });
    loop.close();
  });
});

describe('a publish whose MQTT 5 property the encoder refuses', () => {
  it('is refused as invalid-property with the encoder’s words, counted, and the connection goes on', async () => {
    const e = engine({ host: '127.0.0.1', port: broker.port, protocolVersion: 5 }, 100, { start: true });
    const connection = await accept();
    await vi.waitFor(() => expect(e.eventLoop.stats().state, 'the connection').toBe('connected'), POLL);
    const failures: string[] = [];
    const properties = { messageExpiryInterval: 60 };
    e.client.tryPublish('props/bad', 1, false, 'x', { properties, receipt: { onFailed: (reason) => failures.push(reason) } });
    // The application changed the properties after queueing: the client
    // checked them when they were fine, the encoder sees them as they are now.
    properties.messageExpiryInterval = -1;
    e.client.tryPublish('props/good', 1, false, 'y');
    const sent = (await connection.nextPacket('publish')) as IPublishPacket;
    expect(sent.topic).toBe('props/good');
    await vi.waitFor(() => expect(e.eventLoop.stats().rejectedInvalidProperty, 'the refusal to be counted').toBe(1), POLL);
    expect(e.events).toContainEqual(
      expect.objectContaining({ type: 'rejected', reason: 'invalid-property', topic: 'props/bad', message: expect.stringContaining('messageExpiryInterval') }),
    );
    expect(failures).toEqual(['invalid-property']);
    // Not a size problem, and the refused publish gave its window slot back.
    expect(e.eventLoop.stats()).toMatchObject({ rejectedTooLarge: 0, inflight: 1, state: 'connected' });
    expect(e.errors).toEqual([]);
  });
});
