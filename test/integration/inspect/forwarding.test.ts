// Real clients we did not write (MQTT.js, mosquitto_pub/sub, paho-mqtt) through the proxy to mosquitto: every byte arrives, and the proxy counts what they sent.
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMosquitto, type Mosquitto } from '../../kit/index.js';
import { child, cleanUp, clientById, mqttjs, proxyTo, urlOf } from './helpers.js';

// MQTT.js has no in-flight limit and the test sends 300 QoS 2 publishes at once: mosquitto's default limit of 20
// would drop a 3.1.1 client for it, so this broker has none. The other clients get a broker as it ships.
let broker: Mosquitto;
let stock: Mosquitto;
beforeAll(async () => {
  [broker, stock] = await Promise.all([startMosquitto({ extraConfig: ['max_inflight_messages 0', 'max_queued_messages 0'] }), startMosquitto()]);
});
afterAll(() => Promise.all([broker.stop(), stock.stop()]));
afterEach(cleanUp);

describe.each([
  [4, 0],
  [4, 1],
  [4, 2],
  [5, 0],
  [5, 1],
  [5, 2],
] as const)('MQTT.js, MQTT %s, QoS %s, through the proxy', (protocolVersion, qos) => {
  it('delivers every message byte for byte and counts publishes, deliveries and in flight as the clients did', async () => {
    const proxy = await proxyTo(broker);
    const topic = `inspect/${protocolVersion}/${qos}`;
    const sent = Array.from({ length: 300 }, (_, i) => randomBytes(1 + ((i * 97) % 4000)));
    const subscriber = await mqttjs(urlOf(proxy), { clientId: `sub-${protocolVersion}-${qos}`, protocolVersion });
    const received: Buffer[] = [];
    subscriber.on('message', (_t, payload) => received.push(Buffer.from(payload)));
    await subscriber.subscribeAsync(topic, { qos });
    const publisher = await mqttjs(urlOf(proxy), { clientId: `pub-${protocolVersion}-${qos}`, protocolVersion, keepalive: 45, username: 'alice', password: 'secret' });
    await Promise.all(sent.map((payload) => publisher.publishAsync(topic, payload, { qos })));
    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(sent.length);
    expect(received).toEqual(sent);

    const pub = await clientById(proxy, `pub-${protocolVersion}-${qos}`, (c) => expect(c.totals.publishes[qos]).toBe(sent.length));
    expect(pub.identity).toMatchObject({ protocolVersion, keepAliveSec: 45, cleanStart: true, username: 'alice', hasPassword: true });
    expect(JSON.stringify(pub)).not.toContain('secret');
    expect(pub.grant).toMatchObject({ reasonCode: 0, reason: 'accepted', sessionPresent: false });
    expect(pub.totals.publishes.reduce((a, b) => a + b)).toBe(sent.length);
    expect(pub.totals.dupResends).toBe(0);
    expect(pub.totals.unparsedUp + pub.totals.unparsedDown + pub.totals.undecodable).toBe(0);
    // Every QoS 1/2 publish has been acknowledged by now (publishAsync resolved), so nothing is in flight.
    const settled = await clientById(proxy, `pub-${protocolVersion}-${qos}`, (c) => {
      expect(c.latest.state).toBe('connected');
      expect(c.latest.inflight).toBe(0);
    });
    // MQTT 5 brokers bound the window with Receive Maximum (65,535 when they send none); 3.1.1 has no such field.
    expect(settled.latest.inflightLimit).toBe(protocolVersion === 5 ? (settled.grant?.receiveMaximum ?? 65_535) : null);

    const sub = await clientById(proxy, `sub-${protocolVersion}-${qos}`, (c) => expect(c.totals.deliveries[qos]).toBe(sent.length));
    expect(sub.subscriptions).toEqual([{ topic, qos, granted: qos }]);
    const payloadBytes = sent.reduce((n, p) => n + p.length, 0);
    expect(sub.totals.bytesDown).toBeGreaterThan(payloadBytes);
    expect(pub.totals.bytesUp).toBeGreaterThan(payloadBytes);
    if (qos > 0) {
      await clientById(proxy, `sub-${protocolVersion}-${qos}`, (c) => expect(c.latest.deliveriesUnacked).toBe(0));
    }
  });
});

describe('other clients through the proxy', () => {
  // Debian's mosquitto_sub at MQTT 5 and QoS 2 fails with "a network protocol error" against this mosquitto
  // even without the proxy in between, so the mosquitto clients run QoS 2 at 3.1.1 and MQTT 5 at QoS 1.
  it.each([
    ['mqttv311', 2, 4],
    ['mqttv5', 1, 5],
  ] as const)('mosquitto_pub and mosquitto_sub, %s at QoS %i: every line arrives and both are seen', async (version, qos, protocolVersion) => {
    const proxy = await proxyTo(stock);
    const { port } = proxy.address;
    const topic = `cli/${version}`;
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i} ${'x'.repeat(i)}`);
    const common = ['-h', '127.0.0.1', '-p', String(port), '-V', version, '-q', String(qos), '-t', topic];
    const sub = child('mosquitto_sub', [...common, '-C', String(lines.length), '-i', `msub-${version}`, '-W', '20']);
    await clientById(proxy, `msub-${version}`, (c) => expect(c.subscriptions).toEqual([{ topic, qos, granted: qos }]));
    const pub = child('mosquitto_pub', [...common, '-l', '-i', `mpub-${version}`], `${lines.join('\n')}\n`);
    await pub.output;
    expect((await sub.output).split('\n').filter(Boolean)).toEqual(lines);
    const byQos = (n: number): [number, number, number] => [0, 1, 2].map((q) => (q === qos ? n : 0)) as [number, number, number];
    const publisher = await clientById(proxy, `mpub-${version}`, (c) => expect(c.closedAt).not.toBeNull());
    expect(publisher.totals.publishes).toEqual(byQos(lines.length));
    expect(publisher.identity.protocolVersion).toBe(protocolVersion);
    expect(publisher.ending).toMatchObject({ by: 'client', clean: true });
    const subscriber = await clientById(proxy, `msub-${version}`, (c) => expect(c.closedAt).not.toBeNull());
    expect(subscriber.totals.deliveries).toEqual(byQos(lines.length));
  });

  it("paho-mqtt (Python) publishing at QoS 1: every message arrives and the proxy counts paho's publishes", async () => {
    const proxy = await proxyTo(stock);
    const subscriber = await mqttjs(urlOf(proxy), { clientId: 'paho-watcher' });
    const received: string[] = [];
    subscriber.on('message', (_t, payload) => received.push(payload.toString()));
    await subscriber.subscribeAsync('paho/#', { qos: 1 });
    const script = [
      'import sys, paho.mqtt.client as mqtt',
      'c = mqtt.Client(client_id="paho-pub", protocol=mqtt.MQTTv311)',
      `c.connect("127.0.0.1", ${proxy.address.port}, keepalive=20)`,
      'c.loop_start()',
      'infos = [c.publish("paho/n", "paho %d" % i, qos=1) for i in range(250)]',
      'for info in infos: info.wait_for_publish(10)',
      'c.disconnect(); c.loop_stop()',
      'print("sent", sum(1 for i in infos if i.is_published()))',
    ].join('\n');
    const paho = child('/usr/bin/python3', ['-c', script]);
    expect((await paho.output).trim()).toBe('sent 250');
    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(250);
    expect(received).toEqual(Array.from({ length: 250 }, (_, i) => `paho ${i}`));
    const pahoSeen = await clientById(proxy, 'paho-pub', (c) => expect(c.closedAt).not.toBeNull());
    expect(pahoSeen.totals.publishes).toEqual([0, 250, 0]);
    expect(pahoSeen.identity).toMatchObject({ protocolVersion: 4, keepAliveSec: 20 });
    expect(pahoSeen.latest.inflight).toBe(0);
  });
});
