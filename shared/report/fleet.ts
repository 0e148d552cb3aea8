// What the service knows of the clients that report themselves: the contract between the report listener and whoever shows it (UI, /metrics, CLI).
import type { Alert } from '../domain.js';
import type { ClientReport } from './report.js';
import type { ReportProblem } from './parse.js';

export type BadReportKind = ReportProblem['kind'];
export const BAD_REPORT_KINDS: readonly BadReportKind[] = ['too-large', 'not-json', 'not-an-object', 'future-version', 'invalid'];

/** The state words a reporting client's row can show: its reported connection, "reporting" when it leaves that out, "silent" once its reports stop. */
export const REPORT_ROW_STATES = ['connected', 'connecting', 'disconnected', 'reporting', 'silent'] as const;
export type ReportRowState = (typeof REPORT_ROW_STATES)[number];

/** A reporting client goes quiet after this long without a report (or three of its own intervals, when those are longer). */
export const REPORT_SILENT_MS = 3_000;
/** Reports kept per client for its charts: five minutes at one a second. */
export const REPORT_HISTORY = 300;
/** Reporting clients tracked at once; reports from more are counted in `untracked`, so a flood of ids cannot grow memory without bound. */
export const MAX_REPORTING_CLIENTS = 5_000;

/** One reporting client, as its latest report and the two before it show it. */
export interface ReportedClient {
  /** The report's clientId, or the topic's last level when the report leaves it out. */
  clientId: string;
  topic: string;
  /** Wall-clock ms of the first and the latest good report received. */
  firstAt: number;
  lastAt: number;
  /** Good reports received. */
  reports: number;
  latest: ClientReport;
  /** Per second over the last two reports; null until there are two, or when the client leaves the count out. */
  acceptedRate: number | null;
  failedTryPublishRate: number | null;
  droppedRate: number | null;
  /** ms between its last two reports: its reporting interval. */
  everyMs: number | null;
  /** ms since its latest report, when the status was made. */
  silentMs: number;
  /** True when it has not reported for `REPORT_SILENT_MS` (or three of its intervals). */
  silent: boolean;
  /** The engine's alert rules, applied to what it reports (depth near capacity, failures rising, reconnects). */
  alerts: Alert[];
}

/** One report as a chart point: wall-clock receipt time and the figures the charts plot. */
export interface ReportPoint {
  t: number;
  depth: number | null;
  capacity: number | null;
  inflight: number | null;
  maxInflight: number | null;
  acceptedRate: number | null;
  failedTryPublishRate: number | null;
  droppedRate: number | null;
}

/** Messages on the report topic that were not reports, by why: counted and shown, never fatal. */
export interface BadReports {
  total: number;
  byKind: Record<BadReportKind, number>;
  /** The latest one, for the tooltip: its topic, why, and the detail (the field and the schema's words, the size, the version). */
  last: { at: number; topic: string; kind: BadReportKind; detail: string } | null;
}

/** The report listener as a whole. */
export interface ReportsStatus {
  listening: boolean;
  /** "mqtt://broker:1883" while listening. */
  broker: string | null;
  /** The filter it subscribes to: "gauge/report/#". */
  filter: string;
  /** Its own connection to the broker. */
  connection: 'connecting' | 'connected' | 'disconnected';
  /** Why its connection failed last, in words; null when it did not. */
  error: string | null;
  clients: ReportedClient[];
  bad: BadReports;
  /** Good reports from client ids beyond `MAX_REPORTING_CLIENTS`, counted and not kept. */
  untracked: number;
}

export const NO_BAD_REPORTS: BadReports = { total: 0, byKind: { 'too-large': 0, 'not-json': 0, 'not-an-object': 0, 'future-version': 0, invalid: 0 }, last: null };
export const IDLE_REPORTS: ReportsStatus = { listening: false, broker: null, filter: '', connection: 'disconnected', error: null, clients: [], bad: NO_BAD_REPORTS, untracked: 0 };
