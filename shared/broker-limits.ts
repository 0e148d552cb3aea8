// What the broker's CONNACK granted beside what the client asked, and which of the two binds each limit.
import { publishPacketSize } from './mqtt-sizes.js';

/**
 * What one CONNACK granted, beside what the CONNECT asked. Every granted
 * field is null when the broker did not say (MQTT 3.1.1 never says; a v5
 * broker leaves out a property whose default it keeps).
 */
export interface BrokerGrant {
  protocolVersion: 4 | 5;
  sessionPresent: boolean;
  /** What we asked or hold ourselves to. */
  asked: {
    /** Our in-flight window for QoS 1/2 (live: it follows setInflight). */
    inflight: number;
    keepAliveSec: number;
    /** MQTT 5 only; null under 3.1.1, which cannot ask. */
    sessionExpirySec: number | null;
    /** The largest packet we take, and the largest we send whatever the broker allows. */
    maxPacketSize: number;
    /** How many topic aliases the broker may use towards us; MQTT 5 only. */
    topicAliasMaximum: number | null;
    /** The client id we sent ('' lets the broker choose). */
    clientId: string;
  };
  /** What the broker's CONNACK said; null: it did not say. */
  granted: {
    receiveMaximum: number | null;
    maximumPacketSize: number | null;
    topicAliasMaximum: number | null;
    maximumQoS: number | null;
    retainAvailable: boolean | null;
    wildcardSubscriptionAvailable: boolean | null;
    sharedSubscriptionAvailable: boolean | null;
    subscriptionIdentifiersAvailable: boolean | null;
    serverKeepAliveSec: number | null;
    sessionExpirySec: number | null;
    assignedClientId: string | null;
  };
}

export const LIMIT_IDS = [
  'receiveMaximum',
  'maximumPacketSize',
  'topicAliasMaximum',
  'keepAlive',
  'sessionExpiry',
  'maximumQoS',
  'retainAvailable',
  'wildcardSubscriptions',
  'sharedSubscriptions',
  'subscriptionIdentifiers',
  'clientId',
] as const;
/** One limit the card shows; worded as `limits.name.<id>`. */
export type LimitId = (typeof LIMIT_IDS)[number];

/** What a limit's statement says; worded as `limits.says.<statement>` with the row's params. */
export const LIMIT_STATEMENTS = [
  'windowCapped',
  'windowOurs',
  'packetCapped',
  'packetOurs',
  'aliasesAllowed',
  'aliasesNone',
  'keepAliveOverridden',
  'keepAliveOurs',
  'keepAliveOff',
  'sessionExpiryOverridden',
  'sessionExpiryOurs',
  'qosCapped',
  'qosAll',
  'retainRefused',
  'retainAvailable',
  'wildcardsRefused',
  'wildcardsAvailable',
  'sharedRefused',
  'sharedAvailable',
  'subscriptionIdsRefused',
  'subscriptionIdsAvailable',
  'clientIdAssigned',
  'clientIdOurs',
] as const;
export type LimitStatement = (typeof LIMIT_STATEMENTS)[number];

/** One limit: what we asked, what the broker granted, what is in force, and whether the broker's answer is what binds. */
export interface LimitRow {
  id: LimitId;
  /** null: we did not ask (the CONNECT has no field for it, or 3.1.1). */
  asked: number | boolean | string | null;
  /** null: the broker did not say. */
  granted: number | boolean | string | null;
  /** The value in force on this connection. */
  effective: number | boolean | string;
  /** True when the broker's answer, not our own setting, sets `effective` (lower than asked, overridden, or a feature refused). */
  brokerBinds: boolean;
  statement: LimitStatement;
  params: Record<string, number | string>;
}

/** Every limit of one connection, and the ones the broker binds. */
export interface BrokerLimits {
  protocolVersion: 4 | 5;
  /** False under MQTT 3.1.1: its CONNACK grants nothing explicit, so only our own settings show; the broker's limits show when they are hit. */
  explicit: boolean;
  rows: LimitRow[];
  /** The rows where the broker binds, in the card's order. */
  binding: LimitRow[];
}

/** MQTT 5's defaults for what a CONNACK leaves out. */
const RECEIVE_MAXIMUM_DEFAULT = 65_535;
const HIGHEST_QOS = 2;

/**
 * The largest payload a QoS 1 v5 publish can carry within `packetLimit`,
 * before its topic's bytes (the topic's length prefix, the packet id and an
 * empty property list are counted).
 */
export function payloadMaxFor(packetLimit: number, protocolVersion: 4 | 5): number {
  const propertyBytes = protocolVersion === 5 ? 1 : 0;
  let payload = Math.max(0, packetLimit - publishPacketSize(0, 1, 0, propertyBytes));
  // The remaining length's own size grows with the payload: step down until it fits.
  while (payload > 0 && publishPacketSize(0, 1, payload, propertyBytes) > packetLimit) payload--;
  return payload;
}

/** Works out, for each limit, what is in force and whether the broker's grant is what binds it. */
export function brokerLimits(grant: BrokerGrant): BrokerLimits {
  const { asked, granted } = grant;
  const v5 = grant.protocolVersion === 5;
  const rows: LimitRow[] = [];

  const brokerWindow = granted.receiveMaximum ?? (v5 ? RECEIVE_MAXIMUM_DEFAULT : null);
  const windowCapped = brokerWindow !== null && brokerWindow < asked.inflight;
  const window = windowCapped ? brokerWindow : asked.inflight;
  rows.push({
    id: 'receiveMaximum',
    asked: asked.inflight,
    granted: granted.receiveMaximum,
    effective: window,
    brokerBinds: windowCapped,
    statement: windowCapped ? 'windowCapped' : 'windowOurs',
    params: { asked: asked.inflight, granted: brokerWindow ?? '—', window },
  });

  const packetCapped = granted.maximumPacketSize !== null && granted.maximumPacketSize < asked.maxPacketSize;
  const packetLimit = packetCapped ? granted.maximumPacketSize! : asked.maxPacketSize;
  rows.push({
    id: 'maximumPacketSize',
    asked: asked.maxPacketSize,
    granted: granted.maximumPacketSize,
    effective: packetLimit,
    brokerBinds: packetCapped,
    statement: packetCapped ? 'packetCapped' : 'packetOurs',
    params: { asked: asked.maxPacketSize, granted: granted.maximumPacketSize ?? '—', limit: packetLimit, payload: payloadMaxFor(packetLimit, grant.protocolVersion) },
  });

  if (v5) {
    const aliases = granted.topicAliasMaximum ?? 0;
    rows.push({
      id: 'topicAliasMaximum',
      asked: asked.topicAliasMaximum,
      granted: granted.topicAliasMaximum,
      effective: aliases,
      // We would use aliases towards the broker; none granted means every publish carries its topic.
      brokerBinds: aliases === 0,
      statement: aliases > 0 ? 'aliasesAllowed' : 'aliasesNone',
      params: { granted: aliases, asked: asked.topicAliasMaximum ?? 0 },
    });
  }

  const keepAlive = granted.serverKeepAliveSec ?? asked.keepAliveSec;
  const keepAliveOverridden = granted.serverKeepAliveSec !== null && granted.serverKeepAliveSec !== asked.keepAliveSec;
  rows.push({
    id: 'keepAlive',
    asked: asked.keepAliveSec,
    granted: granted.serverKeepAliveSec,
    effective: keepAlive,
    brokerBinds: keepAliveOverridden,
    statement: keepAliveOverridden ? 'keepAliveOverridden' : keepAlive === 0 ? 'keepAliveOff' : 'keepAliveOurs',
    params: { asked: asked.keepAliveSec, granted: keepAlive },
  });

  if (v5 && asked.sessionExpirySec !== null) {
    const expiry = granted.sessionExpirySec ?? asked.sessionExpirySec;
    const overridden = granted.sessionExpirySec !== null && granted.sessionExpirySec !== asked.sessionExpirySec;
    rows.push({
      id: 'sessionExpiry',
      asked: asked.sessionExpirySec,
      granted: granted.sessionExpirySec,
      effective: expiry,
      brokerBinds: overridden,
      statement: overridden ? 'sessionExpiryOverridden' : 'sessionExpiryOurs',
      params: { asked: asked.sessionExpirySec, granted: expiry },
    });
  }

  if (v5) {
    const qos = granted.maximumQoS ?? HIGHEST_QOS;
    rows.push({
      id: 'maximumQoS',
      asked: null,
      granted: granted.maximumQoS,
      effective: qos,
      brokerBinds: qos < HIGHEST_QOS,
      statement: qos < HIGHEST_QOS ? 'qosCapped' : 'qosAll',
      params: { granted: qos },
    });
    rows.push(feature('retainAvailable', granted.retainAvailable, 'retainAvailable', 'retainRefused'));
    rows.push(feature('wildcardSubscriptions', granted.wildcardSubscriptionAvailable, 'wildcardsAvailable', 'wildcardsRefused'));
    rows.push(feature('sharedSubscriptions', granted.sharedSubscriptionAvailable, 'sharedAvailable', 'sharedRefused'));
    rows.push(feature('subscriptionIdentifiers', granted.subscriptionIdentifiersAvailable, 'subscriptionIdsAvailable', 'subscriptionIdsRefused'));
  }

  const assigned = granted.assignedClientId;
  rows.push({
    id: 'clientId',
    asked: asked.clientId,
    granted: assigned,
    effective: assigned ?? asked.clientId,
    brokerBinds: assigned !== null,
    statement: assigned !== null ? 'clientIdAssigned' : 'clientIdOurs',
    params: { asked: asked.clientId, granted: assigned ?? asked.clientId },
  });

  return { protocolVersion: grant.protocolVersion, explicit: v5, rows, binding: rows.filter((row) => row.brokerBinds) };
}

/** A v5 feature flag: absent means available (the spec's default). */
function feature(id: LimitId, granted: boolean | null, available: LimitStatement, refused: LimitStatement): LimitRow {
  const on = granted ?? true;
  return { id, asked: null, granted, effective: on, brokerBinds: !on, statement: on ? available : refused, params: {} };
}
