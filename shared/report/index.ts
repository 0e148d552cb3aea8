// Client reports: the versioned JSON a client publishes about its own queue, its schema and its parser.
export { parseReport, reportTopicClient, type ReportParse, type ReportProblem } from './parse.js';
export { clientReportSchema, MAX_REPORT_BYTES, REPORT_TOPIC_PREFIX, REPORT_VERSION, type ClientReport } from './report.js';
