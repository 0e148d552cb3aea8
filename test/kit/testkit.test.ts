/**
 * Proves the harness itself, so an engine test failure can be trusted to be
 * about the engine: every piece is exercised against MQTT.js or raw sockets.
 */
import { connect as netConnect, createServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect as mqttConnect, type IClientOptions, type IConnackPacket, type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  makeTestCerts,
  startFakeBroker,
  startMosquitto,
  startProxy,
  startSubscriber,
  type FakeBroker,
  type Mosquitto,
  type Subscriber,
  type TcpProxy,
  type TestCerts,
} from './index.js';

// Every MQTT.js client in these tests fails fast instead of retrying.
function connectClient(url: string, opts: IClientOptions = {}): Promise<MqttClient> {
  const client = mqttConnect(url, { reconnectPeriod: 0, connectTimeout: 3_000, ...opts });
  return new Promise((resolve, reject) => {
    let error: Error | undefined;
    client.on('error', (err) => {
      error ??= err;
    });
    client.once('connect', () => resolve(client));
    client.once('close', () => {
      client.end(true);
      reject(error ?? new Error(`connection to ${url} closed before CONNACK`));
    });
  });
}

async function publish(url: string, topic: string, payload: string, opts: IClientOptions = {}): Promise<void> {
  const client = await connectClient(url, opts);
  try {
    await client.publishAsync(topic, payload, { qos: 1 });
  } finally {
    await client.endAsync();
  }
}

describe('mosquitto', () => {
  let certs: TestCerts;
  let broker: Mosquitto;
  const subs: Subscriber[] = [];

  beforeAll(async () => {
    certs = await makeTestCerts();
    broker = await startMosquitto({ websockets: true, tls: certs, wss: true });
  });
  afterEach(async () => {
    await Promise.all(subs.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await broker?.stop();
  });

  it('starts on its own ports and logs to stderr', () => {
    const ports = [broker.port, broker.wsPort, broker.tlsPort, broker.wssPort];
    expect(ports.every((p) => typeof p === 'number' && p > 0)).toBe(true);
    expect(new Set(ports).size).toBe(4);
    expect(broker.pid).toBeGreaterThan(0);
    expect(broker.stderr()).toMatch(/mosquitto version \S+ running/);
  });

  it('delivers an MQTT.js publish to the subscriber', async () => {
    const url = `mqtt://${broker.host}:${broker.port}`;
    const sub = await startSubscriber(url, 'tk/plain/#', { qos: 1 });
    subs.push(sub);
    await publish(url, 'tk/plain/a', 'hello');
    await sub.waitFor(1);
    expect(sub.messages[0]).toMatchObject({ topic: 'tk/plain/a', qos: 1, retain: false });
    expect(sub.messages[0]?.payload.toString()).toBe('hello');
  });

  it('waitFor says how many messages arrived when it times out', async () => {
    const sub = await startSubscriber(`mqtt://${broker.host}:${broker.port}`, 'tk/none');
    subs.push(sub);
    await expect(sub.waitFor(2, 100)).rejects.toThrow(/got 0 of 2 messages/);
    await sub.close(); // afterEach closes it again: must be harmless
  });

  it('accepts MQTT over websockets', async () => {
    const sub = await startSubscriber(`ws://${broker.host}:${broker.wsPort}`, 'tk/ws', { protocolVersion: 5 });
    subs.push(sub);
    await publish(`ws://${broker.host}:${broker.wsPort}`, 'tk/ws', 'over ws');
    await sub.waitFor(1);
    expect(sub.messages[0]?.payload.toString()).toBe('over ws');
  });

  it('accepts mqtts:// with the test CA', async () => {
    const url = `mqtts://${broker.host}:${broker.tlsPort}`;
    const sub = await startSubscriber(url, 'tk/tls', { ca: certs.ca });
    subs.push(sub);
    await publish(url, 'tk/tls', 'over tls', { ca: certs.ca });
    await sub.waitFor(1);
    expect(sub.messages[0]?.payload.toString()).toBe('over tls');
  });

  it('rejects mqtts:// without the test CA', async () => {
    await expect(connectClient(`mqtts://${broker.host}:${broker.tlsPort}`)).rejects.toThrow(
      /self[- ]signed|unable to (get|verify)|certificate/i,
    );
  });

  it('accepts wss:// with the test CA', async () => {
    const url = `wss://${broker.host}:${broker.wssPort}`;
    const sub = await startSubscriber(url, 'tk/wss', { ca: certs.ca });
    subs.push(sub);
    await publish(url, 'tk/wss', 'over wss', { ca: certs.ca });
    await sub.waitFor(1);
    expect(sub.messages[0]?.payload.toString()).toBe('over wss');
  });
});

describe('mosquitto restart', () => {
  let broker: Mosquitto;
  afterAll(async () => {
    await broker?.stop();
  });

  it('stop() then start() comes back on the same port', async () => {
    broker = await startMosquitto({ websockets: true });
    const { port, wsPort } = broker;
    const firstPid = broker.pid;
    const url = `mqtt://${broker.host}:${port}`;
    const before = await startSubscriber(url, 'tk/restart');

    await broker.stop();
    // The subscriber notices and says so instead of reconnecting silently.
    await expect(before.waitFor(1, 2_000)).rejects.toThrow(/lost its connection after 0 of 1/);
    await before.close();
    await expect(connectClient(url)).rejects.toThrow();

    await broker.start();
    expect(broker.port).toBe(port);
    expect(broker.wsPort).toBe(wsPort);
    expect(broker.pid).not.toBe(firstPid);
    const after = await startSubscriber(url, 'tk/restart');
    await publish(url, 'tk/restart', 'back');
    await after.waitFor(1);
    await after.close();
  });

  it('kill() then start() comes back on the same port', async () => {
    const port = broker.port;
    await broker.kill();
    await broker.start();
    expect(broker.port).toBe(port);
    const client = await connectClient(`mqtt://${broker.host}:${port}`);
    await client.endAsync();
    expect(broker.stderr().match(/running/g)?.length).toBe(3);
  });
});

// A plain echo server makes the proxy's byte handling observable exactly.
async function startEcho(): Promise<{ server: Server; port: number }> {
  const server = createServer((s) => {
    s.on('error', () => {});
    s.pipe(s);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('no address');
  return { server, port: addr.port };
}

async function openSocket(port: number): Promise<Socket> {
  const socket = netConnect({ host: '127.0.0.1', port });
  socket.on('error', () => {});
  await once(socket, 'connect');
  return socket;
}

// Counts everything a socket receives, so a test can wait for a byte count.
function collector(socket: Socket): { bytes: () => number } {
  let received = 0;
  socket.on('data', (chunk: Buffer) => {
    received += chunk.length;
  });
  return { bytes: () => received };
}

/** vi.waitFor's options for bytes and connections over loopback: 3 s, checked every 5 ms. */
const LOOPBACK = { timeout: 3_000, interval: 5 } as const;

describe('proxy', () => {
  let echo: { server: Server; port: number };
  let proxy: TcpProxy;

  beforeAll(async () => {
    echo = await startEcho();
  });
  afterEach(async () => {
    await proxy?.close();
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => echo.server.close(() => resolve()));
  });

  it('forwards both ways and counts connections', async () => {
    proxy = await startProxy({ host: '127.0.0.1', port: echo.port });
    const socket = await openSocket(proxy.port);
    const got = collector(socket);
    socket.write('ping');
    await vi.waitFor(() => expect(got.bytes(), 'bytes received').toBeGreaterThanOrEqual(4), LOOPBACK);
    expect(proxy.connections()).toBe(1);
    socket.destroy();
    await vi.waitFor(() => expect(proxy.connections()).toBe(0), { ...LOOPBACK, timeout: 2_000 });
  });

  it('holds bytes while stalled and delivers them on resume', async () => {
    proxy = await startProxy({ host: '127.0.0.1', port: echo.port });
    const socket = await openSocket(proxy.port);
    const got = collector(socket);
    proxy.stall();
    socket.write('held');
    await sleep(100);
    expect(got.bytes()).toBe(0);
    expect(socket.destroyed).toBe(false);
    proxy.resume();
    await vi.waitFor(() => expect(got.bytes(), 'bytes received').toBeGreaterThanOrEqual(4), LOOPBACK);
    socket.destroy();
  });

  it('delays client-to-broker bytes by at least the delay, keeping their order', async () => {
    proxy = await startProxy({ host: '127.0.0.1', port: echo.port });
    proxy.delay(120);
    const socket = await openSocket(proxy.port);
    const text: string[] = [];
    socket.on('data', (chunk: Buffer) => text.push(chunk.toString()));
    socket.write('one,');
    await sleep(30);
    const lastSentAt = performance.now();
    socket.write('two');
    await vi.waitFor(() => expect(text.join('')).toBe('one,two'), LOOPBACK);
    expect(performance.now() - lastSentAt).toBeGreaterThanOrEqual(120);
    socket.destroy();
  });

  it('holds a client close while stalled, like a half-open link', async () => {
    proxy = await startProxy({ host: '127.0.0.1', port: echo.port });
    const socket = await openSocket(proxy.port);
    const got = collector(socket);
    socket.write('hi');
    await vi.waitFor(() => expect(got.bytes(), 'bytes received').toBeGreaterThanOrEqual(2), LOOPBACK); // upstream is connected
    const upstreamOpen = (): Promise<number> =>
      new Promise((resolve, reject) => echo.server.getConnections((err, n) => (err ? reject(err) : resolve(n))));
    const before = await upstreamOpen();
    proxy.stall();
    socket.resetAndDestroy(); // RST: noticed even on a paused socket
    await sleep(100);
    expect(await upstreamOpen()).toBe(before);
    expect(proxy.connections()).toBe(1);
    proxy.resume();
    await vi.waitFor(() => expect(proxy.connections()).toBe(0), { ...LOOPBACK, timeout: 2_000 });
  });

  it('throttles client-to-upstream bytes', async () => {
    proxy = await startProxy({ host: '127.0.0.1', port: echo.port });
    const socket = await openSocket(proxy.port);
    const got = collector(socket);
    proxy.throttle(2_000);
    const started = Date.now();
    socket.write(Buffer.alloc(1_000));
    await vi.waitFor(() => expect(got.bytes(), 'bytes received').toBeGreaterThanOrEqual(1_000), LOOPBACK);
    // 1000 bytes at 2000 B/s: about half a second, certainly not instant.
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    proxy.throttle(null);
    socket.write(Buffer.alloc(100_000));
    await vi.waitFor(() => expect(got.bytes(), 'bytes received').toBeGreaterThanOrEqual(101_000), { ...LOOPBACK, timeout: 2_000 });
    socket.destroy();
  });

  it('refuses new connections while refuse is on', async () => {
    proxy = await startProxy({ host: '127.0.0.1', port: echo.port });
    proxy.refuse(true);
    const refused = await openSocket(proxy.port);
    await once(refused, 'close');
    proxy.refuse(false);
    const accepted = await openSocket(proxy.port);
    const got = collector(accepted);
    accepted.write('ok');
    await vi.waitFor(() => expect(got.bytes(), 'bytes received').toBeGreaterThanOrEqual(2), LOOPBACK);
    accepted.destroy();
  });
});

describe('proxy in front of mosquitto', () => {
  let broker: Mosquitto;
  let proxy: TcpProxy;
  beforeAll(async () => {
    broker = await startMosquitto();
    proxy = await startProxy({ host: broker.host, port: broker.port });
  });
  afterAll(async () => {
    await proxy?.close();
    await broker?.stop();
  });

  it('forwards MQTT, and cutAll() closes the client connection', async () => {
    const url = `mqtt://127.0.0.1:${proxy.port}`;
    const sub = await startSubscriber(url, 'tk/proxy');
    await publish(url, 'tk/proxy', 'via proxy');
    await sub.waitFor(1);

    const client = await connectClient(url);
    expect(proxy.connections()).toBe(2);
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    proxy.cutAll();
    expect(proxy.connections()).toBe(0);
    await closed;
    await expect(sub.waitFor(2, 2_000)).rejects.toThrow(/lost its connection/);
    client.end(true);
    await sub.close();
  });
});

describe('fake broker', () => {
  let fake: FakeBroker;
  afterEach(async () => {
    await fake?.close();
  });

  it('parses a CONNECT from MQTT.js and sends a CONNACK', async () => {
    fake = await startFakeBroker();
    const client = mqttConnect(`mqtt://127.0.0.1:${fake.port}`, { clientId: 'tk-fake', reconnectPeriod: 0, keepalive: 30 });
    client.on('error', () => {});
    const conn = await fake.nextConnection();
    const connect = await conn.nextPacket('connect');
    expect(connect).toMatchObject({ cmd: 'connect', clientId: 'tk-fake', protocolVersion: 4, keepalive: 30 });
    expect(conn.protocolVersion).toBe(4);

    const connected = new Promise<IConnackPacket>((resolve) => client.once('connect', resolve));
    conn.connack({ sessionPresent: true });
    const connack = await connected;
    expect(connack.sessionPresent).toBe(true);

    client.subscribe('tk/fake', { qos: 1 });
    const sub = await conn.nextPacket('subscribe');
    expect(sub).toMatchObject({ cmd: 'subscribe', subscriptions: [{ topic: 'tk/fake', qos: 1 }] });
    expect(conn.packets.map((p) => p.cmd)).toEqual(['connect', 'subscribe']);
    expect(conn.errors).toEqual([]);

    client.end(true);
    await conn.closed;
    await expect(conn.nextPacket('publish', 1_000)).rejects.toThrow(/closed/);
  });

  it('speaks MQTT 5 when the client does', async () => {
    fake = await startFakeBroker({ protocolVersion: 5 });
    const client = mqttConnect(`mqtt://127.0.0.1:${fake.port}`, { protocolVersion: 5, reconnectPeriod: 0 });
    client.on('error', () => {});
    const conn = await fake.nextConnection();
    await conn.nextPacket('connect');
    expect(conn.protocolVersion).toBe(5);
    const connected = new Promise<IConnackPacket>((resolve) => client.once('connect', resolve));
    conn.connack({ properties: { receiveMaximum: 7 } });
    const connack = await connected;
    expect(connack.properties?.receiveMaximum).toBe(7);
    client.end(true);
  });

  it('records garbage from the client instead of throwing', async () => {
    fake = await startFakeBroker();
    const socket = await openSocket(fake.port);
    const conn = await fake.nextConnection();
    socket.write(Buffer.from([0x00, 0x00])); // packet type 0 is reserved
    await vi.waitFor(() => expect(conn.errors.length).toBeGreaterThan(0), { ...LOOPBACK, timeout: 2_000 });
    conn.sendRaw([0xd0, 0x00]); // a bare PINGRESP, written as-is
    const [reply] = (await once(socket, 'data')) as [Buffer];
    expect([...reply]).toEqual([0xd0, 0x00]);
    conn.destroy();
    await conn.closed;
    socket.destroy();
  });

  it('times out nextConnection with a clear error', async () => {
    fake = await startFakeBroker();
    await expect(fake.nextConnection(50)).rejects.toThrow(/no connection within 50 ms/);
  });
});
