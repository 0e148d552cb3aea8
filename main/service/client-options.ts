// How a connection profile and the address it resolved to become the engine's client options.
import type { ConnectionProfile } from '../../shared/schemas.js';
import type { ClientOptions } from '../engine/index.js';

/** The engine's options for `profile`, reaching the broker at `target` (the built-in broker's port is only known at run time). */
export function clientOptionsOf(profile: ConnectionProfile, target: { host: string; port: number }): ClientOptions {
  return {
    host: target.host,
    port: target.port,
    transport: profile.transport,
    wsPath: profile.wsPath,
    protocolVersion: profile.protocolVersion,
    keepAlive: profile.keepAlive,
    cleanSession: profile.cleanSession,
    inflight: profile.inflight,
    tls: profile.tls,
    ...(profile.clientId ? { clientId: profile.clientId } : {}),
    ...(profile.username ? { username: profile.username } : {}),
    ...(profile.password ? { password: profile.password } : {}),
  };
}
