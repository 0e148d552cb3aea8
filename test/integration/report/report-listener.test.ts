// Client reports through the service against a real mosquitto: reporters of three kinds (MQTT.js writing reports by hand, the engine's reportTo, and a stream of broken messages) on one broker, heard by startReports.
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../shared/contract.js';
import type { ReportsStatus } from '../../../shared/report/index.js';
import { reportTo, type Reporter } from '../../../main/engine/index.js';
import { startMosquitto, type Mosquitto } from '../../kit/index.js';
import { servicesPerTest } from '../../fixtures/services.js';
import { closeAllEngines, engine } from '../engine/helpers.js';

let broker: Mosquitto;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(() => broker.stop());

const newService = servicesPerTest();
const profile = () => ({ name: 'mosquitto', host: broker.host, port: broker.port });

async function listening(topicPrefix?: string) {
  const service = await newService();
  const pushed: ReportsStatus[] = [];
  service.on('reports', (status) => pushed.push(status));
  const started = (await service.handle('startReports', { profile: profile(), ...(topicPrefix ? { topicPrefix } : {}) })) as Result<ReportsStatus>;
  if (!started.ok) throw new Error(started.error.message);
  await vi.waitFor(() => expect(pushed.at(-1)?.connection).toBe('connected'), { timeout: 10_000 });
  return { service, pushed, latest: () => pushed.at(-1)! };
}

describe('startReports', () => {
  it('refuses a prefix with a wildcard or without its slash, and no broker at all, with typed errors', async () => {
    const service = await newService();
    expect(await service.handle('startReports', { profile: profile(), topicPrefix: 'gauge/+/' })).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'topicPrefix' } });
    expect(await service.handle('startReports', { profile: profile(), topicPrefix: 'gauge/report' })).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'topicPrefix' } });
    expect(await service.handle('startReports', {})).toMatchObject({ ok: false, error: { code: 'not-connected' } });
    expect(service.snapshotNow().reports.listening).toBe(false);
  });

  it("lists the engine's own reporter with its channel, and the engine's alert rules judge it: a stalled loop's full channel shows as failures rising", async () => {
    const { latest } = await listening();
    const e = engine({ host: broker.host, port: broker.port, clientId: 'engine-reporter' }, 20, { start: true });
    let reporter: Reporter | null = null;
    try {
      reporter = reportTo(e.client, { clientId: 'engine-reporter', everyMs: 200, eventLoop: e.eventLoop });
      await vi.waitFor(() => expect(latest().clients.find((c) => c.clientId === 'engine-reporter')?.reports).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
      expect(latest().clients[0]).toMatchObject({ clientId: 'engine-reporter', topic: 'gauge/report/engine-reporter', latest: { capacity: 20, connection: 'connected', maxInflight: 100 }, alerts: [] });
      // Fill the channel while the loop is paused, then let it run: the next report carries the refusals, and the rule fires.
      e.runner.pause();
      for (let i = 0; i < 60; i++) e.client.tryPublish('app/data', 0, false, 'x');
      e.runner.resume();
      await vi.waitFor(() => expect(latest().clients[0]!.alerts.map((a) => a.id)).toContain('try-publish-failing'), { timeout: 10_000 });
      expect(latest().clients[0]!.latest.failedTryPublish).toBeGreaterThanOrEqual(40);
    } finally {
      reporter?.stop();
      await closeAllEngines();
    }
  });

  it('counts malformed, oversized and future-version messages by why, logs them, and keeps listening to the good reports around them', async () => {
    const { service, latest } = await listening('fleet/report/');
    const client = await mqtt.connectAsync(`mqtt://${broker.host}:${broker.port}`, { clientId: 'witness', reconnectPeriod: 0 });
    try {
      const good = (time: number, accepted: number) => JSON.stringify({ version: 1, time, clientId: 'good-one', capacity: 100, depth: 4, accepted });
      const t0 = Date.now();
      await client.publishAsync('fleet/report/good-one', good(t0, 10));
      await client.publishAsync('fleet/report/broken', '{"version": 1, "time":');
      await client.publishAsync('fleet/report/huge', JSON.stringify({ version: 1, time: t0, library: 'x'.repeat(10_000) }));
      await client.publishAsync('fleet/report/next', JSON.stringify({ version: 2, time: t0, depth: 'lots' }));
      await client.publishAsync('fleet/report/wrong', JSON.stringify({ version: 1, time: t0, capacity: 12.5 }));
      await client.publishAsync('fleet/report/list', '[1,2,3]');
      await client.publishAsync('fleet/report/good-one', good(t0 + 1000, 30));
      await vi.waitFor(() => expect(latest().bad.total).toBe(5), { timeout: 10_000 });
      await vi.waitFor(() => expect(latest().clients.map((c) => c.clientId)).toEqual(['good-one']));
      const status = latest();
      expect(status.bad.byKind).toEqual({ 'too-large': 1, 'not-json': 1, 'not-an-object': 1, 'future-version': 1, invalid: 1 });
      expect(status.filter).toBe('fleet/report/#');
      expect(status.clients[0]).toMatchObject({ reports: 2, acceptedRate: 20 });
      const bad = service.log.entries().filter((e) => e.key === 'log.report-bad');
      expect(bad.map((e) => e.params?.kind).sort()).toEqual(['future-version', 'invalid', 'not-an-object', 'not-json', 'too-large']);
      expect(bad.find((e) => e.params?.kind === 'invalid')?.message).toMatch(/capacity must be a whole number/);
      const history = (await service.handle('getReportHistory', { clientId: 'good-one' })) as Result<unknown[]>;
      expect(history.ok && history.value).toMatchObject([{ depth: 4, capacity: 100 }, { depth: 4, acceptedRate: 20 }]);
    } finally {
      await client.endAsync();
    }
  });

  it('stops on request, keeping what it heard, and logs how much', async () => {
    const { service, latest } = await listening();
    const client = await mqtt.connectAsync(`mqtt://${broker.host}:${broker.port}`, { clientId: 'witness-2', reconnectPeriod: 0 });
    await client.publishAsync('gauge/report/kept', JSON.stringify({ version: 1, time: Date.now() }));
    await vi.waitFor(() => expect(latest().clients).toHaveLength(1));
    await client.endAsync();
    const stopped = (await service.handle('stopReports', {})) as Result<ReportsStatus>;
    expect(stopped.ok && stopped.value).toMatchObject({ listening: false, connection: 'disconnected', clients: [{ clientId: 'kept' }] });
    expect(service.log.entries().at(-1)).toMatchObject({ key: 'log.reports-stopped', params: { clients: 1, bad: 0 } });
  });
});
