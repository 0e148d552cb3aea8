// Dispatches a command line to its command and turns failures into exit
// codes: usage errors 1, an unreachable broker or web mode 2, the rest 3.
// The language of every message is chosen here: --lang, else the environment.
import { LOCALES, type Locale } from '../../shared/locales/locale.js';
import { UsageError } from './args.js';
import { bench } from './commands/bench.js';
import { drill } from './commands/drill.js';
import { exportBundle } from './commands/export.js';
import { inspect } from './commands/inspect.js';
import { monitor } from './commands/monitor.js';
import { summary } from './commands/summary.js';
import { web } from './commands/web.js';
import { EXIT } from './exit-codes.js';
import type { Io } from './io.js';
import { environmentLocale, helpText, say, WordedError, wordsFor, type Words } from './messages.js';
import { RemoteUnreachable } from './remote.js';
import { appVersion } from './version.js';

/** A command: its arguments (without the command's name), where to write, and the words to write with. */
export type Command = (args: string[], io: Io, words: Words) => Promise<number>;

const COMMANDS: Record<string, Command> = { monitor, bench, web, export: exportBundle, summary, drill, inspect };

/** Runs one command line; resolves to the exit code. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const chosen = takeLanguage(argv);
  const words = wordsFor(chosen.locale ?? environmentLocale(io.env));
  if (chosen.invalid !== undefined) {
    io.stderr.write(`${usage(words, new UsageError('cli.error.oneOf', { option: '--lang', choices: LOCALES.join(', ') }), null)}\n`);
    return EXIT.usage;
  }
  const [name, ...args] = chosen.argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    if (name === 'help' && args[0] && Object.hasOwn(COMMANDS, args[0])) return runCli([args[0], '--help', ...langArgs(words)], io);
    (name === undefined ? io.stderr : io.stdout).write(`${helpText(words, 'main')}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '-v' || name === '--version') {
    io.stdout.write(`${words.t('cli.version', { version: appVersion() })}\n`);
    return EXIT.ok;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr.write(`${usage(words, new UsageError('cli.error.unknownCommand', { name }), null)}\n`);
    return EXIT.usage;
  }
  try {
    return await command(args, io, words);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${usage(words, error, name)}\n`);
      return EXIT.usage;
    }
    const message = error instanceof WordedError ? say(words, error.phrase) : (error as Error).message;
    io.stderr.write(`${words.t('cli.failed', { command: name, message })}\n`);
    return error instanceof RemoteUnreachable ? EXIT.unreachable : EXIT.failed;
  }
}

/** A usage error and where the help is. */
function usage(words: Words, error: UsageError, command: string | null): string {
  return words.t('cli.usage', { problem: say(words, error.phrase), command: command ? `${command} ` : '' });
}

/** Takes --lang LANG (or --lang=LANG) out of the command line, wherever it stands. */
function takeLanguage(argv: string[]): { argv: string[]; locale?: Locale; invalid?: string } {
  const rest: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--lang') value = argv[++i] ?? '';
    else if (arg.startsWith('--lang=')) value = arg.slice('--lang='.length);
    else rest.push(arg);
  }
  if (value === undefined) return { argv: rest };
  return (LOCALES as readonly string[]).includes(value) ? { argv: rest, locale: value as Locale } : { argv: rest, invalid: value };
}

/** The --lang option that gives `words`' language, to pass it on. */
function langArgs(words: Words): string[] {
  return ['--lang', words.locale];
}
