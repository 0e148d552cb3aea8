// Inspect's verdicts in words, from their rule and numbers, for every side (the proxy's English message, the UI and CLI in the reader's language).
import { INSPECT_VERDICT_RULES, type InspectVerdict, type InspectVerdictParams, type InspectVerdictRule } from '../inspect.js';
import type { Formatters } from '../format/index.js';
import { connackName, hexCode, type Translate } from './wording.js';

/** The values a verdict's catalogue message is worded with. */
function verdictValues<R extends InspectVerdictRule>(rule: R, params: InspectVerdictParams[R], t: Translate, f: Formatters): Record<string, string | number> {
  switch (rule) {
    case 'refused': {
      const p = params as InspectVerdictParams['refused'];
      return { code: hexCode(p.reasonCode), reason: connackName(t, p.reasonCode) ?? p.reason };
    }
    case 'not-reading': {
      const p = params as InspectVerdictParams['not-reading'];
      return { seconds: f.decimal(Math.floor(p.waitedMs / 100) / 10), bytes: f.bytes(p.waitingBytes) };
    }
    case 'silent': {
      const p = params as InspectVerdictParams['silent'];
      return { times: f.decimal(Math.floor(p.times * 10) / 10), seconds: f.decimal(Math.floor(p.silentMs / 100) / 10), keepAlive: p.keepAliveSec };
    }
    case 'inflight-at-limit': {
      const p = params as InspectVerdictParams['inflight-at-limit'];
      return { inflight: p.inflight, limit: p.limit, seconds: f.count(Math.floor(p.forMs / 1000)) };
    }
    case 'acks-slow': {
      const p = params as InspectVerdictParams['acks-slow'];
      return { latency: f.latency(p.ms), threshold: f.latency(p.thresholdMs), side: p.side };
    }
    case 'reconnect-loop': {
      const p = params as InspectVerdictParams['reconnect-loop'];
      return { connects: p.connects, seconds: p.windowSec };
    }
    default: {
      const p = params as InspectVerdictParams['unparsed'];
      return { bytes: f.bytes(p.bytes), why: p.why };
    }
  }
}

/** A verdict's plain-language message. */
export function inspectVerdictMessage<R extends InspectVerdictRule>(rule: R, params: InspectVerdictParams[R], t: Translate, f: Formatters): string {
  return t(`inspectVerdict.${rule}`, verdictValues(rule, params, t, f));
}

/** A verdict in the reader's language; its English message when its params do not fit (a damaged bundle). */
export function inspectVerdictText(verdict: Pick<InspectVerdict, 'id' | 'params' | 'message'>, t: Translate, f: Formatters): string {
  if (!(INSPECT_VERDICT_RULES as readonly string[]).includes(verdict.id)) return verdict.message;
  try {
    return inspectVerdictMessage(verdict.id, verdict.params, t, f);
  } catch {
    return verdict.message;
  }
}
