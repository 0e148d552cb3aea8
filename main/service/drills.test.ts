// Each fault drill through the service against a real mosquitto: switched
// with setFault, its effect shows in the samples the UI charts (and the
// drill itself is marked in them), and it is logged.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FaultState, Sample } from '../../shared/domain.js';
import { startMosquitto, type Mosquitto } from '../../test/kit/index.js';
import { call, collect, POLL, startService, stopServices } from '../../test/fakes/service.js';

let broker: Mosquitto;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(() => broker.stop());
afterEach(() => stopServices());

const profile = (overrides: Record<string, unknown> = {}) => ({ name: 'mosquitto', host: '127.0.0.1', port: broker.port, ...overrides });

describe('setFault', () => {
  it('throttle: the channel fills, bytes out stay near the limit, the samples carry the limit, and lifting it drains the channel', async () => {
    const service = await startService();
    const samples = collect(service, 'sample');
    await call(service, 'connect', { profile: profile({ capacity: 100_000 }) });
    const state = await call<FaultState>(service, 'setFault', { kind: 'throttle', bytesPerSec: 10_000 });
    expect(state).toEqual({ throttleBytesPerSec: 10_000, stalledUntil: null, pollDelayMs: 0 });
    await call(service, 'startLoad', { rate: 2000, burst: 20, payloadSize: 100, qos: 0, mode: 'tryPublish', durationSec: 60 });
    const seen = samples.length;
    await vi.waitFor(() => expect(samples.slice(seen).some((s) => s.depth > 1000), 'the channel to fill behind the throttle').toBe(true), POLL);
    const throttled = samples.slice(seen).filter((s) => s.faults.throttleBytesPerSec === 10_000 && s.connectionState === 'connected');
    expect(throttled.length).toBeGreaterThan(3);
    // Written at most at the limit (plus the 50 ms burst), averaged over each 100 ms sample.
    expect(Math.max(...throttled.slice(2).map((s) => s.bytesOutRate))).toBeLessThanOrEqual(10_000 * 1.5 + 5000);
    await call(service, 'stopLoad');
    await call(service, 'setFault', { kind: 'throttle', bytesPerSec: null });
    await vi.waitFor(() => expect(samples.at(-1), 'the channel to drain').toMatchObject({ depth: 0, faults: { throttleBytesPerSec: null } }), POLL);
    const log = service.log.entries().filter((entry) => entry.category === 'fault');
    expect(log.map((entry) => [entry.key, entry.params])).toEqual([
      ['log.drill-started', { kind: 'throttle', value: 10_000 }],
      ['log.drill-ended', { kind: 'throttle' }],
    ]);
  });

  it('stall-socket: the samples mark the stall, the keepalive times out, and the client reconnects', async () => {
    const service = await startService();
    const samples = collect(service, 'sample');
    await call(service, 'connect', { profile: profile({ keepAlive: 1 }) });
    const state = await call<FaultState>(service, 'setFault', { kind: 'stall-socket', seconds: 30 });
    expect(state.stalledUntil).toBeGreaterThan(Date.now() + 25_000);
    await vi.waitFor(() => expect(samples.some((s) => s.faults.stalledUntil !== null), 'a sample marking the stall').toBe(true), POLL);
    const reconnected = await vi.waitFor(() => {
      const sample = samples.find((s) => s.reconnects === 1 && s.connectionState === 'connected');
      expect(sample, 'the reconnect').toBeDefined();
      return sample!;
    }, POLL);
    expect(reconnected.lastError).toMatchObject({ code: 'keepalive-timeout' });
    expect(reconnected.faults.stalledUntil).toBeNull();
    const ended = await vi.waitFor(() => {
      const entry = service.log.entries().find((e) => e.key === 'log.drill-ended');
      expect(entry, 'the end of the stall in the log').toBeDefined();
      return entry!;
    }, POLL);
    expect(ended.params).toEqual({ kind: 'stall-socket', connectionLost: 'true' });
  });

  it('drop-connection: the connection drops and comes back, counted as a reconnect', async () => {
    const service = await startService();
    const samples = collect(service, 'sample');
    await call(service, 'connect', { profile: profile() });
    await call(service, 'setFault', { kind: 'drop-connection' });
    const back = await vi.waitFor(() => {
      const sample = samples.find((s) => s.reconnects === 1 && s.connectionState === 'connected');
      expect(sample, 'the reconnect').toBeDefined();
      return sample!;
    }, POLL);
    expect(back.lastError?.message).toBe('connection dropped by a fault drill');
  });

  it('slow-poll: the samples show the delay and the gaps between polls, and the channel grows under load', async () => {
    const service = await startService();
    const samples = collect(service, 'sample');
    await call(service, 'connect', { profile: profile({ capacity: 100_000 }) });
    expect(await call<FaultState>(service, 'setFault', { kind: 'slow-poll', delayMs: 250 })).toMatchObject({ pollDelayMs: 250 });
    await call(service, 'startLoad', { rate: 5000, burst: 50, payloadSize: 16, qos: 0, mode: 'tryPublish', durationSec: 60 });
    const seen = samples.length;
    await vi.waitFor(() => expect(samples.slice(seen).some((s) => s.depth > 2000), 'a growing channel').toBe(true), POLL);
    const slow = samples.slice(seen);
    expect(slow.every((s) => s.faults.pollDelayMs === 250)).toBe(true);
    expect(Math.max(...slow.map((s) => s.sinceLastPollMs))).toBeGreaterThan(50);
    await call(service, 'stopLoad');
    await call(service, 'setFault', { kind: 'slow-poll', delayMs: 0 });
    await vi.waitFor(() => expect(samples.at(-1), 'the channel to drain at full speed').toMatchObject({ depth: 0, faults: { pollDelayMs: 0 } }), POLL);
  });

  it('keeps throttle and slow poll for the next connection, since they are the person’s settings', async () => {
    const service = await startService();
    const samples = collect(service, 'sample');
    await call(service, 'setFault', { kind: 'throttle', bytesPerSec: 5000 });
    await call(service, 'setFault', { kind: 'slow-poll', delayMs: 10 });
    await call(service, 'connect', { profile: profile() });
    const sample = await vi.waitFor(() => {
      const connected = samples.find((s: Sample) => s.connectionState === 'connected');
      expect(connected, 'a connected sample').toBeDefined();
      return connected!;
    }, POLL);
    expect(sample.faults).toEqual({ throttleBytesPerSec: 5000, stalledUntil: null, pollDelayMs: 10 });
  });

  it('refuses a stall or a drop when there is no connection, and changes nothing', async () => {
    const service = await startService();
    for (const command of [{ kind: 'stall-socket', seconds: 5 }, { kind: 'drop-connection' }]) {
      expect(await service.handle('setFault', command)).toMatchObject({ ok: false, error: { code: 'not-connected' } });
    }
    expect(service.log.entries().filter((entry) => entry.category === 'fault')).toEqual([]);
  });
});
