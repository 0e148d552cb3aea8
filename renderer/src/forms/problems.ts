// A problem with one field, kept untranslated (a catalogue key and its
// values, or the service's own words) so that it follows a language switch.
import type { z } from 'zod';
import type { ServiceError } from '../../../shared/contract.js';
import { tk } from '../i18n/keys.js';

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

/** English messages of the shared checks that the catalogues word themselves. */
const KNOWN_MESSAGES: Array<[RegExp, string]> = [
  [/^the topic is empty$/, tk('validation.topicEmpty')],
  [/^a publish topic cannot contain the wildcards/, tk('validation.topicWildcard')],
  [/^the filter is empty$/, tk('validation.filterEmpty')],
  [/^# must be a whole level and the last one$/, tk('validation.filterHash')],
  [/^\+ must be a whole level$/, tk('validation.filterPlus')],
  [/cannot contain the null character/, tk('validation.nullCharacter')],
  [/not valid UTF-8/, tk('validation.notUtf8')],
  [/^it is \d+ bytes of UTF-8/, tk('validation.topicTooLong')],
  [/^hex needs pairs of digits/, tk('validation.hex')],
  [/^not valid base64/, tk('validation.base64')],
  [/^the host is a name or an address/, tk('validation.host')],
  [/^the WebSocket path starts with \//, tk('validation.wsPath')],
  [/^a PEM file of at most 64 KiB$/, tk('validation.pemTooLarge')],
  [/^not subscribed to /, tk('validation.notSubscribed')],
];

function known(message: string): string | undefined {
  return KNOWN_MESSAGES.find(([pattern]) => pattern.test(message))?.[1];
}

/** Turns a zod error from a shared schema into field problems the catalogue can word. */
export function problemsFromZod(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue): FieldProblem => {
    const field = issue.path.map(String).join('.');
    const base = { field };
    switch (issue.code) {
      case 'too_small':
        if (issue.origin === 'string' && Number(issue.minimum) === 1) return { ...base, key: tk('validation.required') };
        if (issue.origin === 'string') return { ...base, key: tk('validation.tooShort'), params: { min: Number(issue.minimum) } };
        return { ...base, key: tk('validation.tooSmall'), params: { min: Number(issue.minimum) } };
      case 'too_big':
        if (issue.origin === 'string') {
          const text = known(issue.message);
          if (text) return { ...base, key: text };
          return { ...base, key: tk('validation.tooLong'), params: { max: Number(issue.maximum) } };
        }
        return { ...base, key: tk('validation.tooBig'), params: { max: Number(issue.maximum) } };
      case 'invalid_type':
        if (issue.expected === 'int') return { ...base, key: tk('validation.wholeNumber') };
        if (issue.expected === 'number') return { ...base, key: tk('validation.notNumber') };
        return { ...base, key: tk('validation.invalid') };
      case 'invalid_value':
        return { ...base, key: tk('validation.choice') };
      default: {
        if (issue.code === 'custom' && /^not valid JSON: /.test(issue.message)) {
          return { ...base, key: tk('validation.json'), params: { detail: issue.message.replace(/^not valid JSON: /, '') } };
        }
        if (issue.code === 'custom' && /^the payload is [\d,]+ bytes/.test(issue.message)) return { ...base, key: tk('validation.payloadTooLarge') };
        const text = known(issue.message);
        return text ? { ...base, key: text } : { ...base, text: issue.message };
      }
    }
  });
}

/**
 * Turns a service error into field problems. `prefix` is the part of the
 * service's path the form does not use ("profile." for the connect form).
 */
export function problemsFromService(error: ServiceError, prefix = ''): FieldProblem[] {
  const strip = (field: string) => (prefix && field.startsWith(prefix) ? field.slice(prefix.length) : field);
  const word = (field: string, message: string): FieldProblem => {
    const key = known(message);
    return key ? { field: strip(field), key } : { field: strip(field), text: message };
  };
  if (error.issues && error.issues.length > 0) return error.issues.map((issue) => word(issue.field, issue.message));
  if (error.field) return [word(error.field, error.message.replace(/^[\w.]+: /, ''))];
  return [{ field: '', text: error.message }];
}

/** The first problem for `field`, if any. */
export function problemFor(problems: readonly FieldProblem[], field: string): FieldProblem | undefined {
  return problems.find((problem) => problem.field === field);
}
