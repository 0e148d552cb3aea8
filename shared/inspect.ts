// What Inspect reports about each client connection it forwards: the contract between the proxy and whoever shows it (UI, CLI, exports).
import type { AlertSeverity } from './domain.js';

/** Where a forwarded connection is in its life. */
export const INSPECT_STATES = ['connecting', 'connected', 'refused', 'closed'] as const;
export type InspectState = (typeof INSPECT_STATES)[number];

/** Who the client said it was, from its CONNECT (never the password). */
export interface InspectIdentity {
  clientId: string | null;
  /** 3 (3.1), 4 (3.1.1) or 5; null until the CONNECT is seen. */
  protocolVersion: 3 | 4 | 5 | null;
  keepAliveSec: number | null;
  cleanStart: boolean | null;
  username: string | null;
  /** True when the CONNECT carried a password (whose value the proxy never keeps). */
  hasPassword: boolean;
  /** MQTT 5: the Receive Maximum the client asked the broker to respect; null when absent. */
  receiveMaximum: number | null;
}

/** What the broker answered in its CONNACK. */
export interface InspectGrant {
  /** 0 accepted; a 3.1.1 return code or an MQTT 5 reason code otherwise. */
  reasonCode: number;
  /** The reason in words ("not authorized"). */
  reason: string;
  sessionPresent: boolean;
  /** MQTT 5 limits; null when the broker did not send them (3.1.1, or the default). */
  receiveMaximum: number | null;
  maximumPacketSize: number | null;
  topicAliasMaximum: number | null;
  serverKeepAliveSec: number | null;
  assignedClientId: string | null;
}

/** One subscription the client asked for, and what the broker granted. */
export interface InspectSubscription {
  topic: string;
  qos: number;
  /** The SUBACK's code for it (0..2 granted QoS, ≥ 0x80 refused); null until the SUBACK. */
  granted: number | null;
}

/** How a forwarded connection ended. */
export interface InspectEnding {
  /** Who closed it: the client, the broker, or the proxy (upstream unreachable, the proxy stopped). */
  by: 'client' | 'broker' | 'proxy';
  /** True when a DISCONNECT packet was sent first (a clean goodbye). */
  clean: boolean;
  /** The DISCONNECT's MQTT 5 reason code, when it had one. */
  reasonCode: number | null;
  /** Plain words: "the client sent DISCONNECT", "the broker closed the connection without DISCONNECT". */
  reason: string;
}

/** Counts since the connection opened, per direction. */
export interface InspectTotals {
  /** Client → broker PUBLISH packets by QoS (0, 1, 2). */
  publishes: [number, number, number];
  /** PUBLISH packets the client resent with DUP set. */
  dupResends: number;
  bytesUp: number;
  /** Broker → client PUBLISH packets by QoS. */
  deliveries: [number, number, number];
  bytesDown: number;
  /** Bytes forwarded that could not be read as MQTT (client → broker, broker → client). */
  unparsedUp: number;
  unparsedDown: number;
  /** Packets that were framed but could not be decoded. */
  undecodable: number;
  /** Total time the broker → client direction waited on the client (ms). */
  unreadMs: number;
}

/** The numbers of one connection at one instant: what the charts plot. */
export interface InspectSample {
  /** Wall-clock ms. */
  t: number;
  state: InspectState;
  /** Client → broker PUBLISH/s, all QoS, and by QoS. */
  publishRate: number;
  publishRateByQos: [number, number, number];
  bytesUpRate: number;
  /** Broker → client PUBLISH/s. */
  deliveryRate: number;
  bytesDownRate: number;
  /** The client's QoS 1/2 publishes the broker has not yet acknowledged (PUBACK, PUBCOMP). */
  inflight: number;
  /** The bound on `inflight`: the broker's Receive Maximum (65,535 when it sent none to an MQTT 5 client); null when unknown (3.1.1). */
  inflightLimit: number | null;
  /** Deliveries the client has not acknowledged yet (QoS 1/2). */
  deliveriesUnacked: number;
  /** Broker ack latency (PUBLISH forwarded → PUBACK/PUBREC back) over the interval, ms. */
  brokerAckP50Ms: number | null;
  brokerAckP99Ms: number | null;
  /** The client's ack latency for deliveries (PUBLISH forwarded → its PUBACK/PUBREC), ms. */
  clientAckP50Ms: number | null;
  clientAckP99Ms: number | null;
  /** Age of the oldest QoS 1/2 publish still waiting for its first ack, broker side and client side (ms); 0 when none waits. */
  oldestBrokerAckMs: number;
  oldestClientAckMs: number;
  /** How long deliveries have waited on the client now (the broker → client direction is paused because the client does not read); 0 when it reads. */
  unreadMs: number;
  /** Bytes the proxy holds for the client because it does not read (on top of what the kernel's buffers hold). */
  waitingBytes: number;
  /** How long the broker has not read what the client sends; 0 when it reads. */
  brokerUnreadMs: number;
  /** Time since the client's last packet, ms. */
  sinceClientPacketMs: number;
}

export const INSPECT_VERDICT_RULES = ['refused', 'not-reading', 'silent', 'inflight-at-limit', 'acks-slow', 'reconnect-loop', 'unparsed'] as const;
export type InspectVerdictRule = (typeof INSPECT_VERDICT_RULES)[number];

/** The numbers each verdict's message is worded with. */
export interface InspectVerdictParams {
  refused: { reasonCode: number; reason: string };
  'not-reading': { waitedMs: number; waitingBytes: number };
  silent: { silentMs: number; keepAliveSec: number; times: number };
  'inflight-at-limit': { inflight: number; limit: number; forMs: number };
  /** ms: the slower of the interval's p99 and the age of the oldest unacknowledged publish. */
  'acks-slow': { ms: number; thresholdMs: number; side: 'broker' | 'client' };
  'reconnect-loop': { connects: number; windowSec: number };
  unparsed: { bytes: number; why: string };
}

/** A verdict on one client, raised while its rule holds and cleared when it stops. */
export type InspectVerdict = {
  [R in InspectVerdictRule]: { id: R; severity: AlertSeverity; message: string; since: number; params: InspectVerdictParams[R] };
}[InspectVerdictRule];

/** Everything known about one forwarded connection. */
export interface InspectClient {
  /** The proxy's own number for the connection (1, 2, …). */
  connection: number;
  /** The client's address as the proxy sees it: "127.0.0.1:53422". */
  remote: string;
  openedAt: number;
  closedAt: number | null;
  identity: InspectIdentity;
  grant: InspectGrant | null;
  subscriptions: InspectSubscription[];
  totals: InspectTotals;
  latest: InspectSample;
  verdicts: InspectVerdict[];
  ending: InspectEnding | null;
  /** Connections with the same client id within the last minute, this one included. */
  connectsLastMinute: number;
}

/** The proxy as a whole. */
export interface InspectStatus {
  listening: boolean;
  /** "127.0.0.1:18830" while listening. */
  listen: string | null;
  /** "mqtt://broker:1883". */
  upstream: string | null;
  clients: InspectClient[];
}
