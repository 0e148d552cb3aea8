// "Probe the broker" against real mosquittos: a default one accepts everything; one with max_qos 1 and retain_available false refuses QoS 2 and retain; one with a size limit stops the payloads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeCheck, ProbeReport } from '../../../shared/broker-probe.js';
import { probeBroker } from '../../../main/service/broker-probe.js';
import { startMosquitto, startSubscriber, type Mosquitto } from '../../kit/index.js';
import { engine } from '../engine/helpers.js';

const LIMITS = { maxPayloadBytes: 1024 * 1024, stepTimeoutMs: 3000 };

function probe(broker: Mosquitto, protocolVersion: 4 | 5): Promise<ProbeReport> {
  return probeBroker({ options: { host: broker.host, port: broker.port, protocolVersion }, address: `tcp://${broker.host}:${broker.port}` }, LIMITS);
}

function check(report: ProbeReport, kind: ProbeCheck['check'], bytes?: number): ProbeCheck {
  const found = report.checks.find((c) => c.check === kind && (bytes === undefined || c.bytes === bytes));
  if (!found) throw new Error(`no ${kind} check in the report`);
  return found;
}

describe('probe of a default mosquitto', () => {
  let broker: Mosquitto;
  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(() => broker.stop());

  it.each([5, 4] as const)('at MQTT %i every check is accepted, QoS at the level asked, and it cleans up', async (version) => {
    const report = await probe(broker, version);
    expect(report.connected).toBe(true);
    const notAccepted = report.checks.filter((c) => c.outcome !== 'accepted');
    expect(notAccepted).toEqual(version === 5 ? [] : [expect.objectContaining({ check: 'shared', outcome: 'not-applicable', reason: 'needsV5' })]);
    for (const qos of [0, 1, 2] as const) expect(check(report, `qos${qos}`)).toMatchObject({ subscriptionCode: qos, deliveredQos: qos });
    expect(report.checks.filter((c) => c.check === 'payload').map((c) => c.bytes)).toEqual([1024, 65_536, 262_144, 1_048_576]);
    expect(report.largestPayload).toBe(1_048_576);
    expect(report.reconnects).toBe(0);
    expect(report.cleanedUp).toBe(true);
    expect(report.clientId).toMatch(/^mqtt-gauge-probe-[0-9a-f]{12}$/);
  });

  it('leaves no retained message behind under its prefix', async () => {
    const report = await probe(broker, 5);
    expect(check(report, 'retain').outcome).toBe('accepted');
    const subscriber = await startSubscriber(`mqtt://${broker.host}:${broker.port}`, `${report.topicPrefix}/#`, { qos: 1 });
    const publisher = engine({ host: broker.host, port: broker.port }, 10, { start: true });
    try {
      // Retained messages come right after the SUBACK; a marker published now arrives behind any of them.
      await publisher.client.publish(`${report.topicPrefix}/marker`, 1, false, 'marker');
      await subscriber.waitFor(1);
      expect(subscriber.messages.map((m) => m.topic)).toEqual([`${report.topicPrefix}/marker`]);
    } finally {
      await subscriber.close();
      await publisher.close();
    }
  });
});

describe('probe of a mosquitto with max_qos 1 and retain_available false', () => {
  let broker: Mosquitto;
  beforeAll(async () => {
    broker = await startMosquitto({ extraConfig: ['max_qos 1', 'retain_available false'] });
  });
  afterAll(() => broker.stop());

  it('at MQTT 5 reports the grant, QoS 2 refused with 0x9B after a downgraded subscription, and retain refused with 0x9A', async () => {
    const report = await probe(broker, 5);
    expect(report.grant?.granted).toMatchObject({ maximumQoS: 1, retainAvailable: false });
    expect(check(report, 'qos1')).toMatchObject({ outcome: 'accepted', deliveredQos: 1 });
    expect(check(report, 'qos2')).toMatchObject({ outcome: 'refused', reason: 'disconnected', subscriptionCode: 1, reasonCode: 0x9b });
    expect(check(report, 'retain')).toMatchObject({ outcome: 'refused', reason: 'disconnected', reasonCode: 0x9a });
    // The broker closed the connection twice; the probe went on with fresh ones.
    expect(report.reconnects).toBe(2);
    expect(check(report, 'wildcardHash').outcome).toBe('accepted');
    expect(check(report, 'payload', 1024).outcome).toBe('accepted');
    expect(report.cleanedUp).toBe(true);
  });

  it('at MQTT 3.1.1 reports QoS 2 and retain refused by a closed connection', async () => {
    const report = await probe(broker, 4);
    expect(report.grant?.granted.maximumQoS).toBeNull();
    expect(check(report, 'qos2')).toMatchObject({ outcome: 'refused', reason: 'disconnected', subscriptionCode: 1 });
    expect(check(report, 'retain')).toMatchObject({ outcome: 'refused', reason: 'disconnected' });
    expect(check(report, 'qos0').outcome).toBe('accepted');
  });
});

describe('probe of a mosquitto with a message size limit', () => {
  let broker: Mosquitto;
  beforeAll(async () => {
    broker = await startMosquitto({ extraConfig: ['message_size_limit 2000'] });
  });
  afterAll(() => broker.stop());

  it('reports the largest payload that passed, the first that failed, and skips the larger ones', async () => {
    const report = await probe(broker, 5);
    expect(check(report, 'payload', 1024).outcome).toBe('accepted');
    expect(check(report, 'payload', 65_536).outcome).toBe('refused');
    expect(report.checks.filter((c) => c.check === 'payload' && c.outcome === 'skipped').map((c) => c.bytes)).toEqual([262_144, 1_048_576]);
    expect(report.largestPayload).toBe(1024);
    expect(report.cleanedUp).toBe(true);
  });
});

describe('probe of a broker that is not there', () => {
  it('reports the connection failure and skips every check', async () => {
    const broker = await startMosquitto();
    await broker.stop();
    const report = await probeBroker({ options: { host: broker.host, port: broker.port }, address: 'tcp://gone' }, { maxPayloadBytes: 1024, stepTimeoutMs: 1000 });
    expect(report.connected).toBe(false);
    expect(report.connectError).toBeTruthy();
    expect(report.checks.every((c) => c.outcome === 'skipped' && c.reason === 'noConnection')).toBe(true);
  });
});
