// The report part of /metrics: values that match what the clients report, no series for what a report leaves out, every bad-report kind counted, and a bounded set of client labels however many clients report.
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/domain.js';
import { IDLE_REPORTS, NO_BAD_REPORTS, type ReportedClient, type ReportsStatus } from '../../shared/report/fleet.js';
import type { ClientReport } from '../../shared/report/report.js';
import { parseExposition } from '../../test/kit/exposition.js';
import { createGaugeMetrics } from './metrics.js';
import { registerReportMetrics, reportClientLabel } from './report-metrics.js';

const NOW = 1_760_000_000_000;

function reported(clientId: string, latest: Partial<ClientReport> = {}, overrides: Partial<ReportedClient> = {}): ReportedClient {
  return {
    clientId,
    topic: `gauge/report/${clientId}`,
    firstAt: NOW - 60_000,
    lastAt: NOW - 500,
    reports: 60,
    latest: { version: 1, time: NOW - 500, clientId, ...latest },
    acceptedRate: null,
    failedTryPublishRate: null,
    droppedRate: null,
    everyMs: 1000,
    silentMs: 500,
    silent: false,
    alerts: [],
    ...overrides,
  };
}

const nearlyFull: Alert = { id: 'channel-nearly-full', severity: 'warning', message: 'nearly full', since: NOW - 6000, params: { depth: 95, capacity: 100, percent: 95, forMs: 6000 } };

function status(clients: ReportedClient[], overrides: Partial<ReportsStatus> = {}): ReportsStatus {
  return { ...IDLE_REPORTS, listening: true, broker: 'mqtt://broker:1883', filter: 'gauge/report/#', connection: 'connected', clients, ...overrides };
}

async function scrape(reports: ReportsStatus | null, max?: number) {
  const registry = new Registry();
  registerReportMetrics(registry, max).update(reports);
  const m = parseExposition(await registry.metrics());
  const value = (name: string, labels = '') => m.get(`mqtt_gauge_report_${name}`)?.samples.get(labels);
  const labels = (name: string) => [...(m.get(`mqtt_gauge_report_${name}`)?.samples.keys() ?? [])];
  return { m, value, labels };
}

describe('the report metrics', () => {
  const rust = reported(
    'rumqttc-sensor',
    { library: 'rumqttc 0.24', capacity: 10, accepted: 5400, failedTryPublish: 210, maxInflight: 100, inflight: 12, connection: 'connected', reconnects: 3 },
    { acceptedRate: 90, failedTryPublishRate: 7, alerts: [{ id: 'try-publish-failing', severity: 'critical', message: 'failing', since: NOW - 2000, params: { failedPerSec: 7 } }] },
  );
  const paho = reported('paho-logger', { library: 'paho-mqtt 1.6.1', capacity: 100, depth: 95, pending: 2, dropped: 4, connection: 'connecting' }, { alerts: [nearlyFull] });
  const quiet = reported('gone-quiet', { capacity: 50, depth: 0 }, { silentMs: 12_500, silent: true });

  it('say per client what it reported, in seconds where time is measured, with counters from its own totals', async () => {
    const bad = { ...NO_BAD_REPORTS, total: 9, byKind: { ...NO_BAD_REPORTS.byKind, 'not-json': 7, 'future-version': 2 } };
    const { m, value } = await scrape(status([rust, paho, quiet], { bad, untracked: 40 }));
    for (const [name, metric] of m) {
      expect(name).toMatch(/^mqtt_gauge_report_[a-z0-9_]+$/);
      expect(metric.help?.length, name).toBeGreaterThan(10);
      expect(['gauge', 'counter'], name).toContain(metric.type);
      if (metric.type === 'counter') expect(name, 'a counter ends in _total').toMatch(/_total$/);
    }
    expect(value('listening')).toBe(1);
    expect(value('connected')).toBe(1);
    expect(value('clients', '{state="reporting"}')).toBe(2);
    expect(value('clients', '{state="silent"}')).toBe(1);
    expect(value('clients_unlabelled')).toBe(0);
    expect(value('untracked_total')).toBe(40);

    expect(value('client_capacity', '{client_id="rumqttc-sensor"}')).toBe(10);
    expect(value('client_inflight', '{client_id="rumqttc-sensor"}')).toBe(12);
    expect(value('client_inflight_max', '{client_id="rumqttc-sensor"}')).toBe(100);
    expect(m.get('mqtt_gauge_report_client_failed_try_publish_total')?.type).toBe('counter');
    expect(value('client_accepted_total', '{client_id="rumqttc-sensor"}')).toBe(5400);
    expect(value('client_failed_try_publish_total', '{client_id="rumqttc-sensor"}')).toBe(210);
    expect(value('client_reconnects_total', '{client_id="rumqttc-sensor"}')).toBe(3);
    expect(value('client_connected', '{client_id="rumqttc-sensor"}')).toBe(1);
    expect(value('client_alert_active', '{client_id="rumqttc-sensor",rule="try-publish-failing"}')).toBe(1);
    expect(value('client_alert_active', '{client_id="rumqttc-sensor",rule="channel-nearly-full"}')).toBe(0);

    expect(value('client_depth', '{client_id="paho-logger"}')).toBe(95);
    expect(value('client_pending', '{client_id="paho-logger"}')).toBe(2);
    expect(value('client_dropped_total', '{client_id="paho-logger"}')).toBe(4);
    // Still trying to connect is not connected.
    expect(value('client_connected', '{client_id="paho-logger"}')).toBe(0);
    expect(value('client_alert_active', '{client_id="paho-logger",rule="channel-nearly-full"}')).toBe(1);

    expect(value('client_since_last_report_seconds', '{client_id="gone-quiet"}')).toBe(12.5);
    expect(value('client_since_last_report_seconds', '{client_id="paho-logger"}')).toBe(0.5);
    expect(value('client_silent', '{client_id="gone-quiet"}')).toBe(1);
    expect(value('client_silent', '{client_id="paho-logger"}')).toBe(0);
  });

  it('give no series for a field the report leaves out, rather than a made-up 0 or a NaN', async () => {
    const { m, value, labels } = await scrape(status([rust, paho, quiet]));
    // rumqttc cannot read its channel's depth: no depth series, so depth / capacity gives no row for it.
    expect(labels('client_depth')).not.toContain('{client_id="rumqttc-sensor"}');
    expect(labels('client_depth')).toContain('{client_id="gone-quiet"}');
    expect(labels('client_dropped_total')).toEqual(['{client_id="paho-logger"}']);
    expect(labels('client_connected')).not.toContain('{client_id="gone-quiet"}');
    expect(labels('client_inflight')).toEqual(['{client_id="rumqttc-sensor"}']);
    expect(value('client_pending', '{client_id="rumqttc-sensor"}')).toBeUndefined();
    for (const [name, metric] of m) for (const [key, v] of metric.samples) expect(Number.isNaN(v), `${name}${key}`).toBe(false);
    // What is always known is always there: how long since the last report, silence and the alert rules.
    expect(labels('client_since_last_report_seconds')).toHaveLength(3);
    expect(labels('client_silent')).toHaveLength(3);
  });

  it('count bad reports by every kind, zero included, so the first one of a kind shows as an increase', async () => {
    const none = await scrape(status([]));
    expect(none.labels('bad_total').sort()).toEqual(['{kind="future-version"}', '{kind="invalid"}', '{kind="not-an-object"}', '{kind="not-json"}', '{kind="too-large"}']);
    for (const key of none.labels('bad_total')) expect(none.value('bad_total', key)).toBe(0);

    const bad = { ...NO_BAD_REPORTS, total: 12, byKind: { 'too-large': 1, 'not-json': 6, 'not-an-object': 2, 'future-version': 0, invalid: 3 } };
    const { value } = await scrape(status([], { bad }));
    expect(value('bad_total', '{kind="not-json"}')).toBe(6);
    expect(value('bad_total', '{kind="too-large"}')).toBe(1);
    expect(value('bad_total', '{kind="invalid"}')).toBe(3);
    expect(value('bad_total', '{kind="future-version"}')).toBe(0);
  });

  it('before the listener is started, say it is not listening and give no client series', async () => {
    for (const reports of [null, IDLE_REPORTS]) {
      const { m, value } = await scrape(reports);
      expect(value('listening')).toBe(0);
      expect(value('connected')).toBe(0);
      expect(value('clients', '{state="reporting"}')).toBe(0);
      for (const [name, metric] of m) if (name.startsWith('mqtt_gauge_report_client_')) expect(metric.samples.size, name).toBe(0);
    }
  });

  it('give at most 50 clients labels out of 200: those with an alert first, then the silent, then the busiest', async () => {
    const clients = Array.from({ length: 200 }, (_, i) =>
      reported(`device-${i + 1}`, { capacity: 100, depth: i % 100, accepted: i * 1000 }, {
        acceptedRate: i,
        // Three with an alert and few messages, two silent (silent clients send nothing, so no rate).
        alerts: i === 7 || i === 70 || i === 140 ? [nearlyFull] : [],
        ...(i === 3 || i === 4 ? { silent: true, silentMs: 30_000, acceptedRate: null } : {}),
      }),
    );
    const { m, value, labels } = await scrape(status(clients));
    const chosen = labels('client_depth');
    expect(chosen).toHaveLength(50);
    for (const id of ['device-8', 'device-71', 'device-141', 'device-4', 'device-5', 'device-200']) expect(chosen).toContain(`{client_id="${id}"}`);
    // The 45 busiest fill the rest: device-156 (rate 155) is the last one in, device-155 the first one out.
    expect(chosen).toContain('{client_id="device-156"}');
    expect(chosen).not.toContain('{client_id="device-155"}');
    expect(value('clients_unlabelled')).toBe(150);
    // The totals count every client, labelled or not.
    expect(value('clients', '{state="reporting"}')).toBe(198);
    expect(value('clients', '{state="silent"}')).toBe(2);
    // Every per-client metric uses the same 50 labels; the alert rules give each one a row per rule.
    for (const [name, metric] of m) if (name.startsWith('mqtt_gauge_report_client_') && name !== 'mqtt_gauge_report_client_alert_active') expect(metric.samples.size, name).toBeLessThanOrEqual(50);
    expect(m.get('mqtt_gauge_report_client_alert_active')!.samples.size).toBe(50 * 6);
  });

  it('keep the label of a client with an alert however little it sends, and the same labels from one scrape to the next', async () => {
    const busy = Array.from({ length: 120 }, (_, i) => reported(`busy-${i}`, { capacity: 10, depth: 1 }, { acceptedRate: 1000 + i }));
    const troubled = reported('troubled', { capacity: 10, depth: 10 }, { acceptedRate: 0, alerts: [nearlyFull] });
    const first = await scrape(status([...busy, troubled]));
    expect(first.value('client_alert_active', '{client_id="troubled",rule="channel-nearly-full"}')).toBe(1);
    expect(first.labels('client_depth')).toContain('{client_id="troubled"}');
    const again = await scrape(status([troubled, ...busy.reverse()]));
    expect(again.labels('client_depth').sort()).toEqual(first.labels('client_depth').sort());
  });

  it('cut long client ids to 64 characters, name a client with an empty id by its topic, and keep one client per label', async () => {
    expect(reportClientLabel(reported('x'.repeat(256)))).toHaveLength(64);
    expect(reportClientLabel(reported('', {}, { topic: 'gauge/report/' }))).toBe('gauge/report/');
    const twins = [reported(`${'y'.repeat(64)}-a`, { depth: 1 }), reported(`${'y'.repeat(64)}-b`, { depth: 2 }, { alerts: [nearlyFull] })];
    const { labels, value } = await scrape(status(twins));
    expect(labels('client_depth')).toEqual([`{client_id="${'y'.repeat(64)}"}`]);
    // The one with the alert wins the shared label.
    expect(value('client_depth', `{client_id="${'y'.repeat(64)}"}`)).toBe(2);
    expect(value('clients_unlabelled')).toBe(1);
  });

  it('are part of the whole /metrics exposition, read from the same state as the rest', async () => {
    const text = await createGaugeMetrics(() => ({ sample: null, alerts: [], version: 'x', reports: status([paho]) })).render();
    const m = parseExposition(text);
    expect(m.get('mqtt_gauge_report_client_depth')?.samples.get('{client_id="paho-logger"}')).toBe(95);
    expect(m.get('mqtt_gauge_info')?.samples.get('{version="x"}')).toBe(1);
    const without = parseExposition(await createGaugeMetrics(() => ({ sample: null, alerts: [], version: 'x' })).render());
    expect(without.get('mqtt_gauge_report_listening')?.samples.get('')).toBe(0);
  });
});
