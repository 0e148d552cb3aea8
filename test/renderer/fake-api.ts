// A fake GaugeApi for component tests: every command is a vi.fn answering
// like the service would, and `emit` pushes events to the listeners.
import { IDLE_REPORTS, REPORT_TOPIC_PREFIX } from '../../shared/report/index.js';
import { vi, type Mock } from 'vitest';
import { COMMAND_NAMES, type CommandResponses, type EventName, type EventPayloads, type GaugeApi, type ProfileSummary, type Result, type ServiceError } from '../../shared/contract.js';
import { fixtureProbeReport } from '../fixtures/broker.js';
import { fixtureBundle } from '../fixtures/diagnostics.js';
import { NO_FAULTS, type Sample } from '../../shared/domain.js';
import { BUILTIN_LIMIT_KEYS } from '../../shared/locales/keys.js';
import { DEFAULT_SETTINGS, type CommandInput, type CommandName } from '../../shared/schemas.js';
import { fixtureSample } from '../fixtures/diagnostics.js';

export type FakeApi = { [C in CommandName]: Mock<(payload: CommandInput<C>) => Promise<Result<CommandResponses[C]>>> } & {
  on: GaugeApi['on'];
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
};

export const BUILTIN_SUMMARY: ProfileSummary = {
  id: 'builtin',
  name: 'Built-in test broker',
  kind: 'builtin',
  host: '127.0.0.1',
  port: 1884,
  transport: 'tcp',
  wsPath: '/mqtt',
  protocolVersion: 4,
  clientId: '',
  keepAlive: 30,
  cleanSession: true,
  inflight: 100,
  capacity: 1000,
  policy: 'block',
  hasPassword: false,
  tls: { rejectUnauthorized: true, hasCa: false, hasCert: false, hasKey: false },
};

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const refused = (error: ServiceError): Result<never> => ({ ok: false, error });

/** A sample with every figure at rest; override what a test needs. */
export function sample(overrides: Partial<Sample> = {}): Sample {
  return fixtureSample(Date.now(), { capacity: 1000, pingRttMs: 1.2, connectedSince: Date.now() - 60_000, ...overrides });
}

const NO_INSPECT = { listening: false, listen: null, upstream: null, clients: [] };

/** A load run's lateness and end-to-end figures before anything was measured. */
const NO_LOAD_FIGURES = { stamping: 'off', endToEnd: null, overruns: 0, overrunLagMs: 0, behindMs: 0 } as const;

/** Answers every command as a healthy service would. */
export function createFakeApi(): FakeApi {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const channel = { capacity: 1000, policy: 'block' as const, inflight: 100 };
  const answers: { [C in CommandName]: (payload: CommandInput<C>) => CommandResponses[C] } = {
    connect: ({ profile }) => ({ profile: { ...BUILTIN_SUMMARY, ...profile, id: profile.id ?? 'p-1', hasPassword: false, tls: BUILTIN_SUMMARY.tls }, connected: true, error: null }),
    disconnect: () => null,
    publish: () => ({ id: 'p1', outcome: 'queued', bytes: 5 }),
    startLoad: (spec) => ({ ...NO_LOAD_FIGURES, running: true, sent: 0, accepted: 0, failed: 0, dropped: 0, rate: spec.rate, startedAt: Date.now(), stamping: 'on' }),
    stopLoad: () => ({ ...NO_LOAD_FIGURES, running: false, sent: 0, accepted: 0, failed: 0, dropped: 0, rate: 0, startedAt: null, endReason: 'stopped' }),
    setCapacity: ({ capacity }) => ({ ...channel, capacity }),
    setOverflowPolicy: ({ policy }) => ({ ...channel, policy }),
    setInflight: ({ inflight }) => ({ inflight, appliedLive: true }),
    pauseLoop: () => ({ paused: true }),
    resumeLoop: () => ({ paused: false }),
    subscribe: ({ filter, qos }) => [{ filter, qos }],
    unsubscribe: () => [],
    getSnapshot: () => ({
      sample: null,
      profile: BUILTIN_SUMMARY,
      subscriptions: [],
      load: { ...NO_LOAD_FIGURES, running: false, sent: 0, accepted: 0, failed: 0, dropped: 0, rate: 0, startedAt: null },
      alerts: [],
      paused: false,
      builtInBroker: { running: true, port: 1884, limits: [...BUILTIN_LIMIT_KEYS] },
      version: '0.1.0',
      log: [],
      inspect: { ...NO_INSPECT },
      reports: { ...IDLE_REPORTS },
      grant: null,
    }),
    getHistory: () => [],
    getSettings: () => ({ ...DEFAULT_SETTINGS }),
    setSettings: (partial) => ({ ...DEFAULT_SETTINGS, ...partial }),
    listProfiles: () => ({ profiles: [BUILTIN_SUMMARY], defaultId: 'builtin' }),
    saveProfile: ({ profile }) => ({ ...BUILTIN_SUMMARY, ...profile, id: 'p-1', kind: 'custom', hasPassword: false, tls: BUILTIN_SUMMARY.tls }),
    deleteProfile: () => ({ profiles: [BUILTIN_SUMMARY], defaultId: 'builtin' }),
    setFault: () => ({ ...NO_FAULTS }),
    exportDiagnostics: () => ({ fileName: 'mqtt-gauge-diagnostics.json', bundle: fixtureBundle() }),
    startInspect: ({ listenPort }) => ({ listening: true, listen: `127.0.0.1:${listenPort ?? 18830}`, upstream: 'mqtt://127.0.0.1:1884', clients: [] }),
    stopInspect: () => ({ ...NO_INSPECT, upstream: 'mqtt://127.0.0.1:1884' }),
    getInspect: () => ({ ...NO_INSPECT }),
    getInspectHistory: () => [],
    probeBroker: () => fixtureProbeReport(),
    startReports: ({ topicPrefix }) => ({ ...IDLE_REPORTS, listening: true, broker: 'mqtt://127.0.0.1:1884', filter: `${topicPrefix ?? REPORT_TOPIC_PREFIX}#`, connection: 'connecting' }),
    stopReports: () => ({ ...IDLE_REPORTS }),
    getReportHistory: () => [],
  };
  const api = {
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    emit<E extends EventName>(event: E, payload: EventPayloads[E]) {
      for (const listener of listeners.get(event) ?? []) (listener as (p: EventPayloads[E]) => void)(payload);
    },
  } as unknown as FakeApi;
  for (const command of COMMAND_NAMES) {
    const answer = answers[command] as (payload: unknown) => unknown;
    (api as unknown as Record<string, unknown>)[command] = vi.fn(async (payload: unknown) => ok(answer(payload)));
  }
  return api;
}
