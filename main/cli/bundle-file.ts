// Bundles on disk: JSON, or gzip-compressed JSON when the name ends in .gz
// (or when asked). Reading looks at the bytes, not the name.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { DiagnosticsBundle } from '../../shared/diagnostics/index.js';

/** Writes the bundle (via a temporary file, so a half-written bundle never has the final name); returns its size in bytes. */
export async function writeBundleFile(path: string, bundle: DiagnosticsBundle, gzip: boolean): Promise<number> {
  const text = `${JSON.stringify(bundle)}\n`;
  const bytes = gzip ? gzipSync(text) : Buffer.from(text);
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, bytes);
  await rename(temp, path);
  return bytes.length;
}

/** The text of a bundle file, decompressed when it is gzip. */
export async function readBundleText(path: string): Promise<string> {
  const bytes = await readFile(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return gunzipSync(bytes).toString('utf8');
    } catch {
      // A truncated .gz: hand back what can be read, and parsing says it is truncated.
      return gunzipPartial(bytes);
    }
  }
  return bytes.toString('utf8');
}

function gunzipPartial(bytes: Buffer): string {
  try {
    return gunzipSync(bytes, { finishFlush: 2 /* Z_SYNC_FLUSH */ }).toString('utf8');
  } catch {
    return '';
  }
}

/** True when the bundle should be compressed: asked for, or a name ending in .gz. */
export function wantsGzip(path: string, asked: boolean): boolean {
  return asked || path.toLowerCase().endsWith('.gz');
}
