// A diagnostics bundle: everything a support engineer needs to see what a
// client went through, in one versioned JSON file, with every secret removed.
// The main process writes it; the renderer's replay mode and the CLI read it
// with the same code (parse.ts, summary.ts).
import type { InspectSample, InspectStatus } from '../inspect.js';
import type { AlertRecord, ChannelSettings, FaultRecord, LogEntry, OverflowPolicy, Sample, Transport } from '../domain.js';
import type { Settings } from '../schemas.js';

export const BUNDLE_FORMAT = 'mqtt-gauge-diagnostics';
/** The bundle version this code writes and the newest it reads. */
export const BUNDLE_VERSION = 1;

/**
 * The connection as a bundle records it. Fields are copied by name (an
 * allow-list), so a secret added to profiles later cannot leak by default:
 * no password, no TLS key, certificate or CA, and the user name only when the
 * person asked for it; flags say what there was.
 */
export interface BundleConnection {
  name: string;
  kind: 'builtin' | 'custom';
  /** Where the client actually connected (the built-in broker's port is chosen at start). */
  host: string;
  port: number;
  transport: Transport;
  wsPath: string;
  protocolVersion: 4 | 5;
  clientId: string;
  keepAlive: number;
  cleanSession: boolean;
  /** Present only when the export included it. */
  username?: string;
  hasUsername: boolean;
  hasPassword: boolean;
  tls: { rejectUnauthorized: boolean; hadCa: boolean; hadCert: boolean; hadKey: boolean };
  inflight: number;
  capacity: number;
  policy: OverflowPolicy;
}

/** One diagnostics bundle, version 1. */
export interface DiagnosticsBundle {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  /** Wall-clock ms. */
  createdAt: number;
  app: { version: string };
  engine: { name: string; version: string };
  os: { platform: string; release: string; arch: string; node: string };
  /** The last connection made, or null when there was none. */
  connection: BundleConnection | null;
  channel: ChannelSettings;
  settings: Settings;
  /** The whole sample history, oldest first. */
  samples: Sample[];
  /** Alerts raised (and cleared) while the history was kept, oldest first. */
  alerts: AlertRecord[];
  /** Every kept log entry, oldest first. */
  log: LogEntry[];
  /** Fault drills started and ended, oldest first. */
  faults: FaultRecord[];
  /** Inspect's proxy, the clients it forwarded (user names only when the export included them) and each one's samples by connection; absent when Inspect never ran or in bundles from before it. */
  inspect?: { status: InspectStatus; histories: Record<string, InspectSample[]> };
}

/** A file name for a bundle made at `createdAt`: sortable, and safe on every OS. */
export function bundleFileName(createdAt: number): string {
  return `mqtt-gauge-diagnostics-${new Date(createdAt).toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}.json`;
}
