// Runs one bench script in its own Node process (TypeScript through tsx) and
// returns the JSON object it prints as its last line on stdout. A separate
// process keeps CPU time, heap and JIT state of each measurement to itself.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root: the folder above bench/. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface ChildOptions {
  /** Extra Node flags, e.g. --expose-gc or --cpu-prof. */
  nodeArgs?: string[];
  /** Killed (by its PID) after this long; a hung run must not hang the bench. Not a performance limit. */
  timeoutMs?: number;
}

/** Spawns `node [nodeArgs] --import tsx <script> [args]` from the repository root. */
export function spawnTs(script: string, args: string[], nodeArgs: string[] = []) {
  const path = fileURLToPath(new URL(script, import.meta.url));
  return spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Like spawnTs, with a stdin the parent writes to (a long-lived helper that answers requests). */
export function spawnTsWithInput(script: string, args: string[]) {
  const path = fileURLToPath(new URL(script, import.meta.url));
  return spawn(process.execPath, ['--import', 'tsx', path, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Runs a script (path relative to bench/) and resolves with the JSON on its last stdout line. */
export function runJson<T>(script: string, args: string[], options: ChildOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = spawnTs(script, args, options.nodeArgs);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 180_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code === 0) {
        try {
          resolve(JSON.parse(last) as T);
          return;
        } catch {
          // fall through to the error below
        }
      }
      const why = signal ? `killed by ${signal}` : `exit code ${String(code)}`;
      reject(new Error(`${script} ${args.join(' ')}: ${why}\n${stderr.trim().split('\n').slice(-8).join('\n')}`));
    });
  });
}
