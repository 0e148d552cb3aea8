// Words built from data, one source for every side: alert messages from
// their rule and numbers, log lines from their catalogue key and params, the
// diagnostics summary, and why a bundle cannot be opened. Each function takes
// a `Translate` (i18next's `t` in the renderer, `createTranslator` in the main
// process and the CLI) and the Intl formatters of the same language.
import type { SummaryItem } from '../diagnostics/summary.js';
import { ALERT_RULES, OVERFLOW_POLICIES, type Alert, type AlertParams, type AlertRule, type ErrorInfo, type LogEntry, type OverflowPolicy } from '../domain.js';
import type { Formatters } from '../format/index.js';
import { INSPECT_VERDICT_RULES, type InspectVerdict, type InspectVerdictParams, type InspectVerdictRule } from '../inspect.js';
import { BUNDLE_PROBLEMS, CONNACK_CODES, CONNECT_ERROR_KINDS, LOG_KEYS, type BundleProblem, type LogKey } from './keys.js';

type ConnectErrorKind = (typeof CONNECT_ERROR_KINDS)[number];

/** A catalogue lookup: the message of `key`, worded with `values`. */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

/** What a log line carries besides its key: strings and numbers only, flags as 'true' / 'false'. */
export type LogParams = Record<string, string | number>;

type Loose = Record<string, unknown>;

/** A parameter as text: strings and numbers as they are, anything else (absent, or an object from a damaged bundle) as nothing. */
const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '');
const num = (value: unknown): number => (typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN);
const flag = (value: unknown): 'true' | 'false' => (value === true || value === 'true' ? 'true' : 'false');
/** ICU select keys cannot hold dashes: stall-socket → stallSocket. */
const selector = (value: unknown): string => text(value).replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/** A CONNACK reason code in words, when the catalogue knows it. */
export function connackName(t: Translate, code: number | null | undefined): string | null {
  if (code === null || code === undefined || !(CONNACK_CODES as readonly number[]).includes(code)) return null;
  return t(`connack.${code}`);
}

/** A reason code as MQTT documents write it: 0x87. */
export function hexCode(code: number): string {
  return `0x${code.toString(16).padStart(2, '0')}`;
}

export function policyName(t: Translate, policy: unknown): string {
  return typeof policy === 'string' && (OVERFLOW_POLICIES as readonly string[]).includes(policy) ? t(`policy.${policy as OverflowPolicy}`) : text(policy);
}

/** Which kind of failure a connection error is, for a heading a person recognises (`connectError.<kind>`). */
export function connectErrorKind(error: Pick<ErrorInfo, 'kind' | 'code'>): ConnectErrorKind {
  if (error.kind === 'protocol') return 'protocol';
  if (error.kind !== 'connection') return 'other';
  const connectionKinds: readonly string[] = ['refused', 'timeout', 'network', 'dns', 'tls', 'closed-by-peer'];
  return connectionKinds.includes(error.code) ? (error.code as ConnectErrorKind) : 'other';
}

/** What a failed connection attempt means and what to check, in the reader's language (the engine's own words are the detail). */
export function connectErrorText(error: Pick<ErrorInfo, 'kind' | 'code' | 'reasonCode'>, t: Translate): string {
  const kind = connectErrorKind(error);
  const code = error.reasonCode !== undefined ? hexCode(error.reasonCode) : '';
  const reason = kind === 'refused' && error.reasonCode !== undefined ? (connackName(t, error.reasonCode) ?? code) : '';
  return t(`connectError.${kind}`, { reason, code });
}

function isRule(value: unknown): value is AlertRule {
  return typeof value === 'string' && (ALERT_RULES as readonly string[]).includes(value);
}

/** The values an alert's catalogue message is worded with, from its params (as sent, or flattened in a log line). */
export function alertValues(rule: AlertRule, params: Loose, t: Translate, f: Formatters): Record<string, string | number> {
  switch (rule) {
    case 'loop-stalled':
      return { paused: flag(params.paused), seconds: f.decimal(num(params.sinceLastPollMs) / 1000), depth: num(params.depth) || 0 };
    case 'channel-nearly-full':
      return { depth: num(params.depth), capacity: num(params.capacity), percent: Math.round(num(params.percent)), seconds: f.count(Math.floor(num(params.forMs) / 1000)) };
    case 'try-publish-failing':
      return { rate: f.decimal(num(params.failedPerSec)) };
    case 'messages-dropped': {
      // Named by what actually dropped: the policy may have been switched during the interval.
      const oldest = num(params.droppedOldestPerSec) || 0;
      const newest = num(params.droppedNewestPerSec) || 0;
      return { rate: f.decimal(oldest + newest), which: oldest > 0 && newest > 0 ? 'both' : oldest > 0 ? 'oldest' : 'newest' };
    }
    case 'ping-slow':
      return { rtt: num(params.pingRttMs), threshold: num(params.thresholdMs) };
    case 'reconnect-loop': {
      const code = params.refusedWith === null || params.refusedWith === undefined || params.refusedWith === '' ? null : num(params.refusedWith);
      const refused = code !== null && !Number.isNaN(code);
      const error = typeof params.lastErrorMessage === 'string' ? params.lastErrorMessage : '';
      const reason = refused ? connackName(t, code) : null;
      return {
        every: f.duration(num(params.everyMs)),
        attempts: num(params.attempts),
        why: refused ? (reason ? 'refused' : 'refusedCode') : error ? 'error' : 'none',
        code: refused ? hexCode(code) : '',
        reason: reason ?? '',
        error,
      };
    }
  }
}

/** An alert's plain-language message; throws when its params cannot word it. */
export function alertMessage<R extends AlertRule>(rule: R, params: AlertParams[R], t: Translate, f: Formatters): string {
  return t(`alerts.${rule}`, alertValues(rule, params, t, f));
}

/** The values an Inspect verdict's catalogue message is worded with, from its params (as sent, or flattened in a log line). */
export function inspectVerdictValues(rule: InspectVerdictRule, p: Loose, t: Translate, f: Formatters): Record<string, string | number> {
  switch (rule) {
    case 'refused': {
      const code = num(p.reasonCode);
      return { code: hexCode(code), reason: connackName(t, code) ?? text(p.reason) };
    }
    case 'not-reading':
      return { seconds: f.decimal(Math.floor(num(p.waitedMs) / 100) / 10), bytes: f.bytes(num(p.waitingBytes)) };
    case 'silent':
      return { times: f.decimal(Math.floor(num(p.times) * 10) / 10), seconds: f.decimal(Math.floor(num(p.silentMs) / 100) / 10), keepAlive: num(p.keepAliveSec) };
    case 'inflight-at-limit':
      return { inflight: num(p.inflight), limit: num(p.limit), seconds: f.count(Math.floor(num(p.forMs) / 1000)) };
    case 'acks-slow':
      return { latency: f.latency(num(p.ms)), threshold: f.latency(num(p.thresholdMs)), side: p.side === 'client' ? 'client' : 'broker' };
    case 'reconnect-loop':
      return { connects: num(p.connects), seconds: num(p.windowSec) };
    case 'unparsed':
      return { bytes: f.bytes(num(p.bytes)), why: text(p.why) };
  }
}

/** An Inspect verdict's plain-language message. */
export function inspectVerdictMessage<R extends InspectVerdictRule>(rule: R, params: InspectVerdictParams[R], t: Translate, f: Formatters): string {
  return t(`inspectVerdict.${rule}`, inspectVerdictValues(rule, params, t, f));
}

/** A verdict in the reader's language; its English message when its params do not fit (a damaged bundle). */
export function inspectVerdictText(verdict: Pick<InspectVerdict, 'id' | 'params' | 'message'>, t: Translate, f: Formatters): string {
  if (!isVerdictRule(verdict.id)) return verdict.message;
  try {
    return inspectVerdictMessage(verdict.id, verdict.params, t, f);
  } catch {
    return verdict.message;
  }
}

function isVerdictRule(value: unknown): value is InspectVerdictRule {
  return typeof value === 'string' && (INSPECT_VERDICT_RULES as readonly string[]).includes(value);
}

/** An alert in the reader's language; its English `message` when its params do not fit. */
export function alertText(alert: Pick<Alert, 'id' | 'params' | 'message'>, t: Translate, f: Formatters): string {
  try {
    return alertMessage(alert.id, alert.params, t, f);
  } catch {
    return alert.message;
  }
}

/** An alert's (or an Inspect verdict's) params as a log line carries them: booleans as 'true' / 'false', nulls left out. */
export function flattenAlertParams(params: AlertParams[AlertRule] | InspectVerdictParams[InspectVerdictRule]): LogParams {
  const flat: LogParams = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'number' || typeof value === 'string') flat[name] = value;
    else if (typeof value === 'boolean') flat[name] = String(value);
  }
  return flat;
}

/**
 * A log line's message from its key and params; throws when the key is not
 * one of LOG_KEYS or its params do not fit (the English `message` of the main
 * process is made here, so a wrong one fails loudly in its tests).
 */
export function logMessage(key: LogKey, params: LogParams, t: Translate, f: Formatters): string {
  const p: Loose = params;
  switch (key) {
    case 'log.policy-changed':
      return t(key, { from: policyName(t, p.from), to: policyName(t, p.to) });
    case 'log.load-started':
      return t(key, { ...p, rate: num(p.rate), burst: num(p.burst), payloadSize: f.bytes(num(p.payloadSize)), mode: t(`publishMode.${p.mode === 'publish' ? 'publish' : 'tryPublish'}`) });
    case 'log.rejected-too-large':
      return t(key, { topic: text(p.topic), size: f.bytes(num(p.size)), limit: f.bytes(num(p.limit)) });
    case 'log.alert-raised':
    case 'log.alert-cleared': {
      if (!isRule(p.rule)) throw new Error(`${key}: unknown alert rule ${String(p.rule)}`);
      if (key === 'log.alert-cleared') return t(key, { alert: t(`alertTitle.${p.rule}`) });
      return t(key, { alert: t(`alerts.${p.rule}`, alertValues(p.rule, p, t, f)) });
    }
    case 'log.inspect-verdict':
    case 'log.inspect-verdict-cleared': {
      if (!isVerdictRule(p.rule)) throw new Error(`${key}: unknown verdict ${String(p.rule)}`);
      const client = t('log.inspect-client', { connection: num(p.connection), clientId: text(p.clientId) || '?' });
      if (key === 'log.inspect-verdict-cleared') return t(key, { client, verdict: t(`inspectVerdictTitle.${p.rule}`) });
      return t(key, { client, verdict: t(`inspectVerdict.${p.rule}`, inspectVerdictValues(p.rule, p, t, f)) });
    }
    case 'log.report-alert':
    case 'log.report-alert-cleared': {
      if (!isRule(p.rule)) throw new Error(`${key}: unknown alert rule ${String(p.rule)}`);
      const client = text(p.clientId) || '?';
      if (key === 'log.report-alert-cleared') return t(key, { client, alert: t(`alertTitle.${p.rule}`) });
      return t(key, { client, alert: t(`alerts.${p.rule}`, alertValues(p.rule, p, t, f)) });
    }
    case 'log.report-bad':
      return t(key, { topic: text(p.topic), kind: t(`badReport.${text(p.kind)}`), detail: text(p.detail), hasDetail: text(p.detail) === '' ? 'false' : 'true', count: num(p.count) });
    case 'log.inspect-started':
      return t(key, { listen: text(p.listen), upstream: text(p.upstream) });
    case 'log.inspect-stopped':
      return t(key, { connections: num(p.connections) });
    case 'log.drill-started':
    case 'log.drill-ended': {
      const kind = text(p.kind);
      const value = num(p.value);
      const shown = kind === 'throttle' ? t('charts.perSecond', { rate: f.bytes(value) }) : kind === 'stall-socket' ? f.duration(value * 1000) : kind === 'slow-poll' ? f.duration(value) : '';
      return key === 'log.drill-started' ? t(key, { kind: selector(kind), value: shown }) : t(key, { kind: selector(kind), connectionLost: flag(p.connectionLost) });
    }
    default:
      if (!Object.hasOwn(LOG_KEYS, key)) throw new Error(`unknown log key ${key}`);
      return t(key, p);
  }
}

/** A log line in the reader's language: by its key when the catalogue knows it, else its English text. */
export function logText(entry: LogEntry, t: Translate, f: Formatters): string {
  const key = entry.key;
  if (!key || !Object.hasOwn(LOG_KEYS, key)) return entry.message;
  try {
    return logMessage(key as LogKey, entry.params ?? {}, t, f);
  } catch {
    return entry.message;
  }
}

/** One line of a bundle's summary. Times are the reader's wall clock unless `f.axisTime` says otherwise. */
export function summaryLine({ key, params: p }: SummaryItem, t: Translate, f: Formatters): string {
  const time = (value: unknown) => f.axisTime(num(value));
  const seconds = (value: unknown) => f.decimal(num(value) || 0);
  const during = () => t('summary.during', { ongoing: flag(p.ongoing), from: time(p.from), to: time(p.to), seconds: seconds(p.seconds) });
  switch (key) {
    case 'summary.empty':
    case 'summary.quiet':
      return t(key);
    case 'summary.span':
      return t(key, { from: time(p.from), to: time(p.to), seconds: seconds(p.seconds), samples: num(p.samples) });
    case 'summary.loop-stalled':
      return t(key, { during: during(), paused: flag(p.paused) });
    case 'summary.channel-full':
      return t(key, { seconds: seconds(p.seconds) });
    case 'summary.channel-peak':
      return t(key, { depth: f.count(num(p.depth)), capacity: f.count(num(p.capacity)), percent: num(p.percent), at: time(p.at) });
    case 'summary.try-failures':
    case 'summary.reconnects':
    case 'summary.lost-publishes':
      return t(key, { count: num(p.count) });
    case 'summary.dropped':
      return t(key, { oldest: f.count(num(p.oldest)), newest: f.count(num(p.newest)) });
    case 'summary.connection-error':
      return t(key, { count: num(p.count), code: String(p.code ?? ''), message: String(p.message ?? ''), first: time(p.first), last: time(p.last) });
    case 'summary.alert':
      return t(key, { alert: isRule(p.rule) ? t(`alertTitle.${p.rule}`) : String(p.rule ?? ''), count: num(p.count), seconds: seconds(p.seconds) });
    case 'summary.drill':
      return t(key, { kind: selector(p.kind), value: f.count(num(p.value) || 0), from: time(p.from), during: during() });
  }
}

/** The whole summary, one line per item. */
export function summaryLines(items: readonly SummaryItem[], t: Translate, f: Formatters): string[] {
  return items.map((item) => summaryLine(item, t, f));
}

/** Why a file is not a bundle that can be opened, in the reader's language. */
export function bundleErrorText(problem: BundleProblem, params: LogParams, t: Translate): string {
  if (!(BUNDLE_PROBLEMS as readonly string[]).includes(problem)) throw new Error(`unknown bundle problem ${problem}`);
  const p: Loose = params;
  switch (problem) {
    case 'truncated':
      return t('bundleError.truncated', { length: num(p.length) });
    case 'newer-version':
      return t('bundleError.newer-version', { version: num(p.version), supported: num(p.supported) });
    case 'damaged':
      return t('bundleError.damaged', { field: text(p.field), detail: text(p.detail), more: num(p.more) || 0 });
    default:
      return t(`bundleError.${problem}`, p);
  }
}
