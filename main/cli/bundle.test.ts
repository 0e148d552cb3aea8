// The CLI as the package ships it (package.json's bin): one built file that
// runs with plain Node, and starts the built-in broker from the worker
// emitted next to it.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../scripts/build.js';

const root = resolve(import.meta.dirname, '../..');
let outDir: string;

beforeAll(async () => {
  // A folder of its own, so a build running in parallel (the packaging test) is not disturbed.
  outDir = await mkdtemp(join(tmpdir(), 'gauge-cli-bundle-'));
  await buildCli(outDir);
}, 120_000);
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe('the built CLI', () => {
  it('is what package.json names as the mqtt-gauge bin, with a shebang', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin).toEqual({ 'mqtt-gauge': 'dist/cli/mqtt-gauge.mjs' });
    expect(readFileSync(join(outDir, 'mqtt-gauge.mjs'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(existsSync(join(outDir, 'builtin-broker-worker.mjs'))).toBe(true);
  });

  it('runs a bench on the built-in broker with plain Node, no TypeScript loader', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(outDir, 'mqtt-gauge.mjs'), 'bench', '--rate', '1000', '--count', '100', '--json'], { timeout: 30_000 });
    expect(JSON.parse(stdout)).toMatchObject({ type: 'bench', builtInBroker: true, sent: 100, accepted: 100 });
  });
});
