// Builds a diagnostics bundle from the service's state, with secrets left out.
import { arch, platform, release } from 'node:os';
import type { ChannelSettings } from '../../shared/contract.js';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleConnection, type DiagnosticsBundle } from '../../shared/diagnostics/index.js';
import type { AlertRecord, FaultRecord, LogEntry, Sample } from '../../shared/domain.js';
import type { InspectSample, InspectStatus } from '../../shared/inspect.js';
import type { ConnectionProfile, Settings } from '../../shared/schemas.js';
import { ENGINE_NAME, ENGINE_VERSION } from '../engine/index.js';

/** What the service hands over to make a bundle. */
export interface BundleSources {
  appVersion: string;
  /** The last connection made and where it went; null when there was none. */
  connection: { profile: ConnectionProfile; target: { host: string; port: number } } | null;
  includeUsername: boolean;
  channel: ChannelSettings;
  settings: Settings;
  samples: Sample[];
  alerts: AlertRecord[];
  log: LogEntry[];
  faults: FaultRecord[];
  /** What Inspect saw, when it ran. */
  inspect?: { status: InspectStatus; histories: Record<number, InspectSample[]> };
  /** Wall-clock ms; Date.now() by default. */
  now?: number;
}

/** Builds a version-1 diagnostics bundle; no secret of the connection goes in. */
export function buildBundle(sources: BundleSources): DiagnosticsBundle {
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    createdAt: sources.now ?? Date.now(),
    app: { version: sources.appVersion },
    engine: { name: ENGINE_NAME, version: ENGINE_VERSION },
    os: { platform: platform(), release: release(), arch: arch(), node: process.version },
    connection: sources.connection ? redactConnection(sources.connection.profile, sources.connection.target, sources.includeUsername) : null,
    channel: { ...sources.channel },
    settings: structuredClone(sources.settings),
    samples: sources.samples,
    alerts: sources.alerts,
    log: sources.log,
    faults: sources.faults,
    ...(sources.inspect && sources.inspect.status.clients.length + (sources.inspect.status.listening ? 1 : 0) > 0 ? { inspect: redactInspect(sources.inspect, sources.includeUsername) } : {}),
  };
}

/** Inspect's clients for a bundle: the proxy never kept a password; user names go in only when asked for, as for our own connection. */
function redactInspect(inspect: NonNullable<BundleSources['inspect']>, includeUsername: boolean): NonNullable<DiagnosticsBundle['inspect']> {
  const clients = inspect.status.clients.map((c) => ({ ...c, identity: { ...c.identity, username: includeUsername ? c.identity.username : null } }));
  const histories: Record<string, InspectSample[]> = {};
  for (const [connection, samples] of Object.entries(inspect.histories)) histories[connection] = samples;
  return { status: { ...inspect.status, clients }, histories };
}

/**
 * The connection without its secrets. Fields are copied one by one (an
 * allow-list): the password, the TLS key and certificate never go in, nor
 * the CA (not secret, but it can name a private network); flags say which
 * were set. The user name goes in only when asked for.
 */
export function redactConnection(profile: ConnectionProfile, target: { host: string; port: number }, includeUsername: boolean): BundleConnection {
  const hasUsername = profile.username !== undefined && profile.username !== '';
  return {
    name: profile.name,
    kind: profile.kind,
    host: target.host,
    port: target.port,
    transport: profile.transport,
    wsPath: profile.wsPath,
    protocolVersion: profile.protocolVersion,
    clientId: profile.clientId,
    keepAlive: profile.keepAlive,
    cleanSession: profile.cleanSession,
    ...(includeUsername && hasUsername ? { username: profile.username } : {}),
    hasUsername,
    hasPassword: profile.password !== undefined && profile.password !== '',
    tls: { rejectUnauthorized: profile.tls.rejectUnauthorized, hadCa: !!profile.tls.ca, hadCert: !!profile.tls.cert, hadKey: !!profile.tls.key },
    inflight: profile.inflight,
    capacity: profile.capacity,
    policy: profile.policy,
  };
}
