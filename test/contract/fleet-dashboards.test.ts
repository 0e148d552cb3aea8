// The Grafana dashboard and the Prometheus rules under deploy/ name only metrics /metrics really serves, mirror the app's alert rules at its default thresholds, and pass promtool.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump, load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { ALERT_RULES, type Alert, type AlertRule } from '../../shared/domain.js';
import type { InspectStatus } from '../../shared/inspect.js';
import { IDLE_REPORTS, type ReportedClient, type ReportsStatus } from '../../shared/report/fleet.js';
import { DEFAULT_SETTINGS } from '../../shared/schemas.js';
import { ALERT_SEVERITY } from '../../main/monitor/alerts.js';
import { RECONNECT_WINDOW_MS } from '../../main/monitor/reconnect-window.js';
import { createGaugeMetrics } from '../../main/web/metrics.js';
import { FIXTURE_START, fixtureSample } from '../fixtures/diagnostics.js';
import { fixtureInspectClient, fixtureInspectSample, notReading } from '../fixtures/inspect.js';
import { parseExposition } from '../kit/exposition.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DASHBOARD = join(ROOT, 'deploy', 'grafana', 'mqtt-gauge-fleet.json');
const RULES = join(ROOT, 'deploy', 'prometheus', 'mqtt-gauge-rules.yml');

/**
 * The app's alert rules that can hold for a reporting client (see
 * sampleOfReport in main/monitor/report-sample.ts): a report carries no loop
 * clock and no ping, so loop-stalled and ping-slow never hold for one.
 */
const REPORT_RULES: readonly AlertRule[] = ['channel-nearly-full', 'try-publish-failing', 'reconnect-loop'];

// A state in which every metric family has at least one series: a sample, Inspect with a client, and reporting clients that fill every field.
function populatedExposition(): Promise<string> {
  const alert: Alert = { id: 'channel-nearly-full', severity: 'warning', message: 'nearly full', since: FIXTURE_START, params: { depth: 95, capacity: 100, percent: 95, forMs: 6000 } };
  const client = (clientId: string, overrides: Partial<ReportedClient> = {}): ReportedClient => ({
    clientId,
    topic: `gauge/report/${clientId}`,
    firstAt: FIXTURE_START - 60_000,
    lastAt: FIXTURE_START,
    reports: 60,
    latest: { version: 1, time: FIXTURE_START, clientId, library: 'paho-mqtt 1.6.1', capacity: 100, depth: 95, accepted: 6000, failedTryPublish: 12, dropped: 3, inflight: 4, maxInflight: 20, pending: 1, connection: 'connected', reconnects: 2 },
    acceptedRate: 100,
    failedTryPublishRate: 2,
    droppedRate: 0,
    everyMs: 1000,
    silentMs: 400,
    silent: false,
    alerts: [alert],
    ...overrides,
  });
  const reports: ReportsStatus = {
    ...IDLE_REPORTS,
    listening: true,
    broker: 'mqtt://broker:1883',
    filter: 'gauge/report/#',
    connection: 'connected',
    clients: [client('paho-logger'), client('gone-quiet', { silent: true, silentMs: 20_000, alerts: [] })],
    bad: { total: 1, byKind: { 'too-large': 0, 'not-json': 1, 'not-an-object': 0, 'future-version': 0, invalid: 0 }, last: null },
    untracked: 0,
  };
  const inspect: InspectStatus = {
    listening: true,
    listen: '127.0.0.1:18830',
    upstream: 'mqtt://broker:1883',
    clients: [fixtureInspectClient(1, 'sensor-7', { latest: fixtureInspectSample(FIXTURE_START, { inflight: 3, inflightLimit: 20, unreadMs: 4200 }), verdicts: [notReading(FIXTURE_START)] })],
  };
  const sample = fixtureSample(FIXTURE_START, { capacity: 1000, depth: 10, connectionState: 'connected', pingRttMs: 12, queueLatencyP50: 1, queueLatencyP99: 3, ackLatencyP50: 2, ackLatencyP99: 9 });
  return createGaugeMetrics(() => ({ sample, alerts: [], version: '1.0.0', inspect, reports })).render();
}

/** Every metric name a PromQL expression names. */
function metricNames(expr: string): string[] {
  return [...expr.matchAll(/mqtt_gauge_[a-z0-9_]+/g)].map((m) => m[0]);
}

interface Panel {
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  targets?: Array<{ expr: string; datasource?: { uid: string } }>;
  panels?: Panel[];
}
interface Dashboard {
  schemaVersion: number;
  panels: Panel[];
  templating: { list: Array<{ name: string; type: string; query: string | { query: string }; definition?: string }> };
}
interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as Dashboard;
const rules = (load(readFileSync(RULES, 'utf8')) as { groups: Array<{ name: string; rules: Rule[] }> }).groups.flatMap((group) => group.rules);
const panels = dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]).filter((panel) => panel.type !== 'row');
/** Each PromQL expression of the dashboard, named by where it is. */
const dashboardQueries: Array<[string, string]> = [
  ...panels.flatMap((panel) => (panel.targets ?? []).map((target): [string, string] => [`panel "${panel.title}"`, target.expr])),
  ...dashboard.templating.list.filter((v) => v.type === 'query').map((v): [string, string] => [`variable $${v.name}`, typeof v.query === 'string' ? v.query : v.query.query]),
];

describe('the fleet dashboard and alerting rules', () => {
  it('name only metrics the exporter serves, with series, in a state where every part of the app has something to say', async () => {
    const served = parseExposition(await populatedExposition());
    // Only gauges and counters: no histogram or summary, so no _bucket/_sum/_count names to map back to their family.
    for (const [name, metric] of served) expect(['gauge', 'counter'], name).toContain(metric.type);
    const queries: Array<[string, string]> = [...dashboardQueries, ...rules.map((rule): [string, string] => [`rule ${rule.alert}`, rule.expr])];
    expect(queries.length).toBeGreaterThan(40);
    for (const [where, expr] of queries) {
      expect(metricNames(expr).length, `${where} names no MQTT Gauge metric: ${expr}`).toBeGreaterThan(0);
      for (const name of metricNames(expr)) expect(served.get(name)?.samples.size ?? 0, `${where} names ${name}, which /metrics does not serve`).toBeGreaterThan(0);
    }
    // And the other way round: every report metric is shown on the dashboard or watched by a rule.
    const used = new Set(queries.flatMap(([, expr]) => metricNames(expr)));
    const unused = [...served.keys()].filter((name) => name.startsWith('mqtt_gauge_report_') && !used.has(name));
    expect(unused, 'report metrics neither on the dashboard nor in a rule').toEqual([]);
  });

  it('is a Grafana dashboard that asks for its Prometheus data source and its instance and client', () => {
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(39);
    const variables = new Map(dashboard.templating.list.map((v) => [v.name, v]));
    expect(variables.get('datasource')).toMatchObject({ type: 'datasource', query: 'prometheus' });
    for (const name of ['instance', 'client_id', 'inspect_client']) expect(variables.get(name)?.type, name).toBe('query');
    expect(panels.length).toBeGreaterThan(20);
    for (const panel of panels) {
      expect(panel.datasource?.uid, panel.title).toBe('${datasource}');
      expect(panel.targets?.length, `panel "${panel.title}" has no query`).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) expect(target.expr, panel.title).toContain('instance=~"$instance"');
    }
    const titles = panels.map((panel) => panel.title);
    for (const title of ['Queue depth vs capacity', 'Failed tryPublish rate', 'Dropped publishes', 'In flight vs max in flight', 'Seconds since last report', 'Bad reports by kind', 'In flight vs limit', 'Unread seconds', 'Verdicts', 'Channel depth vs capacity']) {
      expect(titles).toContain(title);
    }
    const failed = panels.find((panel) => panel.title === 'Failed tryPublish rate')!;
    expect(failed.targets![0]!.expr).toMatch(/^rate\(mqtt_gauge_report_client_failed_try_publish_total\{[^}]*\}\[1m\]\)$/);
  });

  it("has a rule for each of the app's alert rules on its own client, and for each that can hold for a reporting client, at the app's severities", () => {
    const mirrored = (source: string) => rules.filter((rule) => rule.labels.source === source && rule.labels.in_app_rule !== undefined).map((rule) => rule.labels.in_app_rule);
    expect(new Set(mirrored('engine'))).toEqual(new Set(ALERT_RULES));
    for (const id of REPORT_RULES) expect(mirrored('report'), id).toContain(id);
    for (const rule of rules) {
      expect(rule.alert).toMatch(/^MqttGauge[A-Za-z]+$/);
      expect(['engine', 'report'], rule.alert).toContain(rule.labels.source);
      expect(rule.annotations.summary, rule.alert).toBeTruthy();
      expect(rule.annotations.description, rule.alert).toBeTruthy();
      const id = rule.labels.in_app_rule as AlertRule | undefined;
      if (id === undefined) continue;
      expect(ALERT_RULES, rule.alert).toContain(id);
      expect(rule.labels.severity, rule.alert).toBe(ALERT_SEVERITY[id]);
    }
    // The rest of what the app shows about reporters: silence, a listener without its broker, bad reports.
    for (const name of ['MqttGaugeReportClientSilent', 'MqttGaugeReportListenerDisconnected', 'MqttGaugeBadReports']) expect(rules.map((rule) => rule.alert)).toContain(name);
  });

  it("uses the app's default thresholds, DEFAULT_SETTINGS.alerts", () => {
    const limits = DEFAULT_SETTINGS.alerts;
    const window = `[${RECONNECT_WINDOW_MS / 60_000}m]`;
    /** Per in-app rule: the comparison that carries its threshold, the number it must have, and its `for`. */
    const expected: Record<AlertRule, { threshold: RegExp; value: number; for?: string }> = {
      'channel-nearly-full': { threshold: /\/ mqtt_gauge_\w*capacity > ([\d.]+) and /, value: limits.depthPercent, for: `${limits.depthForSec}s` },
      'loop-stalled': { threshold: /^mqtt_gauge_loop_since_last_poll_seconds >= ([\d.]+) and /, value: limits.stalledPollSec },
      'ping-slow': { threshold: /^mqtt_gauge_ping_rtt_seconds > ([\d.]+) and /, value: limits.pingRttMs / 1000 },
      'reconnect-loop': { threshold: new RegExp(`^increase\\(mqtt_gauge_\\w*reconnects_total${window.replace(/[[\]]/g, '\\$&')}\\) >= ([\\d.]+)$`), value: limits.reconnectsPerMinute },
      // Any failure, any drop: these rules have no threshold in the settings.
      'try-publish-failing': { threshold: /\[1m\]\) > ([\d.]+)$/, value: 0 },
      'messages-dropped': { threshold: /\[1m\]\) > ([\d.]+)$/, value: 0 },
    };
    const checked = new Set<string>();
    for (const rule of rules) {
      const id = rule.labels.in_app_rule as AlertRule | undefined;
      if (id === undefined) continue;
      const want = expected[id];
      const match = rule.expr.match(want.threshold);
      expect(match, `${rule.alert}: ${rule.expr}`).not.toBeNull();
      expect(Number(match![1]), `${rule.alert}'s threshold`).toBe(want.value);
      expect(rule.for, `${rule.alert}'s for`).toBe(want.for);
      checked.add(`${rule.labels.source}/${id}`);
    }
    for (const id of ALERT_RULES) expect(checked, `engine/${id}`).toContain(`engine/${id}`);
    for (const id of REPORT_RULES) expect(checked, `report/${id}`).toContain(`report/${id}`);
  });

  describe('with promtool', () => {
    const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
    const hasPromtool = promtool.status === 0;
    const scratch = mkdtempSync(join(tmpdir(), 'mqtt-gauge-rules-'));
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));
    const run = (...args: string[]) => spawnSync('promtool', args, { encoding: 'utf8', cwd: ROOT });
    // Vitest's skip takes no reason, so the name carries it.
    const unless = hasPromtool ? '' : ' (skipped: promtool is not on PATH; Debian\'s "prometheus" package has it)';

    it.skipIf(!hasPromtool)(`checks the rules file${unless}`, () => {
      const checked = run('check', 'rules', 'deploy/prometheus/mqtt-gauge-rules.yml');
      expect(checked.status, checked.stdout + checked.stderr).toBe(0);
      expect(checked.stdout).toContain(`SUCCESS: ${rules.length} rules found`);
    });

    it.skipIf(!hasPromtool)(`parses every query of the dashboard as PromQL${unless}`, () => {
      // Grafana's variables sit inside label matchers, which is PromQL already. Its interval macros are not, and stand in as a
      // minute; label_values() is Grafana's, and its selector is what Prometheus is asked.
      const promql = (expr: string) => expr.replace(/^label_values\((.*),\s*\w+\)$/, '$1').replaceAll('$__rate_interval', '1m').replaceAll('$__interval', '1m');
      const recording = dashboardQueries.map(([, expr], i) => ({ record: `dashboard:query_${i}`, expr: promql(expr) }));
      const file = join(scratch, 'dashboard-queries.yml');
      writeFileSync(file, dump({ groups: [{ name: 'dashboard', rules: recording }] }));
      const checked = run('check', 'rules', file);
      expect(checked.status, checked.stdout + checked.stderr).toBe(0);
    });

    it.skipIf(!hasPromtool)(`fires where the app's rules fire and not just below their thresholds${unless}`, () => {
      // promtool compares annotations too; they are checked above as templates, so this copy leaves them out.
      const bare = join(scratch, 'rules-without-annotations.yml');
      const groups = (load(readFileSync(RULES, 'utf8')) as { groups: Array<{ name: string; rules: Rule[] }> }).groups;
      writeFileSync(bare, dump({ groups: groups.map((g) => ({ ...g, rules: g.rules.map(({ annotations: _, ...rule }) => rule) })) }));
      const labelsOf = (alert: string) => rules.find((rule) => rule.alert === alert)!.labels;
      const at = { instance: 'gauge:8090', job: 'mqtt-gauge' };
      const series = (name: string, labels: Record<string, string>, values: string) => ({
        series: `${name}{${Object.entries({ ...at, ...labels }).map(([k, v]) => `${k}="${v}"`).join(',')}}`,
        values,
      });
      const fires = (alert: string, eval_time: string, ...who: Array<Record<string, string>>) => ({
        eval_time,
        alertname: alert,
        exp_alerts: (who.length > 0 ? who : [{}]).map((labels) => ({ exp_labels: { ...at, ...labelsOf(alert), ...labels } })),
      });
      const tests = {
        rule_files: [bare],
        evaluation_interval: '1s',
        tests: [
          {
            interval: '1s',
            input_series: [
              // 85% is above the 80% threshold, 80% exactly is not.
              series('mqtt_gauge_report_client_depth', { client_id: 'full' }, '85x20'),
              series('mqtt_gauge_report_client_capacity', { client_id: 'full' }, '100x20'),
              series('mqtt_gauge_report_client_depth', { client_id: 'at-threshold' }, '80x20'),
              series('mqtt_gauge_report_client_capacity', { client_id: 'at-threshold' }, '100x20'),
              series('mqtt_gauge_channel_depth', {}, '0 0 900x20'),
              series('mqtt_gauge_channel_capacity', {}, '1000x22'),
              series('mqtt_gauge_channel_waiting_senders', {}, '0x22'),
              series('mqtt_gauge_connected', {}, '1x22'),
              series('mqtt_gauge_loop_since_last_poll_seconds', {}, '0 0 0 2.5x19'),
            ],
            alert_rule_test: [
              // Above the threshold, but not yet for 5 s: nothing yet.
              { eval_time: '3s', alertname: 'MqttGaugeReportClientChannelNearlyFull', exp_alerts: [] },
              fires('MqttGaugeReportClientChannelNearlyFull', '10s', { client_id: 'full' }),
              { eval_time: '5s', alertname: 'MqttGaugeChannelNearlyFull', exp_alerts: [] },
              fires('MqttGaugeChannelNearlyFull', '10s'),
              fires('MqttGaugeLoopStalled', '5s'),
            ],
          },
          {
            interval: '5s',
            input_series: [
              // One reconnect every 5 s is twelve a minute; one every 20 s is three.
              series('mqtt_gauge_report_client_reconnects_total', { client_id: 'flapping' }, '0+1x40'),
              series('mqtt_gauge_report_client_reconnects_total', { client_id: 'steady' }, '0+0.25x40'),
              series('mqtt_gauge_report_client_failed_try_publish_total', { client_id: 'flapping' }, '0x20 1+1x20'),
              series('mqtt_gauge_report_client_failed_try_publish_total', { client_id: 'steady' }, '0x40'),
              series('mqtt_gauge_report_client_silent', { client_id: 'flapping' }, '0x40'),
              series('mqtt_gauge_report_client_silent', { client_id: 'steady' }, '0x20 1x20'),
              series('mqtt_gauge_report_bad_total', { kind: 'not-json' }, '0x20 3x20'),
              series('mqtt_gauge_report_bad_total', { kind: 'invalid' }, '0x40'),
            ],
            alert_rule_test: [
              fires('MqttGaugeReportClientReconnectLoop', '2m', { client_id: 'flapping' }),
              { eval_time: '90s', alertname: 'MqttGaugeReportClientTryPublishFailing', exp_alerts: [] },
              fires('MqttGaugeReportClientTryPublishFailing', '2m', { client_id: 'flapping' }),
              fires('MqttGaugeReportClientSilent', '2m', { client_id: 'steady' }),
              fires('MqttGaugeBadReports', '2m', { kind: 'not-json' }),
            ],
          },
        ],
      };
      const file = join(scratch, 'rules.test.yml');
      writeFileSync(file, dump(tests));
      const tested = run('test', 'rules', file);
      expect(tested.status, tested.stdout + tested.stderr).toBe(0);
    });
  });
});
