// Proves the layer lint bites: on a copy of the tree, `npm run lint:layers`
// passes untouched and fails on each planted violation, naming the rule.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
/** What the lint reads: the sources, its configuration and the package manifest. */
const COPIED = ['main', 'shared', 'renderer', 'test', 'e2e', 'bench', 'scripts', 'package.json', '.dependency-cruiser.cjs', 'tsconfig.base.json', 'vite.config.ts', 'vitest.config.ts', 'playwright.config.ts'];

let copy: string;

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'gauge-lint-'));
  for (const entry of COPIED) cpSync(join(root, entry), join(copy, entry), { recursive: true, filter: (path) => !path.includes('node_modules') });
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
});

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

/** Runs the project's own layer lint in the copy; returns its exit code and what it printed. */
function lintLayers(): { status: number | null; output: string } {
  const run = spawnSync('npm', ['run', '-s', 'lint:layers'], { cwd: copy, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** Writes `files` into the copy, lints, and removes them again. */
function withPlanted(files: Record<string, string>): { status: number | null; output: string } {
  for (const [path, text] of Object.entries(files)) writeFileSync(join(copy, path), text);
  try {
    return lintLayers();
  } finally {
    for (const path of Object.keys(files)) rmSync(join(copy, path));
  }
}

describe('the layer lint', () => {
  it('passes on the tree as it is', () => {
    const { status, output } = lintLayers();
    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  });

  it('fails when the engine imports the monitor, a layer above it', () => {
    const { status, output } = withPlanted({ 'main/engine/planted.ts': "import { HistoryRing } from '../monitor/ring.js';\nexport const planted = HistoryRing;\n" });
    expect(status).not.toBe(0);
    expect(output).toMatch(/not-in-allowed: main\/engine\/planted\.ts → main\/monitor\/ring\.ts/);
  });

  it('fails on an import cycle made only of type imports', () => {
    const { status, output } = withPlanted({
      'shared/planted-a.ts': "import type { B } from './planted-b.js';\nexport interface A { b?: B }\n",
      'shared/planted-b.ts': "import type { A } from './planted-a.js';\nexport interface B { a?: A }\n",
    });
    expect(status).not.toBe(0);
    expect(output).toMatch(/no-cycle: shared\/planted-a\.ts →\s+shared\/planted-b\.ts →\s+shared\/planted-a\.ts/);
  });

  it('fails when product code imports test code', () => {
    const { status, output } = withPlanted({ 'main/service/planted.ts': "export { prng } from '../../test/kit/prng.js';\n" });
    expect(status).not.toBe(0);
    expect(output).toMatch(/product-never-imports-test-code: main\/service\/planted\.ts → test\/kit\/prng\.ts/);
  });

  it('fails when anything outside main/desktop imports electron', () => {
    const { status, output } = withPlanted({ 'main/web/planted.ts': "import type { App } from 'electron';\nexport type Planted = App;\n" });
    expect(status).not.toBe(0);
    expect(output).toMatch(/electron-only-in-desktop: main\/web\/planted\.ts → node_modules\/electron\//);
  });

  it('fails on an import from a folder the rules do not name, instead of letting it pass', () => {
    const dir = join(copy, 'main/misc');
    cpSync(join(root, 'main/engine/version.ts'), join(dir, 'version.ts'));
    try {
      const { status, output } = withPlanted({ 'main/misc/planted.ts': "export * from './version.js';\n" });
      expect(status).not.toBe(0);
      expect(output).toMatch(/not-in-allowed: main\/misc\/planted\.ts → main\/misc\/version\.ts/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails when product code uses a devDependency, which the packaged app would not ship', () => {
    const { status, output } = withPlanted({ 'main/service/planted.ts': "import mqtt from 'mqtt';\nexport const planted = mqtt;\n" });
    expect(status).not.toBe(0);
    expect(output).toMatch(/not-in-allowed: main\/service\/planted\.ts → node_modules\/mqtt\//);
  });

  it('fails when the renderer imports node', () => {
    const { status, output } = withPlanted({ 'renderer/src/planted.ts': "import { readFileSync } from 'node:fs';\nexport const planted = readFileSync;\n" });
    expect(status).not.toBe(0);
    expect(output).toMatch(/not-in-allowed: renderer\/src\/planted\.ts → node:fs|not-in-allowed: renderer\/src\/planted\.ts → fs/);
  });
});
