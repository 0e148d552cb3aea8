// Inspect's verdicts on one client: which rules hold for its latest sample, raised and cleared with the same bookkeeping as the engine's alerts.
import type { AlertSeverity } from '../../shared/domain.js';
import { formattersFor } from '../../shared/format/index.js';
import { INSPECT_VERDICT_RULES, type InspectSample, type InspectVerdict, type InspectVerdictParams, type InspectVerdictRule } from '../../shared/inspect.js';
import { inspectVerdictMessage } from '../../shared/locales/wording.js';
import { createTranslator } from '../../shared/locales/translator.js';
import { RuleBook, type RuleChange } from '../monitor/index.js';

/** When each verdict is given. */
export interface VerdictThresholds {
  /** Deliveries waiting on the client this long: not reading. */
  unreadMs: number;
  /** Silence longer than this many keepalive periods: silent. A client pings at 1 × at the latest; the broker drops it at 1.5 ×. */
  silentKeepAlives: number;
  /** In flight at the broker's Receive Maximum for this long. */
  atLimitMs: number;
  /** Ack latency p99, or the oldest unacknowledged publish, above this (either side). */
  ackP99Ms: number;
  /** Connections with one client id within `RECONNECT_WINDOW_SEC`. */
  connectsPerWindow: number;
}

export const DEFAULT_VERDICT_THRESHOLDS: VerdictThresholds = { unreadMs: 1000, silentKeepAlives: 1.25, atLimitMs: 1000, ackP99Ms: 1000, connectsPerWindow: 3 };
export const RECONNECT_WINDOW_SEC = 60;

export const VERDICT_SEVERITY: Record<InspectVerdictRule, AlertSeverity> = {
  refused: 'critical',
  'not-reading': 'critical',
  silent: 'critical',
  'inflight-at-limit': 'warning',
  'acks-slow': 'warning',
  'reconnect-loop': 'critical',
  unparsed: 'warning',
};

/** What the verdicts read besides the sample. */
export interface VerdictContext {
  keepAliveSec: number | null;
  refusal: { reasonCode: number; reason: string } | null;
  connectsInWindow: number;
  unparsedBytes: number;
  unparsedWhy: string | null;
}

const english = { t: createTranslator('en'), f: formattersFor('en') };

export class ClientVerdicts {
  private readonly book = new RuleBook<InspectVerdictRule, InspectVerdictParams>(INSPECT_VERDICT_RULES, VERDICT_SEVERITY, (rule, params) =>
    inspectVerdictMessage(rule, params, english.t, english.f),
  );
  private atLimitSince: number | null = null;

  constructor(private readonly limits: VerdictThresholds = DEFAULT_VERDICT_THRESHOLDS) {}

  judge(sample: InspectSample, context: VerdictContext): RuleChange<InspectVerdict> {
    return this.book.apply(this.holding(sample, context), sample.t) as RuleChange<InspectVerdict>;
  }

  list(): InspectVerdict[] {
    return this.book.list() as InspectVerdict[];
  }

  private holding(s: InspectSample, c: VerdictContext): Partial<InspectVerdictParams> {
    const limits = this.limits;
    const holding: Partial<InspectVerdictParams> = {};
    if (c.refusal) holding.refused = { ...c.refusal };
    if (c.unparsedBytes > 0) holding.unparsed = { bytes: c.unparsedBytes, why: c.unparsedWhy ?? 'unknown' };
    if (c.connectsInWindow >= limits.connectsPerWindow) holding['reconnect-loop'] = { connects: c.connectsInWindow, windowSec: RECONNECT_WINDOW_SEC };
    // What follows is about a live connection; a closed one keeps only the verdicts above.
    if (s.state !== 'connected' && s.state !== 'connecting') {
      this.atLimitSince = null;
      return holding;
    }
    if (s.unreadMs >= limits.unreadMs) holding['not-reading'] = { waitedMs: s.unreadMs, waitingBytes: s.waitingBytes };
    const keepAlive = c.keepAliveSec ?? 0;
    if (keepAlive > 0 && s.sinceClientPacketMs > limits.silentKeepAlives * keepAlive * 1000) {
      holding.silent = { silentMs: s.sinceClientPacketMs, keepAliveSec: keepAlive, times: s.sinceClientPacketMs / (keepAlive * 1000) };
    }
    if (s.inflightLimit !== null && s.inflight >= s.inflightLimit) {
      this.atLimitSince ??= s.t;
      const forMs = s.t - this.atLimitSince;
      if (forMs >= limits.atLimitMs) holding['inflight-at-limit'] = { inflight: s.inflight, limit: s.inflightLimit, forMs };
    } else {
      this.atLimitSince = null;
    }
    // An ack that never comes has no latency to record: the oldest one still awaited counts too.
    const broker = Math.max(s.brokerAckP99Ms ?? 0, s.oldestBrokerAckMs);
    const client = Math.max(s.clientAckP99Ms ?? 0, s.oldestClientAckMs);
    if (Math.max(broker, client) > limits.ackP99Ms) {
      holding['acks-slow'] = broker >= client ? { ms: broker, thresholdMs: limits.ackP99Ms, side: 'broker' } : { ms: client, thresholdMs: limits.ackP99Ms, side: 'client' };
    }
    return holding;
  }
}
