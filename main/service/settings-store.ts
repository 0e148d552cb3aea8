// The person's settings, persisted as versioned JSON.
import { join } from 'node:path';
import { DEFAULT_SETTINGS, settings as settingsSchema, type Settings } from '../../shared/schemas.js';
import { JsonFile, type CorruptFile } from './json-file.js';

/** The person's settings, persisted as versioned JSON; defaults until changed. */
export class SettingsStore {
  private current: Settings = structuredClone(DEFAULT_SETTINGS);
  private readonly file: JsonFile<Settings> | null;

  constructor(dataDir: string | null, onCorrupt: (corrupt: CorruptFile) => void = () => {}) {
    this.file = dataDir ? new JsonFile(join(dataDir, 'settings.json'), 1, (data) => settingsSchema.parse(data)) : null;
    const read = this.file?.read();
    if (read?.status === 'ok') this.current = read.value;
    // Defaults are in use from here on; the log line says so.
    else if (read?.status === 'corrupt') onCorrupt({ reason: read.reason, keptAs: read.keptAs });
  }

  get(): Settings {
    return structuredClone(this.current);
  }

  set(partial: Partial<Settings>): Settings {
    this.current = { ...this.current, ...partial };
    this.file?.write(this.current);
    return this.get();
  }
}
