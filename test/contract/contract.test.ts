// One contract suite, run over both transports: Electron IPC (stand-ins for
// ipcMain/ipcRenderer, since Electron's binary cannot run here) and web
// mode's WebSocket (for real). Each bad input is refused with a typed error
// and changes nothing.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayloads, GaugeApi, Result } from '../../shared/contract.js';
import { parseBundle } from '../../shared/diagnostics/index.js';
import { startMosquitto, startSubscriber, type Mosquitto } from '../kit/index.js';
import { openIpc, openWeb, type OpenTransport } from './transports.js';

let broker: Mosquitto;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(() => broker.stop());

function profile(overrides: Record<string, unknown> = {}) {
  return { name: 'test broker', host: '127.0.0.1', port: broker.port, capacity: 20, ...overrides };
}

/** Collects one event's payloads as they arrive. */
function collect<E extends EventName>(api: GaugeApi, event: E): EventPayloads[E][] {
  const seen: EventPayloads[E][] = [];
  api.on(event, (payload) => seen.push(payload));
  return seen;
}

/** vi.waitFor's options here: events cross a transport and a real broker, so 8 s, checked every 20 ms. */
const POLL = { timeout: 8_000, interval: 20 } as const;

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Everything a command could change, minus what moves by itself (time, rates). */
async function state(api: GaugeApi) {
  const snapshot = value(await api.getSnapshot({}));
  const s = snapshot.sample;
  return {
    profile: snapshot.profile,
    subscriptions: snapshot.subscriptions,
    paused: snapshot.paused,
    load: snapshot.load.running,
    channel: s && { capacity: s.capacity, policy: s.policy, depth: s.depth, accepted: s.accepted, maxInflight: s.maxInflight },
    settings: value(await api.getSettings({})),
    profiles: value(await api.listProfiles({})),
  };
}

const BAD_INPUTS: Array<[string, string, unknown, string]> = [
  ['publish', 'a wildcard topic', { topic: 'a/+/b', qos: 0, payload: 'x' }, 'topic'],
  ['publish', 'a # topic', { topic: 'a/#', qos: 0, payload: 'x' }, 'topic'],
  ['publish', 'an empty topic', { topic: '', qos: 0, payload: 'x' }, 'topic'],
  ['publish', 'a topic over 65,535 bytes', { topic: 'é'.repeat(40_000), qos: 0, payload: 'x' }, 'topic'],
  ['publish', 'a topic with a lone surrogate (invalid UTF-8)', { topic: 'a/\ud800', qos: 0, payload: 'x' }, 'topic'],
  ['publish', 'a topic with U+0000', { topic: 'a\u0000b', qos: 0, payload: 'x' }, 'topic'],
  ['publish', 'a topic that is a number', { topic: 42, qos: 0, payload: 'x' }, 'topic'],
  ['publish', 'QoS 3', { topic: 'a', qos: 3, payload: 'x' }, 'qos'],
  ['publish', 'QoS -1', { topic: 'a', qos: -1, payload: 'x' }, 'qos'],
  ['publish', 'QoS as a string', { topic: 'a', qos: '1', payload: 'x' }, 'qos'],
  ['publish', 'QoS missing', { topic: 'a', payload: 'x' }, 'qos'],
  ['publish', 'invalid JSON in JSON format', { topic: 'a', qos: 0, payload: '{"a": ', format: 'json' }, 'payload'],
  ['publish', 'odd hex', { topic: 'a', qos: 0, payload: 'abc', format: 'hex' }, 'payload'],
  ['publish', 'non-hex characters', { topic: 'a', qos: 0, payload: 'zz', format: 'hex' }, 'payload'],
  ['publish', 'bad base64', { topic: 'a', qos: 0, payload: '@@@', format: 'base64' }, 'payload'],
  ['publish', 'a payload over 1 MiB', { topic: 'a', qos: 0, payload: 'x'.repeat(1024 * 1024 + 1) }, 'payload'],
  ['publish', 'an unknown format', { topic: 'a', qos: 0, payload: 'x', format: 'yaml' }, 'format'],
  ['publish', 'an unknown mode', { topic: 'a', qos: 0, payload: 'x', mode: 'fire' }, 'mode'],
  ['publish', 'an extra field', { topic: 'a', qos: 0, payload: 'x', sneaky: true }, '(payload)'],
  ['publish', 'retain as a string', { topic: 'a', qos: 0, payload: 'x', retain: 'yes' }, 'retain'],
  ['setCapacity', 'capacity 0', { capacity: 0 }, 'capacity'],
  ['setCapacity', 'a negative capacity', { capacity: -5 }, 'capacity'],
  ['setCapacity', 'a fractional capacity', { capacity: 1.5 }, 'capacity'],
  ['setCapacity', 'a huge capacity', { capacity: 1e12 }, 'capacity'],
  ['setCapacity', 'capacity as a string', { capacity: '100' }, 'capacity'],
  ['setCapacity', 'capacity null (NaN and Infinity become null in JSON)', { capacity: null }, 'capacity'],
  ['setCapacity', 'no capacity', {}, 'capacity'],
  ['setOverflowPolicy', 'an unknown policy', { policy: 'drop-random' }, 'policy'],
  ['setInflight', 'a window of 0', { inflight: 0 }, 'inflight'],
  ['setInflight', 'a window over 65,535', { inflight: 70_000 }, 'inflight'],
  ['subscribe', 'a malformed filter', { filter: 'a/#/b', qos: 0 }, 'filter'],
  ['subscribe', 'a + inside a level', { filter: 'a+', qos: 1 }, 'filter'],
  ['subscribe', 'an empty filter', { filter: '', qos: 0 }, 'filter'],
  ['startLoad', 'a rate of 0', { rate: 0 }, 'rate'],
  ['startLoad', 'a negative payload size', { rate: 10, payloadSize: -1 }, 'payloadSize'],
  ['startLoad', 'a payload size over 1 MiB', { rate: 10, payloadSize: 2 * 1024 * 1024 }, 'payloadSize'],
  ['startLoad', 'a wildcard topic', { rate: 10, topic: 'load/#' }, 'topic'],
  ['connect', 'a port of 70,000', { profile: { name: 'p', host: '127.0.0.1', port: 70_000 } }, 'profile.port'],
  ['connect', 'a port of 0', { profile: { name: 'p', host: '127.0.0.1', port: 0 } }, 'profile.port'],
  ['connect', 'a host with a space', { profile: { name: 'p', host: 'bad host', port: 1883 } }, 'profile.host'],
  ['connect', 'an empty host', { profile: { name: 'p', host: '', port: 1883 } }, 'profile.host'],
  ['connect', 'MQTT version 3', { profile: { name: 'p', host: 'h', port: 1883, protocolVersion: 3 } }, 'profile.protocolVersion'],
  ['connect', 'keepalive -1', { profile: { name: 'p', host: 'h', port: 1883, keepAlive: -1 } }, 'profile.keepAlive'],
  ['connect', 'capacity 0 in a profile', { profile: { name: 'p', host: 'h', port: 1883, capacity: 0 } }, 'profile.capacity'],
  ['connect', 'a client id over 256 characters', { profile: { name: 'p', host: 'h', port: 1883, clientId: 'x'.repeat(300) } }, 'profile.clientId'],
  ['connect', 'no profile', {}, 'profile'],
  ['saveProfile', 'a nameless profile', { profile: { name: '', host: 'h', port: 1 } }, 'profile.name'],
  ['deleteProfile', 'a malformed id', { id: '../../etc/passwd' }, 'id'],
  ['setSettings', 'a sample rate of 1,000 Hz', { sampleHz: 1000 }, 'sampleHz'],
  ['setSettings', 'an unknown language', { language: 'tlh' }, 'language'],
  ['getHistory', 'minus one second', { seconds: -1 }, 'seconds'],
  ['setFault', 'an unknown drill', { kind: 'unplug-cable' }, 'kind'],
  ['setFault', 'no drill named', {}, 'kind'],
  ['setFault', 'a drill given as a string', 'throttle', '(payload)'],
  ['setFault', 'a throttle of 0 B/s', { kind: 'throttle', bytesPerSec: 0 }, 'bytesPerSec'],
  ['setFault', 'a throttle without a rate', { kind: 'throttle' }, 'bytesPerSec'],
  ['setFault', 'a throttle over 1e9 B/s', { kind: 'throttle', bytesPerSec: 2e9 }, 'bytesPerSec'],
  ['setFault', 'a throttle rate as a string', { kind: 'throttle', bytesPerSec: '1000' }, 'bytesPerSec'],
  ['setFault', 'a stall of 0 s', { kind: 'stall-socket', seconds: 0 }, 'seconds'],
  ['setFault', 'a fractional stall', { kind: 'stall-socket', seconds: 1.5 }, 'seconds'],
  ['setFault', 'a stall over an hour', { kind: 'stall-socket', seconds: 3601 }, 'seconds'],
  ['setFault', 'a negative poll delay', { kind: 'slow-poll', delayMs: -1 }, 'delayMs'],
  ['setFault', 'a poll delay over a minute', { kind: 'slow-poll', delayMs: 60_001 }, 'delayMs'],
  ['setFault', 'a drop with a field it does not take', { kind: 'drop-connection', reason: 'because' }, '(payload)'],
  ['exportDiagnostics', 'includeUsername as a string', { includeUsername: 'yes' }, 'includeUsername'],
  ['exportDiagnostics', 'a field it does not take', { path: '/etc/passwd' }, '(payload)'],
];

describe.each([
  ['Electron IPC (stand-ins)', openIpc],
  ['web mode WebSocket', openWeb],
] as const)('the contract over %s', (_name, open) => {
  let t: OpenTransport;
  beforeEach(async () => {
    t = await open();
  });
  afterEach(() => t.close());

  it('answers a snapshot naming the version and the built-in broker with its limits', async () => {
    const snapshot = value(await t.api.getSnapshot({}));
    expect(snapshot.version).toBe('test');
    expect(snapshot.builtInBroker.limits).toContain('v311');
    expect(snapshot.profile).toBeNull();
  });

  it('connects, streams samples, publishes QoS 1 with written and acked feedback, and an independent subscriber receives it', async () => {
    const samples = collect(t.api, 'sample');
    const statuses = collect(t.api, 'publishStatus');
    const subscriber = await startSubscriber(`mqtt://127.0.0.1:${broker.port}`, 'contract/qos1', { qos: 1 });
    const outcome = value(await t.api.connect({ profile: profile() }));
    expect(outcome).toMatchObject({ connected: true, error: null, profile: { host: '127.0.0.1', port: broker.port } });
    await vi.waitFor(() => expect(samples.map((s) => s.connectionState), 'a connected sample').toContain('connected'), POLL);
    const accepted = value(await t.api.publish({ topic: 'contract/qos1', qos: 1, payload: '{"n":1}', format: 'json' }));
    expect(accepted).toMatchObject({ outcome: 'queued', bytes: 7 });
    await vi.waitFor(() => expect(statuses.some((s) => s.id === accepted.id && s.state === 'acked'), 'the ack').toBe(true), POLL);
    expect(statuses.filter((s) => s.id === accepted.id).map((s) => s.state)).toEqual(['written', 'acked']);
    await subscriber.waitFor(1);
    expect(subscriber.messages[0]!.payload.toString()).toBe('{"n":1}');
    await subscriber.close();
  });

  it('with the loop paused, tryPublish fills the channel, then fails with full, counted in the samples and an alert', async () => {
    const samples = collect(t.api, 'sample');
    const alerts = collect(t.api, 'alerts');
    value(await t.api.connect({ profile: profile({ capacity: 5 }) }));
    expect(value(await t.api.pauseLoop({}))).toEqual({ paused: true });
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) outcomes.push(value(await t.api.publish({ mode: 'tryPublish', topic: 'contract/stall', qos: 0, payload: `m${i}` })).outcome);
    expect(outcomes).toEqual(['queued', 'queued', 'queued', 'queued', 'queued', 'full', 'full', 'full']);
    await vi.waitFor(() => expect(samples.some((s) => s.depth === 5 && s.capacity === 5 && s.failedTryPublish === 3), 'a sample with a full channel').toBe(true), POLL);
    await vi.waitFor(() => expect(alerts.some((list) => list.some((a) => a.id === 'try-publish-failing')), 'the try-publish-failing alert').toBe(true), POLL);
    value(await t.api.resumeLoop({}));
    await vi.waitFor(() => expect(samples.at(-1)?.depth, 'the channel to drain').toBe(0), POLL);
  });

  it('applies capacity, policy and in-flight window live', async () => {
    value(await t.api.connect({ profile: profile() }));
    expect(value(await t.api.setCapacity({ capacity: 5000 }))).toMatchObject({ capacity: 5000 });
    expect(value(await t.api.setOverflowPolicy({ policy: 'drop-oldest' }))).toMatchObject({ capacity: 5000, policy: 'drop-oldest' });
    expect(value(await t.api.setInflight({ inflight: 7 }))).toEqual({ inflight: 7, appliedLive: true });
    const samples = collect(t.api, 'sample');
    await vi.waitFor(
      () => expect(samples.some((s) => s.capacity === 5000 && s.policy === 'drop-oldest' && s.maxInflight === 7), 'a sample showing the new settings').toBe(true),
      POLL,
    );
  });

  it('delivers subscribed messages in batches', async () => {
    const batches = collect(t.api, 'messages');
    value(await t.api.connect({ profile: profile() }));
    expect(value(await t.api.subscribe({ filter: 'contract/in/#', qos: 1 }))).toEqual([{ filter: 'contract/in/#', qos: 1 }]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (let i = 0; i < 3; i++) value(await t.api.publish({ topic: `contract/in/${i}`, qos: 1, payload: `in ${i}` }));
    await vi.waitFor(() => expect(batches.flatMap((b) => b.messages).length, 'three incoming messages').toBeGreaterThanOrEqual(3), POLL);
    const messages = batches.flatMap((b) => b.messages);
    expect(messages.map((m) => Buffer.from(m.preview, 'base64').toString()).sort()).toEqual(['in 0', 'in 1', 'in 2']);
  });

  it('switches a fault drill live, shows it in the samples, and exports a bundle that survives the trip and opens again', async () => {
    const samples = collect(t.api, 'sample');
    value(await t.api.connect({ profile: profile() }));
    expect(value(await t.api.setFault({ kind: 'slow-poll', delayMs: 20 }))).toEqual({ throttleBytesPerSec: null, stalledUntil: null, pollDelayMs: 20 });
    await vi.waitFor(() => expect(samples.map((s) => s.faults.pollDelayMs), 'a sample marking the drill').toContain(20), POLL);
    value(await t.api.setFault({ kind: 'slow-poll', delayMs: 0 }));
    const exported = value(await t.api.exportDiagnostics({}));
    expect(exported.fileName).toMatch(/^mqtt-gauge-diagnostics-.*\.json$/);
    const reopened = parseBundle(JSON.stringify(exported.bundle));
    expect(reopened.ok).toBe(true);
    expect(exported.bundle.faults.map((f) => [f.kind, f.phase, f.value])).toEqual([
      ['slow-poll', 'start', 20],
      ['slow-poll', 'end', null],
    ]);
    expect(exported.bundle.log.filter((entry) => entry.category === 'fault').map((entry) => entry.key)).toEqual(['log.drill-started', 'log.drill-ended']);
  });

  it('refuses a 10 MB request with a typed error and goes on answering', async () => {
    const result = await t.api.connect({ profile: { name: 'p', host: 'h', port: 1883, clientId: 'x'.repeat(10_000_000) } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect((await t.api.getSettings({})).ok).toBe(true);
  });

  it('refuses commands that need a connection when there is none', async () => {
    const result = await t.api.publish({ topic: 'a', qos: 0, payload: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-connected' } });
  });

  it('refuses an unknown command with a typed error', async () => {
    const result = await (t.api as unknown as Record<string, (p: unknown) => Promise<Result<unknown>>>).getSnapshot!.call(t.api, { extra: 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const unknown = await t.service.handle('formatDisk', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
  });

  describe('bad input', () => {
    beforeEach(async () => {
      value(await t.api.connect({ profile: profile() }));
      value(await t.api.subscribe({ filter: 'keep/me', qos: 1 }));
      // "Changes nothing" compares snapshots: wait for the first sample that
      // counts the subscribe, or a sample arriving mid-test reads as a change.
      await vi.waitFor(async () => expect(value(await t.api.getSnapshot({})).sample?.accepted, 'a sample counting the subscribe').toBe(1), POLL);
    });

    it.each(BAD_INPUTS)('%s with %s is refused, naming the field, and changes nothing', async (command, _what, payload, field) => {
      const before = await state(t.api);
      const call = (t.api as unknown as Record<string, (p: unknown) => Promise<Result<unknown>>>)[command]!;
      const result = await call(payload);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('invalid-input');
      expect(result.error.field).toBe(field);
      expect(result.error.message.length).toBeGreaterThan(field.length + 2);
      expect(await state(t.api)).toEqual(before);
    });

    it('sends each schema issue with its code and numbers, so the UI can word it in its own language', async () => {
      const small = await t.api.setCapacity({ capacity: 0 });
      expect(small).toMatchObject({ ok: false, error: { issues: [{ field: 'capacity', code: 'too_small', params: { minimum: 1, origin: 'number' } }] } });
      const big = await t.api.setInflight({ inflight: 70_000 });
      expect(big).toMatchObject({ ok: false, error: { issues: [{ field: 'inflight', code: 'too_big', params: { maximum: 65_535 } }] } });
      const wildcard = await t.api.publish({ topic: 'a/+/b', qos: 0, payload: 'x' });
      expect(wildcard).toMatchObject({ ok: false, error: { issues: [{ field: 'topic', code: 'custom', params: { problem: 'topicWildcard' }, message: expect.stringMatching(/wildcards/) }] } });
      const notSubscribed = await t.api.unsubscribe({ filter: 'never/subscribed' });
      expect(notSubscribed).toMatchObject({ ok: false, error: { field: 'filter', issues: [{ field: 'filter', code: 'custom', params: { problem: 'notSubscribed' } }] } });
    });
  });
});

describe('IPC only', () => {
  it('passes NaN and Infinity through structured clone and still refuses them', async () => {
    const t = await openIpc();
    try {
      for (const capacity of [Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(await t.api.setCapacity({ capacity })).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'capacity' } });
      }
    } finally {
      await t.close();
    }
  });

  it('refuses calls from a frame that is not the app window, and logs them', async () => {
    const t = await openIpc();
    try {
      const { buildPreloadApi } = await import('../../main/desktop/preload-api.js');
      const intruder = buildPreloadApi(t.ipc.renderer({ url: 'https://evil.example/' }));
      const result = await intruder.setCapacity({ capacity: 1 });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      expect(result.ok ? '' : result.error.message).toMatch(/did not come from the MQTT Gauge window/);
      expect(t.log.join('\n')).toMatch(/refused setCapacity from an untrusted frame \(https:\/\/evil\.example\/\)/);
    } finally {
      await t.close();
    }
  });
});
