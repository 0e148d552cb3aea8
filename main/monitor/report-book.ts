// The reporting clients the listener has heard from: each one's latest report, its rates and alerts, a short history, and every bad report counted by why.
import type { Alert } from '../../shared/domain.js';
import {
  MAX_REPORT_BYTES,
  MAX_REPORTING_CLIENTS,
  parseReport,
  REPORT_HISTORY,
  REPORT_SILENT_MS,
  reportTopicClient,
  type BadReports,
  type ClientReport,
  type ReportParse,
  type ReportedClient,
  type ReportPoint,
  type ReportProblem,
} from '../../shared/report/index.js';
import { AlertEngine, type AlertChange, type AlertThresholds } from './alerts.js';
import { ratesBetween, sampleOfReport, type ReportRates } from './report-sample.js';
import { BoundedRing } from './ring.js';

/** What one message on the report topic came to. */
export type ReportTaken =
  | { kind: 'report'; clientId: string; change: AlertChange }
  | { kind: 'bad'; problem: ReportProblem }
  /** A good report from one client id too many; counted, not kept. */
  | { kind: 'untracked' };

interface Entry {
  clientId: string;
  topic: string;
  firstAt: number;
  lastAt: number;
  reports: number;
  latest: ClientReport;
  rates: ReportRates;
  everyMs: number | null;
  alerts: AlertEngine;
  points: BoundedRing<ReportPoint>;
}

/** Parses a payload as it came off the wire: the size is checked before anything is decoded, and bytes that are not UTF-8 are not JSON. */
export function parseReportPayload(payload: Uint8Array): ReportParse {
  if (payload.byteLength > MAX_REPORT_BYTES) return { ok: false, problem: { kind: 'too-large', bytes: payload.byteLength } };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(payload);
  } catch {
    return { ok: false, problem: { kind: 'not-json' } };
  }
  return parseReport(text, payload.byteLength);
}

/** A client silent this long is forgotten when room is needed for a new one. */
const FORGET_SILENT_MS = 10 * 60_000;

function describe(problem: ReportProblem): string {
  switch (problem.kind) {
    case 'too-large':
      return `${problem.bytes} bytes`;
    case 'future-version':
      return `version ${problem.version}`;
    case 'invalid':
      return `${problem.field}: ${problem.message}`;
    default:
      return '';
  }
}

export class ReportBook {
  private readonly entries = new Map<string, Entry>();
  private bad: BadReports = { total: 0, byKind: { 'too-large': 0, 'not-json': 0, 'not-an-object': 0, 'future-version': 0, invalid: 0 }, last: null };
  private untracked = 0;

  constructor(
    private readonly prefix: string,
    private thresholds: AlertThresholds,
    private readonly maxClients = MAX_REPORTING_CLIENTS,
  ) {}

  /** Takes one message from the report topic, received at wall-clock `now`. */
  take(topic: string, payload: Uint8Array, now: number): ReportTaken {
    const parsed = parseReportPayload(payload);
    if (!parsed.ok) return this.refuse(topic, parsed.problem, now);
    const report = parsed.report;
    const clientId = report.clientId ?? reportTopicClient(topic, this.prefix) ?? topic;
    let entry = this.entries.get(clientId);
    if (!entry) {
      if (!this.makeRoom(now)) {
        this.untracked++;
        return { kind: 'untracked' };
      }
      entry = { clientId, topic, firstAt: now, lastAt: now, reports: 0, latest: report, rates: ratesBetween(null, report), everyMs: null, alerts: new AlertEngine(this.thresholds), points: new BoundedRing(REPORT_HISTORY) };
      this.entries.set(clientId, entry);
    } else {
      // The client's own clock orders its reports: one older than the latest came late and says nothing new.
      if (report.time <= entry.latest.time) return { kind: 'report', clientId, change: { raised: [], cleared: [], updated: [] } };
      entry.everyMs = report.time - entry.latest.time;
      entry.rates = ratesBetween(entry.latest, report);
      entry.latest = report;
      entry.lastAt = now;
      entry.topic = topic;
    }
    entry.reports++;
    entry.points.push({ t: now, depth: report.depth ?? null, capacity: report.capacity ?? null, inflight: report.inflight ?? null, maxInflight: report.maxInflight ?? null, ...entry.rates });
    const change = entry.alerts.evaluate(sampleOfReport(report, entry.rates, now));
    return { kind: 'report', clientId, change };
  }

  setThresholds(thresholds: AlertThresholds): void {
    this.thresholds = { ...thresholds };
    for (const entry of this.entries.values()) entry.alerts.setThresholds(thresholds);
  }

  /** Every tracked client at `now`, in client-id order (a list that does not reorder under the pointer). */
  clients(now: number): ReportedClient[] {
    return [...this.entries.values()].sort((a, b) => (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0)).map((entry) => this.view(entry, now));
  }

  client(clientId: string, now: number): ReportedClient | null {
    const entry = this.entries.get(clientId);
    return entry ? this.view(entry, now) : null;
  }

  /** One client's reports as chart points, oldest first. */
  history(clientId: string): ReportPoint[] {
    return this.entries.get(clientId)?.points.toArray() ?? [];
  }

  badReports(): BadReports {
    return { total: this.bad.total, byKind: { ...this.bad.byKind }, last: this.bad.last ? { ...this.bad.last } : null };
  }

  /** Clients tracked now. */
  get size(): number {
    return this.entries.size;
  }

  get untrackedReports(): number {
    return this.untracked;
  }

  private view(entry: Entry, now: number): ReportedClient {
    const silentMs = Math.max(0, now - entry.lastAt);
    const quietAfter = Math.max(REPORT_SILENT_MS, 3 * (entry.everyMs ?? 0));
    const alerts: Alert[] = entry.alerts.active();
    return {
      clientId: entry.clientId,
      topic: entry.topic,
      firstAt: entry.firstAt,
      lastAt: entry.lastAt,
      reports: entry.reports,
      latest: { ...entry.latest },
      ...entry.rates,
      everyMs: entry.everyMs,
      silentMs,
      silent: silentMs >= quietAfter,
      alerts,
    };
  }

  private refuse(topic: string, problem: ReportProblem, now: number): ReportTaken {
    this.bad.total++;
    this.bad.byKind[problem.kind]++;
    this.bad.last = { at: now, topic, kind: problem.kind, detail: describe(problem) };
    return { kind: 'bad', problem };
  }

  /** True when a new client may be tracked, forgetting the longest-silent one when the book is full and it has been quiet for ten minutes. */
  private makeRoom(now: number): boolean {
    if (this.entries.size < this.maxClients) return true;
    let oldest: Entry | null = null;
    for (const entry of this.entries.values()) if (!oldest || entry.lastAt < oldest.lastAt) oldest = entry;
    if (!oldest || now - oldest.lastAt < FORGET_SILENT_MS) return false;
    this.entries.delete(oldest.clientId);
    return true;
  }
}
