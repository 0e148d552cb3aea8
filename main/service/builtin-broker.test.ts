// The built-in broker, for real: its worker thread, real sockets, MQTT.js and
// our own engine as clients. No mocks.
import { spawn } from 'node:child_process';
import { connect as netConnect, createServer, type Server, type Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { connect as mqttConnect } from 'mqtt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTranslator } from '../../shared/locales/translator.js';
import type { Translate } from '../../shared/locales/wording.js';
import { createClient, EventLoopRunner, type Event } from '../engine/index.js';
import { getFreePorts, startSubscriber, type Subscriber } from '../../test/kit/index.js';
import { canConnect } from '../../test/kit/ports.js';
import { BuiltInBroker, type BuiltInBrokerExit } from './builtin-broker.js';

const en = createTranslator('en');

const brokers: BuiltInBroker[] = [];
const subscribers: Subscriber[] = [];
const occupiers: Server[] = [];

/** A broker that is stopped after the test, recording how its threads ended. */
function newBroker(): { broker: BuiltInBroker; exits: BuiltInBrokerExit[] } {
  const exits: BuiltInBrokerExit[] = [];
  const broker = new BuiltInBroker({ onExit: (exit) => exits.push(exit) });
  brokers.push(broker);
  return { broker, exits };
}

async function subscribe(port: number, filter: string, opts: { qos?: 0 | 1 | 2 } = {}): Promise<Subscriber> {
  const subscriber = await startSubscriber(`mqtt://127.0.0.1:${port}`, filter, opts);
  subscribers.push(subscriber);
  return subscriber;
}

async function occupy(port: number): Promise<Server> {
  const server = createServer((socket) => socket.destroy());
  occupiers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}

/** vi.waitFor's options here: a broker on this machine, so 5 s, checked every 10 ms. */
const POLL = { timeout: 5_000, interval: 10 } as const;

/** An IPv4 address of this machine that is not loopback, if it has one. */
function otherLocalIPv4(): string | undefined {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) {
      if ((a.family === 'IPv4' || (a.family as unknown) === 4) && !a.internal && !a.address.startsWith('127.')) return a.address;
    }
  }
  return undefined;
}

afterEach(async () => {
  await Promise.all(subscribers.splice(0).map((s) => s.close()));
  await Promise.all(brokers.splice(0).map((b) => b.stop()));
  await Promise.all(occupiers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

describe('the built-in broker', () => {
  it('starts on port 1884 unless it is taken, and an MQTT.js client can subscribe and receive a publish through it', async () => {
    const { broker } = newBroker();
    const started = await broker.start();
    if (started.preferredPortTaken) expect(started.port).not.toBe(1884);
    else expect(started.port).toBe(1884);
    expect(broker.running).toBe(true);
    expect(broker.port).toBe(started.port);

    const subscriber = await subscribe(started.port, 'gauge/test/#', { qos: 1 });
    const publisher = mqttConnect(`mqtt://127.0.0.1:${started.port}`, { protocolVersion: 4, reconnectPeriod: 0 });
    await publisher.publishAsync('gauge/test/hello', 'through the built-in broker', { qos: 1 });
    await subscriber.waitFor(1);
    expect(subscriber.messages.map((m) => [m.topic, m.payload.toString()])).toEqual([['gauge/test/hello', 'through the built-in broker']]);
    await publisher.endAsync();
  });

  it('carries a QoS 1 publish from our own engine, acked, to an MQTT.js subscriber', async () => {
    const { broker } = newBroker();
    const { port } = await broker.start(0);
    const subscriber = await subscribe(port, 'gauge/engine', { qos: 1 });

    const { client, eventLoop } = createClient({ host: '127.0.0.1', port, protocolVersion: 4 }, 10);
    const events: Event[] = [];
    const runner = new EventLoopRunner(eventLoop, { onEvent: (event) => events.push(event) });
    runner.start();
    try {
      await client.publish('gauge/engine', 1, false, 'from the engine');
      await vi.waitFor(() => expect(eventLoop.stats().acked, 'the PUBACK').toBe(1), POLL);
      expect(events.some((e) => e.type === 'incoming' && e.packet.cmd === 'puback')).toBe(true);
      await subscriber.waitFor(1);
      expect(subscriber.messages[0]).toMatchObject({ topic: 'gauge/engine', qos: 1 });
      expect(subscriber.messages[0]!.payload.toString()).toBe('from the engine');
    } finally {
      await client.disconnect().catch(() => {});
      eventLoop.close();
      await runner.stop();
    }
  });

  it('counts connected clients and the messages they publish', async () => {
    const { broker } = newBroker();
    const { port } = await broker.start(0);
    expect(await broker.stats()).toEqual({ connectionsOpen: 0, clientsConnected: 0, messagesPublished: 0 });
    const subscriber = await subscribe(port, 'gauge/count');
    const publisher = mqttConnect(`mqtt://127.0.0.1:${port}`, { protocolVersion: 4, reconnectPeriod: 0 });
    for (let i = 0; i < 3; i++) await publisher.publishAsync('gauge/count', `m${i}`, { qos: 1 });
    await subscriber.waitFor(3);
    expect(await broker.stats()).toEqual({ connectionsOpen: 2, clientsConnected: 2, messagesPublished: 3 });
    await publisher.endAsync();
  });

  it('listens on loopback only: another address of this machine is refused', async () => {
    const { broker } = newBroker();
    const { port, address } = await broker.start(0);
    expect(address).toBe('127.0.0.1');
    expect(broker.address).toBe('127.0.0.1');
    expect(await canConnect('127.0.0.1', port)).toBe(true);
    const other = otherLocalIPv4();
    // Without a non-loopback interface, the bound address above is the evidence.
    if (other !== undefined) expect(await canConnect(other, port)).toBe(false);
  });

  it('stops: the port then refuses connections and the worker thread has exited', async () => {
    const { broker, exits } = newBroker();
    const { port } = await broker.start(0);
    // A connected MQTT client and a bare socket that never sent CONNECT must
    // not hold the stop up.
    const subscriber = await subscribe(port, 'gauge/stop');
    const bare = await new Promise<Socket>((resolve, reject) => {
      const socket = netConnect(port, '127.0.0.1', () => resolve(socket));
      socket.once('error', reject);
    });
    bare.on('error', () => {});
    await vi.waitFor(async () => expect(await broker.stats(), 'the broker to accept both connections').toMatchObject({ connectionsOpen: 2 }), POLL);
    const bareClosed = new Promise<void>((resolve) => bare.once('close', () => resolve()));

    await broker.stop();
    // Code 0: the thread closed everything and ended by itself, rather than
    // being terminated after the grace period.
    expect(exits).toEqual([{ code: 0, unexpected: false }]);
    expect(broker.running).toBe(false);
    expect(broker.port).toBeNull();
    expect(await canConnect('127.0.0.1', port)).toBe(false);
    await bareClosed;
    await expect(subscriber.waitFor(1, 2_000)).rejects.toThrow();
    await expect(broker.stats()).rejects.toThrow(/not running/);
  });

  it('picks another port when the preferred one is taken, and works there', async () => {
    const [preferred] = await getFreePorts(1);
    await occupy(preferred!);
    const { broker } = newBroker();
    const started = await broker.start(preferred);
    expect(started.preferredPortTaken).toBe(true);
    expect(started.port).not.toBe(preferred);
    expect(broker.port).toBe(started.port);

    const subscriber = await subscribe(started.port, 'gauge/clash');
    const publisher = mqttConnect(`mqtt://127.0.0.1:${started.port}`, { protocolVersion: 4, reconnectPeriod: 0 });
    await publisher.publishAsync('gauge/clash', 'elsewhere');
    await subscriber.waitFor(1);
    await publisher.endAsync();
  });

  it('starts once however often start is called, and stops twice without complaint', async () => {
    const { broker, exits } = newBroker();
    const [first, second] = await Promise.all([broker.start(0), broker.start(0)]);
    const third = await broker.start(1234);
    expect(second.port).toBe(first.port);
    expect(third.port).toBe(first.port);

    await Promise.all([broker.stop(), broker.stop()]);
    await broker.stop();
    expect(exits).toHaveLength(1);

    // And it starts again after a stop.
    const again = await broker.start(0);
    expect(await canConnect('127.0.0.1', again.port)).toBe(true);
    await broker.stop();
    expect(exits).toHaveLength(2);
  });

  it('stops without complaint when it was never started', async () => {
    const { broker, exits } = newBroker();
    await broker.stop();
    await broker.stop();
    expect(broker.running).toBe(false);
    expect(exits).toEqual([]);
  });

  it('rejects a failed start with an error saying why, and can be started afterwards', async () => {
    const { broker } = newBroker();
    await expect(broker.start(70_000)).rejects.toThrow(/port must be an integer from 0 to 65535, got 70000/);

    const missing = new BuiltInBroker({ workerEntry: new URL('./no-such-broker-worker.js', import.meta.url) });
    brokers.push(missing);
    await expect(missing.start(0)).rejects.toThrow(/built-in broker's thread failed: .*no-such-broker-worker/);
    expect(missing.running).toBe(false);

    const { port } = await broker.start(0);
    expect(await canConnect('127.0.0.1', port)).toBe(true);
  });

  it('refuses MQTT 5 clients, as its limits say', async () => {
    const { broker } = newBroker();
    const { port } = await broker.start(0);
    const client = mqttConnect(`mqtt://127.0.0.1:${port}`, { protocolVersion: 5, reconnectPeriod: 0, connectTimeout: 3_000 });
    const outcome = await new Promise<string>((resolve) => {
      client.once('connect', () => resolve('connected'));
      client.once('error', () => resolve('refused'));
      client.once('close', () => resolve('refused'));
    });
    client.end(true);
    expect(outcome).toBe('refused');
    expect(BuiltInBroker.limits.map((id) => en(`builtIn.limit.${id}`)).join(' ')).toMatch(/MQTT 3\.1\.1/);
  });

  it('lists its limits for the user, in both languages, and points to a real broker', () => {
    const worded = (t: Translate) => BuiltInBroker.limits.map((id) => t(`builtIn.limit.${id}`)).join('\n');
    for (const word of [/MQTT 5/, /TLS/, /WebSocket/, /persistence/, /authentication/, /in memory/, /mosquitto/]) expect(worded(en)).toMatch(word);
    for (const word of [/MQTT 5/, /TLS/, /WebSocket/, /持久化/, /认证/, /内存/, /mosquitto/]) expect(worded(createTranslator('zh-CN'))).toMatch(word);
    // A copy each time: a caller cannot change what others see.
    BuiltInBroker.limits.pop();
    expect(BuiltInBroker.limits).toHaveLength(6);
  });

  it('does not keep a process alive: one that starts the broker and forgets it still exits', async () => {
    const moduleUrl = new URL('./builtin-broker.ts', import.meta.url).href;
    const tsx = import.meta.resolve('tsx');
    const script = `const { BuiltInBroker } = await import(${JSON.stringify(moduleUrl)});
      const { port } = await new BuiltInBroker().start(0);
      console.log(port);`;
    const child = spawn(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exitCode = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, 15_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
    const port = Number(stdout.trim());
    expect(port).toBeGreaterThan(0);
    expect(await canConnect('127.0.0.1', port)).toBe(false);
  });
});
