// Command-line parsing on node:util's parseArgs, with every refusal turned
// into a UsageError (exit code 1) that names its catalogue message.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { phrase, WordedError, type Phrase } from './messages.js';

/** A command line that cannot be run; nothing was done. */
export class UsageError extends WordedError {
  constructor(key: string, values?: Record<string, unknown>) {
    super(phrase(key, values));
    this.name = 'UsageError';
  }

  /** A usage error worded by a phrase built elsewhere. */
  static of(what: Phrase): UsageError {
    return new UsageError(what.key, what.values);
  }
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | undefined>;

/** Parses `args` against `options`; unknown options and missing values are usage errors. */
export function parse(args: string[], options: OptionSpec, positionals = 0): { values: Values; positionals: string[] } {
  try {
    const parsed = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' }, ...options }, allowPositionals: true, strict: true });
    if (parsed.positionals.length > positionals && !parsed.values.help) throw new UsageError('cli.error.unexpectedArgument', { value: parsed.positionals[positionals]! });
    return { values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const { code, message } = error as { code?: string; message: string };
    const option = message.match(/'(-[^' ]+)/)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError('cli.error.unknownOption', { option });
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError('cli.error.missingValue', { option });
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError('cli.error.unexpectedArgument', { value: option });
    // parseArgs's own words, for a refusal it has no code for.
    throw new UsageError('cli.error.badOption', { option: option || args.join(' '), problem: message });
  }
}

/** A whole-number option within bounds, or undefined when absent. */
export function integerOption(values: Values, name: string, min: number, max: number): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  return integerValue(`--${name}`, String(raw), min, max);
}

/** A whole number from the command line, within bounds. */
export function integerValue(label: string, raw: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(raw.trim())) throw new UsageError('cli.error.notANumber', { option: label, value: raw });
  const value = Number(raw);
  if (value < min || value > max) throw new UsageError('cli.error.outOfRange', { option: label, min, max });
  return value;
}

/** An option that must be one of `choices`, or undefined when absent. */
export function choiceOption<T extends string>(values: Values, name: string, choices: readonly T[]): T | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  if (!choices.includes(raw as T)) throw new UsageError('cli.error.oneOf', { option: `--${name}`, choices: choices.join(', ') });
  return raw as T;
}

export function stringOption(values: Values, name: string): string | undefined {
  const raw = values[name];
  return typeof raw === 'string' ? raw : undefined;
}

export function flag(values: Values, name: string): boolean {
  return values[name] === true;
}
