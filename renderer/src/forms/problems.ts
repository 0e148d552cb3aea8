// A problem with one field, kept untranslated (a catalogue key and its
// values, or the service's own words) so that it follows a language switch.
import type { z } from 'zod';
import type { ServiceError, ServiceIssue } from '../../../shared/contract.js';
import { describeIssue, issueWording } from '../../../shared/problems.js';

/** What is wrong with one field of a form. */
export interface FieldProblem {
  /** Dotted path as the schema names it: "port", "tls.ca", "properties.contentType". */
  field: string;
  /** Catalogue key, when the problem is one the catalogue words. */
  key?: string;
  params?: Record<string, string | number>;
  /** The service's (English) words, when there is no key for them. */
  text?: string;
}

/** A problem with one field, in the catalogue's words when the issue is one they have (see shared/problems.ts). */
export function problemFromIssue(issue: ServiceIssue, field: string): FieldProblem {
  const wording = issueWording(issue);
  return wording ? { field, key: wording.key, ...(wording.values ? { params: wording.values } : {}) } : { field, text: issue.message };
}

/** Turns a zod error from a shared schema into field problems the catalogue can word. */
export function problemsFromZod(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => problemFromIssue(describeIssue(issue), issue.path.map(String).join('.')));
}

/**
 * Turns a service error into field problems, from the codes and numbers of
 * its issues (their English message when the catalogue has no words for
 * them). `prefix` is the part of the service's path the form does not use
 * ("profile." for the connect form).
 */
export function problemsFromService(error: ServiceError, prefix = ''): FieldProblem[] {
  const strip = (field: string) => (prefix && field.startsWith(prefix) ? field.slice(prefix.length) : field);
  if (error.issues && error.issues.length > 0) return error.issues.map((issue) => problemFromIssue(issue, strip(issue.field)));
  if (error.field) return [{ field: strip(error.field), text: error.message.replace(/^[\w.]+: /, '') }];
  return [{ field: '', text: error.message }];
}

/** The first problem for `field`, if any. */
export function problemFor(problems: readonly FieldProblem[], field: string): FieldProblem | undefined {
  return problems.find((problem) => problem.field === field);
}
