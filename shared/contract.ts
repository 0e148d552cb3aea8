// The contract between the main process and the renderer: one typed map of
// commands (request → response) and one of events (pushed). Both transports
// (Electron IPC and web mode's WebSocket) carry exactly this.
import type { BrokerGrant } from './broker-limits.js';
import type { ProbeReport } from './broker-probe.js';
import type { DiagnosticsBundle } from './diagnostics/bundle.js';
import type { Alert, ChannelSettings, ErrorInfo, FaultState, IncomingMessage, LoadStatus, LogEntry, PublishStatus, QoS, Sample } from './domain.js';
import type { InspectSample, InspectStatus } from './inspect.js';
import type { BuiltInLimit } from './locales/keys.js';
import type { ReportPoint, ReportsStatus } from './report/fleet.js';
import type { ServiceIssue } from './problems.js';
import type { CommandInput, CommandName, ConnectionProfile, Settings } from './schemas.js';

// Types that lower modules own, re-exported so the contract reads as one map.
export type { ChannelSettings } from './domain.js';
export type { ServiceIssue } from './problems.js';
export type { BrokerGrant } from './broker-limits.js';
export type { ProbeReport } from './broker-probe.js';

/** A profile as listed to the UI: secrets are never sent back. */
export type ProfileSummary = Omit<ConnectionProfile, 'password' | 'tls'> & {
  id: string;
  hasPassword: boolean;
  tls: { rejectUnauthorized: boolean; hasCa: boolean; hasCert: boolean; hasKey: boolean };
};

/** What the built-in test broker is and where it listens. */
export interface BuiltInBrokerInfo {
  running: boolean;
  port: number | null;
  /** What it cannot do, so that nobody mistakes its limits for the client's: ids the catalogues word as `builtIn.limit.<id>`. */
  limits: BuiltInLimit[];
}

/** How many of the newest log lines a snapshot carries. */
export const SNAPSHOT_LOG_LINES = 500;

/** Everything the UI needs to draw itself from scratch. */
export interface Snapshot {
  sample: Sample | null;
  profile: ProfileSummary | null;
  subscriptions: Array<{ filter: string; qos: QoS }>;
  load: LoadStatus;
  alerts: Alert[];
  paused: boolean;
  builtInBroker: BuiltInBrokerInfo;
  version: string;
  /** The newest lines of the event log (at most SNAPSHOT_LOG_LINES), oldest first: what happened before the UI was there, such as auto-connect's. */
  log: LogEntry[];
  /** Inspect's proxy and the clients it saw. */
  inspect: InspectStatus;
  /** The clients that report themselves, and the listener that hears them. */
  reports: ReportsStatus;
  /** What the current connection's CONNACK granted beside what we asked; null before the first CONNACK of this profile. */
  grant: BrokerGrant | null;
  /**
   * The system's language as the shell knows it (Electron's app.getLocale()),
   * which the UI prefers to navigator.language when the language setting is
   * 'system'; absent in web mode, where the browser's is the one that counts.
   */
  locale?: string;
}

/** What `connect` reports once the first attempt has an outcome (the engine keeps retrying after a failure). */
export interface ConnectOutcome {
  profile: ProfileSummary;
  connected: boolean;
  error: ErrorInfo | null;
}

export interface PublishAccepted {
  /** Follow it in `publishStatus` events. */
  id: string;
  /** `queued`: in the channel; `dropped`: discarded by the policy; `full`/`closed`: tryPublish refused. */
  outcome: 'queued' | 'dropped' | 'full' | 'closed';
  bytes: number;
}

export interface InflightChange {
  inflight: number;
  /** False when there is no connection: it takes effect on the next one. */
  appliedLive: boolean;
}

/** A diagnostics bundle ready to save: the renderer turns it into a download named `fileName`. */
export interface DiagnosticsExport {
  fileName: string;
  bundle: DiagnosticsBundle;
}

/** The response of each command. */
export interface CommandResponses {
  connect: ConnectOutcome;
  disconnect: null;
  publish: PublishAccepted;
  startLoad: LoadStatus;
  stopLoad: LoadStatus;
  setCapacity: ChannelSettings;
  setOverflowPolicy: ChannelSettings;
  setInflight: InflightChange;
  pauseLoop: { paused: boolean };
  resumeLoop: { paused: boolean };
  subscribe: Array<{ filter: string; qos: QoS }>;
  unsubscribe: Array<{ filter: string; qos: QoS }>;
  getSnapshot: Snapshot;
  getHistory: Sample[];
  getSettings: Settings;
  setSettings: Settings;
  listProfiles: { profiles: ProfileSummary[]; defaultId: string };
  saveProfile: ProfileSummary;
  deleteProfile: { profiles: ProfileSummary[]; defaultId: string };
  /** The drills in force after the change. */
  setFault: FaultState;
  exportDiagnostics: DiagnosticsExport;
  startInspect: InspectStatus;
  stopInspect: InspectStatus;
  getInspect: InspectStatus;
  getInspectHistory: InspectSample[];
  /** What a separate, short-lived connection found the broker accepts. */
  probeBroker: ProbeReport;
  startReports: ReportsStatus;
  stopReports: ReportsStatus;
  getReportHistory: ReportPoint[];
}

/** The events the service pushes. */
export interface EventPayloads {
  sample: Sample;
  alerts: Alert[];
  log: LogEntry[];
  messages: { messages: IncomingMessage[]; skipped: number };
  publishStatus: PublishStatus;
  load: LoadStatus;
  /** Inspect's proxy and every client it forwards: a few times a second while it runs, and at once on a verdict. */
  inspect: InspectStatus;
  /** What the broker granted, at every CONNACK (and when our in-flight window changes); null when the connection is closed for good. */
  brokerGrant: BrokerGrant | null;
  /** The reporting clients: twice a second while the listener runs, and at once when one raises or clears an alert. */
  reports: ReportsStatus;
}
export type EventName = keyof EventPayloads;
export const EVENT_NAMES: readonly EventName[] = ['sample', 'alerts', 'log', 'messages', 'publishStatus', 'load', 'inspect', 'brokerGrant', 'reports'];

/** Why a command was refused. */
export type ServiceErrorCode = 'invalid-input' | 'not-connected' | 'engine' | 'unknown-command' | 'internal';


export interface ServiceError {
  code: ServiceErrorCode;
  message: string;
  /** The field the message is about, as a dotted path ("profile.port"). */
  field?: string;
  /** Every problem found, when there were several. */
  issues?: ServiceIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ServiceError };

/** The service as the UI sees it, whatever carries the calls. */
export type GaugeCommands = { [C in CommandName]: (payload: CommandInput<C>) => Promise<Result<CommandResponses[C]>> };

export interface GaugeApi extends GaugeCommands {
  /** Listens to one event; returns the function that stops listening. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

export { COMMAND_NAMES } from './command-names.js';
export type { CommandName };
