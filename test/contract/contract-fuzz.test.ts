// Contract fuzzing: every command gets generated bad payloads (wrong types,
// missing and extra fields, NaN and Infinity, huge strings, deep nesting,
// invalid UTF-8, non-objects) over both transports. Every one must be
// refused with a typed error, change nothing, and leave the service answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES, type GaugeApi, type Result } from '../../shared/contract.js';
import type { CommandName } from '../../shared/schemas.js';
import { prng } from '../kit/prng.js';
import { startMosquitto, type Mosquitto } from '../kit/index.js';
import { openIpc, openWeb, type OpenTransport } from './transports.js';

let broker: Mosquitto;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(() => broker.stop());

/** A valid payload of each command, to break one thing at a time. */
function validPayloads(port: number): Record<CommandName, Record<string, unknown>> {
  const profile = { name: 'fuzz', host: '127.0.0.1', port, capacity: 50 };
  return {
    connect: { profile },
    disconnect: {},
    publish: { topic: 'fuzz/t', qos: 1, payload: 'x', format: 'text', mode: 'tryPublish', retain: false },
    startLoad: { rate: 10, count: 1, topic: 'fuzz/load' },
    stopLoad: {},
    setCapacity: { capacity: 60 },
    setOverflowPolicy: { policy: 'drop-newest' },
    setInflight: { inflight: 9 },
    pauseLoop: {},
    resumeLoop: {},
    subscribe: { filter: 'fuzz/#', qos: 1 },
    unsubscribe: { filter: 'keep/me' },
    getSnapshot: {},
    getHistory: { seconds: 5 },
    getSettings: {},
    setSettings: { sampleHz: 5 },
    listProfiles: {},
    saveProfile: { profile },
    deleteProfile: { id: 'p-1234' },
    setFault: { kind: 'throttle', bytesPerSec: 1000 },
    exportDiagnostics: { includeUsername: false },
    startInspect: { listenPort: 0, profile },
    stopInspect: {},
    getInspect: {},
    getInspectHistory: { connection: 1, seconds: 5 },
    probeBroker: { maxPayloadBytes: 65_536, stepTimeoutMs: 1000 },
    startReports: { topicPrefix: 'fuzz/report/' },
    stopReports: {},
    getReportHistory: { clientId: 'sensor-1' },
  };
}

/** Fields that may be left out, so deleting them is not a bad payload. */
const OPTIONAL = new Set(['setSettings.sampleHz', 'publish.format', 'publish.mode', 'publish.retain', 'startLoad.count', 'startLoad.topic', 'getHistory.seconds', 'exportDiagnostics.includeUsername', 'connect.profile.capacity', 'saveProfile.profile.capacity', 'startInspect.listenPort', 'startInspect.profile.capacity', 'getInspectHistory.seconds', 'probeBroker.maxPayloadBytes', 'probeBroker.stepTimeoutMs', 'startReports.topicPrefix']);

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { deeper: value };
  return value;
}

/** Values of the wrong kind for a field that holds `current`. */
function wrongValues(current: unknown, random: () => number): unknown[] {
  const huge = 'h'.repeat(5_000_000 + Math.floor(random() * 1000));
  const common = [{ an: 'object' }, ['an', 'array'], nested(40), `bad\ud800utf8`];
  if (typeof current === 'number') return [...common, 'twelve', true, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e308, -1e308, 0.5 + Math.floor(random() * 9)];
  if (typeof current === 'string') return [...common, 42, false, huge, `a\udc00b`];
  if (typeof current === 'boolean') return [...common, 'true', 1];
  return common;
}

/** Generated bad payloads for one command, each with a label. */
function badPayloads(command: CommandName, valid: Record<string, unknown>, random: () => number): Array<[string, unknown]> {
  const cases: Array<[string, unknown]> = [
    ['an array instead of an object', []],
    ['a string instead of an object', 'payload'],
    ['a number instead of an object', 7],
    ['an extra field', { ...valid, unexpected: true }],
    ['an extra field with a bad name', { ...valid, [`k\ud800`]: 1 }],
    ['forty levels of nesting', { ...valid, deep: nested(40) }],
  ];
  const visit = (object: Record<string, unknown>, path: string[]) => {
    for (const [key, value] of Object.entries(object)) {
      const where = [...path, key];
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        visit(value as Record<string, unknown>, where);
      }
      for (const wrong of wrongValues(value, random)) cases.push([`${where.join('.')} = ${describeValue(wrong)}`, replaceAt(valid, where, wrong)]);
      if (!OPTIONAL.has([command, ...where].join('.'))) cases.push([`${where.join('.')} missing`, replaceAt(valid, where, undefined)]);
    }
  };
  visit(valid, []);
  return cases;
}

function replaceAt(object: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...object };
  const [head, ...rest] = path;
  if (rest.length === 0) {
    if (value === undefined) delete copy[head!];
    else copy[head!] = value;
  } else copy[head!] = replaceAt(object[head!] as Record<string, unknown>, rest, value);
  return copy;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `a ${value.length.toLocaleString('en-US')}-character string` : JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return 'an array';
  if (value && typeof value === 'object') return 'deeper' in value ? 'deep nesting' : 'an object';
  return String(value);
}

async function state(api: GaugeApi) {
  const snapshot = await api.getSnapshot({});
  if (!snapshot.ok) throw new Error(snapshot.error.message);
  const s = snapshot.value.sample;
  return {
    profile: snapshot.value.profile,
    subscriptions: snapshot.value.subscriptions,
    paused: snapshot.value.paused,
    load: snapshot.value.load.running,
    reports: snapshot.value.reports.listening,
    channel: s && { capacity: s.capacity, policy: s.policy, accepted: s.accepted, maxInflight: s.maxInflight },
    settings: await api.getSettings({}),
    profiles: await api.listProfiles({}),
  };
}

describe.each([
  ['Electron IPC (stand-ins)', openIpc],
  ['web mode WebSocket', openWeb],
] as const)('contract fuzzing over %s', (_name, open) => {
  let t: OpenTransport;
  beforeAll(async () => {
    t = await open();
    const connected = await t.api.connect({ profile: { name: 'fuzz', host: '127.0.0.1', port: broker.port } });
    expect(connected.ok).toBe(true);
    expect((await t.api.subscribe({ filter: 'keep/me', qos: 1 })).ok).toBe(true);
    // Let the monitor take a sample that includes the SUBSCRIBE, so "before" is settled.
    for (let tries = 0; tries < 200; tries++) {
      const snapshot = await t.api.getSnapshot({});
      if (snapshot.ok && snapshot.value.sample?.accepted === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  });
  afterAll(() => t.close());

  it.each(COMMAND_NAMES.map((c) => [c]))('%s: every generated bad payload is refused with a typed error and changes nothing', async (command) => {
    const random = prng(COMMAND_NAMES.indexOf(command) + 1);
    const cases = badPayloads(command, validPayloads(broker.port)[command], random);
    expect(cases.length).toBeGreaterThanOrEqual(6);
    const call = (t.api as unknown as Record<string, (p: unknown) => Promise<Result<unknown>>>)[command]!;
    const before = await state(t.api);
    const accepted: string[] = [];
    for (const [label, payload] of cases) {
      const result = await call(payload);
      if (result.ok || result.error.code !== 'invalid-input') accepted.push(`${label} → ${result.ok ? 'accepted' : result.error.code}`);
    }
    expect(accepted).toEqual([]);
    expect(await state(t.api)).toEqual(before);
    // Still answering, and still able to do real work.
    expect((await t.api.getSettings({})).ok).toBe(true);
  });
});
