// The gauge's figures in Prometheus's text format, so a fleet of gauges can
// be scraped by an existing monitoring stack. Values are read from the
// latest sample when scraped, never per message.
import { Counter, Gauge, Registry } from 'prom-client';
import type { Alert, Sample } from '../../shared/domain.js';
import { ALERT_RULES, OVERFLOW_POLICIES } from '../../shared/domain.js';
import type { InspectStatus } from '../../shared/inspect.js';
import type { ReportsStatus } from '../../shared/report/fleet.js';
import { registerInspectMetrics } from './inspect-metrics.js';
import { registerReportMetrics } from './report-metrics.js';

/** What a scrape reads: the latest sample (null before the first) and the alerts that hold. */
export interface MetricsState {
  sample: Sample | null;
  alerts: Alert[];
  version: string;
  /** The Inspect proxy and its clients; null or absent when Inspect was never started. */
  inspect?: InspectStatus | null;
  /** The report listener and the clients that report themselves; null or absent when it was never started. */
  reports?: ReportsStatus | null;
}

/** A registry of the gauge's metrics, filled from `read()` on every scrape. */
export interface GaugeMetrics {
  registry: Registry;
  contentType: string;
  /** The exposition text. */
  render(): Promise<string>;
}

const PREFIX = 'mqtt_gauge_';

/**
 * Builds the metrics on a registry of their own (not prom-client's global
 * one), so nothing else in the process leaks into a scrape and tests can
 * make as many as they like.
 */
export function createGaugeMetrics(read: () => MetricsState): GaugeMetrics {
  const registry = new Registry();
  let state: MetricsState = { sample: null, alerts: [], version: '' };
  let sample: Sample | null = null;

  new Gauge({
    name: `${PREFIX}info`,
    help: 'Always 1; the version label says which MQTT Gauge is answering.',
    labelNames: ['version'],
    registers: [registry],
    collect() {
      this.reset();
      this.set({ version: state.version }, 1);
    },
  });

  const gauge = (name: string, help: string, value: (s: Sample) => number | null) =>
    new Gauge({
      name: PREFIX + name,
      help,
      registers: [registry],
      collect() {
        // NaN, as Prometheus's own clients write "nothing measured": a 0 would be a made-up value.
        this.set(sample ? (value(sample) ?? Number.NaN) : Number.NaN);
      },
    });
  const counter = (name: string, help: string, value: (s: Sample) => number) =>
    new Counter({
      name: PREFIX + name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        if (sample) this.inc(value(sample));
      },
    });
  const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);
  const flag = (on: boolean) => (on ? 1 : 0);

  gauge('channel_capacity', 'Capacity of the request channel between the client and the event loop.', (s) => s.capacity);
  gauge('channel_depth', 'Requests waiting in the channel now.', (s) => s.depth);
  gauge('channel_high_water', 'The deepest the channel has been on this connection.', (s) => s.highWater);
  gauge('channel_waiting_senders', 'publish() calls waiting for room in a full channel.', (s) => s.waitingSenders);
  new Gauge({
    name: `${PREFIX}channel_policy`,
    help: 'The overflow policy in force: 1 for the active one.',
    labelNames: ['policy'],
    registers: [registry],
    collect() {
      this.reset();
      if (sample) for (const policy of OVERFLOW_POLICIES) this.set({ policy }, flag(sample.policy === policy));
    },
  });
  counter('accepted_total', 'Requests that entered the channel.', (s) => s.accepted);
  counter('try_publish_failed_total', 'tryPublish calls refused because the channel was full.', (s) => s.failedTryPublish);
  new Counter({
    name: `${PREFIX}dropped_total`,
    help: 'Publishes dropped by the overflow policy, by which end of the channel lost them.',
    labelNames: ['end'],
    registers: [registry],
    collect() {
      this.reset();
      if (!sample) return;
      this.inc({ end: 'oldest' }, sample.droppedOldest);
      this.inc({ end: 'newest' }, sample.droppedNewest);
    },
  });
  counter('discarded_total', 'Queued requests thrown away when the client was closed.', (s) => s.discarded);
  gauge('inflight', 'QoS 1/2 publishes written and not yet acknowledged.', (s) => s.inflight);
  gauge('inflight_max', 'The in-flight window in force.', (s) => s.maxInflight);
  gauge('pending_resend', 'QoS 1/2 publishes waiting to be resent when the connection is back.', (s) => s.pendingResend);
  gauge('loop_since_last_poll_seconds', 'Seconds since the event loop was last polled (0 while a poll is under way).', (s) => s.sinceLastPollMs / 1000);
  gauge('loop_paused', '1 while the event loop is paused on purpose.', (s) => flag(s.paused));
  gauge('connected', '1 while connected to the broker.', (s) => flag(s.connectionState === 'connected'));
  counter('reconnects_total', 'Connections made again after a loss.', (s) => s.reconnects);
  gauge('ping_rtt_seconds', 'Round trip of the last keepalive ping.', (s) => seconds(s.pingRttMs));
  counter('messages_in_total', 'Application messages received.', (s) => s.messagesIn);
  counter('messages_out_total', 'Publishes written to the socket (resends included).', (s) => s.messagesOut);
  gauge('bytes_in_per_second', 'Bytes read from the broker per second, over the last sample interval.', (s) => s.bytesInRate);
  gauge('bytes_out_per_second', 'Bytes written to the broker per second, over the last sample interval.', (s) => s.bytesOutRate);
  counter('lost_publishes_total', 'Unacked publishes the broker forgot because it kept no session.', (s) => s.lostPublishes);
  counter('rejected_too_large_total', "Publishes not sent because they exceeded the broker's maximum packet size.", (s) => s.rejectedTooLarge);
  const quantiles = (name: string, help: string, p50: (s: Sample) => number | null, p99: (s: Sample) => number | null) =>
    new Gauge({
      name: PREFIX + name,
      help,
      labelNames: ['quantile'],
      registers: [registry],
      collect() {
        this.set({ quantile: '0.5' }, (sample && seconds(p50(sample))) ?? Number.NaN);
        this.set({ quantile: '0.99' }, (sample && seconds(p99(sample))) ?? Number.NaN);
      },
    });
  quantiles('queue_latency_seconds', 'Enqueue to written, over the last sample interval.', (s) => s.queueLatencyP50, (s) => s.queueLatencyP99);
  quantiles('ack_latency_seconds', 'Written to PUBACK/PUBCOMP, over the last sample interval.', (s) => s.ackLatencyP50, (s) => s.ackLatencyP99);
  new Gauge({
    name: `${PREFIX}fault_active`,
    help: 'Fault drills in force: 1 for each one that is on.',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      this.reset();
      if (!sample) return;
      const f = sample.faults;
      this.set({ kind: 'throttle' }, flag(f.throttleBytesPerSec !== null));
      this.set({ kind: 'stall-socket' }, flag(f.stalledUntil !== null));
      this.set({ kind: 'slow-poll' }, flag(f.pollDelayMs > 0));
      this.set({ kind: 'pause-loop' }, flag(sample.paused));
    },
  });
  new Gauge({
    name: `${PREFIX}alert_active`,
    help: 'Alerts that hold now: 1 for each rule that is raised.',
    labelNames: ['rule'],
    registers: [registry],
    collect() {
      this.reset();
      const raised = new Set(state.alerts.map((alert) => alert.id));
      for (const rule of ALERT_RULES) this.set({ rule }, flag(raised.has(rule)));
    },
  });

  const inspect = registerInspectMetrics(registry);
  const reports = registerReportMetrics(registry);

  return {
    registry,
    contentType: registry.contentType,
    render() {
      // One read per scrape, so every metric of a scrape comes from the same sample.
      state = read();
      sample = state.sample;
      inspect.update(state.inspect ?? null);
      reports.update(state.reports ?? null);
      return registry.metrics();
    },
  };
}
