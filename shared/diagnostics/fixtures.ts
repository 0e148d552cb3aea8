// Small, hand-made bundles for the tests of parsing, summaries and replay
// (the renderer's too): every field filled with a quiet default.
import type { Sample } from '../domain.js';
import { DEFAULT_SETTINGS } from '../schemas.js';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type DiagnosticsBundle } from './bundle.js';

/** 12:00:00 UTC on 1 January 2025. */
export const FIXTURE_START = Date.UTC(2025, 0, 1, 12, 0, 0);

/** A quiet, connected sample at `t`, changed by `overrides`. */
export function fixtureSample(t: number, overrides: Partial<Sample> = {}): Sample {
  return {
    t,
    capacity: 100,
    depth: 0,
    highWater: 0,
    policy: 'block',
    waitingSenders: 0,
    accepted: 0,
    failedTryPublish: 0,
    droppedOldest: 0,
    droppedNewest: 0,
    discarded: 0,
    acceptedRate: 0,
    failedTryPublishRate: 0,
    droppedOldestRate: 0,
    droppedNewestRate: 0,
    inflight: 0,
    maxInflight: 100,
    pendingResend: 0,
    sinceLastPollMs: 0,
    paused: false,
    connectionState: 'connected',
    pingRttMs: 2,
    reconnects: 0,
    lastError: null,
    connectedSince: FIXTURE_START,
    bytesInRate: 0,
    bytesOutRate: 0,
    messagesInRate: 0,
    messagesOutRate: 0,
    messagesIn: 0,
    messagesOut: 0,
    lostPublishes: 0,
    rejectedTooLarge: 0,
    queueLatencyP50: null,
    queueLatencyP99: null,
    ackLatencyP50: null,
    ackLatencyP99: null,
    faults: { throttleBytesPerSec: null, stalledUntil: null, pollDelayMs: 0 },
    ...overrides,
  };
}

/** A bundle of `samples` (one a second from FIXTURE_START unless given), changed by `overrides`. */
export function fixtureBundle(overrides: Partial<DiagnosticsBundle> = {}): DiagnosticsBundle {
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    createdAt: FIXTURE_START + 60_000,
    app: { version: '0.1.0' },
    engine: { name: 'mqtt-gauge-engine', version: '1.1.0' },
    os: { platform: 'linux', release: '6.1.0', arch: 'x64', node: 'v20.20.0' },
    connection: null,
    channel: { capacity: 100, policy: 'block', inflight: 100 },
    settings: { ...DEFAULT_SETTINGS, alerts: { ...DEFAULT_SETTINGS.alerts } },
    samples: Array.from({ length: 10 }, (_, i) => fixtureSample(FIXTURE_START + i * 1000)),
    alerts: [],
    log: [],
    faults: [],
    ...overrides,
  };
}
