// A versioned JSON file written atomically; one that cannot be read is moved aside, not lost.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A file that could not be read: why, and where it was moved aside. */
export interface CorruptFile {
  reason: string;
  keptAs: string;
}

/** What reading a JSON file found. */
export type JsonRead<T> = { status: 'missing' } | { status: 'ok'; value: T } | { status: 'corrupt'; keptAs: string; reason: string };

/**
 * A versioned JSON file written atomically (temp file + rename), so a crash
 * mid-write never leaves half a file. A file that cannot be read is moved
 * aside and reported, never silently replaced.
 */
export class JsonFile<T> {
  constructor(
    readonly path: string,
    private readonly version: number,
    private readonly parse: (data: unknown) => T,
  ) {}

  read(): JsonRead<T> {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
      throw error;
    }
    try {
      const envelope = JSON.parse(text) as { version?: unknown; data?: unknown };
      if (envelope?.version !== this.version) throw new Error(`version ${String(envelope?.version)} is not ${this.version}`);
      return { status: 'ok', value: this.parse(envelope.data) };
    } catch (error) {
      const keptAs = `${this.path}.corrupt-${Date.now()}`;
      renameSync(this.path, keptAs);
      return { status: 'corrupt', keptAs, reason: (error as Error).message };
    }
  }

  write(value: T): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temp = `${this.path}.tmp-${process.pid}`;
    writeFileSync(temp, `${JSON.stringify({ version: this.version, data: value }, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.path);
  }
}
