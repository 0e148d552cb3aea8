// The `mqtt-gauge` command: `node --import tsx main/cli/main.ts` from source
// (`npm run cli -- …`), dist/cli/mqtt-gauge.mjs once built (the package's bin).
import { runCli } from './cli.js';
import type { Io } from './io.js';

const interruptHandlers = new Set<() => void>();
let interrupts = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // The first Ctrl-C ends the command cleanly (a summary is still printed); a second quits at once.
    if (++interrupts > 1 || interruptHandlers.size === 0) process.exit(130);
    for (const handler of [...interruptHandlers]) handler();
  });
}

const io: Io = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  onInterrupt(handler) {
    interruptHandlers.add(handler);
    return () => interruptHandlers.delete(handler);
  },
};

const code = await runCli(process.argv.slice(2), io);
// Exit once what was written has gone out; timers of a stopped service must not keep the process up.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
