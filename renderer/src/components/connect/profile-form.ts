// The connection form's model: what the fields hold (text, as typed), and
// how it becomes the profile the shared schema checks.
import type { ProfileSummary } from '../../../../shared/contract.js';
import type { OverflowPolicy, Transport } from '../../../../shared/domain.js';
import type { ConnectionProfileInput } from '../../../../shared/schemas.js';
import { parseOptional, parseTyped } from '../common/numbers.js';

export interface ProfileForm {
  id: string | undefined;
  kind: 'builtin' | 'custom';
  name: string;
  host: string;
  port: string;
  transport: Transport;
  wsPath: string;
  protocolVersion: 4 | 5;
  clientId: string;
  keepAlive: string;
  cleanSession: boolean;
  username: string;
  password: string;
  /** Whether the saved profile has a password (it is never sent back). */
  hasSavedPassword: boolean;
  ca: string;
  cert: string;
  key: string;
  /** What the saved profile holds of TLS files (never sent back). */
  savedTls: { ca: boolean; cert: boolean; key: boolean };
  rejectUnauthorized: boolean;
  inflight: string;
  capacity: string;
  policy: OverflowPolicy;
}

/** A fresh profile for a broker of the person's own. */
export function newProfileForm(): ProfileForm {
  return {
    id: undefined,
    kind: 'custom',
    name: '',
    host: 'localhost',
    port: '1883',
    transport: 'tcp',
    wsPath: '/mqtt',
    protocolVersion: 5,
    clientId: '',
    keepAlive: '30',
    cleanSession: true,
    username: '',
    password: '',
    hasSavedPassword: false,
    ca: '',
    cert: '',
    key: '',
    savedTls: { ca: false, cert: false, key: false },
    rejectUnauthorized: true,
    inflight: '100',
    capacity: '1000',
    policy: 'block',
  };
}

export function formFromProfile(profile: ProfileSummary): ProfileForm {
  return {
    id: profile.id || undefined,
    kind: profile.kind,
    name: profile.name,
    host: profile.host,
    port: String(profile.port),
    transport: profile.transport,
    wsPath: profile.wsPath,
    protocolVersion: profile.protocolVersion,
    clientId: profile.clientId,
    keepAlive: String(profile.keepAlive),
    cleanSession: profile.cleanSession,
    username: profile.username ?? '',
    password: '',
    hasSavedPassword: profile.hasPassword,
    ca: '',
    cert: '',
    key: '',
    savedTls: { ca: profile.tls.hasCa, cert: profile.tls.hasCert, key: profile.tls.hasKey },
    rejectUnauthorized: profile.tls.rejectUnauthorized,
    inflight: String(profile.inflight),
    capacity: String(profile.capacity),
    policy: profile.policy,
  };
}

/** Whether the transport uses TLS (tls, wss) or WebSocket (ws, wss). */
export const usesTls = (transport: Transport) => transport === 'tls' || transport === 'wss';
export const usesWebSocket = (transport: Transport) => transport === 'ws' || transport === 'wss';

/** The profile as the schema (and the service) take it. Empty optional fields are left out so their defaults apply. */
export function profileInput(form: ProfileForm): ConnectionProfileInput {
  const input: ConnectionProfileInput = {
    name: form.name,
    kind: form.kind,
    host: form.host.trim(),
    port: parseTyped(form.port),
    transport: form.transport,
    protocolVersion: form.protocolVersion,
    clientId: form.clientId,
    cleanSession: form.cleanSession,
    policy: form.policy,
    tls: { rejectUnauthorized: form.rejectUnauthorized },
  };
  if (form.id) input.id = form.id;
  if (usesWebSocket(form.transport)) input.wsPath = form.wsPath;
  const keepAlive = parseOptional(form.keepAlive);
  if (keepAlive !== undefined) input.keepAlive = keepAlive;
  const inflight = parseOptional(form.inflight);
  if (inflight !== undefined) input.inflight = inflight;
  const capacity = parseOptional(form.capacity);
  if (capacity !== undefined) input.capacity = capacity;
  if (form.username !== '') input.username = form.username;
  if (form.password !== '') input.password = form.password;
  if (usesTls(form.transport)) {
    if (form.ca.trim() !== '') input.tls!.ca = form.ca;
    if (form.cert.trim() !== '') input.tls!.cert = form.cert;
    if (form.key.trim() !== '') input.tls!.key = form.key;
  }
  return input;
}
