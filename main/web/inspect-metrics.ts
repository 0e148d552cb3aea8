// The clients Inspect forwards, in Prometheus's text format, with a bounded
// number of label values: a proxy in front of a thousand clients must not
// turn every scrape into a thousand new series.
import { Counter, Gauge, type Registry } from 'prom-client';
import { INSPECT_STATES, INSPECT_VERDICT_RULES, type InspectClient, type InspectStatus } from '../../shared/inspect.js';

/** Open connections that get series of their own; the rest are counted in `inspect_clients_unlabelled` and in the per-rule totals. */
export const LABELLED_CLIENTS = 50;
/** Client ids may be 65,535 bytes long; a label value is cut to this many characters. */
const CLIENT_ID_CHARS = 64;

const PREFIX = 'mqtt_gauge_inspect_';

/** The label value for a client: its id (or the broker's assigned one), cut short; "#<connection>" when it has none. */
export function clientLabel(client: InspectClient): string {
  const id = client.identity.clientId || client.grant?.assignedClientId || '';
  return id === '' ? `#${client.connection}` : id.slice(0, CLIENT_ID_CHARS);
}

function rank(client: InspectClient): number {
  if (client.verdicts.some((v) => v.severity === 'critical')) return 0;
  return client.verdicts.length > 0 ? 1 : 2;
}

/**
 * Which of the open connections are given labels: those with a critical verdict
 * first, then with a warning, then the busiest; one per label value (the
 * newest connection, when a client id is connected twice for a moment).
 */
export function labelledClients(open: readonly InspectClient[], max = LABELLED_CLIENTS): Map<string, InspectClient> {
  const newest = new Map<string, InspectClient>();
  for (const client of open) {
    const label = clientLabel(client);
    const seen = newest.get(label);
    if (!seen || seen.connection < client.connection) newest.set(label, client);
  }
  const busy = (c: InspectClient) => c.latest.publishRate + c.latest.deliveryRate;
  const chosen = [...newest.entries()].sort(([, a], [, b]) => rank(a) - rank(b) || busy(b) - busy(a) || a.connection - b.connection).slice(0, max);
  return new Map(chosen);
}

/** Registers the Inspect metrics on `registry`; `update()` gives them the status of one scrape, before any of them is collected. */
export function registerInspectMetrics(registry: Registry, max = LABELLED_CLIENTS): { update(status: InspectStatus | null): void } {
  let status: InspectStatus | null = null;
  // Worked out once per scrape in update(), for every metric of it.
  let open: InspectClient[] = [];
  let labelled = new Map<string, InspectClient>();
  const seconds = (ms: number | null) => (ms === null ? Number.NaN : ms / 1000);

  new Gauge({
    name: `${PREFIX}listening`,
    help: '1 while the Inspect proxy is listening for clients.',
    registers: [registry],
    collect() {
      this.set(status?.listening ? 1 : 0);
    },
  });
  new Gauge({
    name: `${PREFIX}connections`,
    help: 'Connections the proxy holds in its list, by where each is in its life.',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const state of INSPECT_STATES) this.set({ state }, status?.clients.filter((c) => c.latest.state === state).length ?? 0);
    },
  });
  new Gauge({
    name: `${PREFIX}verdicts`,
    help: 'Open connections for which each verdict holds, over every client (labelled or not).',
    labelNames: ['rule'],
    registers: [registry],
    collect() {
      this.reset();
      for (const rule of INSPECT_VERDICT_RULES) this.set({ rule }, open.filter((c) => c.verdicts.some((v) => v.id === rule)).length);
    },
  });
  new Gauge({
    name: `${PREFIX}clients_unlabelled`,
    help: `Open connections without series of their own (beyond the ${max} with verdicts or the most traffic).`,
    registers: [registry],
    collect() {
      this.set(open.length - labelled.size);
    },
  });

  const perClient = (name: string, help: string, value: (c: InspectClient) => number | null) =>
    new Gauge({
      name: PREFIX + name,
      help,
      labelNames: ['client_id'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [client_id, c] of labelled) this.set({ client_id }, value(c) ?? Number.NaN);
      },
    });
  const perClientByQos = (name: string, help: string, counts: (c: InspectClient) => readonly number[]) =>
    new Counter({
      name: PREFIX + name,
      help,
      labelNames: ['client_id', 'qos'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [client_id, c] of labelled) counts(c).forEach((n, qos) => this.inc({ client_id, qos: String(qos) }, n));
      },
    });

  perClientByQos('client_publishes_total', 'PUBLISH packets the client sent to the broker, by QoS.', (c) => c.totals.publishes);
  perClientByQos('client_deliveries_total', 'PUBLISH packets the broker delivered to the client, by QoS.', (c) => c.totals.deliveries);
  new Counter({
    name: `${PREFIX}client_bytes_total`,
    help: 'Bytes forwarded for the client, up (client to broker) and down (broker to client).',
    labelNames: ['client_id', 'direction'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [client_id, c] of labelled) {
        this.inc({ client_id, direction: 'up' }, c.totals.bytesUp);
        this.inc({ client_id, direction: 'down' }, c.totals.bytesDown);
      }
    },
  });
  new Counter({
    name: `${PREFIX}client_dup_resends_total`,
    help: 'PUBLISH packets the client resent with DUP set.',
    labelNames: ['client_id'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [client_id, c] of labelled) this.inc({ client_id }, c.totals.dupResends);
    },
  });
  perClient('client_inflight', "The client's QoS 1/2 publishes the broker has not acknowledged yet.", (c) => c.latest.inflight);
  perClient('client_inflight_limit', "The broker's Receive Maximum for the client (NaN when unknown, as for MQTT 3.1.1).", (c) => c.latest.inflightLimit);
  perClient('client_deliveries_unacked', 'QoS 1/2 deliveries the client has not acknowledged yet.', (c) => c.latest.deliveriesUnacked);
  perClient('client_unread_seconds', 'How long deliveries have waited on the client now because it does not read (0 while it reads).', (c) => c.latest.unreadMs / 1000);
  perClient('client_waiting_bytes', 'Bytes the proxy holds for the client because it does not read.', (c) => c.latest.waitingBytes);
  perClient('client_since_last_packet_seconds', "Seconds since the client's last packet.", (c) => c.latest.sinceClientPacketMs / 1000);
  perClient('client_keepalive_seconds', 'The keepalive the client asked for in its CONNECT.', (c) => c.identity.keepAliveSec);
  perClient('client_connects_last_minute', 'Connections with the same client id within the last minute.', (c) => c.connectsLastMinute);
  new Gauge({
    name: `${PREFIX}client_ack_latency_seconds`,
    help: 'PUBLISH forwarded to its first ack, over the last sample interval: the broker acking the client, or the client acking deliveries.',
    labelNames: ['client_id', 'side', 'quantile'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [client_id, c] of labelled) {
        const s = c.latest;
        this.set({ client_id, side: 'broker', quantile: '0.5' }, seconds(s.brokerAckP50Ms));
        this.set({ client_id, side: 'broker', quantile: '0.99' }, seconds(s.brokerAckP99Ms));
        this.set({ client_id, side: 'client', quantile: '0.5' }, seconds(s.clientAckP50Ms));
        this.set({ client_id, side: 'client', quantile: '0.99' }, seconds(s.clientAckP99Ms));
      }
    },
  });
  new Gauge({
    name: `${PREFIX}client_verdict_active`,
    help: 'Verdicts on the client: 1 for each rule that holds now.',
    labelNames: ['client_id', 'rule'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [client_id, c] of labelled) {
        for (const rule of INSPECT_VERDICT_RULES) this.set({ client_id, rule }, c.verdicts.some((v) => v.id === rule) ? 1 : 0);
      }
    },
  });

  return {
    update(next) {
      status = next;
      open = next?.clients.filter((c) => c.closedAt === null) ?? [];
      labelled = labelledClients(open, max);
    },
  };
}
