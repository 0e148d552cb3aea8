// A test broker built into the app, so that a dashboard can go live with
// nothing else installed. aedes runs in a worker thread of its own
// (builtin-broker-worker.ts): a broker sharing the main event loop would add
// its own load to the very delays the monitor measures.
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BUILTIN_LIMIT_KEYS, type BuiltInLimit } from '../../shared/locales/keys.js';
import type { BrokerWorkerData, BuiltInBrokerStats, FromBrokerWorker, ToBrokerWorker } from './builtin-broker-worker.js';

export type { BuiltInBrokerStats } from './builtin-broker-worker.js';

/** Where a started broker listens. */
export interface BuiltInBrokerAddress {
  port: number;
  /** The bound address; always 127.0.0.1. */
  address: string;
  /** True when the preferred port was taken and the OS chose `port` instead. */
  preferredPortTaken: boolean;
}

/** How a broker thread ended. */
export interface BuiltInBrokerExit {
  /** The thread's exit code: 0 when it ended by itself, 1 when it was terminated. */
  code: number;
  /** False when stop() ended it; true when it died on its own, with `error` when one was reported. */
  unexpected: boolean;
  error?: Error;
}

/** Options of {@link BuiltInBroker}. */
export interface BuiltInBrokerOptions {
  /** Told whenever a broker thread has exited, after stop() or on its own. */
  onExit?(exit: BuiltInBrokerExit): void;
  /**
   * The built worker entry (JavaScript), for a packaging that puts it
   * somewhere else than next to this module (see {@link defaultWorkerLaunch}).
   */
  workerEntry?: URL;
}

/** How long the thread may take to close its server and clients before it is terminated anyway. */
const GRACEFUL_STOP_MS = 2_000;


/** How to start the broker thread: `new Worker(filename, { eval })`. */
export interface BrokerWorkerLaunch {
  filename: string | URL;
  eval: boolean;
}

/**
 * Where the worker entry is, and how to start it. It sits next to the module
 * running this code, under the same extension.
 *
 * - Bundled by esbuild into dist/, this code ends in `.js`/`.mjs`: the build
 *   must emit `main/service/builtin-broker-worker.ts` as an entry point of its
 *   own, named `builtin-broker-worker`, into the folder of the bundle that
 *   holds this module, as ESM (so `import.meta.url` survives), with the
 *   usual `createRequire` banner (aedes pulls in CommonJS packages that
 *   require node built-ins; without it the thread fails with "Dynamic require
 *   of node:stream is not supported"). Plain JavaScript needs no loader; the
 *   worker is started from that file.
 * - From TypeScript source (tsx, Vitest) this file ends in `.ts`, and so does
 *   the worker, which Node cannot load by itself. A worker thread gets neither
 *   Vitest's transform nor tsx's hooks, and on Node 20 `execArgv: ['--import',
 *   'tsx']` does not help either (the hooks are not in place when the entry
 *   loads: "Unknown file extension .ts"). So a two-line bootstrap is run
 *   instead (`eval: true`): it registers tsx's ESM hooks through its API
 *   inside the thread, then imports the entry. Both URLs are resolved from
 *   this module, not from the working directory. (tsx is a devDependency:
 *   source form is for development only.)
 */
export function defaultWorkerLaunch(moduleUrl: string = import.meta.url): BrokerWorkerLaunch {
  const ext = extname(fileURLToPath(moduleUrl));
  const entry = new URL(`./builtin-broker-worker${ext}`, moduleUrl);
  if (ext !== '.ts') return { filename: entry, eval: false };
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return { filename: bootstrap, eval: true };
}

/** One broker thread and what is known of it. */
interface Running {
  worker: Worker;
  /** Resolves when the thread has exited, whatever the reason. */
  exited: Promise<void>;
  address: BuiltInBrokerAddress | null;
  stopRequested: boolean;
  error?: Error;
  pendingStats: Map<number, { resolve(stats: BuiltInBrokerStats): void; reject(error: Error): void }>;
}

/**
 * The built-in MQTT broker: aedes on 127.0.0.1 in a worker thread, started on
 * demand. Port 1884 by default, so saved profiles keep working across runs;
 * when that port is taken the OS picks a free one, and `start` says which.
 */
export class BuiltInBroker {
  /** The port tried first when start() is given none. */
  static readonly defaultPort = 1884;
  /** The only address the broker binds. */
  static readonly host = '127.0.0.1';

  /**
   * What the built-in broker does not do (MQTT 5, TLS, WebSocket, other
   * machines, persistence, authentication) and where to go for it: ids the
   * catalogues word as `builtIn.limit.<id>`, in the order to show them.
   */
  static get limits(): BuiltInLimit[] {
    return [...BUILTIN_LIMIT_KEYS];
  }

  private current: Running | null = null;
  private starting: Promise<BuiltInBrokerAddress> | null = null;
  private stopping: Promise<void> | null = null;
  private nextRequestId = 1;

  constructor(private readonly options: BuiltInBrokerOptions = {}) {}

  /** The port it listens on, or null when it is not running. */
  get port(): number | null {
    return this.current?.address?.port ?? null;
  }

  /** The bound address, or null when it is not running. */
  get address(): string | null {
    return this.current?.address?.address ?? null;
  }

  get running(): boolean {
    return this.current?.address != null && !this.current.stopRequested;
  }

  /**
   * Starts the broker, or returns where it already listens: while it runs,
   * every call resolves to the same port whatever `preferredPort` says.
   * Rejects with an Error saying why when the broker cannot start.
   */
  async start(preferredPort: number = BuiltInBroker.defaultPort): Promise<BuiltInBrokerAddress> {
    if (!Number.isInteger(preferredPort) || preferredPort < 0 || preferredPort > 65_535) {
      throw new Error(`The built-in broker's port must be an integer from 0 to 65535, got ${String(preferredPort)}.`);
    }
    if (this.stopping) await this.stopping;
    if (!this.starting) {
      const starting = this.launch(preferredPort);
      this.starting = starting;
      // A failed start leaves nothing behind: the next call tries afresh.
      starting.catch(() => {
        if (this.starting === starting) this.starting = null;
      });
    }
    return this.starting;
  }

  /**
   * Closes the server and every client, then ends the thread; resolves once it
   * has exited. Safe to call twice, mid-start, or when never started.
   */
  stop(): Promise<void> {
    if (!this.stopping) {
      this.stopping = this.shutdown().finally(() => {
        this.stopping = null;
      });
    }
    return this.stopping;
  }

  /** Counters from the broker thread; rejects when it is not running. */
  stats(): Promise<BuiltInBrokerStats> {
    const running = this.current;
    if (!running?.address || running.stopRequested) return Promise.reject(new Error('The built-in broker is not running.'));
    const requestId = this.nextRequestId++;
    return new Promise<BuiltInBrokerStats>((resolve, reject) => {
      running.pendingStats.set(requestId, { resolve, reject });
      // Referenced while a reply is due, so the answer can still arrive.
      running.worker.ref();
      running.worker.postMessage({ type: 'stats', requestId } satisfies ToBrokerWorker);
    }).finally(() => {
      if (running.pendingStats.size === 0 && !running.stopRequested) running.worker.unref();
    });
  }

  private launch(preferredPort: number): Promise<BuiltInBrokerAddress> {
    const launch = this.options.workerEntry ? { filename: this.options.workerEntry, eval: false } : defaultWorkerLaunch();
    const workerData: BrokerWorkerData = { preferredPort, host: BuiltInBroker.host };
    const worker = new Worker(launch.filename, { eval: launch.eval, workerData, name: 'mqtt-gauge built-in broker' });

    let exitedResolve!: () => void;
    const running: Running = {
      worker,
      exited: new Promise<void>((resolve) => (exitedResolve = resolve)),
      address: null,
      stopRequested: false,
      pendingStats: new Map(),
    };
    this.current = running;

    return new Promise<BuiltInBrokerAddress>((resolve, reject) => {
      const fail = (error: Error): void => {
        running.error ??= error;
        reject(error);
        void worker.terminate();
      };
      worker.on('message', (message: FromBrokerWorker) => {
        switch (message.type) {
          case 'ready':
            running.address = { port: message.port, address: message.address, preferredPortTaken: message.preferredPortTaken };
            // A running broker must not keep the process alive on its own.
            worker.unref();
            resolve(running.address);
            break;
          case 'failed':
            fail(new Error(`The built-in broker could not start: ${message.message}${message.code ? ` (${message.code})` : ''}.`));
            break;
          case 'stats':
            running.pendingStats.get(message.requestId)?.resolve(message.stats);
            running.pendingStats.delete(message.requestId);
            break;
          case 'stopped':
            break;
        }
      });
      // Without an 'error' listener a crash in the thread would be rethrown
      // in the main process.
      worker.on('error', (error) => {
        const wrapped = new Error(`The built-in broker's thread failed: ${error.message}`, { cause: error });
        if (running.address) running.error ??= wrapped;
        else fail(wrapped);
      });
      worker.on('exit', (code) => {
        const gone = new Error('The built-in broker stopped.');
        if (!running.address) fail(running.error ?? new Error(`The built-in broker's thread exited (code ${code}) before it was listening.`));
        for (const pending of running.pendingStats.values()) pending.reject(gone);
        running.pendingStats.clear();
        if (this.current === running) {
          this.current = null;
          this.starting = null;
        }
        exitedResolve();
        const exit: BuiltInBrokerExit = { code, unexpected: !running.stopRequested };
        if (running.error) exit.error = running.error;
        this.options.onExit?.(exit);
      });
    });
  }

  private async shutdown(): Promise<void> {
    const running = this.current;
    if (!running) return;
    // Let a start in progress finish (or fail) first; the thread then has a
    // server to close.
    await this.starting?.catch(() => {});
    if (this.current !== running) return;
    running.stopRequested = true;
    running.worker.ref();
    const stopped = new Promise<void>((resolve) => {
      running.worker.on('message', (message: FromBrokerWorker) => {
        if (message.type === 'stopped') resolve();
      });
    });
    running.worker.postMessage({ type: 'stop' } satisfies ToBrokerWorker);
    // Once closed, the thread has nothing left to do and ends by itself; if
    // it does not within the grace period, it is terminated.
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, GRACEFUL_STOP_MS)));
    await Promise.race([stopped.then(() => running.exited), running.exited, grace]);
    clearTimeout(timer);
    await running.worker.terminate();
    await running.exited;
  }
}
