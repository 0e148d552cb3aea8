// Electron's own install script downloads its binary from GitHub. On machines
// that cannot reach it, that script would fail the whole `npm install`, so
// package.json's allowScripts switches it off and this script runs it instead,
// tolerating failure: without the binary, `npm start` falls back to web mode.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function electronDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined; // a production install without devDependencies
  }
}

const dir = electronDir();
if (!dir) process.exit(0);
if (existsSync(join(dir, 'path.txt'))) process.exit(0); // binary already installed
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('mqtt-gauge: ELECTRON_SKIP_BINARY_DOWNLOAD is set; the desktop window is unavailable, `npm start` uses web mode.');
  process.exit(0);
}

const result = spawnSync(process.execPath, [join(dir, 'install.js')], {
  stdio: ['ignore', 'inherit', 'pipe'],
  timeout: 180_000,
  encoding: 'utf8',
});
if (result.status === 0 && existsSync(join(dir, 'path.txt'))) {
  console.log('mqtt-gauge: Electron binary installed; `npm start` opens the desktop window.');
} else {
  const lines = (result.stderr || result.error?.message || 'unknown error').split('\n');
  const reason = (lines.find((l) => /Error/.test(l)) ?? lines[0]).trim();
  console.log(`mqtt-gauge: Electron's binary could not be downloaded (${reason}).`);
  console.log('mqtt-gauge: everything else is installed; `npm start` uses web mode. Retry later with `npm run electron:install`.');
}
