// Dispatches a command line to its command and turns failures into exit
// codes: usage errors 1, an unreachable broker or web mode 2, the rest 3.
import { UsageError } from './args.js';
import { bench } from './commands/bench.js';
import { drill } from './commands/drill.js';
import { exportBundle } from './commands/export.js';
import { monitor } from './commands/monitor.js';
import { summary } from './commands/summary.js';
import { web } from './commands/web.js';
import { EXIT } from './exit-codes.js';
import type { Io } from './io.js';
import { HELP, MSG } from './messages.js';
import { RemoteUnreachable } from './remote.js';
import { appVersion } from './version.js';

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = { monitor, bench, web, export: exportBundle, summary, drill };

/** Runs one command line; resolves to the exit code. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    if (name === 'help' && args[0] && args[0] in COMMANDS) return runCli([args[0], '--help'], io);
    (name === undefined ? io.stderr : io.stdout).write(`${HELP.main}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '-v' || name === '--version') {
    io.stdout.write(`${MSG.version(appVersion())}\n`);
    return EXIT.ok;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr.write(`${MSG.usage(MSG.unknownCommand(name), null)}\n`);
    return EXIT.usage;
  }
  try {
    return await command(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${MSG.usage(error.message, name)}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`mqtt-gauge ${name}: ${(error as Error).message}\n`);
    return error instanceof RemoteUnreachable ? EXIT.unreachable : EXIT.failed;
  }
}
