// The service's typed failures, and how any error becomes one the UI can show.
import type { z } from 'zod';
import type { ServiceError, ServiceErrorCode } from '../../shared/contract.js';
import { describeIssue, type ProblemId } from '../../shared/problems.js';

/** A command refused for a reason the UI can show; nothing was changed. */
export class ServiceFailure extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly field?: string,
    /** Which of our problems it is, when the catalogues word it (`validation.<id>`). */
    readonly problem?: ProblemId,
  ) {
    super(message);
    this.name = 'ServiceFailure';
  }
}

/** Turns schema issues into one error naming the first field, with every issue listed (in words, and as codes and numbers). */
export function invalidInput(error: z.ZodError): ServiceError {
  const issues = error.issues.map(describeIssue);
  const first = issues[0] ?? { field: '(payload)', message: 'invalid input' };
  return { code: 'invalid-input', message: `${first.field}: ${first.message}`, field: first.field, issues };
}

/** Maps anything thrown while running a command to the error the UI receives. */
export function toServiceError(error: unknown): ServiceError {
  if (error instanceof ServiceFailure) {
    const issue = error.field && error.problem ? { issues: [{ field: error.field, message: error.message, code: 'custom', params: { problem: error.problem } }] } : {};
    return { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}), ...issue };
  }
  const e = error as { kind?: string; code?: string; field?: string; message?: string };
  if (e?.kind === 'invalid-argument') return { code: 'invalid-input', message: e.message ?? 'invalid input', ...(e.field ? { field: e.field } : {}) };
  if (e?.kind === 'closed') return { code: 'not-connected', message: e.message ?? 'the client is closed' };
  if (e?.kind) return { code: 'engine', message: e.message ?? String(error) };
  return { code: 'internal', message: `internal error: ${(error as Error)?.message ?? String(error)}` };
}
