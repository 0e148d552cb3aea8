/**
 * A real mosquitto broker per test suite, on loopback ports of its own.
 *
 * Engine tests need a broker that behaves like production, and one they can
 * stop and bring back on the same port to exercise reconnects. Every broker
 * gets its own temp dir and ports, so test files can run in parallel.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, chmod, copyFile, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestCerts } from './certs.js';
import { onProcessExit } from './cleanup.js';
import { canConnect, getFreePorts } from './ports.js';
import { makeTempDir } from './tempdir.js';

/** Options for {@link startMosquitto}. */
export interface MosquittoOptions {
  /** Also listen for MQTT over WebSockets (`ws://`) on `wsPort`. */
  websockets?: boolean;
  /** Also listen for MQTT over TLS (`mqtts://`) on `tlsPort`, with these certificates. */
  tls?: TestCerts;
  /** Also listen for MQTT over secure WebSockets (`wss://`) on `wssPort`; needs `tls`. */
  wss?: boolean;
  /**
   * Extra config lines, placed right after the main TCP listener: global
   * options apply broker-wide, listener options (e.g. `max_connections`)
   * apply to the main listener.
   */
  extraConfig?: string[];
}

/** A running (or stopped) mosquitto process and the loopback ports it owns. */
export interface Mosquitto {
  readonly host: '127.0.0.1';
  /** Plain MQTT over TCP. */
  readonly port: number;
  readonly wsPort?: number;
  readonly tlsPort?: number;
  readonly wssPort?: number;
  /** Pid of the current process, or of the last one if stopped. */
  readonly pid: number;
  /** SIGTERM, wait for exit; SIGKILL if still alive after 3 s. No-op when not running. */
  stop(): Promise<void>;
  /** SIGKILL (a crash, no clean goodbye to clients) and wait for exit. No-op when not running. */
  kill(): Promise<void>;
  /** Starts again on the same ports with the same config and waits until ready. No-op when running. */
  start(): Promise<void>;
  /** The broker's log across all runs, bounded to the last 64 KB. */
  stderr(): string;
}

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 3_000;
const LOG_LIMIT = 64 * 1024;
const PORT_ATTEMPTS = 5;

// mosquitto exits with one of these when a port is taken; anything else is a
// real failure that retrying would only hide.
const BIND_FAILURE = /Address already in use|Unable to create websockets listener/i;

// Every live broker, so a test process that ends without stopping its
// brokers does not leave orphans holding ports.
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // One hook for all brokers; it also runs on SIGTERM (see cleanup.ts).
  onProcessExit(() => {
    for (const child of live) child.kill('SIGKILL');
  });
}

/** Starts a mosquitto broker on fresh loopback ports and resolves once every listener accepts connections. */
export async function startMosquitto(opts: MosquittoOptions = {}): Promise<Mosquitto> {
  if (opts.wss && !opts.tls) throw new Error('startMosquitto: wss needs tls certificates (opts.tls)');
  installExitHook();
  const bin = await findMosquitto();
  const dir = await makeTempDir('mqtt-gauge-mosquitto');
  const tlsFiles = opts.tls ? await copyCerts(opts.tls, dir) : undefined;
  const confPath = join(dir, 'mosquitto.conf');
  const portCount = 1 + (opts.websockets ? 1 : 0) + (opts.tls ? 1 : 0) + (opts.wss ? 1 : 0);

  let lastError: Error | undefined;
  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
    const free = await getFreePorts(portCount, HOST);
    const ports: Ports = {
      port: free.shift()!,
      wsPort: opts.websockets ? free.shift() : undefined,
      tlsPort: opts.tls ? free.shift() : undefined,
      wssPort: opts.wss ? free.shift() : undefined,
    };
    await writeFile(confPath, renderConfig(ports, tlsFiles, opts.extraConfig ?? []));
    await chmod(confPath, 0o644);
    const broker = new Broker(bin, confPath, ports);
    try {
      await broker.start();
      return broker;
    } catch (err) {
      if (!(err instanceof BindError)) throw err;
      // Somebody took a port between our probe and mosquitto's bind: new ports.
      lastError = err;
    }
  }
  throw new Error(`mosquitto could not bind free ports after ${PORT_ATTEMPTS} attempts: ${lastError?.message}`);
}

interface Ports {
  port: number;
  wsPort: number | undefined;
  tlsPort: number | undefined;
  wssPort: number | undefined;
}

interface TlsFiles {
  caFile: string;
  certFile: string;
  keyFile: string;
}

class BindError extends Error {}

class Broker implements Mosquitto {
  readonly host = HOST;
  readonly port: number;
  readonly wsPort?: number;
  readonly tlsPort?: number;
  readonly wssPort?: number;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private lastPid = 0;
  private everReady = false;
  private starting: Promise<void> | undefined;
  private log = '';

  constructor(
    private readonly bin: string,
    private readonly confPath: string,
    ports: Ports,
  ) {
    this.port = ports.port;
    if (ports.wsPort !== undefined) this.wsPort = ports.wsPort;
    if (ports.tlsPort !== undefined) this.tlsPort = ports.tlsPort;
    if (ports.wssPort !== undefined) this.wssPort = ports.wssPort;
  }

  get pid(): number {
    return this.lastPid;
  }

  stderr(): string {
    return this.log;
  }

  start(): Promise<void> {
    if (this.child && !this.starting) return Promise.resolve();
    // Concurrent calls share one attempt instead of racing two processes for the ports.
    this.starting ??= this.startWithRetry().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async startWithRetry(): Promise<void> {
    // Right after a stop the old sockets may linger briefly; mosquitto sets
    // SO_REUSEADDR, but give a restart a few tries before calling it a failure.
    for (let attempt = 0; ; attempt++) {
      try {
        await this.spawnOnce();
        return;
      } catch (err) {
        // The very first start moves to other ports instead (see startMosquitto).
        if (!(err instanceof BindError) || !this.everReady || attempt >= 10) throw err;
        await sleep(200);
      }
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    try {
      await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    // A ref'd timer keeps the event loop alive while we wait: the child itself is unref'd.
    const keepAlive = setTimeout(() => {}, STOP_GRACE_MS);
    try {
      await this.exited;
    } finally {
      clearTimeout(keepAlive);
    }
  }

  private append(text: string): void {
    this.log += text;
    if (this.log.length > LOG_LIMIT) this.log = this.log.slice(-LOG_LIMIT);
  }

  private async spawnOnce(): Promise<void> {
    const child = spawn(this.bin, ['-c', this.confPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    let exitInfo: string | undefined;
    let spawnError: Error | undefined;
    let runLog = '';
    let running = false;

    this.exited = new Promise<void>((resolve) => {
      // 'close' rather than 'exit': it comes after stderr is drained, so the
      // log is complete when we report a failed start.
      child.once('close', (code, signal) => {
        exitInfo = signal ? `signal ${signal}` : `code ${code}`;
        live.delete(child);
        if (this.child === child) this.child = undefined;
        resolve();
      });
      // Spawn failures (ENOENT, EACCES) emit 'error' and possibly no 'close'.
      child.once('error', (err) => {
        spawnError = err;
        exitInfo ??= `spawn error: ${err.message}`;
        live.delete(child);
        if (this.child === child) this.child = undefined;
        resolve();
      });
    });
    this.child = child;
    live.add(child);
    if (child.pid !== undefined) this.lastPid = child.pid;

    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.append(chunk);
      if (!running) {
        runLog += chunk;
        running = /mosquitto version \S+ running/.test(runLog);
      }
    });
    // A forgotten broker must not keep the test process alive; the exit hook kills it.
    child.unref();
    (child.stderr as { unref?: () => void } | null)?.unref?.();

    const ports = [this.port, this.wsPort, this.tlsPort, this.wssPort].filter((p): p is number => p !== undefined);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (exitInfo !== undefined) {
        const msg = `mosquitto exited during startup (${exitInfo}) on ports ${ports.join(', ')}`;
        if (spawnError) throw new Error(`${msg}: ${spawnError.message}`);
        if (BIND_FAILURE.test(runLog)) throw new BindError(`${msg}: port in use\n--- mosquitto stderr ---\n${runLog}`);
        throw new Error(`${msg}\n--- mosquitto stderr ---\n${runLog}`);
      }
      // "running" is logged only after every listener is open. Probing the
      // ports as well guards against a stranger answering on a port we picked.
      if (running && (await allConnect(ports)) && exitInfo === undefined) {
        this.everReady = true;
        return;
      }
      if (Date.now() > deadline) {
        await this.kill();
        throw new Error(
          `mosquitto not ready after ${READY_TIMEOUT_MS} ms on ports ${ports.join(', ')}` +
            `\n--- mosquitto stderr ---\n${runLog}`,
        );
      }
      await sleep(25);
    }
  }
}

async function allConnect(ports: number[]): Promise<boolean> {
  const results = await Promise.all(ports.map((p) => canConnect(HOST, p)));
  return results.every(Boolean);
}

function renderConfig(ports: Ports, tls: TlsFiles | undefined, extra: string[]): string {
  const tlsLines = tls ? [`cafile ${tls.caFile}`, `certfile ${tls.certFile}`, `keyfile ${tls.keyFile}`] : [];
  const lines = [
    // Must come before any other security setting.
    'per_listener_settings false',
    'allow_anonymous true',
    'persistence false',
    'log_dest stderr',
    // Spelled out (these are the defaults) so extra `log_type` lines add to
    // them instead of replacing them: readiness waits for a notice line.
    'log_type error',
    'log_type warning',
    'log_type notice',
    'log_type information',
    // Unlimited queue: tests decide when a client falls behind, not the broker.
    'max_queued_messages 0',
    // mosquitto 2.0.11 with an unlimited queue drops incoming QoS 1/2
    // messages beyond its in-flight limit (20 by default) for MQTT 3.1.1
    // clients, which cannot learn that limit. No limit here; a test that
    // wants one (v5 Receive Maximum) sets it in extraConfig.
    'max_inflight_messages 0',
    `listener ${ports.port} ${HOST}`,
    ...extra,
  ];
  if (ports.wsPort !== undefined) lines.push(`listener ${ports.wsPort} ${HOST}`, 'protocol websockets');
  if (ports.tlsPort !== undefined) lines.push(`listener ${ports.tlsPort} ${HOST}`, ...tlsLines);
  if (ports.wssPort !== undefined) lines.push(`listener ${ports.wssPort} ${HOST}`, 'protocol websockets', ...tlsLines);
  return lines.join('\n') + '\n';
}

// Copies keep the broker independent of where the certificates live and who
// may read them: mosquitto loads them after dropping root for its own user.
async function copyCerts(certs: TestCerts, dir: string): Promise<TlsFiles> {
  const files: TlsFiles = {
    caFile: join(dir, 'ca.crt'),
    certFile: join(dir, 'server.crt'),
    keyFile: join(dir, 'server.key'),
  };
  await copyFile(certs.caFile, files.caFile);
  await copyFile(certs.certFile, files.certFile);
  await copyFile(certs.keyFile, files.keyFile);
  await Promise.all(Object.values(files).map((f: string) => chmod(f, 0o644)));
  return files;
}

let binary: Promise<string> | undefined;

// Debian installs mosquitto in sbin, which is often not on a normal user's
// PATH; MOSQUITTO_BIN overrides the search.
function findMosquitto(): Promise<string> {
  binary ??= (async () => {
    const fromEnv = process.env['MOSQUITTO_BIN'];
    if (fromEnv) return fromEnv;
    const dirs = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/opt/homebrew/sbin'];
    for (const d of dirs) {
      if (!d) continue;
      const candidate = join(d, 'mosquitto');
      try {
        await access(candidate, fsConstants.X_OK);
        return candidate;
      } catch {
        // Not here; keep looking.
      }
    }
    throw new Error('mosquitto not found on PATH or in the usual sbin directories; set MOSQUITTO_BIN');
  })();
  return binary;
}
