// Connection profiles: the built-in test broker's, and how saved ones are kept.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import type { ProfileSummary } from '../../shared/contract.js';
import { connectionProfile, type ConnectionProfile } from '../../shared/schemas.js';
import { JsonFile, type CorruptFile } from './json-file.js';
import { MemorySecretStore, type SecretStore } from './secret-store.js';

export const BUILTIN_PROFILE_ID = 'builtin';

/** The profile of the built-in test broker: the default until a person saves one of their own. */
export const BUILTIN_PROFILE: ConnectionProfile = connectionProfile.parse({
  id: BUILTIN_PROFILE_ID,
  name: 'Built-in test broker',
  kind: 'builtin',
  host: '127.0.0.1',
  port: 1884,
  protocolVersion: 4,
});

const stored = z.object({ profiles: z.array(connectionProfile), defaultId: z.string() });
type Stored = z.output<typeof stored>;

/**
 * Saved connection profiles. Passwords never go into the profiles file: they
 * are handed to a SecretStore, which keeps them in memory only unless the
 * shell gave one that persists (the desktop app's is encrypted by the OS;
 * web mode's is a plain file the person opted into).
 */
export class ProfileStore {
  private profiles = new Map<string, ConnectionProfile>();
  private defaultId = BUILTIN_PROFILE_ID;
  private readonly file: JsonFile<Stored> | null;

  constructor(
    dataDir: string | null,
    onCorrupt: (corrupt: CorruptFile) => void = () => {},
    private readonly secrets: SecretStore = new MemorySecretStore(),
  ) {
    this.file = dataDir ? new JsonFile(join(dataDir, 'profiles.json'), 1, (data) => stored.parse(data)) : null;
    const read = this.file?.read();
    if (read?.status === 'ok') {
      for (const profile of read.value.profiles) {
        const password = secrets.load(profile.id!);
        const key = secrets.load(tlsKeyId(profile.id!));
        this.profiles.set(profile.id!, { ...profile, ...(password === undefined ? {} : { password }), tls: key === undefined ? profile.tls : { ...profile.tls, key } });
      }
      if (this.profiles.has(read.value.defaultId)) this.defaultId = read.value.defaultId;
    } else if (read?.status === 'corrupt') {
      onCorrupt({ reason: read.reason, keptAs: read.keptAs });
    }
  }

  get(id: string): ConnectionProfile | undefined {
    return id === BUILTIN_PROFILE_ID ? BUILTIN_PROFILE : this.profiles.get(id);
  }

  /** The built-in profile first, then the saved ones; and which is the default. */
  list(): { profiles: ProfileSummary[]; defaultId: string } {
    return { profiles: [BUILTIN_PROFILE, ...this.profiles.values()].map(summarize), defaultId: this.defaultId };
  }

  defaultProfile(): ConnectionProfile {
    return this.get(this.defaultId) ?? BUILTIN_PROFILE;
  }

  /**
   * Saves (or updates) a profile of the person's own; it becomes the default.
   * The UI never gets secrets back, so a profile saved without its password
   * or TLS files keeps the ones it had (see withStoredSecrets); an empty one
   * removes it.
   */
  save(profile: ConnectionProfile): ConnectionProfile {
    const id = profile.id && profile.id !== BUILTIN_PROFILE_ID ? profile.id : `p-${randomBytes(4).toString('hex')}`;
    const merged = this.withStoredSecrets({ ...profile, id });
    const saved: ConnectionProfile = { ...merged, kind: 'custom', password: merged.password || undefined, tls: withoutEmpty(merged.tls) };
    if (saved.password) this.secrets.save(id, saved.password);
    else this.secrets.delete(id);
    // A TLS private key is as secret as a password: it goes where passwords go, never into profiles.json.
    if (saved.tls.key) this.secrets.save(tlsKeyId(id), saved.tls.key);
    else this.secrets.delete(tlsKeyId(id));
    this.profiles.set(id, saved);
    this.defaultId = id;
    this.persist();
    return saved;
  }

  /**
   * The profile as the UI sent it, with the secrets it never gets back
   * (password, TLS CA, certificate and key) filled in from the stored profile
   * of the same id wherever the UI sent none. An empty string stays empty: it
   * asks for the secret to be removed.
   */
  withStoredSecrets(profile: ConnectionProfile): ConnectionProfile {
    const stored = profile.id ? this.get(profile.id) : undefined;
    if (!stored) return profile;
    return {
      ...profile,
      password: profile.password ?? stored.password,
      tls: { ...profile.tls, ca: profile.tls.ca ?? stored.tls.ca, cert: profile.tls.cert ?? stored.tls.cert, key: profile.tls.key ?? stored.tls.key },
    };
  }

  delete(id: string): void {
    this.profiles.delete(id);
    this.secrets.delete(id);
    this.secrets.delete(tlsKeyId(id));
    if (this.defaultId === id) this.defaultId = [...this.profiles.keys()].at(-1) ?? BUILTIN_PROFILE_ID;
    this.persist();
  }

  private persist(): void {
    const withoutSecrets = [...this.profiles.values()].map(({ password: _password, tls: { key: _key, ...tls }, ...rest }) => ({ ...rest, tls }));
    this.file?.write({ profiles: withoutSecrets, defaultId: this.defaultId });
  }
}

/** TLS settings without the files asked to be removed (sent as empty strings). */
/** Where a profile's TLS private key is kept in the secret store. */
function tlsKeyId(profileId: string): string {
  return `${profileId}:tls-key`;
}

function withoutEmpty(tls: ConnectionProfile['tls']): ConnectionProfile['tls'] {
  return Object.fromEntries(Object.entries(tls).filter(([, value]) => value !== '' && value !== undefined)) as ConnectionProfile['tls'];
}

/** A profile as the UI may see it: secrets replaced by flags. */
export function summarize(profile: ConnectionProfile): ProfileSummary {
  const { password, tls, ...rest } = profile;
  return {
    ...rest,
    id: profile.id ?? '',
    hasPassword: password !== undefined && password !== '',
    tls: { rejectUnauthorized: tls.rejectUnauthorized, hasCa: !!tls.ca, hasCert: !!tls.cert, hasKey: !!tls.key },
  };
}
