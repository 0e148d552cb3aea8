// Checks every command payload for well-formed text and bounded depth before its schema sees it.
import type { ServiceError } from '../../shared/contract.js';

/** Deeper than any command's payload needs; deeper input is refused before the schema walks it. */
const MAX_DEPTH = 16;

/**
 * Checks what every command payload must satisfy whatever its schema says:
 * well-formed text everywhere (a lone surrogate is invalid UTF-8, and would
 * be silently replaced on the wire), keys included, and a bounded depth.
 * Returns the error to answer with, or null when the payload may go on to
 * its schema.
 */
export function payloadShapeProblem(payload: unknown): ServiceError | null {
  const problem = walk(payload, [], 0);
  if (!problem) return null;
  const field = problem.path.join('.') || '(payload)';
  return { code: 'invalid-input', message: `${field}: ${problem.message}`, field, issues: [{ field, message: problem.message }] };
}

function walk(value: unknown, path: string[], depth: number): { path: string[]; message: string } | null {
  if (typeof value === 'string') return value.isWellFormed() ? null : { path, message: 'the text is not valid UTF-8 (it holds a lone surrogate)' };
  if (typeof value !== 'object' || value === null) return null;
  if (depth >= MAX_DEPTH) return { path, message: `nested more than ${MAX_DEPTH} levels deep` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = walk(value[i], [...path, String(i)], depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  for (const [key, child] of Object.entries(value)) {
    if (!key.isWellFormed()) return { path, message: 'a field name is not valid UTF-8' };
    const problem = walk(child, [...path, key], depth + 1);
    if (problem) return problem;
  }
  return null;
}
