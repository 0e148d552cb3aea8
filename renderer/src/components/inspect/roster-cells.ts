// What each column of the client list shows for a row: the proxy's figures where it saw the client, the client's own report where it reported, both when it did both.
import type { Alert, AlertSeverity } from '../../../../shared/domain.js';
import type { InspectVerdict } from '../../../../shared/inspect.js';
import type { InspectState } from '../../../../shared/inspect.js';
import type { ReportRowState, RosterRow } from '../../../../shared/report/index.js';

/** The one problem a row shows: a proxy verdict, an alert from the client's reports, or its reports having stopped. */
export type RowProblem = { kind: 'verdict'; verdict: InspectVerdict; severity: AlertSeverity } | { kind: 'alert'; alert: Alert; severity: AlertSeverity } | { kind: 'silent'; severity: 'warning'; silentMs: number };

/** Critical before warning, then the oldest; a silent reporter counts as a warning that began with its last report. */
export function worstProblem(row: RosterRow): RowProblem | undefined {
  const problems: Array<RowProblem & { since: number }> = [];
  for (const verdict of row.inspected?.verdicts ?? []) problems.push({ kind: 'verdict', verdict, severity: verdict.severity, since: verdict.since });
  const reported = row.reported;
  if (reported) {
    // Alerts of a client that stopped reporting are about its last report, not about now: its silence is the news.
    if (!reported.silent) for (const alert of reported.alerts) problems.push({ kind: 'alert', alert, severity: alert.severity, since: alert.since });
    // A connection the proxy saw close says more than the silence of its reports.
    else if (row.inspected?.closedAt == null) problems.push({ kind: 'silent', severity: 'warning', silentMs: reported.silentMs, since: reported.lastAt });
  }
  problems.sort((a, b) => (a.severity === b.severity ? a.since - b.since : a.severity === 'critical' ? -1 : 1));
  return problems[0];
}

/** The row's state word: the proxy's when it saw the connection, else the report's, or "quiet" once the reports stopped. */
export function rowState(row: RosterRow): { key: 'inspect'; state: InspectState } | { key: 'report'; state: ReportRowState } {
  if (row.inspected) return { key: 'inspect', state: row.inspected.latest.state };
  const reported = row.reported!;
  return { key: 'report', state: reported.silent ? 'silent' : (reported.latest.connection ?? 'reporting') };
}

/** Rates on the wire (the proxy) or into the client's queue (its report). */
export function publishRate(row: RosterRow): { value: number | null; from: 'proxy' | 'report' } {
  if (row.inspected) return { value: row.inspected.latest.publishRate, from: 'proxy' };
  return { value: row.reported?.acceptedRate ?? null, from: 'report' };
}

/** In flight against its bound: the proxy counts it on the wire; a report says what the client counts. */
export function inflightOf(row: RosterRow): { inflight: number | null; limit: number | null } {
  if (row.inspected) return { inflight: row.inspected.latest.inflight, limit: row.inspected.latest.inflightLimit };
  const r = row.reported?.latest;
  return { inflight: r?.inflight ?? null, limit: r?.maxInflight ?? null };
}

/** Time since the client was last heard: its last packet through the proxy, else its last report. */
export function lastHeardMs(row: RosterRow): number | null {
  if (row.inspected) return row.inspected.closedAt === null ? row.inspected.latest.sinceClientPacketMs : null;
  return row.reported?.silentMs ?? null;
}
