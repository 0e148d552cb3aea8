// Which broker a command talks to, from --url or --host/--port and friends;
// the built-in test broker when none is given.
import { readFileSync } from 'node:fs';
import { LIMITS, OVERFLOW_POLICIES, TRANSPORTS, type Transport } from '../../shared/domain.js';
import { connectionProfile, type ConnectionProfile } from '../../shared/schemas.js';
import { BUILTIN_PROFILE } from '../service/index.js';
import { describeIssue } from '../../shared/problems.js';
import { choiceOption, flag, integerOption, stringOption, UsageError, type OptionSpec, type Values } from './args.js';
import { issuePhrase } from './messages.js';

/** The broker and channel options monitor, bench and export share. */
export const BROKER_OPTIONS: OptionSpec = {
  url: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  transport: { type: 'string' },
  'mqtt-version': { type: 'string' },
  'client-id': { type: 'string' },
  username: { type: 'string' },
  password: { type: 'string' },
  keepalive: { type: 'string' },
  ca: { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  insecure: { type: 'boolean' },
  capacity: { type: 'string' },
  policy: { type: 'string' },
  inflight: { type: 'string' },
};

const SCHEMES: Record<string, Transport> = { 'mqtt:': 'tcp', 'tcp:': 'tcp', 'mqtts:': 'tls', 'tls:': 'tls', 'ssl:': 'tls', 'ws:': 'ws', 'wss:': 'wss' };
const DEFAULT_PORTS: Record<Transport, number> = { tcp: 1883, tls: 8883, ws: 80, wss: 443 };

/** The profile to connect with, and whether it is the built-in broker. */
export interface Target {
  profile: ConnectionProfile;
  builtIn: boolean;
}

/** True when any broker option was given (used to refuse them where they do not apply). */
export function brokerOptionsGiven(values: Values): boolean {
  return Object.keys(BROKER_OPTIONS).some((name) => values[name] !== undefined);
}

/** Builds the connection profile from the command line and the environment. */
export function resolveTarget(values: Values, env: NodeJS.ProcessEnv): Target {
  const channel = {
    capacity: integerOption(values, 'capacity', LIMITS.minCapacity, LIMITS.maxCapacity) ?? 1000,
    policy: choiceOption(values, 'policy', OVERFLOW_POLICIES) ?? 'block',
    inflight: integerOption(values, 'inflight', 1, LIMITS.maxInflight) ?? 100,
  };
  const url = stringOption(values, 'url');
  const host = stringOption(values, 'host');
  if (url === undefined && host === undefined) {
    return { profile: { ...BUILTIN_PROFILE, ...channel }, builtIn: true };
  }
  let transport = choiceOption(values, 'transport', TRANSPORTS);
  let port = integerOption(values, 'port', 1, 65_535);
  let hostname = host;
  let wsPath: string | undefined;
  let username = stringOption(values, 'username');
  let password = stringOption(values, 'password') ?? env.MQTT_GAUGE_PASSWORD;
  if (url !== undefined) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new UsageError('cli.error.badUrl', { url });
    }
    const fromScheme = SCHEMES[parsed.protocol];
    if (!fromScheme) throw new UsageError('cli.error.badUrl', { url });
    transport ??= fromScheme;
    hostname ??= parsed.hostname.replace(/^\[(.*)\]$/, '$1');
    if (parsed.port !== '') port ??= Number(parsed.port);
    if ((transport === 'ws' || transport === 'wss') && parsed.pathname !== '/') wsPath = parsed.pathname;
    if (parsed.username) username ??= decodeURIComponent(parsed.username);
    if (parsed.password) password ??= decodeURIComponent(parsed.password);
  }
  transport ??= 'tcp';
  const input = {
    name: `${hostname}:${port ?? DEFAULT_PORTS[transport]}`,
    kind: 'custom',
    host: hostname,
    port: port ?? DEFAULT_PORTS[transport],
    transport,
    ...(wsPath ? { wsPath } : {}),
    protocolVersion: integerOption(values, 'mqtt-version', 4, 5) ?? 4,
    ...(stringOption(values, 'client-id') !== undefined ? { clientId: stringOption(values, 'client-id') } : {}),
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
    keepAlive: integerOption(values, 'keepalive', 0, 65_535) ?? 30,
    tls: {
      rejectUnauthorized: !flag(values, 'insecure'),
      ...pem(values, 'ca'),
      ...pem(values, 'cert'),
      ...pem(values, 'key'),
    },
    ...channel,
  };
  const checked = connectionProfile.safeParse(input);
  if (!checked.success) {
    const issue = describeIssue(checked.error.issues[0]!);
    throw new UsageError('cli.error.badProfile', { field: issue.field, problem: issuePhrase(issue) });
  }
  return { profile: checked.data, builtIn: false };
}

function pem(values: Values, name: 'ca' | 'cert' | 'key'): Record<string, string> {
  const file = stringOption(values, name);
  if (file === undefined) return {};
  try {
    return { [name]: readFileSync(file, 'utf8') };
  } catch (error) {
    throw new UsageError('cli.error.cannotRead', { file, why: (error as Error).message });
  }
}

/** How a person would write the target: mqtt://host:port. */
export function describeTarget(profile: ConnectionProfile, port: number = profile.port): string {
  const scheme = { tcp: 'mqtt', tls: 'mqtts', ws: 'ws', wss: 'wss' }[profile.transport];
  const host = profile.host.includes(':') ? `[${profile.host}]` : profile.host;
  const path = profile.transport === 'ws' || profile.transport === 'wss' ? profile.wsPath : '';
  return `${scheme}://${host}:${port}${path}`;
}
