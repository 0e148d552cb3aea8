// The service as the shells use it, against the built-in broker and
// mosquitto: first start, profiles, the load generator, incoming floods.
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayloads, Result, Snapshot } from '../../shared/contract.js';
import { BUILTIN_LIMIT_KEYS } from '../../shared/locales/keys.js';
import { makeTestCerts, startMosquitto, type Mosquitto, type TestCerts } from '../../test/kit/index.js';
import { BuiltInBroker } from './builtin-broker.js';
import { GaugeService } from './service.js';

let broker: Mosquitto;
let certs: TestCerts;
beforeAll(async () => {
  certs = await makeTestCerts();
  broker = await startMosquitto({ tls: certs });
});
afterAll(() => broker.stop());

const services: GaugeService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.stop()));
});

async function newService(options: { dataDir?: string | null; autoConnect?: boolean; builtInBroker?: BuiltInBroker } = {}): Promise<GaugeService> {
  const dataDir = options.dataDir === undefined ? await mkdtemp(join(tmpdir(), 'gauge-service-')) : options.dataDir;
  const service = new GaugeService({ version: 'test', dataDir, autoConnect: options.autoConnect ?? false, builtInBroker: options.builtInBroker });
  services.push(service);
  await service.start();
  return service;
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function call<T = unknown>(service: GaugeService, command: string, payload: unknown = {}): Promise<T> {
  return value((await service.handle(command, payload)) as Result<T>);
}

function collect<E extends EventName>(service: GaugeService, event: E): EventPayloads[E][] {
  const seen: EventPayloads[E][] = [];
  service.on(event, (payload) => seen.push(payload));
  return seen;
}

/** vi.waitFor's options here: the service talks to real brokers, so 8 s, checked every 20 ms. */
const POLL = { timeout: 8_000, interval: 20 } as const;

const mosquittoProfile = () => ({ name: 'mosquitto', host: '127.0.0.1', port: broker.port });

describe('first start', () => {
  it('with no saved profile, connects to the built-in test broker at once', async () => {
    const samples: EventPayloads['sample'][] = [];
    const service = new GaugeService({ version: 'test', dataDir: await mkdtemp(join(tmpdir(), 'gauge-first-')), autoConnect: true });
    services.push(service);
    service.on('sample', (s) => samples.push(s));
    await service.start();
    const snapshot = await call<Snapshot>(service, 'getSnapshot');
    expect(snapshot.profile).toMatchObject({ kind: 'builtin', name: 'Built-in test broker' });
    expect(snapshot.builtInBroker.running).toBe(true);
    expect(snapshot.builtInBroker.limits).toEqual([...BUILTIN_LIMIT_KEYS]);
    await vi.waitFor(() => expect(samples.map((s) => s.connectionState), 'a connected sample').toContain('connected'), POLL);
  });

  it('hands a window that opens later the log of what happened before it, auto-connect included', async () => {
    const service = await newService({ autoConnect: true });
    await vi.waitFor(() => expect(service.log.entries().map((entry) => entry.key), 'the connected line').toContain('log.connected'), POLL);
    const { log } = await call<Snapshot>(service, 'getSnapshot');
    expect(log.map((entry) => entry.key)).toEqual(['log.connecting', 'log.connected']);
    expect(log[0]).toMatchObject({ params: { builtIn: 'true', version: '3.1.1' }, message: expect.stringMatching(/^Connecting to the built-in test broker at tcp:\/\/127\.0\.0\.1:\d+ \(MQTT 3\.1\.1\)$/) });
    expect(log[1]!.message).toBe('Connected');
  });

  it('keeps the snapshot\u2019s log to the newest lines', async () => {
    const service = await newService();
    for (let i = 0; i < 300; i++) await call(service, 'setCapacity', { capacity: 1000 + i });
    for (let i = 0; i < 300; i++) await call(service, 'setCapacity', { capacity: 2000 + i });
    const { log } = await call<Snapshot>(service, 'getSnapshot');
    expect(log).toHaveLength(500);
    expect(log.at(-1)).toMatchObject({ key: 'log.capacity-changed', params: { from: 2298, to: 2299 }, message: 'Capacity 2,298 → 2,299' });
    expect(log[0]!.seq).toBe(log.at(-1)!.seq - 499);
  });

  it('publishes, subscribes and receives through the built-in broker', async () => {
    const service = await newService({ autoConnect: true });
    const batches = collect(service, 'messages');
    await call(service, 'subscribe', { filter: 'first/#', qos: 1 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await call(service, 'publish', { topic: 'first/hello', qos: 1, payload: 'hello' });
    const message = await vi.waitFor(() => {
      const back = batches.flatMap((b) => b.messages).find((m) => m.topic === 'first/hello');
      expect(back, 'the message back').toBeDefined();
      return back!;
    }, POLL);
    expect(Buffer.from(message.preview, 'base64').toString()).toBe('hello');
  });

  it('stops the built-in broker when the service stops', async () => {
    const service = await newService({ autoConnect: true });
    const snapshot = await call<{ builtInBroker: { port: number } }>(service, 'getSnapshot');
    await service.stop();
    const { canConnect } = await import('../../test/kit/ports.js');
    expect(await canConnect('127.0.0.1', snapshot.builtInBroker.port)).toBe(false);
  });
});

describe('profiles', () => {
  it('makes the first saved profile the default, keeps the built-in one a click away, and never writes the password', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gauge-profiles-'));
    const service = await newService({ dataDir });
    const saved = await call<{ id: string; hasPassword: boolean }>(service, 'saveProfile', { profile: { ...mosquittoProfile(), username: 'ada', password: 's3cret-pw' } });
    expect(saved.hasPassword).toBe(true);
    const list = await call<{ profiles: Array<{ id: string; kind: string }>; defaultId: string }>(service, 'listProfiles');
    expect(list.defaultId).toBe(saved.id);
    expect(list.profiles.map((p) => p.kind)).toEqual(['builtin', 'custom']);
    expect(JSON.stringify(list)).not.toContain('s3cret-pw');
    const onDisk = await readFile(join(dataDir, 'profiles.json'), 'utf8');
    expect(onDisk).toContain('ada');
    expect(onDisk).not.toContain('s3cret-pw');

    // A new start reads the saved profile back as the default.
    await service.stop();
    const again = await newService({ dataDir });
    expect((await call<{ defaultId: string }>(again, 'listProfiles')).defaultId).toBe(saved.id);
  });

  it('keeps a corrupt profiles file aside and says so, instead of replacing it silently', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gauge-corrupt-'));
    await writeFile(join(dataDir, 'profiles.json'), '{"version": 1, "data": {"profiles": [');
    const service = await newService({ dataDir });
    expect(service.log.entries().map((e) => e.message).join('\n')).toMatch(/saved profiles could not be read.*kept as/);
    expect((await readdir(dataDir)).some((name) => name.startsWith('profiles.json.corrupt-'))).toBe(true);
    expect((await call<{ defaultId: string }>(service, 'listProfiles')).defaultId).toBe('builtin');
  });
});

describe('connecting', () => {
  it('connects with a saved profile\u2019s TLS files and password that the UI never gets back', async () => {
    const service = await newService();
    const tlsProfile = { name: 'mosquitto over TLS', host: '127.0.0.1', port: broker.tlsPort!, transport: 'tls', username: 'ada', password: 'pw', tls: { ca: certs.ca, rejectUnauthorized: true } };
    const saved = await call<{ id: string; hasPassword: boolean; tls: { hasCa: boolean } }>(service, 'saveProfile', { profile: tlsProfile });
    expect(saved).toMatchObject({ hasPassword: true, tls: { hasCa: true } });
    // What the connection form sends back: the profile's id, and no secrets.
    const { password: _password, ...withoutSecrets } = tlsProfile;
    const outcome = await call<{ connected: boolean; error: unknown; profile: { tls: { hasCa: boolean } } }>(service, 'connect', {
      profile: { ...withoutSecrets, id: saved.id, tls: { rejectUnauthorized: true } },
    });
    expect(outcome).toMatchObject({ connected: true, error: null, profile: { hasPassword: true, tls: { hasCa: true } } });
    // Saving the profile again without them keeps them too.
    const resaved = await call<{ hasPassword: boolean; tls: { hasCa: boolean } }>(service, 'saveProfile', { profile: { ...withoutSecrets, id: saved.id, name: 'renamed', tls: { rejectUnauthorized: true } } });
    expect(resaved).toMatchObject({ hasPassword: true, tls: { hasCa: true } });
  });

  it('without a saved profile to fill them in, the same TLS connection fails verification', async () => {
    const service = await newService();
    const outcome = await call<{ connected: boolean; error: { code: string } | null }>(service, 'connect', {
      profile: { name: 'no CA', host: '127.0.0.1', port: broker.tlsPort!, transport: 'tls', tls: { rejectUnauthorized: true } },
    });
    expect(outcome).toMatchObject({ connected: false, error: { code: 'tls' } });
  });

  it('reports a refused connection in the connect answer itself, and keeps retrying', async () => {
    const service = await newService();
    const outcome = await call<{ connected: boolean; error: { code: string; message: string } | null }>(service, 'connect', {
      profile: { name: 'nothing there', host: '127.0.0.1', port: 1 },
    });
    expect(outcome.connected).toBe(false);
    expect(outcome.error).toMatchObject({ code: 'network' });
    expect(outcome.error!.message).toMatch(/connection refused/);
  });

  it('resubscribes after a reconnect without a session', async () => {
    const service = await newService();
    await call(service, 'connect', { profile: mosquittoProfile() });
    await call(service, 'subscribe', { filter: 'again/#', qos: 1 });
    await broker.stop();
    await broker.start();
    await vi.waitFor(
      () => expect(service.log.entries().some((e) => e.key === 'log.connected-again' && /^Connected again/.test(e.message)), 'the reconnection').toBe(true),
      { ...POLL, timeout: 10_000 },
    );
    const batches = collect(service, 'messages');
    // The resubscription goes out right after the CONNACK; give its SUBACK a moment.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await call(service, 'publish', { topic: 'again/x', qos: 1, payload: 'back' });
    await vi.waitFor(() => expect(batches.flatMap((b) => b.messages).map((m) => m.topic), 'the message after the reconnect').toContain('again/x'), POLL);
  });
});

describe('the load generator', () => {
  it('sends at the requested count in tryPublish mode and counts what failed against a stalled loop', async () => {
    const service = await newService();
    await call(service, 'connect', { profile: { ...mosquittoProfile(), capacity: 100 } });
    await call(service, 'pauseLoop');
    const loads = collect(service, 'load');
    await call(service, 'startLoad', { rate: 5000, burst: 50, count: 500, qos: 0, payloadSize: 16, mode: 'tryPublish' });
    const done = await vi.waitFor(() => {
      const finished = loads.find((l) => !l.running);
      expect(finished, 'the load to finish').toBeDefined();
      return finished!;
    }, POLL);
    expect(done).toMatchObject({ sent: 500, accepted: 100, failed: 400, endReason: 'count', count: 500 });
    // A window that did not start the run learns what it was asked for, to draw its progress.
    expect(loads[0]).toMatchObject({ running: true, count: 500 });
    expect(loads[0]!.durationSec).toBeUndefined();
    const stopped = service.log.entries().find((entry) => entry.key === 'log.load-stopped');
    expect(stopped).toMatchObject({ params: { reason: 'count', sent: 500, failed: 400, dropped: 0 }, message: 'Load generator stopped (all messages sent): 500 sent, 400 failed, 0 dropped' });
    await call(service, 'resumeLoop');
  });

  it('in publish mode waits for room instead of failing', async () => {
    const service = await newService();
    await call(service, 'connect', { profile: { ...mosquittoProfile(), capacity: 10 } });
    const loads = collect(service, 'load');
    await call(service, 'startLoad', { rate: 2000, burst: 20, count: 300, qos: 1, payloadSize: 8, mode: 'publish' });
    const done = await vi.waitFor(() => {
      const finished = loads.find((l) => !l.running);
      expect(finished, 'the load to finish').toBeDefined();
      return finished!;
    }, { ...POLL, timeout: 15_000 });
    expect(done).toMatchObject({ sent: 300, accepted: 300, failed: 0, dropped: 0 });
  });
});

describe('alerts', () => {
  it('are pushed again while their numbers move, so the words follow them, and logged by rule and params', async () => {
    const service = await newService();
    await call(service, 'connect', { profile: mosquittoProfile() });
    const pushes = collect(service, 'alerts');
    await call(service, 'pauseLoop');
    const stalled = () => pushes.map((alerts) => alerts.find((alert) => alert.id === 'loop-stalled')).filter((alert) => alert !== undefined);
    await vi.waitFor(() => expect(stalled().length, 'the stall alert pushed three times').toBeGreaterThanOrEqual(3), { ...POLL, timeout: 10_000 });
    const [first, , third] = stalled();
    expect(third!.since).toBe(first!.since);
    expect(third!.params.sinceLastPollMs).toBeGreaterThan(first!.params.sinceLastPollMs);
    expect(third!.message).not.toBe(first!.message);
    await call(service, 'resumeLoop');
    await vi.waitFor(() => expect(pushes.at(-1)?.every((alert) => alert.id !== 'loop-stalled'), 'the clear').toBe(true), POLL);
    const lines = service.log.entries().filter((entry) => entry.category === 'alert');
    expect(lines.map((entry) => entry.key)).toEqual(['log.alert-raised', 'log.alert-cleared']);
    expect(lines[0]).toMatchObject({ level: 'error', params: { rule: 'loop-stalled', paused: 'true' }, message: expect.stringMatching(/^Alert: The event loop is paused and has not been polled for [\d.]+ s/) });
    expect(lines[1]!.message).toBe('Cleared: Event loop stalled');
  });
});

describe('incoming messages', () => {
  it('reach the UI in bounded batches at a bounded rate, with the skipped ones counted', async () => {
    const service = await newService();
    const batches = collect(service, 'messages');
    await call(service, 'connect', { profile: mosquittoProfile() });
    await call(service, 'subscribe', { filter: 'flood/#', qos: 0 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const loads = collect(service, 'load');
    const started = Date.now();
    await call(service, 'startLoad', { topic: 'flood/x', rate: 20_000, burst: 200, count: 10_000, qos: 0, payloadSize: 32 });
    const done = await vi.waitFor(() => {
      const finished = loads.find((l) => !l.running);
      expect(finished, 'the load to finish').toBeDefined();
      return finished!;
    }, { ...POLL, timeout: 15_000 });
    // On a busy machine the channel can fill and some tryPublish calls fail:
    // those are counted by the generator, and every accepted one must arrive.
    expect(done.accepted + done.failed + done.dropped).toBe(10_000);
    expect(done.accepted).toBeGreaterThan(0);
    await vi.waitFor(
      () => expect(batches.reduce((n, b) => n + b.messages.length + b.skipped, 0), 'every accepted message shown or counted as skipped').toBe(done.accepted),
      { ...POLL, timeout: 15_000 },
    );
    const elapsedSec = (Date.now() - started) / 1000;
    expect(Math.max(...batches.map((b) => b.messages.length))).toBeLessThanOrEqual(50);
    expect(batches.reduce((n, b) => n + b.skipped, 0)).toBeGreaterThan(0);
    // At most ~20 pushes a second, however fast the messages come.
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(elapsedSec * 20) + 2);
  });
});
