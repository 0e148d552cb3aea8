// Saved passwords: never in the profiles file; kept across a restart only
// where the shell gave a store that persists.
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectionProfile } from '../../shared/schemas.js';
import { ProfileStore } from './profiles.js';
import { FileSecretStore, MemorySecretStore, plainPasswordsFile } from './secret-store.js';

const dataDir = () => mkdtemp(join(tmpdir(), 'gauge-secrets-'));
const profile = (overrides: Record<string, unknown> = {}) => connectionProfile.parse({ name: 'plant', host: 'broker.example', port: 8883, username: 'ada', password: 'pa55-w0rd-XYZ', ...overrides });

describe('ProfileStore with a SecretStore', () => {
  it('keeps the password out of the profiles file, and gets it back after a restart from a file-backed store', async () => {
    const dir = await dataDir();
    const saved = new ProfileStore(dir, undefined, new FileSecretStore(plainPasswordsFile(dir))).save(profile());
    expect(await readFile(join(dir, 'profiles.json'), 'utf8')).not.toContain('pa55-w0rd-XYZ');

    const restarted = new ProfileStore(dir, undefined, new FileSecretStore(plainPasswordsFile(dir)));
    expect(restarted.get(saved.id!)?.password).toBe('pa55-w0rd-XYZ');
    expect(restarted.list().profiles.find((p) => p.id === saved.id)?.hasPassword).toBe(true);
  });

  it('forgets the password at a restart with the in-memory store (web mode without opting in)', async () => {
    const dir = await dataDir();
    const saved = new ProfileStore(dir, undefined, new MemorySecretStore()).save(profile());
    const restarted = new ProfileStore(dir, undefined, new MemorySecretStore());
    expect(restarted.get(saved.id!)?.username).toBe('ada');
    expect(restarted.get(saved.id!)?.password).toBeUndefined();
    expect(restarted.list().profiles.find((p) => p.id === saved.id)?.hasPassword).toBe(false);
  });

  it('keeps the password when a profile is saved again without one, and drops it when saved with an empty one', async () => {
    const store = new ProfileStore(null, undefined, new MemorySecretStore());
    const saved = store.save(profile());
    expect(store.save(profile({ id: saved.id, name: 'renamed', password: undefined })).password).toBe('pa55-w0rd-XYZ');
    expect(store.save(profile({ id: saved.id, password: '' })).password).toBeUndefined();
    expect(store.list().profiles.find((p) => p.id === saved.id)?.hasPassword).toBe(false);
  });

  it('forgets a deleted profile’s password in the store too', async () => {
    const dir = await dataDir();
    const secrets = new FileSecretStore(plainPasswordsFile(dir));
    const store = new ProfileStore(dir, undefined, secrets);
    const saved = store.save(profile());
    store.delete(saved.id!);
    expect(new FileSecretStore(plainPasswordsFile(dir)).load(saved.id!)).toBeUndefined();
    expect(await readFile(plainPasswordsFile(dir), 'utf8')).not.toContain('pa55-w0rd-XYZ');
  });
});

describe('FileSecretStore', () => {
  it('writes a file only its owner can read', async () => {
    const dir = await dataDir();
    new FileSecretStore(plainPasswordsFile(dir)).save('p-1', 'x');
    expect((await stat(plainPasswordsFile(dir))).mode & 0o777).toBe(0o600);
  });

  it('keeps a corrupt file aside and says so, starting empty', async () => {
    const dir = await dataDir();
    await writeFile(plainPasswordsFile(dir), 'not json');
    const reports: string[] = [];
    const store = new FileSecretStore(plainPasswordsFile(dir), (message) => reports.push(message));
    expect(store.load('p-1')).toBeUndefined();
    expect(reports.join()).toMatch(/saved passwords could not be read .* kept as .*passwords\.json\.corrupt-/);
    expect((await readdir(dir)).some((name) => name.startsWith('passwords.json.corrupt-'))).toBe(true);
  });
});

describe('a TLS private key', () => {
  const KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQ-SECRET-KEY-MATERIAL\n-----END PRIVATE KEY-----';
  const CA = '-----BEGIN CERTIFICATE-----\nPUBLIC-CA\n-----END CERTIFICATE-----';

  it('is kept where passwords are kept, never in profiles.json, and comes back after a restart with a persisting store', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gauge-tls-key-'));
    const secretsPath = join(dataDir, 'secrets.json');
    const store = new ProfileStore(dataDir, () => {}, new FileSecretStore(secretsPath));
    const saved = store.save(connectionProfile.parse({ name: 'tls', host: 'broker', port: 8883, transport: 'tls', tls: { ca: CA, key: KEY } }));
    const profiles = await readFile(join(dataDir, 'profiles.json'), 'utf8');
    expect(profiles).not.toContain('SECRET-KEY-MATERIAL');
    expect(profiles).toContain('PUBLIC-CA');
    const again = new ProfileStore(dataDir, () => {}, new FileSecretStore(secretsPath));
    expect(again.get(saved.id!)?.tls).toMatchObject({ ca: CA, key: KEY });
    expect(again.list().profiles.find((p) => p.id === saved.id)?.tls).toMatchObject({ hasKey: true, hasCa: true });
  });

  it('is forgotten at a restart when the store keeps secrets in memory only (web mode by default)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gauge-tls-key-mem-'));
    const store = new ProfileStore(dataDir, () => {}, new MemorySecretStore());
    const saved = store.save(connectionProfile.parse({ name: 'tls', host: 'broker', port: 8883, transport: 'tls', tls: { key: KEY } }));
    expect(await readFile(join(dataDir, 'profiles.json'), 'utf8')).not.toContain('SECRET-KEY-MATERIAL');
    const again = new ProfileStore(dataDir, () => {}, new MemorySecretStore());
    expect(again.get(saved.id!)?.tls.key).toBeUndefined();
  });
});
