// Saved passwords for the desktop app, encrypted by the OS through
// Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet) and kept as
// base64 in a file only the person can read.
import type { SafeStorage } from 'electron';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MemorySecretStore, type SecretStore } from '../service/secret-store.js';

/** The file the encrypted passwords live in. */
export function encryptedPasswordsFile(dataDir: string): string {
  return join(dataDir, 'passwords.safe.json');
}

/**
 * Encrypted with safeStorage when the OS offers it. When it does not (a
 * Linux desktop without a keyring), passwords stay in memory for the session
 * and the reason is logged: nothing is ever written in the clear.
 */
export function createDesktopSecretStore(safeStorage: SafeStorage, dataDir: string, log: (line: string) => void): SecretStore {
  if (!safeStorage.isEncryptionAvailable()) {
    log('passwords: the OS offers no encryption here (no keyring?); saved passwords are kept for this session only');
    return new MemorySecretStore();
  }
  return new SafeStorageSecretStore(safeStorage, encryptedPasswordsFile(dataDir), log);
}

class SafeStorageSecretStore implements SecretStore {
  readonly persistent: boolean = true;
  private readonly encrypted = new Map<string, string>();

  constructor(
    private readonly safeStorage: SafeStorage,
    private readonly path: string,
    private readonly log: (line: string) => void,
  ) {
    let text: string | null = null;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log(`passwords: ${path} could not be read: ${(error as Error).message}`);
    }
    if (text === null) return;
    try {
      const data = JSON.parse(text) as { version?: unknown; data?: unknown };
      if (data.version !== 1 || typeof data.data !== 'object' || data.data === null) throw new Error('not a version-1 passwords file');
      for (const [id, value] of Object.entries(data.data)) if (typeof value === 'string') this.encrypted.set(id, value);
    } catch (error) {
      // Kept aside, never silently replaced: the person may want it back.
      const keptAs = `${path}.corrupt-${Date.now()}`;
      renameSync(path, keptAs);
      log(`passwords: ${path} could not be read (${(error as Error).message}); kept as ${keptAs}`);
    }
  }

  save(id: string, secret: string): void {
    this.encrypted.set(id, this.safeStorage.encryptString(secret).toString('base64'));
    this.persist();
  }

  load(id: string): string | undefined {
    const value = this.encrypted.get(id);
    if (value === undefined) return undefined;
    try {
      return this.safeStorage.decryptString(Buffer.from(value, 'base64'));
    } catch (error) {
      this.log(`passwords: the saved password of profile ${id} could not be decrypted (${(error as Error).message}); enter it again`);
      return undefined;
    }
  }

  delete(id: string): void {
    if (this.encrypted.delete(id)) this.persist();
  }

  private persist(): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temp = `${this.path}.tmp-${process.pid}`;
    writeFileSync(temp, `${JSON.stringify({ version: 1, data: Object.fromEntries(this.encrypted) }, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.path);
  }
}
