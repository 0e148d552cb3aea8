// The Prometheus endpoint: the text format a scraper expects, values that
// match the gauge's state, and the same token rule as the WebSocket.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixtureSample } from '../../test/fixtures/diagnostics.js';
import type { Alert } from '../../shared/domain.js';
import type { InspectStatus } from '../../shared/inspect.js';
import { GaugeService } from '../service/index.js';
import { startMosquitto, type Mosquitto } from '../../test/kit/index.js';
import { createGaugeMetrics } from './metrics.js';
import { startWebServer, type WebServer } from './server.js';
import { parseExposition } from '../../test/kit/exposition.js';

describe('the metrics, from a known state', () => {
  const sample = fixtureSample(Date.now(), {
    capacity: 1000,
    depth: 850,
    highWater: 990,
    policy: 'drop-oldest',
    failedTryPublish: 14_210,
    droppedOldest: 12,
    droppedNewest: 3,
    inflight: 7,
    maxInflight: 20,
    sinceLastPollMs: 2500,
    connectionState: 'connected',
    reconnects: 2,
    pingRttMs: 40,
    queueLatencyP50: 1.5,
    queueLatencyP99: 250,
    ackLatencyP50: null,
    ackLatencyP99: null,
    faults: { throttleBytesPerSec: 1000, stalledUntil: null, pollDelayMs: 0 },
  });
  const alerts = [{ id: 'loop-stalled', severity: 'critical', message: 'stalled', since: 0, params: { sinceLastPollMs: 2500, paused: false, depth: 850 } }] as Alert[];

  it('gives every metric a HELP and a TYPE, and values that match the sample, in seconds where time is measured', async () => {
    const metrics = parseExposition(await createGaugeMetrics(() => ({ sample, alerts, version: '9.9.9' })).render());
    for (const [name, metric] of metrics) {
      expect(name).toMatch(/^mqtt_gauge_[a-z0-9_]+$/);
      expect(metric.help?.length, name).toBeGreaterThan(10);
      expect(['gauge', 'counter'], name).toContain(metric.type);
    }
    const value = (name: string, labels = '') => metrics.get(name)?.samples.get(labels);
    expect(value('mqtt_gauge_info', '{version="9.9.9"}')).toBe(1);
    expect(value('mqtt_gauge_channel_capacity')).toBe(1000);
    expect(value('mqtt_gauge_channel_depth')).toBe(850);
    expect(value('mqtt_gauge_channel_policy', '{policy="drop-oldest"}')).toBe(1);
    expect(value('mqtt_gauge_channel_policy', '{policy="block"}')).toBe(0);
    expect(metrics.get('mqtt_gauge_try_publish_failed_total')?.type).toBe('counter');
    expect(value('mqtt_gauge_try_publish_failed_total')).toBe(14_210);
    expect(value('mqtt_gauge_dropped_total', '{end="oldest"}')).toBe(12);
    expect(value('mqtt_gauge_dropped_total', '{end="newest"}')).toBe(3);
    expect(value('mqtt_gauge_inflight')).toBe(7);
    expect(value('mqtt_gauge_inflight_max')).toBe(20);
    expect(value('mqtt_gauge_loop_since_last_poll_seconds')).toBe(2.5);
    expect(value('mqtt_gauge_connected')).toBe(1);
    expect(value('mqtt_gauge_reconnects_total')).toBe(2);
    expect(value('mqtt_gauge_ping_rtt_seconds')).toBe(0.04);
    expect(value('mqtt_gauge_queue_latency_seconds', '{quantile="0.5"}')).toBe(0.0015);
    expect(value('mqtt_gauge_queue_latency_seconds', '{quantile="0.99"}')).toBe(0.25);
    // Nothing measured: NaN, as Prometheus's own clients write it, rather than a made-up 0.
    expect(value('mqtt_gauge_ack_latency_seconds', '{quantile="0.99"}')).toBeNaN();
    expect(value('mqtt_gauge_fault_active', '{kind="throttle"}')).toBe(1);
    expect(value('mqtt_gauge_fault_active', '{kind="stall-socket"}')).toBe(0);
    expect(value('mqtt_gauge_alert_active', '{rule="loop-stalled"}')).toBe(1);
    expect(value('mqtt_gauge_alert_active', '{rule="ping-slow"}')).toBe(0);
  });

  it('reads the state afresh at every scrape', async () => {
    let depth = 1;
    const metrics = createGaugeMetrics(() => ({ sample: { ...sample, depth }, alerts: [], version: 'x' }));
    expect(parseExposition(await metrics.render()).get('mqtt_gauge_channel_depth')?.samples.get('')).toBe(1);
    depth = 42;
    expect(parseExposition(await metrics.render()).get('mqtt_gauge_channel_depth')?.samples.get('')).toBe(42);
  });

  it('before the first sample, answers every gauge with NaN (nothing measured yet)', async () => {
    const metrics = parseExposition(await createGaugeMetrics(() => ({ sample: null, alerts: [], version: 'x' })).render());
    expect(metrics.get('mqtt_gauge_channel_depth')?.samples.get('')).toBeNaN();
    expect(metrics.get('mqtt_gauge_ping_rtt_seconds')?.samples.get('')).toBeNaN();
  });
});

describe('GET /metrics in web mode', () => {
  let broker: Mosquitto;
  let service: GaugeService;
  let server: WebServer;
  const log: string[] = [];

  beforeAll(async () => {
    broker = await startMosquitto();
    service = new GaugeService({ version: 'metrics-test', dataDir: await mkdtemp(join(tmpdir(), 'gauge-metrics-')) });
    await service.start();
    server = await startWebServer({ service, staticDir: join(tmpdir(), 'no-renderer-here'), metricsToken: 'scraper-read-only-token', log: (line) => log.push(line) });
  });
  afterAll(async () => {
    await server.close();
    await service.stop();
    await broker.stop();
  });

  it('refuses a scrape without a token or with a wrong one, with 401, and logs it', async () => {
    const none = await fetch(server.metricsUrl);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(log.at(-1)).toMatch(/refused a metrics scrape .*missing token/);
    const wrong = await fetch(server.metricsUrl, { headers: { authorization: `Bearer ${'x'.repeat(server.token.length)}` } });
    expect(wrong.status).toBe(401);
    expect(log.at(-1)).toMatch(/refused a metrics scrape .*wrong token/);
    expect(await wrong.text()).not.toContain('mqtt_gauge');
  });

  it('answers the text format with the web token as a query or a bearer, or with the read-only metrics token', async () => {
    await service.handle('connect', { profile: { name: 'mosquitto', host: '127.0.0.1', port: broker.port, capacity: 321 } });
    await vi.waitFor(() => expect(service.snapshotNow().sample?.connectionState, 'a connected sample').toBe('connected'), { timeout: 5_000, interval: 20 });
    for (const request of [
      fetch(`${server.metricsUrl}?token=${server.token}`),
      fetch(server.metricsUrl, { headers: { authorization: `Bearer ${server.token}` } }),
      fetch(server.metricsUrl, { headers: { authorization: 'Bearer scraper-read-only-token' } }),
    ]) {
      const response = await request;
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const metrics = parseExposition(await response.text());
      expect(metrics.get('mqtt_gauge_info')?.samples.get('{version="metrics-test"}')).toBe(1);
      expect(metrics.get('mqtt_gauge_channel_capacity')?.samples.get('')).toBe(321);
      expect(metrics.get('mqtt_gauge_connected')?.samples.get('')).toBe(1);
    }
  });

  it('exports the clients Inspect forwards, under their client ids', async () => {
    const started = await service.handle('startInspect', { listenPort: 0, profile: { name: 'mosquitto', host: '127.0.0.1', port: broker.port } });
    if (!started.ok) throw new Error(started.error.message);
    const client = await mqtt.connectAsync(`mqtt://${(started.value as InspectStatus).listen}`, { clientId: 'scraped-through-proxy', reconnectPeriod: 0 });
    try {
      for (let i = 0; i < 25; i++) await client.publishAsync('metrics/inspect', `m${i}`, { qos: 1 });
      await vi.waitFor(
        async () => {
          const metrics = parseExposition(await (await fetch(server.metricsUrl, { headers: { authorization: 'Bearer scraper-read-only-token' } })).text());
          expect(metrics.get('mqtt_gauge_inspect_listening')?.samples.get('')).toBe(1);
          expect(metrics.get('mqtt_gauge_inspect_client_publishes_total')?.samples.get('{client_id="scraped-through-proxy",qos="1"}')).toBe(25);
          expect(metrics.get('mqtt_gauge_inspect_connections')?.samples.get('{state="connected"}')).toBe(1);
        },
        { timeout: 5_000, interval: 50 },
      );
    } finally {
      await client.endAsync();
      await service.handle('stopInspect', {});
    }
  });

  it('does not let the read-only metrics token open the WebSocket that drives the client', async () => {
    const { connectWeb } = await import('../../test/contract/transports.js');
    await expect(connectWeb(`ws://127.0.0.1:${server.port}/api?token=scraper-read-only-token`)).rejects.toThrow('HTTP 401');
  });
});
