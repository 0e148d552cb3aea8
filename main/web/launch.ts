// Starts web mode: the data folder, the service and the loopback server with its token.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { FileSecretStore, GaugeService, MemorySecretStore, plainPasswordsFile } from '../service/index.js';
import { startWebServer, type WebServer } from './server.js';

/** Where profiles and settings live: the same folder the desktop app uses. */
export function defaultDataDir(): string {
  if (process.env.MQTT_GAUGE_DATA_DIR) return process.env.MQTT_GAUGE_DATA_DIR;
  const base =
    process.platform === 'win32'
      ? (process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support')
        : (process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'));
  return join(base, 'mqtt-gauge');
}

/** Options of web mode. */
export interface WebModeOptions {
  staticDir: string;
  version: string;
  host?: string;
  port?: number;
  dataDir?: string | null;
  /** Open the URL in a browser when one is found. */
  open?: boolean;
  autoConnect?: boolean;
  /**
   * Keep saved profiles' passwords across restarts, in a file only the
   * person can read (0600) but NOT encrypted. Off by default: web mode keeps
   * passwords in memory only unless the person opts in.
   */
  rememberPasswords?: boolean;
  /** A read-only token for /metrics (see WebServerOptions.metricsToken). */
  metricsToken?: string;
  log?: (line: string) => void;
}

/** Starts the service and web mode; returns both, for a clean stop. */
export async function runWebMode(options: WebModeOptions): Promise<{ service: GaugeService; server: WebServer; stop(): Promise<void> }> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dataDir = options.dataDir === undefined ? defaultDataDir() : options.dataDir;
  const secrets =
    options.rememberPasswords && dataDir
      ? new FileSecretStore(plainPasswordsFile(dataDir), (message) => log(`web: ${message}`))
      : new MemorySecretStore();
  if (options.rememberPasswords && dataDir) log(`web: saved passwords are kept, unencrypted, in ${plainPasswordsFile(dataDir)} (readable by you only)`);
  const service = new GaugeService({ version: options.version, dataDir, autoConnect: options.autoConnect ?? true, secrets });
  await service.start();
  const server = await startWebServer({ service, staticDir: options.staticDir, host: options.host, port: options.port, metricsToken: options.metricsToken, log });
  if (options.host && options.host !== '127.0.0.1' && options.host !== 'localhost' && options.host !== '::1') {
    log(`web: WARNING listening on ${options.host}: anyone who can reach it and has the token can drive this client`);
  }
  log(`MQTT Gauge web mode: ${server.url}`);
  if (options.open) openInBrowser(server.url, log);
  return {
    service,
    server,
    async stop() {
      await server.close();
      await service.stop();
    },
  };
}

/** Opens a URL with the system's opener, if there is one; says so when there is not. */
function openInBrowser(url: string, log: (line: string) => void): void {
  const candidates =
    process.platform === 'darwin' ? ['/usr/bin/open'] : process.platform === 'win32' ? [] : ['/usr/bin/xdg-open', '/usr/local/bin/xdg-open'];
  const opener = process.env.BROWSER ?? candidates.find((path) => existsSync(path));
  if (process.platform === 'win32') {
    spawn('cmd', ['/c', 'start', '', url], { detached: true, stdio: 'ignore' }).unref();
    return;
  }
  if (!opener) {
    log('web: no browser opener found; open the address above yourself');
    return;
  }
  const child = spawn(opener, [url], { detached: true, stdio: 'ignore' });
  child.on('error', () => log('web: could not open a browser; open the address above yourself'));
  child.unref();
}
