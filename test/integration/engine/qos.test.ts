// QoS 0, 1 and 2 against mosquitto over MQTT 3.1.1 and 5, and the in-flight
// window: separate from the channel's capacity, capped by the broker's v5
// Receive Maximum, and never reusing a packet id that is still unacked.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMosquitto, startSubscriber, type Mosquitto } from '../../kit/index.js';
import { createClient } from '../../../main/engine/index.js';
import { closeAllEngines, engine, outgoing, POLL } from './helpers.js';

let broker: Mosquitto;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(() => broker.stop());
afterEach(closeAllEngines);

describe.each([4, 5] as const)('MQTT protocol version %i', (protocolVersion) => {
  it.each([0, 1, 2] as const)('delivers QoS %i publishes in order to an independent subscriber', async (qos) => {
    const topic = `qos/${protocolVersion}/${qos}`;
    const subscriber = await startSubscriber(`mqtt://127.0.0.1:${broker.port}`, topic, { qos: 2, protocolVersion });
    const e = engine({ host: '127.0.0.1', port: broker.port, protocolVersion }, 1000, { start: true });
    const count = 300;
    for (let i = 0; i < count; i++) await e.client.publish(topic, qos, false, Buffer.from(`p${i}`));
    await subscriber.waitFor(count);
    expect(subscriber.messages.map((m) => m.payload.toString())).toEqual(Array.from({ length: count }, (_, i) => `p${i}`));
    expect(new Set(subscriber.messages.map((m) => m.qos))).toEqual(new Set([qos]));
    if (qos > 0) await vi.waitFor(() => expect(e.eventLoop.stats().acked, `all ${count} QoS ${qos} acks`).toBe(count), POLL);
    expect(e.eventLoop.stats().inflight).toBe(0);
    await subscriber.close();
  });

  it('receives what it subscribed to, at the granted QoS, each QoS 2 message once', async () => {
    const e = engine({ host: '127.0.0.1', port: broker.port, protocolVersion }, 100, { start: true });
    await e.client.subscribe(`in/${protocolVersion}/#`, 2);
    await vi.waitFor(() => expect(e.events.some((ev) => ev.type === 'incoming' && ev.packet.cmd === 'suback'), 'the SUBACK').toBe(true), POLL);
    for (const qos of [0, 1, 2] as const) await e.client.publish(`in/${protocolVersion}/${qos}`, qos, false, `q${qos}`);
    await vi.waitFor(() => expect(e.eventLoop.stats().messagesIn, 'three incoming messages').toBe(3), POLL);
    const incoming = e.events.flatMap((ev) => (ev.type === 'incoming' && ev.packet.cmd === 'publish' ? [ev.packet] : []));
    expect(incoming.map((p) => [p.topic, p.payload.toString(), p.qos])).toEqual([
      [`in/${protocolVersion}/0`, 'q0', 0],
      [`in/${protocolVersion}/1`, 'q1', 1],
      [`in/${protocolVersion}/2`, 'q2', 2],
    ]);
    // Our side of the incoming QoS 1 and QoS 2 flows went out.
    await vi.waitFor(() => expect(outgoing(e.events, 'pubcomp').length, 'our PUBCOMP for the incoming QoS 2 message').toBe(1), POLL);
    expect(outgoing(e.events, 'puback')).toHaveLength(1);
    expect(outgoing(e.events, 'pubrec')).toHaveLength(1);
    expect(outgoing(e.events, 'pubcomp')).toHaveLength(1);
  });
});

describe('the in-flight window', () => {
  it('is separate from the channel capacity and never exceeded, with no packet id in use twice', async () => {
    const window = 7;
    const { client, eventLoop } = createClient({ host: '127.0.0.1', port: broker.port, inflight: window }, 500);
    for (let i = 0; i < 400; i++) expect(client.tryPublish('window', i % 2 ? 1 : 2, false, `w${i}`).ok).toBe(true);
    const unacked = new Set<number>();
    let maxSeen = 0;
    let acked = 0;
    while (acked < 400) {
      const event = await eventLoop.poll();
      const stats = eventLoop.stats();
      maxSeen = Math.max(maxSeen, stats.inflight);
      expect(stats.maxInflight).toBe(window);
      if (event.type === 'outgoing' && event.cmd === 'publish') {
        expect(unacked.has(event.messageId!)).toBe(false);
        unacked.add(event.messageId!);
      }
      if (event.type === 'incoming' && (event.packet.cmd === 'puback' || event.packet.cmd === 'pubcomp')) {
        unacked.delete(event.packet.messageId!);
        acked++;
      }
    }
    expect(maxSeen).toBe(window);
    expect(client.channelStats().depth).toBe(0);
    eventLoop.close();
  });

  it('can be changed live, and refuses a bad value without changing', async () => {
    const e = engine({ host: '127.0.0.1', port: broker.port, inflight: 50 }, 100, { start: true });
    await vi.waitFor(() => expect(e.eventLoop.stats().state, 'a connection').toBe('connected'), POLL);
    e.eventLoop.setInflight(3);
    expect(e.eventLoop.stats().maxInflight).toBe(3);
    expect(() => e.eventLoop.setInflight(0)).toThrow(expect.objectContaining({ code: 'invalid-inflight' }));
    expect(e.eventLoop.stats().maxInflight).toBe(3);
  });
});

describe('MQTT 5 limits from the CONNACK', () => {
  let limited: Mosquitto;
  beforeAll(async () => {
    limited = await startMosquitto({ extraConfig: ['max_inflight_messages 5', 'max_packet_size 2000'] });
  });
  afterAll(() => limited.stop());

  it('caps the in-flight window at the broker Receive Maximum', async () => {
    const e = engine({ host: '127.0.0.1', port: limited.port, protocolVersion: 5, inflight: 100 }, 100, { start: true });
    await vi.waitFor(() => expect(e.eventLoop.stats().state, 'a connection').toBe('connected'), POLL);
    expect(e.eventLoop.stats().maxInflight).toBe(5);
  });

  it('does not send a queued publish over the broker Maximum Packet Size, and counts it', async () => {
    const subscriber = await startSubscriber(`mqtt://127.0.0.1:${limited.port}`, 'big/#', { qos: 1 });
    const e = engine({ host: '127.0.0.1', port: limited.port, protocolVersion: 5 }, 100, { start: true });
    await vi.waitFor(() => expect(e.eventLoop.stats().state, 'a connection').toBe('connected'), POLL);
    await e.client.publish('big/small', 1, false, Buffer.alloc(100));
    await e.client.publish('big/large', 1, false, Buffer.alloc(5000));
    await e.client.publish('big/after', 1, false, Buffer.alloc(100));
    await subscriber.waitFor(2);
    await vi.waitFor(() => expect(e.eventLoop.stats().rejectedTooLarge, 'the too-large publish to be counted').toBe(1), POLL);
    expect(subscriber.messages.map((m) => m.topic)).toEqual(['big/small', 'big/after']);
    expect(e.events).toContainEqual(expect.objectContaining({ type: 'rejected', reason: 'too-large', topic: 'big/large', limit: 2000 }));
    expect(e.errors).toEqual([]);
    await subscriber.close();
  });
});
