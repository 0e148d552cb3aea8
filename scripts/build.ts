// Builds what the app runs from dist/: the renderer (Vite), the desktop
// main process, its preload and the built-in broker's worker, and the
// `mqtt-gauge` CLI with its own copy of that worker (esbuild).
import { build as esbuild } from 'esbuild';
import { chmod } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as vite } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildRenderer(): Promise<void> {
  await vite({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
}

// aedes and other dependencies are CommonJS; an ESM bundle needs `require`.
const requireBanner = "import { createRequire as __gaugeRequire } from 'node:module'; const require = __gaugeRequire(import.meta.url);";

export async function buildDesktop(): Promise<void> {
  const common = { bundle: true, platform: 'node' as const, target: 'node20', sourcemap: true, logLevel: 'warning' as const, external: ['electron'] };
  await esbuild({
    ...common,
    entryPoints: { main: join(root, 'main/desktop/main.ts'), 'builtin-broker-worker': join(root, 'main/service/builtin-broker-worker.ts') },
    outdir: join(root, 'dist/desktop'),
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    banner: { js: requireBanner },
  });
  // A sandboxed preload cannot be an ES module.
  await esbuild({ ...common, entryPoints: [join(root, 'main/desktop/preload.ts')], outfile: join(root, 'dist/desktop/preload.cjs'), format: 'cjs' });
}

/**
 * The CLI (package.json's bin): one ESM file with a shebang, and the
 * built-in broker's worker next to it, where BuiltInBroker looks for it.
 * `outDir` is for tests; the package uses dist/cli.
 */
export async function buildCli(outDir: string = join(root, 'dist/cli')): Promise<void> {
  await esbuild({
    bundle: true,
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    entryPoints: { 'mqtt-gauge': join(root, 'main/cli/main.ts'), 'builtin-broker-worker': join(root, 'main/service/builtin-broker-worker.ts') },
    outdir: outDir,
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    banner: { js: `#!/usr/bin/env node\n${requireBanner}` },
  });
  await chmod(join(outDir, 'mqtt-gauge.mjs'), 0o755);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildRenderer();
  await buildDesktop();
  await buildCli();
  console.log('built dist/renderer, dist/desktop and dist/cli');
}
