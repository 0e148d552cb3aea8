// electron-builder cannot run here (it downloads Electron), so this checks
// what can be checked: the config parses, names the targets the product
// ships, and every file it points at exists after a build.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

/** The parts of electron-builder's config these checks read. */
interface BuilderConfig {
  appId: string;
  productName: string;
  icon: string;
  files: string[];
  extraMetadata: { main: string };
  linux: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
}

describe('electron-builder.yml', () => {
  beforeAll(() => {
    // The desktop bundle is what the package runs; build it as `npm run build` does.
    execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/build.ts')], { cwd: root, stdio: 'pipe', timeout: 120_000 });
  }, 180_000);

  it('names the app and the four targets: AppImage and deb, NSIS, dmg', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('MQTT Gauge');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('points at a main entry, a preload, a renderer and icons that exist', () => {
    expect(existsSync(join(root, config.extraMetadata.main))).toBe(true);
    expect(existsSync(join(root, 'dist/desktop/preload.cjs'))).toBe(true);
    expect(existsSync(join(root, 'dist/desktop/builtin-broker-worker.mjs'))).toBe(true);
    expect(existsSync(join(root, 'dist/renderer/index.html'))).toBe(true);
    for (const icon of [config.icon, config.linux.icon, config.win.icon, config.mac.icon]) expect(existsSync(join(root, icon))).toBe(true);
  });

  it('packs only the built app: no sources, tests, maps or node_modules', () => {
    const files = config.files;
    expect(files).toContain('dist/desktop/**/*');
    expect(files).toContain('dist/renderer/**/*');
    expect(files).toContain('!node_modules/**/*');
    expect(files).toContain('!**/*.map');
    expect(files.some((f) => /^(main|renderer|shared|e2e)\//.test(f))).toBe(false);
  });

  it('bundles the main process with everything but electron, so the package needs no node_modules', () => {
    const bundle = readFileSync(join(root, config.extraMetadata.main), 'utf8');
    const bareImports = [...bundle.matchAll(/^import .* from ["']([^"'.][^"']*)["'];?$/gm)].map((m) => m[1]).filter((spec) => !spec!.startsWith('node:'));
    expect(bareImports.filter((spec) => spec !== 'electron')).toEqual([]);
  });
});
