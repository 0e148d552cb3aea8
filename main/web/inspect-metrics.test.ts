// The Inspect part of /metrics: values that match what the proxy reports, and
// a bounded set of client labels however many clients the proxy forwards.
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { InspectStatus } from '../../shared/inspect.js';
import { FIXTURE_START } from '../../test/fixtures/diagnostics.js';
import { fixtureInspectClient, fixtureInspectSample, notReading } from '../../test/fixtures/inspect.js';
import { parseExposition } from '../../test/kit/exposition.js';
import { clientLabel, registerInspectMetrics } from './inspect-metrics.js';

async function scrape(status: InspectStatus | null, max?: number) {
  const registry = new Registry();
  registerInspectMetrics(registry, max).update(status);
  return parseExposition(await registry.metrics());
}

const stopped = fixtureInspectClient(1, 'sensor-7', {
  totals: { publishes: [0, 0, 0], dupResends: 0, bytesUp: 310, deliveries: [120, 4000, 0], bytesDown: 520_000, unparsedUp: 0, unparsedDown: 0, undecodable: 0, unreadMs: 4200 },
  latest: fixtureInspectSample(FIXTURE_START, { unreadMs: 4200, waitingBytes: 65_536, deliveriesUnacked: 37, clientAckP99Ms: 12, sinceClientPacketMs: 4300 }),
  verdicts: [notReading(FIXTURE_START - 3200)],
});
const publisher = fixtureInspectClient(2, 'publisher', {
  totals: { publishes: [10, 2500, 3], dupResends: 2, bytesUp: 180_000, deliveries: [0, 0, 0], bytesDown: 2600, unparsedUp: 0, unparsedDown: 0, undecodable: 0, unreadMs: 0 },
  latest: fixtureInspectSample(FIXTURE_START, { publishRate: 500, inflight: 20, inflightLimit: 20, brokerAckP50Ms: 0.4, brokerAckP99Ms: 3 }),
});
const gone = fixtureInspectClient(3, 'left-earlier', { closedAt: FIXTURE_START, latest: fixtureInspectSample(FIXTURE_START, { state: 'closed' }) });

describe('the Inspect metrics', () => {
  it('say per client what the proxy saw, in seconds where time is measured, and leave closed connections out', async () => {
    const m = await scrape({ listening: true, listen: '127.0.0.1:18830', upstream: 'mqtt://broker:1883', clients: [stopped, publisher, gone] });
    const value = (name: string, labels = '') => m.get(`mqtt_gauge_inspect_${name}`)?.samples.get(labels);
    for (const [name, metric] of m) {
      expect(metric.help?.length, name).toBeGreaterThan(10);
      expect(['gauge', 'counter'], name).toContain(metric.type);
    }
    expect(value('listening')).toBe(1);
    expect(value('connections', '{state="connected"}')).toBe(2);
    expect(value('connections', '{state="closed"}')).toBe(1);
    expect(value('verdicts', '{rule="not-reading"}')).toBe(1);
    expect(value('verdicts', '{rule="silent"}')).toBe(0);
    expect(value('clients_unlabelled')).toBe(0);
    expect(value('client_unread_seconds', '{client_id="sensor-7"}')).toBe(4.2);
    expect(value('client_waiting_bytes', '{client_id="sensor-7"}')).toBe(65_536);
    expect(value('client_deliveries_unacked', '{client_id="sensor-7"}')).toBe(37);
    expect(value('client_deliveries_total', '{client_id="sensor-7",qos="1"}')).toBe(4000);
    expect(value('client_bytes_total', '{client_id="sensor-7",direction="down"}')).toBe(520_000);
    expect(value('client_verdict_active', '{client_id="sensor-7",rule="not-reading"}')).toBe(1);
    expect(value('client_verdict_active', '{client_id="publisher",rule="not-reading"}')).toBe(0);
    expect(value('client_publishes_total', '{client_id="publisher",qos="1"}')).toBe(2500);
    expect(value('client_dup_resends_total', '{client_id="publisher"}')).toBe(2);
    expect(value('client_inflight', '{client_id="publisher"}')).toBe(20);
    expect(value('client_inflight_limit', '{client_id="publisher"}')).toBe(20);
    expect(value('client_ack_latency_seconds', '{client_id="publisher",side="broker",quantile="0.99"}')).toBe(0.003);
    // Nothing measured is NaN, not a made-up 0.
    expect(value('client_ack_latency_seconds', '{client_id="publisher",side="client",quantile="0.99"}')).toBeNaN();
    expect([...m.get('mqtt_gauge_inspect_client_inflight')!.samples.keys()].join()).not.toContain('left-earlier');
  });

  it('before Inspect is started, says it is not listening and gives no client series', async () => {
    const m = await scrape(null);
    expect(m.get('mqtt_gauge_inspect_listening')?.samples.get('')).toBe(0);
    expect(m.get('mqtt_gauge_inspect_client_inflight')?.samples.size ?? 0).toBe(0);
  });

  it('gives at most the bound of clients labels, those with verdicts first, and counts every client in the totals', async () => {
    const clients = Array.from({ length: 200 }, (_, i) =>
      fixtureInspectClient(i + 1, `device-${i + 1}`, { latest: fixtureInspectSample(FIXTURE_START, { publishRate: i }), verdicts: i % 40 === 0 ? [notReading(FIXTURE_START)] : [] }),
    );
    const m = await scrape({ listening: true, listen: '127.0.0.1:18830', upstream: 'mqtt://b:1883', clients }, 20);
    const labels = [...m.get('mqtt_gauge_inspect_client_inflight')!.samples.keys()];
    expect(labels).toHaveLength(20);
    // The five not reading come first, then the busiest.
    for (const id of ['device-1', 'device-41', 'device-81', 'device-121', 'device-161', 'device-200', 'device-186']) expect(labels).toContain(`{client_id="${id}"}`);
    expect(labels).not.toContain('{client_id="device-2"}');
    expect(m.get('mqtt_gauge_inspect_clients_unlabelled')?.samples.get('')).toBe(180);
    expect(m.get('mqtt_gauge_inspect_verdicts')?.samples.get('{rule="not-reading"}')).toBe(5);
    expect(m.get('mqtt_gauge_inspect_client_verdict_active')!.samples.size).toBe(20 * 7);
  });

  it('names a client without an id by the id the broker assigned, or by its connection, and cuts long ids short', () => {
    expect(clientLabel(fixtureInspectClient(4, ''))).toBe('#4');
    const assigned = fixtureInspectClient(5, '');
    assigned.grant = { ...assigned.grant!, assignedClientId: 'auto-1F3A' };
    expect(clientLabel(assigned)).toBe('auto-1F3A');
    expect(clientLabel(fixtureInspectClient(6, 'x'.repeat(5000)))).toHaveLength(64);
  });
});
