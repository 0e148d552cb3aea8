// Opening a bundle someone sent: whatever the file holds, the answer is a
// bundle or a clear reason, never an exception.
import { BUNDLE_FORMAT, BUNDLE_VERSION, type DiagnosticsBundle } from './bundle.js';
import { bundleSchema } from './schema.js';

/** Why a file is not a bundle this version can open; the UI words each one (see BUNDLE_ERROR_KEYS). */
export type BundleProblem = 'empty' | 'compressed' | 'truncated' | 'not-json' | 'not-a-bundle' | 'newer-version' | 'unsupported-version' | 'damaged';

/** The outcome of opening a bundle: the bundle, or an English message with the reason and its numbers for translation. */
export type BundleParse =
  | { ok: true; bundle: DiagnosticsBundle }
  | { ok: false; error: string; problem: BundleProblem; params: Record<string, string | number> };

/** Opens a bundle from the text of its file. */
export function parseBundle(text: string): BundleParse {
  if (text.trim().length === 0) return fail('empty', 'The file is empty: it is not a diagnostics bundle.');
  // A gzip stream read as text starts with 0x1f 0x8b (the second byte may come through as U+FFFD).
  if (text.charCodeAt(0) === 0x1f) {
    return fail('compressed', 'The file is compressed (gzip): decompress it first, or open it with the MQTT Gauge CLI, which reads .json.gz.');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    if (endsMidway(text)) {
      return fail('truncated', `The file is truncated: it ends in the middle of the data after ${text.length.toLocaleString('en-US')} characters. Ask for the whole file again.`, { length: text.length });
    }
    return fail('not-json', `The file is not valid JSON (${(error as Error).message}), so it is not a diagnostics bundle.`, { detail: (error as Error).message });
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== BUNDLE_FORMAT) {
    return fail('not-a-bundle', `The file is JSON but not an MQTT Gauge diagnostics bundle (its "format" is not "${BUNDLE_FORMAT}").`);
  }
  const version = (data as { version?: unknown }).version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('unsupported-version', `The bundle has no valid version number (${JSON.stringify(version) ?? 'none'}), so it cannot be read.`, { version: String(version) });
  }
  if (version > BUNDLE_VERSION) {
    return fail(
      'newer-version',
      `The bundle was made by a newer MQTT Gauge (bundle version ${version}); this one reads up to version ${BUNDLE_VERSION}. Update MQTT Gauge to open it.`,
      { version, supported: BUNDLE_VERSION },
    );
  }
  const checked = bundleSchema.safeParse(data);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const field = issue.path.map(String).join('.') || '(bundle)';
    const more = checked.error.issues.length - 1;
    return fail(
      'damaged',
      `The bundle is damaged: ${field}: ${issue.message}${more > 0 ? ` (and ${more.toLocaleString('en-US')} more problem${more === 1 ? '' : 's'})` : ''}.`,
      { field, detail: issue.message, more },
    );
  }
  return { ok: true, bundle: checked.data as DiagnosticsBundle };
}

function fail(problem: BundleProblem, error: string, params: Record<string, string | number> = {}): BundleParse {
  return { ok: false, error, problem, params };
}

/**
 * True when the text is JSON cut short: it ends inside a string or with
 * objects and arrays still open. Scanned by hand because each JavaScript
 * engine words its JSON errors differently.
 */
function endsMidway(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return inString || depth > 0;
}
