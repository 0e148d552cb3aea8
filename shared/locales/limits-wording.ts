// Words for the broker's limits and the probe's checks, from their data: one source for the card, the log and tests.
import type { BrokerLimits, LimitRow } from '../broker-limits.js';
import type { ProbeCheck } from '../broker-probe.js';
import type { Formatters } from '../format/index.js';
import { connackName, hexCode, type Translate } from './wording.js';

/** Params a statement shows as sizes in bytes, exact. */
const BYTE_PARAMS = new Set(['asked', 'granted', 'limit', 'payload']);
/** Statements whose asked/granted are seconds. */
const SECONDS_STATEMENTS = new Set(['keepAliveOverridden', 'keepAliveOurs', 'sessionExpiryOverridden', 'sessionExpiryOurs']);

/** One limit's statement in words: "window 100 asked, the broker allows 20". */
export function limitStatementText(row: LimitRow, t: Translate, f: Formatters): string {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(row.params)) {
    if (typeof value !== 'number') values[name] = value;
    else if (SECONDS_STATEMENTS.has(row.statement)) values[name] = f.seconds(value);
    else if (row.id === 'maximumPacketSize' && BYTE_PARAMS.has(name)) values[name] = t('limits.bytes', { bytes: f.count(value) });
    else values[name] = f.count(value);
  }
  return t(`limits.says.${row.statement}`, values);
}

/** A value of the asked or granted column: '—' for "not asked" / "did not say". */
export function limitValueText(row: LimitRow, value: LimitRow['asked'], t: Translate, f: Formatters): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return t(value ? 'limits.yes' : 'limits.no');
  if (typeof value === 'string') return value === '' ? t('limits.brokerChooses') : value;
  if (row.id === 'maximumPacketSize') return f.bytes(value);
  if (row.id === 'keepAlive' || row.id === 'sessionExpiry') return f.seconds(value);
  return f.count(value);
}

/**
 * What MQTT 5 means when a CONNACK leaves a property out: the broker
 * supports the highest QoS, retain, wildcards, shared subscriptions and
 * subscription identifiers. (3.1.1 grants nothing, so there it means nothing.)
 */
const WHEN_NOT_ANNOUNCED: Partial<Record<LimitRow['id'], number | boolean>> = {
  maximumQoS: 2,
  retainAvailable: true,
  wildcardSubscriptions: true,
  sharedSubscriptions: true,
  subscriptionIdentifiers: true,
};

/** The granted column: the value, or under MQTT 5 what a property left out means (`announced` false, for the card to mark). */
export function grantedValue(row: LimitRow, limits: Pick<BrokerLimits, 'explicit'>, t: Translate, f: Formatters): { text: string; announced: boolean } {
  const implied = WHEN_NOT_ANNOUNCED[row.id];
  if (row.granted !== null || !limits.explicit || implied === undefined) return { text: limitValueText(row, row.granted, t, f), announced: true };
  return { text: limitValueText(row, implied, t, f), announced: false };
}

/** The binding limits in one sentence each, or why there is nothing to say. */
export function bindingSummary(limits: BrokerLimits, t: Translate, f: Formatters): string[] {
  if (!limits.explicit) return [t('limits.v311')];
  if (limits.binding.length === 0) return [t('limits.noneBinding')];
  return limits.binding.map((row) => limitStatementText(row, t, f));
}

/** Why a probe check ended as it did, in words, with its codes and numbers. */
export function probeReasonText(check: ProbeCheck, t: Translate): string {
  const code = check.reasonCode ?? (check.subscriptionCode !== null && check.subscriptionCode >= 0x80 ? check.subscriptionCode : null);
  const codeText = code === null ? '' : `${connackName(t, code) ?? ''} (${hexCode(code)})`.trim();
  return t(`probe.reason.${check.reason}`, {
    qos: check.qos,
    granted: check.subscriptionCode ?? '—',
    delivered: check.deliveredQos ?? '—',
    code: codeText === '' ? t('probe.noCode') : codeText,
  });
}
