// The store's client-report slice: the listener and the clients that report themselves, as the service pushes them, and the shown client's points.
import type { StateCreator } from 'zustand';
import { IDLE_REPORTS, REPORT_HISTORY, type ReportedClient, type ReportPoint, type ReportsStatus } from '../../../../shared/report/index.js';

export interface ReportsSlice {
  reports: ReportsStatus;
  setReports(status: ReportsStatus): void;
  /** A client only its reports show, chosen in the list; null when none (or when a proxied row is chosen). */
  reportSelected: string | null;
  selectReported(clientId: string | null): void;
  /** The client whose report points are kept below (the chosen report-only client, or the one joined to the chosen connection). */
  reportHistoryOf: string | null;
  reportHistory: ReportPoint[];
  setReportHistory(clientId: string | null, points: ReportPoint[]): void;
}

/** A client's latest report as a chart point. */
export function pointOf(client: ReportedClient): ReportPoint {
  const r = client.latest;
  return { t: client.lastAt, depth: r.depth ?? null, capacity: r.capacity ?? null, inflight: r.inflight ?? null, maxInflight: r.maxInflight ?? null, acceptedRate: client.acceptedRate, failedTryPublishRate: client.failedTryPublishRate, droppedRate: client.droppedRate };
}

/** While a bundle is replayed the list shows the recording, which holds no reports. */
export const shownReports = (s: ReportsSlice & { replay: unknown }): ReportsStatus => (s.replay ? IDLE_REPORTS : s.reports);

export const createReportsSlice: StateCreator<ReportsSlice> = (set, get) => ({
  reports: IDLE_REPORTS,
  setReports: (reports) => {
    const of = get().reportHistoryOf;
    const shown = of === null ? undefined : reports.clients.find((c) => c.clientId === of);
    const history = get().reportHistory;
    // Each push carries every client's latest report: the shown one's extends its points.
    if (shown && shown.lastAt > (history.at(-1)?.t ?? 0)) {
      const next = history.length >= REPORT_HISTORY ? history.slice(history.length - REPORT_HISTORY + 1) : history.slice();
      next.push(pointOf(shown));
      set({ reports, reportHistory: next });
      return;
    }
    set({ reports });
  },
  reportSelected: null,
  selectReported: (reportSelected) => set({ reportSelected }),
  reportHistoryOf: null,
  reportHistory: [],
  setReportHistory: (reportHistoryOf, points) => set({ reportHistoryOf, reportHistory: points.slice(-REPORT_HISTORY) }),
});
