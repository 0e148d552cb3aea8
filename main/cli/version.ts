// The app's version as the CLI reports it, read from package.json.
import { readFileSync } from 'node:fs';

/**
 * The app's version, from package.json. Both the source (main/cli/) and the
 * bundle (dist/cli/) sit two folders below it.
 */
export function appVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
