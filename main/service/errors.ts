import type { z } from 'zod';
import type { ServiceError, ServiceErrorCode } from '../../shared/contract.js';

/** A command refused for a reason the UI can show; nothing was changed. */
export class ServiceFailure extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ServiceFailure';
  }
}

/** Turns schema issues into one error naming the first field, with every issue listed. */
export function invalidInput(error: z.ZodError): ServiceError {
  const issues = error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(payload)',
    message: issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}` : issue.message,
  }));
  const first = issues[0] ?? { field: '(payload)', message: 'invalid input' };
  return { code: 'invalid-input', message: `${first.field}: ${first.message}`, field: first.field, issues };
}

/** Maps anything thrown while running a command to the error the UI receives. */
export function toServiceError(error: unknown): ServiceError {
  if (error instanceof ServiceFailure) return { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
  const e = error as { kind?: string; code?: string; field?: string; message?: string };
  if (e?.kind === 'invalid-argument') return { code: 'invalid-input', message: e.message ?? 'invalid input', ...(e.field ? { field: e.field } : {}) };
  if (e?.kind === 'closed') return { code: 'not-connected', message: e.message ?? 'the client is closed' };
  if (e?.kind) return { code: 'engine', message: e.message ?? String(error) };
  return { code: 'internal', message: `internal error: ${(error as Error)?.message ?? String(error)}` };
}
