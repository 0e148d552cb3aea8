// Diagnostics bundles made by the service: no secret ever goes in, and a
// bundle taken after a real stall says so when it is opened again.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DiagnosticsExport } from '../../shared/contract.js';
import { describeBundle, parseBundle, summarizeBundle } from '../../shared/diagnostics/index.js';
import type { LoadStatus } from '../../shared/domain.js';
import { startMosquitto, type Mosquitto } from '../../test/kit/index.js';
import { call, collect, POLL, sleep, startService, stopServices } from '../../test/fakes/service.js';

let broker: Mosquitto;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(() => broker.stop());
afterEach(() => stopServices());

const SECRETS = { password: 'pa55-w0rd-XYZ', key: 'KEY-SECRET-123', cert: 'CERT-SECRET-456', ca: 'CA-NOT-SECRET-789' };

describe('exportDiagnostics', () => {
  it('puts no secret given at connect time anywhere in the bundle, and the user name only when asked', async () => {
    const service = await startService();
    // A TLS profile against a plain port: the handshake fails, which is fine; what matters is what the bundle keeps.
    await call(service, 'connect', {
      profile: {
        name: 'customer broker',
        host: '127.0.0.1',
        port: broker.port,
        transport: 'tls',
        clientId: 'gauge-client-7',
        username: 'ada',
        password: SECRETS.password,
        tls: { key: SECRETS.key, cert: SECRETS.cert, ca: SECRETS.ca, rejectUnauthorized: true },
      },
    });
    await sleep(300);

    const plain = await call<DiagnosticsExport>(service, 'exportDiagnostics', {});
    const text = JSON.stringify(plain.bundle);
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    expect(text).not.toContain('"ada"');
    expect(plain.bundle.connection).toMatchObject({
      name: 'customer broker',
      transport: 'tls',
      clientId: 'gauge-client-7',
      hasUsername: true,
      hasPassword: true,
      tls: { rejectUnauthorized: true, hadCa: true, hadCert: true, hadKey: true },
    });
    expect(plain.bundle.connection).not.toHaveProperty('username');
    expect(plain.fileName).toMatch(/^mqtt-gauge-diagnostics-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.json$/);

    const withUser = await call<DiagnosticsExport>(service, 'exportDiagnostics', { includeUsername: true });
    const withUserText = JSON.stringify(withUser.bundle);
    expect(withUser.bundle.connection?.username).toBe('ada');
    for (const secret of Object.values(SECRETS)) expect(withUserText).not.toContain(secret);
  });

  it('after a real stall under tryPublish load, opens again and says the loop was not polled and how many calls failed', async () => {
    const service = await startService();
    const samples = collect(service, 'sample');
    const loads = collect(service, 'load');
    await call(service, 'connect', { profile: { name: 'mosquitto', host: '127.0.0.1', port: broker.port, capacity: 50 } });
    await call(service, 'startLoad', { rate: 1000, burst: 10, payloadSize: 16, qos: 0, mode: 'tryPublish', durationSec: 600 });
    await vi.waitFor(() => expect(samples.at(-1)?.accepted, 'traffic').toBeTruthy(), POLL);
    const pausedAt = Date.now();
    await call(service, 'pauseLoop');
    await vi.waitFor(() => expect(samples.some((s) => s.sinceLastPollMs > 3000), 'a stall past the alert threshold').toBe(true), POLL);
    await call(service, 'resumeLoop');
    const resumedAt = Date.now();
    const load = await call<LoadStatus>(service, 'stopLoad');
    await vi.waitFor(() => expect(loads.some((l) => !l.running), 'the end of the load').toBe(true), POLL);
    const since = samples.length;
    await vi.waitFor(
      () => expect(samples.slice(since).some((s) => s.depth === 0 && s.sinceLastPollMs < 1000), 'a sample after the load stopped, with the channel drained').toBe(true),
      POLL,
    );

    const exported = await call<DiagnosticsExport>(service, 'exportDiagnostics', {});
    const reopened = parseBundle(JSON.stringify(exported.bundle));
    if (!reopened.ok) throw new Error(reopened.error);
    expect(reopened.bundle).toEqual(exported.bundle);

    const summary = summarizeBundle(reopened.bundle);
    const stalls = summary.filter((item) => item.key === 'summary.loop-stalled');
    expect(stalls).toHaveLength(1);
    const stall = stalls[0]!.params;
    expect(stall.paused).toBe('true');
    expect(Number(stall.from)).toBeGreaterThanOrEqual(pausedAt - 200);
    expect(Number(stall.from)).toBeLessThan(Number(stall.to));
    expect(Number(stall.to)).toBeGreaterThanOrEqual(resumedAt - 200);
    expect(load.failed).toBeGreaterThan(0);
    expect(summary.find((item) => item.key === 'summary.try-failures')?.params).toEqual({ count: load.failed });
    expect(summary.find((item) => item.key === 'summary.channel-full')).toBeDefined();

    const rules = reopened.bundle.alerts.map((alert) => alert.id);
    expect(rules).toContain('loop-stalled');
    expect(rules).toContain('try-publish-failing');
    expect(reopened.bundle.alerts.find((alert) => alert.id === 'loop-stalled')?.clearedAt).toBeGreaterThanOrEqual(resumedAt - 200);
    expect(reopened.bundle.faults.map((record) => [record.kind, record.phase])).toEqual([
      ['pause-loop', 'start'],
      ['pause-loop', 'end'],
    ]);
    expect(reopened.bundle.log.some((entry) => entry.key === 'log.loop-paused' && /^Event loop paused/.test(entry.message))).toBe(true);

    const english = describeBundle(reopened.bundle).join('\n');
    expect(english).toMatch(/Event loop not polled from \d\d:\d\d:\d\d to \d\d:\d\d:\d\d \(\d+(\.\d)? s\); it was paused on purpose\./);
    expect(english).toContain(`${load.failed.toLocaleString('en-US')} tryPublish failure`);
  });

  it('exports a bundle before any connection, with no connection in it', async () => {
    const service = await startService();
    const exported = await call<DiagnosticsExport>(service, 'exportDiagnostics', {});
    expect(exported.bundle).toMatchObject({ format: 'mqtt-gauge-diagnostics', version: 1, connection: null, app: { version: 'test' }, engine: { name: 'mqtt-gauge-engine' } });
    expect(exported.bundle.os.node).toBe(process.version);
    expect(parseBundle(JSON.stringify(exported.bundle)).ok).toBe(true);
  });
});
