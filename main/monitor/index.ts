// The monitor: samples an engine on a fixed clock, keeps a bounded history,
// measures latencies, raises alerts and keeps the event log. Node only; reads
// the engine's numbers and never imports electron or the service.
export { AlertHistory, DEFAULT_ALERT_HISTORY } from './alert-history.js';
export { ALERT_SEVERITY, AlertEngine, type AlertChange, type AlertDetail, type AlertThresholds } from './alerts.js';
export { DEFAULT_LOG_CAPACITY, EventLog, type EventLogOptions } from './event-log.js';
export { historyCapacity, SampleHistory } from './history.js';
export { LatencyHistogram, type IntervalLatency, type LatencySummary } from './latency.js';
export { Listeners } from './listeners.js';
export { RECONNECT_WINDOW_MS } from './reconnect-window.js';
export { BoundedRing } from './ring.js';
export { ReportBook, type ReportTaken } from './report-book.js';
export { RuleBook, type RuleChange, type RuledAlert } from './rule-book.js';
export { MAX_HISTORY_MINUTES, MAX_SAMPLE_HZ, Monitor, type MonitorOptions, type MonitorSources } from './sampler.js';
