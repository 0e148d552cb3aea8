// The application service: owns the engine, runs every command of the contract, pushes events to the UI.
import type { IPublishPacket } from 'mqtt-packet';
import { EventEmitter } from 'node:events';
import {
  SNAPSHOT_LOG_LINES,
  type ChannelSettings,
  type CommandResponses,
  type ConnectOutcome,
  type EventName,
  type EventPayloads,
  type InflightChange,
  type Result,
  type Snapshot,
} from '../../shared/contract.js';
import { bundleFileName } from '../../shared/diagnostics/index.js';
import type { LoadStatus, LogCategory, LogLevel, QoS } from '../../shared/domain.js';
import { formattersFor } from '../../shared/format/index.js';
import type { LogKey } from '../../shared/locales/keys.js';
import { createTranslator } from '../../shared/locales/translator.js';
import { flattenAlertParams, logMessage, type LogParams } from '../../shared/locales/wording.js';
import { commandSchemas, type CommandName, type CommandPayload, type ConnectionProfile, type Settings } from '../../shared/schemas.js';
import type { ErrorInfo, PublishReceipt } from '../engine/index.js';
import { AlertEngine, AlertHistory, EventLog, Monitor } from '../monitor/index.js';
import { probeBroker } from './broker-probe.js';
import { BuiltInBroker } from './builtin-broker.js';
import { clientOptionsOf } from './client-options.js';
import { buildBundle } from './diagnostics.js';
import { invalidInput, ServiceFailure, toServiceError } from './errors.js';
import { payloadShapeProblem } from './payload-guard.js';
import { FaultDrills } from './fault-drills.js';
import { IncomingBatcher } from './incoming-batcher.js';
import { InspectControl } from './inspect-control.js';
import { ReportControl } from './report-control.js';
import { LoadGenerator } from './load-generator.js';
import { payloadBytes } from './payload-bytes.js';
import { BUILTIN_PROFILE, ProfileStore, summarize } from './profiles.js';
import { MemorySecretStore, type SecretStore } from './secret-store.js';
import { Session } from './session.js';
import { SettingsStore } from './settings-store.js';
import { filterCovers } from './topic-filter.js';

/** How the service is set up by its shell (desktop or web). */
export interface ServiceOptions {
  version: string;
  /** Where profiles and settings are kept; null keeps them in memory only (tests). */
  dataDir: string | null;
  builtInBroker?: BuiltInBroker;
  /** Connect to the default profile at start (the first-start experience). */
  autoConnect?: boolean;
  /** Where saved profiles' passwords go; memory only unless the shell gives a persisting store. */
  secrets?: SecretStore;
  /** The system's language as the shell knows it (Electron's app.getLocale()), passed on to the UI in snapshots. */
  systemLocale?: string;
}

/** Log lines keep English words too, for exports and logs, worded from the en catalogue. */
const ENGLISH = { t: createTranslator('en'), f: formattersFor('en') };

const MESSAGE_PUSH_MS = 50; // at most 20 message batches per second, whatever the MQTT rate
const LOG_PUSH_MS = 100;
const LOAD_PUSH_MS = 250;

/**
 * The application service: owns one engine (a Session per connection), its
 * monitor, alerts and log, and implements every command of the contract.
 * Every payload is validated with the shared schemas before anything changes.
 */
export class GaugeService {
  readonly monitor: Monitor;
  readonly log = new EventLog();
  readonly profiles: ProfileStore;
  private readonly alerts: AlertEngine;
  private readonly alertHistory = new AlertHistory();
  private readonly drills: FaultDrills;
  private readonly settingsStore: SettingsStore;
  private readonly events = new EventEmitter();
  private readonly builtIn: BuiltInBroker;
  private readonly incoming = new IncomingBatcher(50);
  private readonly load: LoadGenerator;
  private session: Session | null = null;
  private profile: ConnectionProfile | null = null;
  /** Where the current profile actually connects (the built-in broker's port is chosen at start). */
  private target: { host: string; port: number } | null = null;
  private readonly subscriptions = new Map<string, QoS>();
  private channel: ChannelSettings = { capacity: BUILTIN_PROFILE.capacity, policy: BUILTIN_PROFILE.policy, inflight: BUILTIN_PROFILE.inflight };
  private paused = false;
  private publishSeq = 0;
  private timers: NodeJS.Timeout[] = [];
  private pendingLog: EventPayloads['log'] = [];
  /** True while a broker probe runs: one at a time, each on its own connection. */
  private probing = false;
  private settings: Settings;
  private readonly inspect = new InspectControl({
    note: (level, key, params) => this.note(level, 'inspect', key, params),
    push: (status) => this.emit('inspect', status),
  });

  private readonly reports: ReportControl;

  constructor(private readonly options: ServiceOptions) {
    this.events.setMaxListeners(100);
    this.settingsStore = new SettingsStore(options.dataDir, (corrupt) => this.note('warning', 'error', 'log.corrupt-file', { file: 'settings', ...corrupt }));
    this.settings = this.settingsStore.get();
    this.reports = new ReportControl(
      {
        note: (level, key, params) => this.note(level, 'inspect', key, params),
        push: (status) => this.emit('reports', status),
      },
      this.settings.alerts,
    );
    this.profiles = new ProfileStore(
      options.dataDir,
      (corrupt) => this.note('warning', 'error', 'log.corrupt-file', { file: 'profiles', ...corrupt }),
      options.secrets ?? new MemorySecretStore(),
    );
    this.drills = new FaultDrills((level, key, params) => this.note(level, 'fault', key, params));
    this.builtIn = options.builtInBroker ?? new BuiltInBroker();
    this.monitor = new Monitor({ sampleHz: this.settings.sampleHz, historyMinutes: this.settings.historyMinutes });
    this.alerts = new AlertEngine(this.settings.alerts);
    this.load = new LoadGenerator({
      onEnd: (status) => {
        this.note('info', 'load', 'log.load-stopped', { reason: status.endReason ?? 'stopped', sent: status.sent, failed: status.failed, dropped: status.dropped });
        this.emit('load', status);
      },
      subscribedTo: (topic) => [...this.subscriptions.keys()].some((filter) => filterCovers(filter, topic)),
    });
    this.log.onEntry((entry) => this.pendingLog.push(entry));
    this.monitor.onSample((sample) => {
      this.emit('sample', sample);
      this.drills.observe(sample);
      const change = this.alerts.evaluate(sample);
      this.alertHistory.record(change, sample.t);
      for (const alert of change.raised) this.note(alert.severity === 'critical' ? 'error' : 'warning', 'alert', 'log.alert-raised', { rule: alert.id, ...flattenAlertParams(alert.params) });
      for (const alert of change.cleared) this.note('info', 'alert', 'log.alert-cleared', { rule: alert.id, ...flattenAlertParams(alert.params) });
      // Also when only an alert's numbers moved, so the UI's words follow them (at most once per sample).
      if (change.raised.length > 0 || change.cleared.length > 0 || change.updated.length > 0) this.emit('alerts', this.alerts.active());
    });
  }

  /** Starts sampling and pushing; connects to the default profile when asked to. */
  async start(): Promise<void> {
    this.monitor.start();
    this.timers.push(
      setInterval(() => this.flushMessages(), MESSAGE_PUSH_MS),
      setInterval(() => this.flushLog(), LOG_PUSH_MS),
      // Also after a run ends, while its last stamped messages are still coming back.
      setInterval(() => this.load.hasNews() && this.emit('load', this.load.status()), LOAD_PUSH_MS),
    );
    for (const timer of this.timers) timer.unref();
    if (this.options.autoConnect) {
      const result = await this.handle('connect', { profile: this.profiles.defaultProfile() });
      if (!result.ok) this.note('error', 'connection', 'log.auto-connect-failed', { message: result.error.message });
    }
  }

  /** Stops everything: the load, the connection, the built-in broker, the timers. */
  async stop(): Promise<void> {
    this.load.stop('stopped');
    await this.inspect.stop();
    await this.reports.stop();
    await this.closeSession(true);
    this.monitor.stop();
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.builtIn.stop();
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    this.events.on(event, listener);
    return () => this.events.off(event, listener);
  }

  /**
   * Runs one command. `payload` comes straight from a transport: it is
   * validated here, and a bad one is refused with a typed error before
   * anything changes.
   */
  async handle(command: string, payload: unknown): Promise<Result<unknown>> {
    if (!Object.hasOwn(commandSchemas, command)) {
      return { ok: false, error: { code: 'unknown-command', message: `unknown command ${JSON.stringify(String(command).slice(0, 64))}` } };
    }
    const name = command as CommandName;
    const shapeProblem = payloadShapeProblem(payload);
    if (shapeProblem) return { ok: false, error: shapeProblem };
    const parsed = commandSchemas[name].safeParse(payload ?? {});
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) };
    try {
      const run = this.commands[name] as (p: unknown) => unknown;
      return { ok: true, value: await run(parsed.data) };
    } catch (error) {
      return { ok: false, error: toServiceError(error) };
    }
  }

  private readonly commands: { [C in CommandName]: (payload: CommandPayload<C>) => Promise<CommandResponses[C]> | CommandResponses[C] } = {
    connect: ({ profile }) => this.connect(profile),
    disconnect: async () => {
      this.requireSession();
      await this.closeSession(true);
      this.note('info', 'connection', 'log.disconnected');
      return null;
    },
    publish: (command) => this.publish(command),
    startLoad: (spec) => {
      const session = this.requireSession();
      const status = this.load.start(spec, session.client);
      this.note('info', 'load', 'log.load-started', { rate: spec.rate, burst: spec.burst, qos: spec.qos, payloadSize: spec.payloadSize, mode: spec.mode });
      this.emit('load', status);
      return status;
    },
    stopLoad: () => this.load.stop('stopped'),
    setCapacity: ({ capacity }) => {
      const before = this.channel.capacity;
      this.session?.client.setCapacity(capacity);
      this.channel = { ...this.channel, capacity };
      this.note('info', 'channel', 'log.capacity-changed', { from: before, to: capacity });
      return { ...this.channel };
    },
    setOverflowPolicy: ({ policy }) => {
      const before = this.channel.policy;
      this.session?.client.setOverflowPolicy(policy);
      this.channel = { ...this.channel, policy };
      this.note('info', 'channel', 'log.policy-changed', { from: before, to: policy });
      return { ...this.channel };
    },
    setInflight: ({ inflight }): InflightChange => {
      const live = this.session !== null && this.session.eventLoop.stats().state === 'connected';
      this.session?.eventLoop.setInflight(inflight);
      const before = this.channel.inflight;
      this.channel = { ...this.channel, inflight };
      this.note('info', 'channel', 'log.inflight-changed', { from: before, to: inflight, live: String(live) });
      // The grant's "asked" window follows ours, so the limits card says which one binds now.
      if (live) this.emit('brokerGrant', this.session?.eventLoop.brokerGrant() ?? null);
      return { inflight, appliedLive: live };
    },
    pauseLoop: () => {
      this.paused = true;
      this.drills.recordPause(true);
      this.session?.runner.pause();
      this.note('warning', 'loop', 'log.loop-paused');
      return { paused: true };
    },
    resumeLoop: () => {
      this.paused = false;
      this.drills.recordPause(false);
      this.session?.runner.resume();
      this.note('info', 'loop', 'log.loop-resumed');
      return { paused: false };
    },
    subscribe: async ({ filter, qos }) => {
      const session = this.requireSession();
      this.subscriptions.set(filter, qos);
      await session.client.subscribe(filter, qos);
      this.note('info', 'subscription', 'log.subscribed', { filter, qos });
      return this.subscriptionList();
    },
    unsubscribe: async ({ filter }) => {
      if (!this.subscriptions.has(filter)) throw new ServiceFailure('invalid-input', `not subscribed to ${filter}`, 'filter', 'notSubscribed');
      this.subscriptions.delete(filter);
      await this.session?.client.unsubscribe(filter);
      this.note('info', 'subscription', 'log.unsubscribed', { filter });
      return this.subscriptionList();
    },
    getSnapshot: () => this.snapshot(),
    getHistory: ({ seconds }) => (seconds === undefined ? this.monitor.history.all() : this.monitor.history.since(Date.now() - seconds * 1000)),
    getSettings: () => ({ ...this.settings }),
    setSettings: (partial) => {
      this.settings = this.settingsStore.set(partial);
      this.monitor.setRate(this.settings.sampleHz);
      this.monitor.setHistoryMinutes(this.settings.historyMinutes);
      this.alerts.setThresholds(this.settings.alerts);
      this.reports.setThresholds(this.settings.alerts);
      return { ...this.settings };
    },
    listProfiles: () => this.profiles.list(),
    saveProfile: ({ profile }) => summarize(this.profiles.save(profile)),
    deleteProfile: ({ id }) => {
      this.profiles.delete(id);
      return this.profiles.list();
    },
    setFault: (command) => this.drills.apply(command, this.session),
    startInspect: async ({ listenPort, profile: requested }) => {
      const { profile, target } = await this.brokerOf(requested);
      return this.inspect.start(listenPort, profile, target);
    },
    stopInspect: () => this.inspect.stop(),
    getInspect: () => this.inspect.status(),
    getInspectHistory: ({ connection, seconds }) => this.inspect.history(connection, seconds),
    probeBroker: (request) => this.probe(request),
    startReports: async ({ profile: requested, topicPrefix }) => {
      const chosen = requested ?? this.profile;
      if (!chosen) throw new ServiceFailure('not-connected', 'no broker to listen on: connect first, or give a profile', 'profile');
      const { profile, target } = await this.brokerOf(chosen);
      return this.reports.start(clientOptionsOf(profile, target), `${profile.transport === 'tcp' ? 'mqtt' : profile.transport}://${target.host}:${target.port}`, topicPrefix);
    },
    stopReports: () => this.reports.stop(),
    getReportHistory: ({ clientId }) => this.reports.history(clientId),
    exportDiagnostics: ({ includeUsername }) => {
      const bundle = buildBundle({
        appVersion: this.options.version,
        connection: this.profile && this.target ? { profile: this.profile, target: this.target } : null,
        includeUsername: includeUsername ?? false,
        channel: { ...this.channel },
        settings: this.settings,
        samples: this.monitor.history.all(),
        alerts: this.alertHistory.all(),
        log: this.log.entries(),
        faults: this.drills.records(),
        inspect: this.inspect.exportAll(),
      });
      return { fileName: bundleFileName(bundle.createdAt), bundle };
    },
  };

  private async connect(requested: ConnectionProfile): Promise<ConnectOutcome> {
    this.load.stop('disconnected');
    await this.closeSession(true);
    const { profile, target } = await this.brokerOf(requested);
    this.channel = { capacity: profile.capacity, policy: profile.policy, inflight: profile.inflight };
    this.profile = profile;
    this.target = target;
    const session = new Session(profile, target, { queue: this.monitor.queueLatency, ack: this.monitor.ackLatency }, {
      onConnected: (sessionPresent) => this.onConnected(session, sessionPresent),
      onMessage: (packet) => this.onMessage(packet),
      onEvent: (event) => {
        if (event.type === 'session-lost') {
          this.note('warning', 'connection', 'log.session-lost', { lostPublishes: event.lostPublishes });
        } else if (event.type === 'rejected') {
          if (event.reason === 'too-large') this.note('error', 'publish', 'log.rejected-too-large', { topic: event.topic, size: event.size, limit: event.limit });
          else this.note('error', 'publish', 'log.rejected-invalid-property', { topic: event.topic, message: event.message });
        }
      },
      onError: (error) => {
        if (this.session === session) this.note('error', 'connection', 'log.connection-error', { message: error.message });
      },
    });
    this.session = session;
    this.drills.attach(session);
    this.monitor.attach({
      channel: () => session.client.channelStats(),
      loop: () => session.eventLoop.stats(),
      paused: () => session.runner.paused,
      pollDelayMs: () => session.runner.pollDelay,
      setLatencySampling: (every) => session.eventLoop.setLatencySampling(every),
    });
    session.start(this.paused);
    this.note('info', 'connection', 'log.connecting', {
      target: `${profile.transport}://${target.host}:${target.port}`,
      version: profile.protocolVersion === 5 ? '5' : '3.1.1',
      builtIn: String(profile.kind === 'builtin'),
    });
    const outcome = await this.firstOutcome(session);
    return { profile: summarize(profile), ...outcome };
  }

  /**
   * The profile with its saved secrets, and where its broker listens: the
   * built-in broker is started on demand (its port is chosen at run time)
   * and speaks 3.1.1 over TCP only. Connecting and Inspect both go through here.
   */
  private async brokerOf(requested: ConnectionProfile): Promise<{ profile: ConnectionProfile; target: { host: string; port: number } }> {
    // A saved profile's secrets stay here: the UI sends the profile without its password and TLS files.
    const profile: ConnectionProfile = this.profiles.withStoredSecrets(requested);
    if (profile.kind !== 'builtin') return { profile, target: { host: profile.host, port: profile.port } };
    const { port } = await this.builtIn.start(profile.port);
    profile.transport = 'tcp';
    profile.protocolVersion = 4;
    return { profile, target: { host: '127.0.0.1', port } };
  }

  /** Waits for the first CONNACK or the first error, so the form can show the result where the person looks. */
  private async firstOutcome(session: Session): Promise<{ connected: boolean; error: ErrorInfo | null }> {
    if (this.paused) return { connected: false, error: null };
    const deadline = Date.now() + 12_000;
    while (Date.now() < deadline && this.session === session) {
      const stats = session.eventLoop.stats();
      if (stats.state === 'connected') return { connected: true, error: null };
      if (stats.lastError) return { connected: false, error: stats.lastError };
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { connected: false, error: session.eventLoop.stats().lastError };
  }

  /** Probes the broker of the given profile, or of the current one, on a connection of its own; the current connection is left alone. */
  private async probe({ profile: requested, maxPayloadBytes, stepTimeoutMs }: CommandPayload<'probeBroker'>): Promise<CommandResponses['probeBroker']> {
    const chosen = requested ?? this.profile;
    if (!chosen) throw new ServiceFailure('not-connected', 'no broker to probe: connect first, or give a profile');
    if (this.probing) throw new ServiceFailure('engine', 'a probe is already running; wait for its report');
    this.probing = true;
    try {
      const { profile, target } = await this.brokerOf(chosen);
      const address = `${profile.transport}://${target.host}:${target.port}`;
      this.note('info', 'connection', 'log.probe-started', { target: address });
      const report = await probeBroker({ options: clientOptionsOf(profile, target), address }, { maxPayloadBytes, stepTimeoutMs });
      const accepted = report.checks.filter((check) => check.outcome === 'accepted').length;
      this.note(report.connected ? 'info' : 'warning', 'connection', 'log.probe-finished', { target: address, accepted, checks: report.checks.length, cleanedUp: String(report.cleanedUp) });
      return report;
    } finally {
      this.probing = false;
    }
  }

  private onConnected(session: Session, sessionPresent: boolean): void {
    this.emit('brokerGrant', session.eventLoop.brokerGrant());
    const stats = session.eventLoop.stats();
    if (stats.reconnects > 0) this.note('info', 'connection', 'log.connected-again', { reconnect: stats.reconnects, sessionPresent: String(sessionPresent) });
    else this.note('info', 'connection', 'log.connected', { sessionPresent: String(sessionPresent) });
    if (!sessionPresent) {
      for (const [filter, qos] of this.subscriptions) {
        session.client.subscribe(filter, qos).catch(() => {});
      }
    }
  }

  private onMessage(packet: IPublishPacket): void {
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    this.load.observe(payload);
    this.incoming.add(Date.now(), packet.topic, packet.qos, packet.retain, payload);
  }

  private async publish(command: CommandPayload<'publish'>): Promise<CommandResponses['publish']> {
    const session = this.requireSession();
    const id = `p${++this.publishSeq}`;
    const bytes = payloadBytes(command.payload, command.format);
    let writtenAt = 0;
    const queuedAt = performance.now();
    const receipt: PublishReceipt = {
      onWritten: (at) => {
        writtenAt = at;
        this.emit('publishStatus', { id, state: 'written', t: Date.now(), latencyMs: at - queuedAt });
      },
      onAcked: (at, reasonCode) => {
        const refused = reasonCode !== undefined && reasonCode >= 0x80;
        this.emit('publishStatus', {
          id,
          state: refused ? 'failed' : 'acked',
          t: Date.now(),
          latencyMs: at - writtenAt,
          ...(reasonCode !== undefined ? { reasonCode } : {}),
          ...(refused ? { reason: `the broker refused it (reason 0x${reasonCode.toString(16)})` } : {}),
        });
      },
      onFailed: (reason) => this.emit('publishStatus', { id, state: 'failed', t: Date.now(), reason }),
    };
    const extras = { receipt, ...(command.properties ? { properties: command.properties } : {}) };
    if (command.mode === 'tryPublish') {
      const result = session.client.tryPublish(command.topic, command.qos, command.retain, bytes, extras);
      return { id, outcome: result.ok ? 'queued' : result.error, bytes: bytes.length };
    }
    const outcome = await session.client.publish(command.topic, command.qos, command.retain, bytes, extras);
    return { id, outcome, bytes: bytes.length };
  }

  /** The same as the getSnapshot command, without a round trip: for readers inside the process (the metrics endpoint). */
  snapshotNow(): Snapshot {
    return this.snapshot();
  }

  private snapshot(): Snapshot {
    return {
      sample: this.monitor.history.latest() ?? null,
      profile: this.profile ? summarize(this.profile) : null,
      subscriptions: this.subscriptionList(),
      load: this.load.status(),
      alerts: this.alerts.active(),
      paused: this.paused,
      builtInBroker: { running: this.builtIn.running, port: this.builtIn.port, limits: [...BuiltInBroker.limits] },
      version: this.options.version,
      log: this.log.entries(Math.max(0, this.log.seq - SNAPSHOT_LOG_LINES)),
      inspect: this.inspect.status(),
      reports: this.reports.status(),
      grant: this.session?.eventLoop.brokerGrant() ?? null,
      ...(this.options.systemLocale ? { locale: this.options.systemLocale } : {}),
    };
  }

  private subscriptionList(): Array<{ filter: string; qos: QoS }> {
    return [...this.subscriptions].map(([filter, qos]) => ({ filter, qos }));
  }

  private requireSession(): Session {
    if (!this.session) throw new ServiceFailure('not-connected', 'not connected: connect to a broker first');
    return this.session;
  }

  private async closeSession(graceful: boolean): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.session = null;
    this.emit('brokerGrant', null);
    this.load.stop('disconnected');
    this.monitor.detach();
    this.drills.detach();
    await session.close(graceful);
  }

  private flushMessages(): void {
    const batch = this.incoming.take();
    if (batch) this.emit('messages', batch);
  }

  private flushLog(): void {
    if (this.pendingLog.length === 0) return;
    const batch = this.pendingLog;
    this.pendingLog = [];
    this.emit('log', batch);
  }

  /** Adds a log line: its catalogue key and params for the UI, and its English words from the en catalogue. */
  private note(level: LogLevel, category: LogCategory, key: LogKey, params: LogParams = {}): void {
    this.log.add(level, category, logMessage(key, params, ENGLISH.t, ENGLISH.f), { key, params });
  }

  private emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    this.events.emit(event, payload);
  }
}

export type { LoadStatus };
