// @vitest-environment node
// Leak tests: what a long-running app repeats (connect and disconnect, retune
// the channel under load, subscribe to floods) must give its memory back.
// Forced GC needs `node --expose-gc`, which Vitest's workers are not started
// with, so the scenarios run in a child process (test/leak/leak-run.ts) that
// prints its figures as JSON; the assertions are here. `npm run leak` prints
// the same figures at the full sizes.
//
// Sizes here: 200 connect/disconnect cycles on the engine and 200 through the
// service, 100 capacity changes (one of them to 1,000,000, filled), and 10
// subscribe floods of 5,000 messages rather than 20,000, to keep `npm test`
// short; `npm run leak` floods 20,000.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LeakFigures } from './scenarios.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** "Within a few MB": what may stay behind after a scenario, when nothing leaks. */
const RETAINED_LIMIT = 3 * 1024 * 1024;

function runLeakChild(args: string[]): Promise<LeakFigures[]> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(root, 'test/leak/leak-run.ts'), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`the leak run exited with ${code}:\n${stderr.slice(-4000)}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as LeakFigures[]);
      } catch (error) {
        reject(new Error(`the leak run printed no figures: ${(error as Error).message}\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`));
      }
    });
  });
}

let figures: LeakFigures[];
const scenario = (name: string): LeakFigures => {
  const found = figures.find((f) => f.scenario === name);
  if (!found) throw new Error(`no figures for ${name}`);
  return found;
};
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(2)} MB`;

beforeAll(async () => {
  figures = await runLeakChild(['--cycles', '200', '--capacity-changes', '100', '--floods', '10', '--flood-size', '5000']);
  for (const f of figures) {
    console.log(
      `leak: ${f.scenario} (${f.work}) in ${f.seconds.toFixed(1)} s: heap ${mb(f.before.heapUsed)} → ${mb(f.during.heapUsed)} during → ${mb(f.after.heapUsed)} after ` +
        `(retained ${mb(f.retainedBytes)}); instances before ${JSON.stringify(f.before.instances)} after ${JSON.stringify(f.after.instances)}`,
    );
  }
}, 240_000);

describe.each([
  ['engine connect/disconnect', ['EventLoop', 'AsyncClient', 'RequestChannel', 'ProtocolState', 'EventLoopRunner']],
  ['service connect/disconnect', ['EventLoop', 'AsyncClient', 'RequestChannel', 'ProtocolState', 'EventLoopRunner', 'Session']],
  // Its engine lives throughout (counted before and after); during, the heap holds a million requests and is not snapshotted.
  ['capacity changes under load', []],
  ['subscribe floods', ['EventLoop', 'AsyncClient', 'RequestChannel', 'ProtocolState', 'EventLoopRunner', 'Session']],
])('%s', (name, aliveDuring) => {
  it('gives its heap back: what is retained after GC stays within a few MB of the start', () => {
    const f = scenario(name);
    expect(f.retainedBytes, `retained ${mb(f.retainedBytes)} (limit ${mb(RETAINED_LIMIT)})`).toBeLessThan(RETAINED_LIMIT);
  });

  it('leaves as many instances of the engine classes (and sockets and timers) as it found', () => {
    const f = scenario(name);
    expect(f.after.instances).toEqual(f.before.instances);
  });

  it('counts the engine objects while they are alive, so a zero afterwards means something', () => {
    const f = scenario(name);
    for (const cls of aliveDuring) expect(f.during.instances[cls], cls).toBeGreaterThan(0);
  });
});
