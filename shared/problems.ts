// Problems our own input checks find, by id, so every side can word them:
// the English message travels with the id, and the catalogues word each one
// as `validation.<id>`. Schema issues go over the contract as ServiceIssues:
// zod's issue code and the numbers behind it, plus our id for custom checks.
import type { z } from 'zod';

export const PROBLEMS = [
  'topicEmpty',
  'topicWildcard',
  'filterEmpty',
  'filterHash',
  'filterPlus',
  'nullCharacter',
  'notUtf8',
  'topicTooLong',
  'json',
  'hex',
  'base64',
  'payloadTooLarge',
  'host',
  'wsPath',
  'pemTooLarge',
  'notSubscribed',
] as const;
/** One of our own checks' findings, worded as `validation.<id>`. */
export type ProblemId = (typeof PROBLEMS)[number];

/** What a check found: its id, its English message, and any detail the wording uses. */
export interface Problem {
  problem: ProblemId;
  message: string;
  params?: Record<string, string | number>;
}

export function isProblemId(value: unknown): value is ProblemId {
  return typeof value === 'string' && (PROBLEMS as readonly string[]).includes(value);
}

/** The params a custom zod issue carries for one of our problems. */
export function problemParams(found: Problem): Record<string, string | number> {
  return { problem: found.problem, ...found.params };
}

/** One problem with a command's input, in words and as data the UI can word itself. */
export interface ServiceIssue {
  /** Dotted path of the field ("profile.port"), or "(payload)". */
  field: string;
  /** English words. */
  message: string;
  /** zod's issue code: too_small, too_big, invalid_type, invalid_value, unrecognized_keys, custom… */
  code?: string;
  /**
   * The numbers behind it: minimum / maximum (and origin: 'number' | 'string')
   * for too_small / too_big, expected for invalid_type, and for a custom
   * issue our own problem id (`problem`, see shared/problems.ts) with its details.
   */
  params?: Record<string, string | number>;
}

type ZodIssue = z.ZodError['issues'][number];
type Details = Record<string, string | number>;

const primitives = (value: unknown): Details =>
  Object.fromEntries(Object.entries((value ?? {}) as Record<string, unknown>).filter((entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number'));

/** The numbers and names worth sending for each zod issue code; other codes send the code alone. */
const DETAILS: Partial<Record<ZodIssue['code'], (issue: ZodIssue) => Details>> = {
  too_small: (issue) => primitives({ minimum: Number((issue as { minimum: unknown }).minimum), origin: (issue as { origin?: unknown }).origin }),
  too_big: (issue) => primitives({ maximum: Number((issue as { maximum: unknown }).maximum), origin: (issue as { origin?: unknown }).origin }),
  invalid_type: (issue) => primitives({ expected: (issue as { expected?: unknown }).expected }),
  unrecognized_keys: (issue) => ({ keys: ((issue as { keys?: string[] }).keys ?? []).join(', ') }),
  custom: (issue) => primitives((issue as { params?: unknown }).params),
};

/** A schema issue as the contract carries it: the field, English words, zod's code and the numbers behind it. */
export function describeIssue(issue: ZodIssue): ServiceIssue {
  const field = issue.path.map(String).join('.') || '(payload)';
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const message = issue.code === 'unrecognized_keys' ? `unknown field${keys.length > 1 ? 's' : ''}: ${keys.join(', ')}` : issue.message;
  const params = DETAILS[issue.code]?.(issue);
  return { field, message, code: issue.code, ...(params && Object.keys(params).length > 0 ? { params } : {}) };
}

/** How the catalogues word an issue: a `validation.*` key and its values. */
export interface IssueWording {
  key: string;
  values?: Record<string, string | number>;
}

/** The catalogue key of each zod issue code we word; a custom issue is worded by its problem id. */
const WORDING: Record<string, (p: Details) => IssueWording | null> = {
  too_small: (p) =>
    p.origin === 'string'
      ? Number(p.minimum) === 1
        ? { key: 'validation.required' }
        : { key: 'validation.tooShort', values: { min: Number(p.minimum) } }
      : { key: 'validation.tooSmall', values: { min: Number(p.minimum) } },
  too_big: (p) => ({ key: p.origin === 'string' ? 'validation.tooLong' : 'validation.tooBig', values: { max: Number(p.maximum) } }),
  invalid_type: (p) => ({ key: p.expected === 'int' ? 'validation.wholeNumber' : p.expected === 'number' ? 'validation.notNumber' : 'validation.invalid' }),
  invalid_value: () => ({ key: 'validation.choice' }),
  custom: (p) => (isProblemId(p.problem) ? { key: `validation.${p.problem}`, values: p } : null),
};

/** The catalogue words for an issue, or null when only its English message says what is wrong. */
export function issueWording(issue: Pick<ServiceIssue, 'code' | 'params'>): IssueWording | null {
  const word = issue.code !== undefined && Object.hasOwn(WORDING, issue.code) ? WORDING[issue.code] : undefined;
  return word ? word(issue.params ?? {}) : null;
}
