// The clients that report their own queue, in Prometheus's text format, with a bounded number of client_id label values, so a fleet of reporters cannot turn every scrape into thousands of series.
import { Counter, Gauge, type Registry } from 'prom-client';
import { ALERT_RULES } from '../../shared/domain.js';
import { BAD_REPORT_KINDS, type ReportedClient, type ReportsStatus } from '../../shared/report/fleet.js';
import type { ClientReport } from '../../shared/report/report.js';
import { LABELLED_CLIENTS } from './inspect-metrics.js';

/** Reporting clients that get series of their own: as many as Inspect gives labels to, for one bound per scrape to reason about. */
export const LABELLED_REPORTING_CLIENTS = LABELLED_CLIENTS;
/** A report's clientId may be 256 characters long; a label value is cut to this many, as Inspect's are. */
const CLIENT_ID_CHARS = 64;

const PREFIX = 'mqtt_gauge_report_';

/** The label value for a reporting client: its id cut short, or its topic when the id is empty (an empty label value is no label at all). */
export function reportClientLabel(client: ReportedClient): string {
  return (client.clientId || client.topic).slice(0, CLIENT_ID_CHARS);
}

function rank(client: ReportedClient): number {
  if (client.alerts.length > 0) return 0;
  return client.silent ? 1 : 2;
}

/**
 * Which reporting clients are given labels: those with an alert first, then
 * the silent ones (the two a reader looks for), then the busiest by accepted
 * rate; the client id breaks ties, so the chosen set does not shuffle from
 * one scrape to the next. Two ids that are the same in their first 64
 * characters share one label, and the one ranked first keeps it.
 */
export function labelledReportingClients(clients: readonly ReportedClient[], max = LABELLED_REPORTING_CLIENTS): Map<string, ReportedClient> {
  const busy = (c: ReportedClient) => c.acceptedRate ?? -1;
  const ordered = [...clients].sort((a, b) => rank(a) - rank(b) || busy(b) - busy(a) || (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0));
  const chosen = new Map<string, ReportedClient>();
  for (const client of ordered) {
    if (chosen.size >= max) break;
    const label = reportClientLabel(client);
    if (!chosen.has(label)) chosen.set(label, client);
  }
  return chosen;
}

/** Registers the report metrics on `registry`; `update()` gives them the status of one scrape, before any of them is collected. */
export function registerReportMetrics(registry: Registry, max = LABELLED_REPORTING_CLIENTS): { update(status: ReportsStatus | null): void } {
  let status: ReportsStatus | null = null;
  // Worked out once per scrape in update(), for every metric of it.
  let labelled = new Map<string, ReportedClient>();
  const flag = (on: boolean) => (on ? 1 : 0);

  new Gauge({
    name: `${PREFIX}listening`,
    help: '1 while the report listener is started (subscribed, or trying to be).',
    registers: [registry],
    collect() {
      this.set(flag(status?.listening ?? false));
    },
  });
  new Gauge({
    name: `${PREFIX}connected`,
    help: "1 while the report listener's own connection to the broker is up.",
    registers: [registry],
    collect() {
      this.set(flag(status?.connection === 'connected'));
    },
  });
  new Gauge({
    name: `${PREFIX}clients`,
    help: 'Reporting clients tracked, by whether they still report (every one, labelled or not).',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.reset();
      const clients = status?.clients ?? [];
      const silent = clients.filter((c) => c.silent).length;
      this.set({ state: 'reporting' }, clients.length - silent);
      this.set({ state: 'silent' }, silent);
    },
  });
  new Gauge({
    name: `${PREFIX}clients_unlabelled`,
    help: `Reporting clients without series of their own (beyond the ${max} with alerts, silent, or the busiest).`,
    registers: [registry],
    collect() {
      this.set((status?.clients.length ?? 0) - labelled.size);
    },
  });
  new Counter({
    name: `${PREFIX}bad_total`,
    help: 'Messages on the report topic that were not reports, by why (too large, not JSON, not an object, a future version, invalid).',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      this.reset();
      // Every kind always has a series, so rate() and increase() see the first bad report of a kind rather than a series appearing at 1.
      for (const kind of BAD_REPORT_KINDS) this.inc({ kind }, status?.bad.byKind[kind] ?? 0);
    },
  });
  new Counter({
    name: `${PREFIX}untracked_total`,
    help: 'Good reports from client ids beyond the number tracked at once, counted and not kept.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(status?.untracked ?? 0);
    },
  });

  /*
   * A field the report leaves out gets no series for that client, rather than
   * NaN. A missing field is what the client's library cannot tell (rumqttc
   * has no channel depth, paho no public in-flight count), so it is missing
   * on every report, not for a moment; without a series, `depth / capacity`
   * and the alert rules built on it give no result for that client instead
   * of NaN rows, and a counter never holds NaN, which would poison rate().
   */
  const perClient = (name: string, help: string, field: keyof Pick<ClientReport, 'capacity' | 'depth' | 'inflight' | 'maxInflight' | 'pending'>) =>
    new Gauge({
      name: PREFIX + name,
      help,
      labelNames: ['client_id'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [client_id, c] of labelled) {
          const value = c.latest[field];
          if (value !== undefined) this.set({ client_id }, value);
        }
      },
    });
  // The report's own totals since the client started; one that goes down is a restart, which rate() reads as a counter reset.
  const perClientTotal = (name: string, help: string, field: keyof Pick<ClientReport, 'accepted' | 'failedTryPublish' | 'dropped' | 'reconnects'>) =>
    new Counter({
      name: PREFIX + name,
      help,
      labelNames: ['client_id'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [client_id, c] of labelled) {
          const value = c.latest[field];
          if (value !== undefined) this.inc({ client_id }, value);
        }
      },
    });

  perClient('client_capacity', "The bound of the client's request queue or channel, as it reports it.", 'capacity');
  perClient('client_depth', "Requests in the client's queue at its latest report.", 'depth');
  perClient('client_inflight', 'QoS 1/2 publishes of the client awaiting their acknowledgement.', 'inflight');
  perClient('client_inflight_max', "The client's in-flight window.", 'maxInflight');
  perClient('client_pending', 'Requests the client took from its queue and has not written yet.', 'pending');
  perClientTotal('client_accepted_total', 'Publishes the client library accepted, since the client started.', 'accepted');
  perClientTotal('client_failed_try_publish_total', 'Publishes the client library refused at once because its queue was full, since the client started.', 'failedTryPublish');
  perClientTotal('client_dropped_total', 'Publishes the client dropped, since it started.', 'dropped');
  perClientTotal('client_reconnects_total', 'Reconnections of the client, since it started.', 'reconnects');
  new Gauge({
    name: `${PREFIX}client_connected`,
    help: '1 while the client reports its own connection as up (no series when its reports leave the connection out).',
    labelNames: ['client_id'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [client_id, c] of labelled) if (c.latest.connection !== undefined) this.set({ client_id }, flag(c.latest.connection === 'connected'));
    },
  });
  new Gauge({
    name: `${PREFIX}client_since_last_report_seconds`,
    help: "Seconds since the client's latest report arrived.",
    labelNames: ['client_id'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [client_id, c] of labelled) this.set({ client_id }, c.silentMs / 1000);
    },
  });
  new Gauge({
    name: `${PREFIX}client_silent`,
    help: 'Whether the client has gone quiet: 1 after 3 s without a report, or three of its own intervals when those are longer.',
    labelNames: ['client_id'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [client_id, c] of labelled) this.set({ client_id }, flag(c.silent));
    },
  });
  new Gauge({
    name: `${PREFIX}client_alert_active`,
    help: "The engine's alert rules applied to what the client reports: 1 for each rule that holds now.",
    labelNames: ['client_id', 'rule'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [client_id, c] of labelled) {
        const raised = new Set(c.alerts.map((alert) => alert.id));
        for (const rule of ALERT_RULES) this.set({ client_id, rule }, flag(raised.has(rule)));
      }
    },
  });

  return {
    update(next) {
      status = next;
      labelled = labelledReportingClients(next?.clients ?? [], max);
    },
  };
}
