// The probeBroker command and the pushed grant, through the service: bad input refused with a typed error, no profile refused, a real probe of mosquitto, and the grant in snapshots and events.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrokerGrant, ProbeReport, Result, Snapshot } from '../../shared/contract.js';
import { startMosquitto, type Mosquitto } from '../../test/kit/index.js';
import { servicesPerTest } from '../../test/fixtures/services.js';

let broker: Mosquitto;
beforeAll(async () => {
  broker = await startMosquitto({ extraConfig: ['max_inflight_messages 20'] });
});
afterAll(() => broker.stop());

const newService = servicesPerTest();

const profile = () => ({ name: 'mosquitto', host: broker.host, port: broker.port, protocolVersion: 5 as const, inflight: 100 });

describe('probeBroker command', () => {
  it('refuses a payload bound out of range and an unknown field with a typed error', async () => {
    const service = await newService();
    const small = await service.handle('probeBroker', { maxPayloadBytes: 5 });
    expect(small).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'maxPayloadBytes' } });
    const extra = await service.handle('probeBroker', { stepTimeoutMs: 1000, payloads: [1] });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('refuses to probe without a profile, as not connected', async () => {
    const service = await newService();
    expect(await service.handle('probeBroker', {})).toMatchObject({ ok: false, error: { code: 'not-connected' } });
  });

  it('probes the current profile on a connection of its own, leaving the current one connected, and logs it', async () => {
    const service = await newService();
    expect((await service.handle('connect', { profile: profile() })).ok).toBe(true);
    const result = (await service.handle('probeBroker', { maxPayloadBytes: 65_536, stepTimeoutMs: 2000 })) as Result<ProbeReport>;
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.checks.filter((c) => c.outcome !== 'accepted')).toEqual([]);
    expect(result.value.target).toBe(`tcp://${broker.host}:${broker.port}`);
    await vi.waitFor(() => expect(service.monitor.history.latest()?.connectionState).toBe('connected'));
    expect(service.monitor.history.latest()?.reconnects).toBe(0);
    expect(service.log.entries().map((e) => e.key)).toEqual(expect.arrayContaining(['log.probe-started', 'log.probe-finished']));
  });

  it('pushes the grant at CONNACK and when the window changes, and carries it in the snapshot', async () => {
    const service = await newService();
    const pushed: Array<BrokerGrant | null> = [];
    service.on('brokerGrant', (grant) => pushed.push(grant));
    await service.handle('connect', { profile: profile() });
    await vi.waitFor(() => expect(pushed.at(-1)?.granted.receiveMaximum).toBe(20));
    await service.handle('setInflight', { inflight: 10 });
    expect(pushed.at(-1)?.asked.inflight).toBe(10);
    const snapshot = (await service.handle('getSnapshot', {})) as Result<Snapshot>;
    expect(snapshot.ok && snapshot.value.grant?.granted.receiveMaximum).toBe(20);
    await service.handle('disconnect', {});
    expect(pushed.at(-1)).toBeNull();
  });
});
