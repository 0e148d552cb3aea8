// The alert rules: judge each sample against the thresholds and say what was raised, cleared or moved.
import { ALERT_RULES, type Alert, type AlertParams, type AlertRule, type AlertSeverity, type Sample } from '../../shared/domain.js';
import { formattersFor } from '../../shared/format/index.js';
import { createTranslator } from '../../shared/locales/translator.js';
import { alertMessage } from '../../shared/locales/wording.js';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/schemas.js';
import { Listeners } from './listeners.js';
import { RECONNECT_WINDOW_MS, ReconnectWindow } from './reconnect-window.js';
import { RuleBook } from './rule-book.js';

/** The alert thresholds, as the settings hold them. */
export type AlertThresholds = Settings['alerts'];

/** What one evaluation changed: alerts that started, alerts that stopped holding, and alerts still holding whose numbers moved. */
export interface AlertChange {
  raised: Alert[];
  cleared: Alert[];
  updated: Alert[];
}

/** An active alert with the numbers its message was built from (so every side can word it in its own language). */
export type AlertDetail = Alert;

export const ALERT_SEVERITY: Record<AlertRule, AlertSeverity> = {
  'loop-stalled': 'critical',
  'channel-nearly-full': 'warning',
  'try-publish-failing': 'critical',
  'messages-dropped': 'warning',
  'ping-slow': 'warning',
  'reconnect-loop': 'critical',
};

/** tryPublish failures and policy drops: the window their rate is read over, and how long an alert holds after the last one. */
export const BURST_WINDOW_MS = 2_000;
export const BURST_HOLD_MS = 3_000;

/**
 * Rates that come in bursts (failures, drops), read over a short window so
 * that an alert on them neither flashes for one sample nor clears the moment
 * a burst pauses: it holds while any happened in the last `BURST_WINDOW_MS`,
 * and clears only after `BURST_HOLD_MS` without any. The rates reported are
 * the window's peaks (the last peak seen, during the hold).
 */
class BurstRate<N extends number> {
  private window: Array<{ t: number; rates: number[] }> = [];
  private lastSeenAt: number | null = null;
  private shown: number[] | null = null;

  constructor(private readonly size: N) {}

  /** Takes one sample's rates; returns the rates to report, or null when the alert should not hold. */
  observe(t: number, rates: number[]): number[] | null {
    this.window.push({ t, rates });
    while (this.window.length > 0 && this.window[0]!.t <= t - BURST_WINDOW_MS) this.window.shift();
    if (rates.some((rate) => rate > 0)) this.lastSeenAt = t;
    if (this.lastSeenAt === null || t - this.lastSeenAt >= BURST_HOLD_MS || t < this.lastSeenAt) {
      this.lastSeenAt = null;
      this.shown = null;
      return null;
    }
    const peaks = Array.from({ length: this.size }, (_, i) => Math.max(0, ...this.window.map((entry) => entry.rates[i] ?? 0)));
    if (peaks.some((peak) => peak > 0)) this.shown = peaks;
    return this.shown;
  }
}

/** The English message of an alert, from the catalogue (the UI words the same params in the reader's language). */
const english = { t: createTranslator('en'), f: formattersFor('en') };

/**
 * Turns samples into alerts. Each rule is checked on every sample; an alert
 * is raised once when its rule starts to hold (its `since` stays put), its
 * params and message follow the numbers while it holds (reported as
 * `updated`), and it clears itself when the rule stops holding.
 */
export class AlertEngine {
  private limits: AlertThresholds;
  private readonly book = new RuleBook<AlertRule, AlertParams>(ALERT_RULES, ALERT_SEVERITY, (rule, params) =>
    alertMessage(rule, params, english.t, english.f),
  );
  private readonly listeners = new Listeners<AlertChange>();
  /** Wall-clock ms of the first sample of the current run above the depth threshold. */
  private depthAboveSince: number | null = null;
  private readonly reconnects = new ReconnectWindow();
  private readonly failures = new BurstRate(1);
  private readonly drops = new BurstRate(2);

  constructor(thresholds: AlertThresholds = DEFAULT_SETTINGS.alerts) {
    this.limits = { ...thresholds };
  }

  get thresholds(): AlertThresholds {
    return { ...this.limits };
  }

  /** Changes thresholds live; they apply from the next evaluation. */
  setThresholds(thresholds: AlertThresholds): void {
    this.limits = { ...thresholds };
  }

  /** Checks every rule against a sample. */
  evaluate(sample: Sample): AlertChange {
    const change = this.book.apply(this.check(sample), sample.t) as AlertChange;
    if (change.raised.length > 0 || change.cleared.length > 0) this.listeners.emit(change);
    return change;
  }

  /** The alerts that hold now, in rule order. */
  active(): Alert[] {
    return this.activeDetails();
  }

  /** The active alerts with the numbers behind their messages. */
  activeDetails(): AlertDetail[] {
    return this.book.list() as AlertDetail[];
  }

  /** Calls `listener` whenever an alert is raised or cleared (not when only its numbers move); returns the function that unsubscribes. */
  onChange(listener: (change: AlertChange) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Which rules hold for this sample, each with its message's numbers. Also advances the rules that remember past samples. */
  private check(s: Sample): Partial<AlertParams> {
    const limits = this.limits;
    const holding: Partial<AlertParams> = {};

    // An engine that was never polled is 'disconnected', yet requests queued
    // in it are stuck all the same: the loop counts as stalled when it has a
    // connection to keep alive or work waiting. A disconnected, empty engine
    // loses nothing by not being polled, so it does not alarm.
    const hasWork = s.connectionState !== 'disconnected' || s.depth > 0 || s.waitingSenders > 0;
    if (hasWork && s.sinceLastPollMs >= limits.stalledPollSec * 1000) {
      holding['loop-stalled'] = { sinceLastPollMs: s.sinceLastPollMs, paused: s.paused, depth: s.depth };
    }

    const percent = s.capacity > 0 ? (s.depth / s.capacity) * 100 : 0;
    if (percent > limits.depthPercent) {
      this.depthAboveSince ??= s.t;
      const forMs = s.t - this.depthAboveSince;
      if (forMs >= limits.depthForSec * 1000) holding['channel-nearly-full'] = { depth: s.depth, capacity: s.capacity, percent, forMs };
    } else {
      this.depthAboveSince = null;
    }

    const failing = this.failures.observe(s.t, [s.failedTryPublishRate]);
    if (failing) holding['try-publish-failing'] = { failedPerSec: failing[0]! };

    const dropping = this.drops.observe(s.t, [s.droppedOldestRate, s.droppedNewestRate]);
    if (dropping) holding['messages-dropped'] = { droppedOldestPerSec: dropping[0]!, droppedNewestPerSec: dropping[1]! };

    // A round trip measured on a connection that is gone says nothing about now.
    if (s.connectionState === 'connected' && s.pingRttMs !== null && s.pingRttMs > limits.pingRttMs) {
      holding['ping-slow'] = { pingRttMs: s.pingRttMs, thresholdMs: limits.pingRttMs };
    }

    const attempts = this.reconnects.observe(s);
    if (attempts.length >= limits.reconnectsPerMinute) {
      const span = attempts[attempts.length - 1]! - attempts[0]!;
      const error = s.lastError;
      const refused = error?.code === 'refused' && error.reasonCode !== undefined;
      holding['reconnect-loop'] = {
        attempts: attempts.length,
        everyMs: attempts.length > 1 && span > 0 ? span / (attempts.length - 1) : RECONNECT_WINDOW_MS / attempts.length,
        refusedWith: refused ? error.reasonCode! : null,
        lastErrorMessage: refused ? null : (error?.message ?? null),
      };
    }
    return holding;
  }
}
