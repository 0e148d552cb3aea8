// Inspect through the service, as the UI drives it: start the proxy for a profile (TLS included), watch a client, read its history, stop, and refuse a port in use.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import mqtt from 'mqtt';
import type { DiagnosticsExport, Result } from '../../shared/contract.js';
import { parseBundle } from '../../shared/diagnostics/index.js';
import type { InspectSample, InspectStatus } from '../../shared/inspect.js';
import { makeTestCerts, startMosquitto, type Mosquitto, type TestCerts } from '../../test/kit/index.js';
import type { GaugeService } from './service.js';
import { servicesPerTest } from '../../test/fixtures/services.js';

let broker: Mosquitto;
let certs: TestCerts;
beforeAll(async () => {
  certs = await makeTestCerts();
  broker = await startMosquitto({ tls: certs });
});
afterAll(() => broker.stop());

const newService = servicesPerTest();

async function call<T>(service: GaugeService, command: string, payload: unknown = {}): Promise<T> {
  const result = (await service.handle(command, payload)) as Result<T>;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('Inspect through the service', () => {
  it.each([
    ['TCP', () => ({ name: 'plain', host: '127.0.0.1', port: broker.port })],
    ['TLS, verified against the broker certificate', () => ({ name: 'tls', host: 'localhost', port: broker.tlsPort!, transport: 'tls', tls: { ca: certs.ca, rejectUnauthorized: true } })],
  ])('forwards a client to the profile broker over %s and reports it in status, events, history and the log', async (_name, profile) => {
    const service = await newService();
    const pushed: InspectStatus[] = [];
    service.on('inspect', (status) => pushed.push(status));
    const started = await call<InspectStatus>(service, 'startInspect', { listenPort: 0, profile: profile() });
    expect(started.listening).toBe(true);
    const port = Number(started.listen!.split(':')[1]);

    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: 'through-service', reconnectPeriod: 0, username: 'alice' });
    for (let i = 0; i < 30; i++) await client.publishAsync('svc/inspect', `m${i}`, { qos: 1 });
    await vi.waitFor(() => expect(pushed.at(-1)?.clients.find((c) => c.identity.clientId === 'through-service')?.totals.publishes).toEqual([0, 30, 0]), { timeout: 10_000 });
    const status = await call<InspectStatus>(service, 'getInspect');
    const seen = status.clients.find((c) => c.identity.clientId === 'through-service')!;
    expect(seen.grant?.reasonCode).toBe(0);
    // Sampled at 10 Hz: the history grows while the client stays connected.
    let history: InspectSample[] = [];
    await vi.waitFor(
      async () => {
        history = await call<InspectSample[]>(service, 'getInspectHistory', { connection: seen.connection });
        expect(history.length).toBeGreaterThan(1);
      },
      { timeout: 5_000, interval: 50 },
    );
    expect(history.at(-1)!.state).toBe('connected');

    await client.endAsync();
    const stopped = await call<InspectStatus>(service, 'stopInspect');
    expect(stopped.listening).toBe(false);
    // What it saw stays readable after the proxy stops.
    expect(stopped.clients.map((c) => c.identity.clientId)).toEqual(['through-service']);
    // The samples taken up to the end are kept, the last one saying how it ended.
    const kept = await call<InspectSample[]>(service, 'getInspectHistory', { connection: seen.connection });
    expect(kept.length).toBeGreaterThan(history.length);
    expect(kept.slice(0, history.length)).toEqual(history);
    expect(kept.at(-1)!.state).toBe('closed');
    const lines = service.log.entries().map((e) => e.message);
    expect(lines).toContain(`Inspect started: listening on ${started.listen}, forwarding to ${started.upstream}.`);
    expect(lines).toContain('Inspect stopped after 1 connection.');
    expect(JSON.stringify(status)).not.toContain('BEGIN CERTIFICATE');

    // The diagnostics bundle carries the inspected client and its samples, its user name only when asked for.
    const exported = await call<DiagnosticsExport>(service, 'exportDiagnostics', {});
    const parsed = parseBundle(JSON.stringify(exported.bundle));
    expect(parsed.ok).toBe(true);
    const inspected = exported.bundle.inspect!;
    expect(inspected.status.clients.map((c) => [c.identity.clientId, c.identity.username, c.totals.publishes])).toEqual([['through-service', null, [0, 30, 0]]]);
    expect(inspected.histories[String(seen.connection)]).toEqual(kept);
    const withName = await call<DiagnosticsExport>(service, 'exportDiagnostics', { includeUsername: true });
    expect(withName.bundle.inspect!.status.clients[0]!.identity.username).toBe('alice');
  });

  it('refuses a listen port in use with a typed error on listenPort, and keeps the running proxy', async () => {
    const service = await newService();
    const first = await call<InspectStatus>(service, 'startInspect', { listenPort: 0, profile: { name: 'p', host: '127.0.0.1', port: broker.port } });
    const port = Number(first.listen!.split(':')[1]);
    const other = await newService();
    const refused = await other.handle('startInspect', { listenPort: port, profile: { name: 'p', host: '127.0.0.1', port: broker.port } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'listenPort' } });
    expect(!refused.ok && refused.error.message).toMatch(new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
    expect((await call<InspectStatus>(other, 'getInspect')).listening).toBe(false);
    expect((await call<InspectStatus>(service, 'getInspect')).listening).toBe(true);
  });
});
