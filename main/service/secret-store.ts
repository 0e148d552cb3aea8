// Where saved profiles' passwords are kept, apart from the profiles themselves.
import { join } from 'node:path';
import { z } from 'zod';
import { formattersFor } from '../../shared/format/index.js';
import { createTranslator } from '../../shared/locales/translator.js';
import { logMessage } from '../../shared/locales/wording.js';
import { JsonFile } from './json-file.js';

/**
 * Where saved profiles' passwords are kept, apart from the profiles file.
 * The shell chooses: memory only (web mode's default), a plain file the
 * person opted into (web mode), or the OS's encryption (the desktop app).
 */
export interface SecretStore {
  /** True when secrets survive a restart. */
  readonly persistent: boolean;
  save(id: string, secret: string): void;
  load(id: string): string | undefined;
  delete(id: string): void;
}

/** Secrets for as long as the process runs, and no longer. */
export class MemorySecretStore implements SecretStore {
  readonly persistent: boolean = false;
  private readonly secrets = new Map<string, string>();

  save(id: string, secret: string): void {
    this.secrets.set(id, secret);
  }

  load(id: string): string | undefined {
    return this.secrets.get(id);
  }

  delete(id: string): void {
    this.secrets.delete(id);
  }
}

const storedSecrets = z.record(z.string(), z.string());

/**
 * Secrets in a JSON file readable by its owner only (0600), written
 * atomically. NOT encrypted: anyone who can read the person's files can read
 * the passwords. Web mode uses it only when asked to (`--remember-passwords`).
 */
export class FileSecretStore implements SecretStore {
  readonly persistent: boolean = true;
  private readonly secrets = new Map<string, string>();
  private readonly file: JsonFile<Record<string, string>>;

  constructor(path: string, onCorrupt: (message: string) => void = () => {}) {
    this.file = new JsonFile(path, 1, (data) => storedSecrets.parse(data));
    const read = this.file.read();
    if (read.status === 'ok') for (const [id, secret] of Object.entries(read.value)) this.secrets.set(id, secret);
    else if (read.status === 'corrupt') {
      onCorrupt(logMessage('log.corrupt-file', { file: 'passwords', reason: read.reason, keptAs: read.keptAs }, createTranslator('en'), formattersFor('en')));
    }
  }

  save(id: string, secret: string): void {
    this.secrets.set(id, secret);
    this.persist();
  }

  load(id: string): string | undefined {
    return this.secrets.get(id);
  }

  delete(id: string): void {
    if (this.secrets.delete(id)) this.persist();
  }

  private persist(): void {
    this.file.write(Object.fromEntries(this.secrets));
  }
}

/** The file web mode keeps passwords in when the person opts in. */
export function plainPasswordsFile(dataDir: string): string {
  return join(dataDir, 'passwords.json');
}
