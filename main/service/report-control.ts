// The service's side of client reports: starts and stops the listener for a broker, keeps the report book, logs alerts and bad reports, and pushes the status to the UI.
import type { LogLevel } from '../../shared/domain.js';
import type { LogKey } from '../../shared/locales/keys.js';
import { flattenAlertParams, type LogParams } from '../../shared/locales/wording.js';
import { IDLE_REPORTS, type BadReportKind, type ReportPoint, type ReportsStatus } from '../../shared/report/index.js';
import type { ClientOptions } from '../engine/index.js';
import { ReportBook, type AlertThresholds } from '../monitor/index.js';
import { ReportListener } from './report-listener.js';

/** Status pushes while listening: reports come once a second, so twice a second shows each one promptly. */
const PUSH_MS = 500;
/** A bad report of one kind is logged at most this often (all of them are counted). */
const BAD_LOG_EVERY_MS = 10_000;

export interface ReportHooks {
  note(level: LogLevel, key: LogKey, params: LogParams): void;
  push(status: ReportsStatus): void;
}

export class ReportControl {
  private listener: ReportListener | null = null;
  private book: ReportBook | null = null;
  private base: Omit<ReportsStatus, 'clients' | 'bad' | 'untracked'> = { ...IDLE_REPORTS };
  private pushTimer: NodeJS.Timeout | null = null;
  private changed = false;
  private readonly badLoggedAt = new Map<BadReportKind, number>();

  constructor(
    private readonly hooks: ReportHooks,
    private thresholds: AlertThresholds,
  ) {}

  /** Listens for `<prefix>#` at the broker `options` reach (`broker` is how to name it: "mqtt://host:1883"); a listener already running is stopped first. */
  async start(options: ClientOptions, broker: string, prefix: string): Promise<ReportsStatus> {
    await this.stop();
    const filter = `${prefix}#`;
    const book = new ReportBook(prefix, this.thresholds);
    this.book = book;
    this.base = { listening: true, broker, filter, connection: 'connecting', error: null };
    this.badLoggedAt.clear();
    this.listener = ReportListener.start(options, filter, {
      message: (topic, payload) => this.take(book, topic, payload),
      state: (connection, error) => {
        if (this.book !== book) return;
        this.base = { ...this.base, connection, error: error ?? (connection === 'connected' ? null : this.base.error) };
        this.changed = true;
      },
    });
    this.pushTimer = setInterval(() => this.pushIfChanged(), PUSH_MS);
    this.pushTimer.unref();
    this.hooks.note('info', 'log.reports-started', { filter, broker });
    const status = this.status();
    this.hooks.push(status);
    return status;
  }

  /** Stops listening; what was heard stays readable until the next start. */
  async stop(): Promise<ReportsStatus> {
    const listener = this.listener;
    if (!listener) return this.status();
    this.listener = null;
    if (this.pushTimer) clearInterval(this.pushTimer);
    this.pushTimer = null;
    await listener.stop();
    this.base = { ...this.base, listening: false, connection: 'disconnected' };
    const status = this.status();
    this.hooks.note('info', 'log.reports-stopped', { clients: status.clients.length, bad: status.bad.total });
    this.hooks.push(status);
    return status;
  }

  get running(): boolean {
    return this.listener !== null;
  }

  setThresholds(thresholds: AlertThresholds): void {
    this.thresholds = { ...thresholds };
    this.book?.setThresholds(thresholds);
  }

  status(now = Date.now()): ReportsStatus {
    const book = this.book;
    if (!book) return { ...IDLE_REPORTS, ...this.base };
    return { ...this.base, clients: book.clients(now), bad: book.badReports(), untracked: book.untrackedReports };
  }

  history(clientId: string): ReportPoint[] {
    return this.book?.history(clientId) ?? [];
  }

  private take(book: ReportBook, topic: string, payload: Buffer): void {
    const now = Date.now();
    const taken = book.take(topic, payload, now);
    this.changed = true;
    if (taken.kind === 'bad') {
      const kind = taken.problem.kind;
      const last = this.badLoggedAt.get(kind);
      if (last === undefined || now - last >= BAD_LOG_EVERY_MS) {
        this.badLoggedAt.set(kind, now);
        const bad = book.badReports();
        this.hooks.note('warning', 'log.report-bad', { topic, kind, detail: bad.last?.detail ?? '', count: bad.byKind[kind] });
      }
      return;
    }
    if (taken.kind !== 'report') return;
    const { clientId, change } = taken;
    for (const alert of change.raised) this.hooks.note(alert.severity === 'critical' ? 'error' : 'warning', 'log.report-alert', { clientId, rule: alert.id, ...flattenAlertParams(alert.params) });
    for (const alert of change.cleared) this.hooks.note('info', 'log.report-alert-cleared', { clientId, rule: alert.id });
    // An alert is news: the UI hears of it at once, not at the next push.
    if (change.raised.length > 0 || change.cleared.length > 0) this.pushNow();
  }

  private pushIfChanged(): void {
    // With clients heard, every tick is news: their silence grows without any message arriving.
    if (this.changed || (this.book?.size ?? 0) > 0) this.pushNow();
  }

  private pushNow(): void {
    this.changed = false;
    this.hooks.push(this.status());
  }
}
