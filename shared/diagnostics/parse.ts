// Opening a bundle someone sent: whatever the file holds, the answer is a
// bundle or a clear reason, never an exception.
import type { BundleProblem } from '../locales/keys.js';
import { createTranslator } from '../locales/translator.js';
import { bundleErrorText } from '../locales/wording.js';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type DiagnosticsBundle } from './bundle.js';
import { bundleSchema } from './schema.js';

/** Why a file is not a bundle this version can open; worded as `bundleError.<problem>` (see BUNDLE_PROBLEMS). */
export type { BundleProblem };

/** The outcome of opening a bundle: the bundle, or the reason with its numbers (to word it in any language) and its English words. */
export type BundleParse =
  | { ok: true; bundle: DiagnosticsBundle }
  | { ok: false; error: string; problem: BundleProblem; params: Record<string, string | number> };

/** Opens a bundle from the text of its file. */
export function parseBundle(text: string): BundleParse {
  if (text.trim().length === 0) return fail('empty');
  // A gzip stream read as text starts with 0x1f 0x8b (the second byte may come through as U+FFFD).
  if (text.charCodeAt(0) === 0x1f) return fail('compressed');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    if (endsMidway(text)) return fail('truncated', { length: text.length });
    return fail('not-json', { detail: (error as Error).message });
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== BUNDLE_FORMAT) {
    return fail('not-a-bundle', { format: BUNDLE_FORMAT });
  }
  const version = (data as { version?: unknown }).version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('unsupported-version', { version: JSON.stringify(version) ?? 'none' });
  }
  if (version > BUNDLE_VERSION) return fail('newer-version', { version, supported: BUNDLE_VERSION });
  const checked = bundleSchema.safeParse(data);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const field = issue.path.map(String).join('.') || '(bundle)';
    return fail('damaged', { field, detail: issue.message, more: checked.error.issues.length - 1 });
  }
  return { ok: true, bundle: checked.data as DiagnosticsBundle };
}

function fail(problem: BundleProblem, params: Record<string, string | number> = {}): BundleParse {
  return { ok: false, error: bundleErrorText(problem, params, createTranslator('en')), problem, params };
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
