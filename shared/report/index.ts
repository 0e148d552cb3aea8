// Client reports: the versioned JSON a client publishes about its own queue, its schema and its parser.
export { parseReport, reportTopicClient, type ReportParse, type ReportProblem } from './parse.js';
export { clientReportSchema, MAX_REPORT_BYTES, REPORT_TOPIC_PREFIX, REPORT_VERSION, type ClientReport } from './report.js';
export { BAD_REPORT_KINDS, IDLE_REPORTS, MAX_REPORTING_CLIENTS, NO_BAD_REPORTS, REPORT_HISTORY, REPORT_ROW_STATES, REPORT_SILENT_MS, type BadReportKind, type ReportRowState, type BadReports, type ReportedClient, type ReportPoint, type ReportsStatus } from './fleet.js';
export { inspectedId, rosterOf, type RosterRow } from './roster.js';
