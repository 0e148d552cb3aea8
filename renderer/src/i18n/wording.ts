// Words built from data: alert messages from their rule and numbers, log
// lines from their catalogue key and params. English `message` texts are
// the fallback when a line has no key (or its params do not fit).
import type { TFunction } from 'i18next';
import type { Alert, AlertRule, LogEntry, OverflowPolicy } from '../../../shared/domain.js';
import { ALERT_RULES, OVERFLOW_POLICIES } from '../../../shared/domain.js';
import { CONNACK_CODES, LOG_KEYS } from '../../../shared/locales/keys.js';
import type { Formatters } from '../format/index.js';

type Loose = Record<string, unknown>;

const num = (value: unknown): number => (typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN);
const flag = (value: unknown): 'true' | 'false' => (value === true || value === 'true' ? 'true' : 'false');

/** A CONNACK reason code in words, when the catalogue knows it. */
export function connackName(t: TFunction, code: number | null | undefined): string | null {
  if (code === null || code === undefined || !(CONNACK_CODES as readonly number[]).includes(code)) return null;
  return t(`connack.${code}`);
}

/** A reason code as MQTT documents write it: 0x87. */
export function hexCode(code: number): string {
  return `0x${code.toString(16).padStart(2, '0')}`;
}

export function policyName(t: TFunction, policy: unknown): string {
  return typeof policy === 'string' && (OVERFLOW_POLICIES as readonly string[]).includes(policy) ? t(`policy.${policy as OverflowPolicy}`) : String(policy ?? '');
}

/** The values an alert's catalogue message is worded with, from its params (as sent, or flattened in a log line). */
export function alertValues(rule: AlertRule, params: Loose, t: TFunction, f: Formatters): Record<string, string | number> {
  switch (rule) {
    case 'loop-stalled':
      return { paused: flag(params.paused), seconds: f.decimal(num(params.sinceLastPollMs) / 1000), depth: num(params.depth) || 0 };
    case 'channel-nearly-full':
      return { depth: num(params.depth), capacity: num(params.capacity), percent: Math.round(num(params.percent)), seconds: f.count(Math.floor(num(params.forMs) / 1000)) };
    case 'try-publish-failing':
      return { rate: f.decimal(num(params.failedPerSec)) };
    case 'messages-dropped': {
      const oldest = num(params.droppedOldestPerSec) || 0;
      const newest = num(params.droppedNewestPerSec) || 0;
      return { rate: f.decimal(oldest + newest), which: oldest > 0 && newest > 0 ? 'both' : oldest > 0 ? 'oldest' : 'newest' };
    }
    case 'ping-slow':
      return { rtt: num(params.pingRttMs), threshold: num(params.thresholdMs) };
    case 'reconnect-loop': {
      const code = params.refusedWith === null || params.refusedWith === undefined || params.refusedWith === '' ? null : num(params.refusedWith);
      const error = typeof params.lastErrorMessage === 'string' ? params.lastErrorMessage : '';
      return {
        every: f.duration(num(params.everyMs)),
        attempts: num(params.attempts),
        why: code !== null && !Number.isNaN(code) ? 'refused' : error ? 'error' : 'none',
        code: code !== null && !Number.isNaN(code) ? hexCode(code) : '',
        reason: (code !== null && connackName(t, code)) || '',
        error,
      };
    }
  }
}

function isRule(value: unknown): value is AlertRule {
  return typeof value === 'string' && (ALERT_RULES as readonly string[]).includes(value);
}

/** An alert in the reader's language. */
export function alertText(alert: Pick<Alert, 'id' | 'params' | 'message'>, t: TFunction, f: Formatters): string {
  try {
    return t(`alerts.${alert.id}`, alertValues(alert.id, alert.params as unknown as Loose, t, f));
  } catch {
    return alert.message;
  }
}

/** A log line in the reader's language: by its key when it has one the catalogue knows, else its English text. */
export function logText(entry: LogEntry, t: TFunction, f: Formatters): string {
  const key = entry.key;
  if (!key || !Object.hasOwn(LOG_KEYS, key)) return entry.message;
  const p: Loose = entry.params ?? {};
  try {
    switch (key as keyof typeof LOG_KEYS) {
      case 'log.policy-changed':
        return t('log.policy-changed', { from: policyName(t, p.from), to: policyName(t, p.to) });
      case 'log.load-started':
        return t('log.load-started', { ...p, rate: num(p.rate), burst: num(p.burst), payloadSize: f.bytes(num(p.payloadSize)), mode: t(`publishMode.${p.mode === 'publish' ? 'publish' : 'tryPublish'}`) });
      case 'log.rejected-too-large':
        return t('log.rejected-too-large', { topic: String(p.topic ?? ''), size: f.bytes(num(p.size)), limit: f.bytes(num(p.limit)) });
      case 'log.alert-raised':
      case 'log.alert-cleared': {
        if (!isRule(p.rule)) return entry.message;
        if (key === 'log.alert-cleared') return t('log.alert-cleared', { alert: t(`alertTitle.${p.rule}`) });
        return t('log.alert-raised', { alert: t(`alerts.${p.rule}`, alertValues(p.rule, p, t, f)) });
      }
      case 'log.drill-started':
      case 'log.drill-ended': {
        const kind = String(p.kind ?? '');
        const value = num(p.value);
        const shown = kind === 'throttle' ? t('charts.perSecond', { rate: f.bytes(value) }) : kind === 'stall-socket' ? f.duration(value * 1000) : kind === 'slow-poll' ? f.duration(value) : '';
        // ICU select keys cannot hold dashes: stall-socket → stallSocket.
        const selector = kind.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
        return key === 'log.drill-started' ? t('log.drill-started', { kind: selector, value: shown }) : t('log.drill-ended', { kind: selector, connectionLost: flag(p.connectionLost) });
      }
      default:
        return t(key, p);
    }
  } catch {
    return entry.message;
  }
}
