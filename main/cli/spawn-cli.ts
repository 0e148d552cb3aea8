// Runs the CLI from source in a child process, as a person's shell would,
// for the CLI's tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const entry = resolve(root, 'main/cli/main.ts');

/** How a finished run went. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `mqtt-gauge <args>` from source, in English unless `env` or `--lang` says otherwise; the caller waits for it or interrupts it. */
export function startCli(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess & { output: CliRun; done: Promise<CliRun> } {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: root,
    env: { ...process.env, MQTT_GAUGE_PASSWORD: undefined, MQTT_GAUGE_URL: undefined, MQTT_GAUGE_DATA_DIR: undefined, LC_ALL: undefined, LC_MESSAGES: undefined, LANG: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: CliRun = { code: null, stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const done = new Promise<CliRun>((resolveRun) =>
    child.on('close', (code) => {
      output.code = code;
      resolveRun(output);
    }),
  );
  return Object.assign(child, { output, done });
}

/** Runs `mqtt-gauge <args>` to the end. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return startCli(args, env).done;
}

/** The lines of --json output, parsed. */
export function jsonLines(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
