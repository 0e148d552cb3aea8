// Catalogue keys that are built at run time, listed so that a test can check
// both catalogues hold every one of them (and nothing else unused). Keys the
// code writes out literally are found by scanning the sources instead.
import { ADVISOR_WINDOWS, CANDIDATE_REASONS } from '../advisor/index.js';
import { LIMIT_IDS, LIMIT_STATEMENTS } from '../broker-limits.js';
import { PROBE_CHECKS, PROBE_OUTCOMES, PROBE_REASONS } from '../broker-probe.js';
import { SUMMARY_KEYS } from '../diagnostics/summary.js';
import { ALERT_RULES, FAULT_KINDS, OVERFLOW_POLICIES, PAYLOAD_FORMATS, PUBLISH_MODES, TRANSPORTS } from '../domain.js';
import { INSPECT_STATES, INSPECT_VERDICT_RULES } from '../inspect.js';
import { PROBLEMS } from '../problems.js';
import { BAD_REPORT_KINDS, REPORT_ROW_STATES } from '../report/fleet.js';

/**
 * The log lines the main process may tag with a catalogue key
 * (`LogEntry.key`), and the params each one carries (`LogEntry.params`).
 * Values are strings or numbers; flags are the strings 'true' / 'false'.
 * The English `message` of each line is worded from the en catalogue
 * (shared/locales/wording.ts), so it says the same as the UI.
 */
export const LOG_KEYS = {
  /** target: "tcp://127.0.0.1:1884"; version: "3.1.1" | "5"; builtIn: 'true' | 'false'. */
  'log.connecting': ['target', 'version', 'builtIn'],
  /** sessionPresent: 'true' | 'false'. */
  'log.connected': ['sessionPresent'],
  /** reconnect: how many reconnects so far (1, 2, …); sessionPresent: 'true' | 'false'. */
  'log.connected-again': ['reconnect', 'sessionPresent'],
  /** lostPublishes: unacked publishes lost because the broker kept no session. */
  'log.session-lost': ['lostPublishes'],
  /** topic; size and limit in bytes. */
  'log.rejected-too-large': ['topic', 'size', 'limit'],
  /** topic; message: why the MQTT 5 property could not be encoded (the encoder's English words). */
  'log.rejected-invalid-property': ['topic', 'message'],
  /** Disconnected on request. */
  'log.disconnected': [],
  /** from, to: capacities (numbers). */
  'log.capacity-changed': ['from', 'to'],
  /** from, to: overflow policies ('block' | 'drop-oldest' | 'drop-newest'). */
  'log.policy-changed': ['from', 'to'],
  /** from, to: in-flight windows; live: 'true' when applied to the live connection, 'false' when it waits for the next one. */
  'log.inflight-changed': ['from', 'to', 'live'],
  'log.loop-paused': [],
  'log.loop-resumed': [],
  /** rate msg/s, burst, qos, payloadSize bytes, mode ('publish' | 'tryPublish'). */
  'log.load-started': ['rate', 'burst', 'qos', 'payloadSize', 'mode'],
  /** reason: 'count' | 'duration' | 'stopped' | 'disconnected'; sent, failed, dropped: counts. */
  'log.load-stopped': ['reason', 'sent', 'failed', 'dropped'],
  /** filter; qos. */
  'log.subscribed': ['filter', 'qos'],
  /** filter. */
  'log.unsubscribed': ['filter'],
  /**
   * rule: the alert's rule id (see ALERT_RULES), plus that alert's own params
   * (AlertParams[rule]) flattened: booleans as 'true' / 'false', null left out.
   * The line is worded with the catalogue's `alerts.<rule>` message.
   */
  'log.alert-raised': ['rule'],
  /** rule, as for alert-raised. */
  'log.alert-cleared': ['rule'],
  /** message: the error's own (English) words. */
  'log.connection-error': ['message'],
  /** kind: a fault drill (FAULT_KINDS); value: throttle bytes/s, stall seconds, slow-poll delay ms, 0 for a drop. */
  'log.drill-started': ['kind', 'value'],
  /** kind; connectionLost: 'true' | 'false', for a socket stall only (whether it cost the connection). */
  'log.drill-ended': ['kind', 'connectionLost'],
  /** file: 'settings' | 'profiles' | 'passwords'; reason: why it could not be read (English); keptAs: where the unreadable file was moved. */
  'log.corrupt-file': ['file', 'reason', 'keptAs'],
  /** listen: "127.0.0.1:18830"; upstream: "mqtt://broker:1883". */
  'log.inspect-started': ['listen', 'upstream'],
  /** connections: how many client connections it forwarded. */
  'log.inspect-stopped': ['connections'],
  /** connection: the proxy's number for it; clientId; rule: an Inspect verdict (INSPECT_VERDICT_RULES), with that verdict's params flattened beside. */
  'log.inspect-verdict': ['connection', 'clientId', 'rule'],
  /** connection, clientId, rule, as for inspect-verdict. */
  'log.inspect-verdict-cleared': ['connection', 'clientId', 'rule'],
  /** target: "tcp://127.0.0.1:1883", the broker being probed on a connection of the probe's own. */
  'log.probe-started': ['target'],
  /** target; accepted and checks: how many of the probe's checks the broker accepted, of how many; cleanedUp: 'true' | 'false'. */
  'log.probe-finished': ['target', 'accepted', 'checks', 'cleanedUp'],
  /** filter: "gauge/report/#"; broker: "mqtt://broker:1883", reached on a connection of the listener's own. */
  'log.reports-started': ['filter', 'broker'],
  /** clients: how many reporting clients were heard; bad: how many messages were not reports. */
  'log.reports-stopped': ['clients', 'bad'],
  /** clientId: the reporting client; rule: one of the engine's alert rules (ALERT_RULES), with that alert's params flattened beside. */
  'log.report-alert': ['clientId', 'rule'],
  'log.report-alert-cleared': ['clientId', 'rule'],
  /** topic; kind: why it is not a report (BAD_REPORT_KINDS); detail: the size, version or field (English); count: bad reports of that kind so far. Logged at most every 10 s per kind. */
  'log.report-bad': ['topic', 'kind', 'detail', 'count'],
  /** message: why connecting to the default profile at start was refused (English). */
  'log.auto-connect-failed': ['message'],
} as const satisfies Record<string, readonly string[]>;

export type LogKey = keyof typeof LOG_KEYS;

export const LOG_LEVELS = ['info', 'warning', 'error'] as const;
export const LOG_CATEGORIES = ['connection', 'error', 'alert', 'channel', 'loop', 'load', 'subscription', 'publish', 'fault', 'inspect'] as const;
export const CONNECTION_STATES = ['disconnected', 'connecting', 'connected'] as const;
export const CONNECT_ERROR_KINDS = ['refused', 'timeout', 'network', 'dns', 'tls', 'closed-by-peer', 'protocol', 'other'] as const;
export const LOAD_END_REASONS = ['count', 'duration', 'stopped', 'disconnected'] as const;
export const PUBLISH_STATES = ['sending', 'queued', 'written', 'acked', 'failed', 'full', 'dropped', 'closed', 'refused'] as const;
export const THEMES = ['system', 'light', 'dark'] as const;
export const LANGUAGES = ['system', 'en', 'zh-CN'] as const;
/** CONNACK reason codes (MQTT 3.1.1 return codes and MQTT 5 reason codes) the catalogues name. */
export const CONNACK_CODES = [1, 2, 3, 4, 5, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8c, 0x90, 0x95, 0x97, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9f] as const;
/** The built-in broker's limits, in the order the service lists them; worded as `builtIn.limit.<id>` (and `builtIn.short.<id>`). */
export const BUILTIN_LIMIT_KEYS = ['v311', 'tcp', 'loopback', 'memory', 'noAuth', 'realBroker'] as const;
export type BuiltInLimit = (typeof BUILTIN_LIMIT_KEYS)[number];

/** Why a file is not a bundle this version can open; worded as `bundleError.<problem>`. */
export const BUNDLE_PROBLEMS = ['empty', 'compressed', 'truncated', 'not-json', 'not-a-bundle', 'newer-version', 'unsupported-version', 'damaged'] as const;
export type BundleProblem = (typeof BUNDLE_PROBLEMS)[number];

/** The CLI's help pages, `cli.help.<topic>`: the overview and one per command. */
export const CLI_HELP_TOPICS = ['main', 'monitor', 'bench', 'web', 'export', 'summary', 'drill', 'inspect'] as const;
export type CliHelpTopic = (typeof CLI_HELP_TOPICS)[number];

/** How the incoming-messages list can show payloads. */
export const PAYLOAD_VIEWS = ['auto', 'text', 'json', 'hex'] as const;
/** What a payload preview turned out to be. */
export const PAYLOAD_SHOWN_AS = ['text', 'json', 'hex', 'empty'] as const;

/** Families of keys the code builds as `${prefix}${value}`. */
export const DYNAMIC_KEY_FAMILIES: Record<string, readonly (string | number)[]> = {
  'alerts.': ALERT_RULES,
  'alertTitle.': ALERT_RULES,
  'inspectVerdict.': INSPECT_VERDICT_RULES,
  'inspectVerdictTitle.': INSPECT_VERDICT_RULES,
  'inspect.state.': INSPECT_STATES,
  'badReport.': BAD_REPORT_KINDS,
  'reports.state.': REPORT_ROW_STATES,
  'policy.': OVERFLOW_POLICIES,
  'policyHint.': OVERFLOW_POLICIES,
  'transport.': TRANSPORTS,
  'payloadFormat.': PAYLOAD_FORMATS,
  'publishMode.': PUBLISH_MODES,
  'logLevel.': LOG_LEVELS,
  'logCategory.': LOG_CATEGORIES,
  'connectionState.': CONNECTION_STATES,
  'connectError.': CONNECT_ERROR_KINDS,
  'loadEnd.': LOAD_END_REASONS,
  'publishState.': PUBLISH_STATES,
  'theme.': THEMES,
  'language.': LANGUAGES,
  'connack.': CONNACK_CODES,
  'builtIn.limit.': BUILTIN_LIMIT_KEYS,
  'builtIn.short.': BUILTIN_LIMIT_KEYS,
  'drill.': FAULT_KINDS,
  'messages.views.': PAYLOAD_VIEWS,
  'messages.shownAs.': PAYLOAD_SHOWN_AS,
  'log.': Object.keys(LOG_KEYS).map((key) => key.slice('log.'.length)),
  'summary.': Object.keys(SUMMARY_KEYS).map((key) => key.slice('summary.'.length)),
  'bundleError.': BUNDLE_PROBLEMS,
  'validation.': PROBLEMS,
  'cli.help.': CLI_HELP_TOPICS,
  'advisor.windows.': ADVISOR_WINDOWS.map((w) => `w${w}`),
  'advisor.reasons.': CANDIDATE_REASONS,
  'limits.name.': LIMIT_IDS,
  'limits.says.': LIMIT_STATEMENTS,
  'probe.check.': PROBE_CHECKS,
  'probe.outcome.': PROBE_OUTCOMES,
  'probe.reason.': PROBE_REASONS,
};
