// `npm start`: the desktop window where Electron's binary is installed, web
// mode otherwise. `--web` or `--desktop` (or MQTT_GAUGE_MODE=web|desktop)
// forces one.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runWebMode } from '../main/web/launch.js';
import { buildDesktop, buildRenderer } from './build.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const forced = args.includes('--web') ? 'web' : args.includes('--desktop') ? 'desktop' : process.env.MQTT_GAUGE_MODE;
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

function electronBinary(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve('electron/package.json'));
    if (!existsSync(join(dir, 'path.txt'))) return null;
    const binary = join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

await buildRenderer();
const electron = electronBinary();
if (forced === 'desktop' && !electron) {
  console.error("npm start --desktop: Electron's binary is not installed (run `npm run electron:install`); try `npm start -- --web`.");
  process.exit(1);
}
if (electron && forced !== 'web') {
  await buildDesktop();
  const child = spawn(electron, [join(root, 'dist', 'desktop', 'main.mjs')], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!electron) console.log("Electron's binary is not installed here: starting web mode instead (see README, 'Electron's binary').");
  const portArg = args.find((a) => a.startsWith('--port='));
  const web = await runWebMode({
    staticDir: join(root, 'dist', 'renderer'),
    version,
    port: portArg ? Number(portArg.slice('--port='.length)) : 8090,
    open: !args.includes('--no-open'),
  });
  const stop = () => void web.stop().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
