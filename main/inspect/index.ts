// Inspect: a transparent proxy that forwards any MQTT client to its broker unchanged and shows the pressure inside it.
// Node only; built on the engine's transports and the monitor's histograms, rings and alert bookkeeping.
export { ClientWatch, type WatchClocks } from './client-watch.js';
export { InspectError, type InspectErrorCode } from './errors.js';
export { DEFAULT_LISTEN_PORT, InspectProxy, type InspectChange, type InspectProxyOptions, type ProxyCounters, type Upstream } from './proxy.js';
export { DEFAULT_VERDICT_THRESHOLDS, RECONNECT_WINDOW_SEC, VERDICT_SEVERITY, type VerdictThresholds } from './verdicts.js';
