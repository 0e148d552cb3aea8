// The transparent proxy: accepts clients on loopback, forwards each to the real broker byte for byte, and samples what every connection does.
import { createServer, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { InspectClient, InspectSample, InspectStatus, InspectVerdict } from '../../shared/inspect.js';
import { openTransport, resolveOptions, type ClientOptions } from '../engine/index.js';
import { Listeners, type RuleChange } from '../monitor/index.js';
import { ClientIdLog } from './client-ids.js';
import { InspectedConnection } from './connection.js';
import { InspectError } from './errors.js';
import { DEFAULT_VERDICT_THRESHOLDS, RECONNECT_WINDOW_SEC, type VerdictThresholds } from './verdicts.js';

export const DEFAULT_LISTEN_PORT = 18830;

/** The broker every client is forwarded to. Credentials are not part of it: each client sends its own. */
export type Upstream = Pick<ClientOptions, 'host' | 'port' | 'transport' | 'wsPath' | 'tls' | 'connectTimeoutMs'>;

export interface InspectProxyOptions {
  upstream: Upstream;
  /** Loopback only: 127.0.0.1 (default), ::1 or localhost. */
  listenHost?: string;
  /** 0 picks a free port. */
  listenPort?: number;
  sampleHz?: number;
  /** Samples kept per connection. */
  historySamples?: number;
  /** Closed connections kept for inspection after they end. */
  keepClosed?: number;
  /** Client connections at once; more are refused (and counted). */
  maxConnections?: number;
  thresholds?: VerdictThresholds;
  clock?: () => number;
  now?: () => number;
}

/** What changed on one connection: it opened, closed, or a verdict was raised or cleared. */
export interface InspectChange {
  connection: number;
  kind: 'opened' | 'closed' | 'verdicts';
  verdicts?: RuleChange<InspectVerdict>;
}

/** Counts of the proxy itself: nothing it turns away goes uncounted. */
export interface ProxyCounters {
  accepted: number;
  /** Connections refused because `maxConnections` were open. */
  overLimit: number;
  /** Connections closed because the broker could not be reached. */
  upstreamFailures: number;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;

export class InspectProxy {
  private readonly server: Server;
  private readonly live = new Map<number, { inspected: InspectedConnection; sockets: Duplex[] }>();
  private readonly closed: InspectedConnection[] = [];
  private readonly ids: ClientIdLog;
  private readonly changes = new Listeners<InspectChange>();
  private readonly samples = new Listeners<InspectClient[]>();
  private readonly clock: () => number;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private nextConnection = 1;
  private listenAddress: { host: string; port: number } | null = null;
  readonly counters: ProxyCounters = { accepted: 0, overLimit: 0, upstreamFailures: 0 };

  private constructor(private readonly options: Required<Omit<InspectProxyOptions, 'clock' | 'now'>> & Pick<InspectProxyOptions, 'clock' | 'now'>) {
    this.clock = options.clock ?? (() => performance.now());
    this.now = options.now ?? (() => Date.now());
    this.ids = new ClientIdLog(RECONNECT_WINDOW_SEC * 1000);
    // Paused on connect: the client's first bytes wait in its socket until the broker's side is open.
    this.server = createServer({ pauseOnConnect: true, noDelay: true }, (socket) => this.accept(socket));
  }

  /** Checks the options, listens, and starts sampling; rejects with an InspectError (a port in use, a non-loopback address). */
  static async start(options: InspectProxyOptions): Promise<InspectProxy> {
    const listenHost = options.listenHost ?? '127.0.0.1';
    if (!LOOPBACK.test(listenHost)) throw new InspectError('not-loopback', `Inspect listens on loopback only (127.0.0.1, ::1 or localhost), not ${listenHost}: it would forward anyone's traffic`);
    const listenPort = options.listenPort ?? DEFAULT_LISTEN_PORT;
    if (!Number.isInteger(listenPort) || listenPort < 0 || listenPort > 65_535) throw new InspectError('bad-listen', `the listen port is a whole number from 0 to 65535, not ${String(listenPort)}`);
    try {
      resolveOptions({ ...options.upstream });
    } catch (error) {
      throw new InspectError('bad-upstream', `the upstream broker is not valid: ${(error as Error).message}`, { cause: error });
    }
    const sampleHz = options.sampleHz ?? 10;
    const proxy = new InspectProxy({
      upstream: options.upstream,
      listenHost,
      listenPort,
      sampleHz,
      historySamples: options.historySamples ?? sampleHz * 300,
      keepClosed: options.keepClosed ?? 100,
      maxConnections: options.maxConnections ?? 1000,
      thresholds: options.thresholds ?? DEFAULT_VERDICT_THRESHOLDS,
      clock: options.clock,
      now: options.now,
    });
    await proxy.listen();
    return proxy;
  }

  /** Where clients should connect. */
  get address(): { host: string; port: number } {
    if (!this.listenAddress) throw new InspectError('not-running', 'the proxy is not listening');
    return { ...this.listenAddress };
  }

  /** "mqtt://broker:1883", as a person would write it. */
  get upstreamText(): string {
    const u = this.options.upstream;
    const scheme = { tcp: 'mqtt', tls: 'mqtts', ws: 'ws', wss: 'wss' }[u.transport ?? 'tcp'];
    const path = u.transport === 'ws' || u.transport === 'wss' ? (u.wsPath ?? '/mqtt') : '';
    const host = u.host.includes(':') ? `[${u.host}]` : u.host;
    return `${scheme}://${host}:${u.port ?? 1883}${path}`;
  }

  status(): InspectStatus {
    return {
      listening: this.listenAddress !== null,
      listen: this.listenAddress ? `${this.listenAddress.host}:${this.listenAddress.port}` : null,
      upstream: this.upstreamText,
      clients: this.clients(),
    };
  }

  /** Every connection, open ones first (oldest first), then the closed ones kept (newest first). */
  clients(): InspectClient[] {
    const open = [...this.live.values()].map((entry) => entry.inspected.snapshot());
    return [...open, ...[...this.closed].reverse().map((c) => c.snapshot())];
  }

  client(connection: number): InspectClient | null {
    return this.find(connection)?.snapshot() ?? null;
  }

  /** The samples kept of one connection, oldest first. */
  history(connection: number): InspectSample[] {
    return this.find(connection)?.history.toArray() ?? [];
  }

  /** Calls `listener` when a connection opens or closes, or a verdict is raised or cleared. */
  onChange(listener: (change: InspectChange) => void): () => void {
    return this.changes.add(listener);
  }

  /** Calls `listener` after every sampling tick with the open connections. */
  onSample(listener: (clients: InspectClient[]) => void): () => void {
    return this.samples.add(listener);
  }

  /** Stops listening and closes every forwarded connection. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const { inspected, sockets } of [...this.live.values()]) {
      inspected.watch.close('proxy', 'the proxy was stopped');
      for (const socket of sockets) socket.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.listenAddress = null;
  }

  private find(connection: number): InspectedConnection | undefined {
    return this.live.get(connection)?.inspected ?? this.closed.find((c) => c.connection === connection);
  }

  private listen(): Promise<void> {
    const { listenHost, listenPort } = this.options;
    return new Promise<void>((resolve, reject) => {
      const failed = (error: NodeJS.ErrnoException) => {
        reject(
          error.code === 'EADDRINUSE'
            ? new InspectError('port-in-use', `port ${listenPort} on ${listenHost} is already in use: choose another with the listen port`, { cause: error })
            : new InspectError('bad-listen', `cannot listen on ${listenHost}:${listenPort}: ${error.message}`, { cause: error }),
        );
      };
      this.server.once('error', failed);
      this.server.listen(listenPort, listenHost, () => {
        this.server.removeListener('error', failed);
        const address = this.server.address();
        const port = typeof address === 'object' && address ? address.port : listenPort;
        this.listenAddress = { host: listenHost, port };
        this.timer = setInterval(() => this.tick(), 1000 / this.options.sampleHz);
        this.timer.unref();
        resolve();
      });
    });
  }

  private accept(socket: Socket): void {
    socket.on('error', () => {
      // A reset by the client: its 'close' follows and ends the connection.
    });
    if (this.live.size >= this.options.maxConnections) {
      this.counters.overLimit++;
      socket.destroy();
      return;
    }
    this.counters.accepted++;
    const connection = this.nextConnection++;
    const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    const inspected = new InspectedConnection(connection, remote, { clock: this.clock, now: this.now }, this.options.historySamples, this.options.thresholds);
    const entry = { inspected, sockets: [socket] as Duplex[] };
    this.live.set(connection, entry);
    this.changes.emit({ connection, kind: 'opened' });

    let ended = false;
    const end = (by: 'client' | 'broker' | 'proxy', why?: string) => {
      if (ended) return;
      ended = true;
      inspected.watch.close(by, why);
      // Whatever the closing side sent last still goes through, then the other side is closed too.
      for (const other of entry.sockets) other.end();
      setTimeout(() => entry.sockets.forEach((s) => s.destroy()), 2000).unref();
      this.retire(entry.inspected);
    };
    socket.once('close', () => end('client'));

    openTransport(resolveOptions({ ...this.options.upstream }))
      .then(({ stream }) => {
        if (ended) {
          stream.destroy();
          return;
        }
        entry.sockets.push(stream);
        stream.on('error', () => {
          // The broker's side failed: its 'close' follows.
        });
        stream.once('close', () => end('broker'));
        inspected.attach(socket, stream);
        socket.resume();
      })
      .catch((error: Error) => {
        this.counters.upstreamFailures++;
        end('proxy', `the broker at ${this.upstreamText} could not be reached: ${error.message}`);
      });
  }

  /** Moves a closed connection to the kept list, with one last sample and its verdicts settled. */
  private retire(inspected: InspectedConnection): void {
    if (!this.live.delete(inspected.connection)) return;
    this.countConnects(inspected, this.clock());
    const change = inspected.sample();
    this.closed.push(inspected);
    if (this.closed.length > this.options.keepClosed) this.closed.shift();
    if (change.raised.length > 0 || change.cleared.length > 0) this.changes.emit({ connection: inspected.connection, kind: 'verdicts', verdicts: change });
    this.changes.emit({ connection: inspected.connection, kind: 'closed' });
  }

  private tick(): void {
    const at = this.clock();
    for (const { inspected } of this.live.values()) {
      this.countConnects(inspected, at);
      const change = inspected.sample();
      if (change.raised.length > 0 || change.cleared.length > 0) this.changes.emit({ connection: inspected.connection, kind: 'verdicts', verdicts: change });
    }
    if (this.samples.size > 0) this.samples.emit([...this.live.values()].map((entry) => entry.inspected.snapshot()));
  }

  /** Notes the connection's client id once (an empty id is the broker's to assign, so not one client) and counts its recent connects. */
  private countConnects(inspected: InspectedConnection, at: number): void {
    const clientId = inspected.watch.identity.clientId;
    if (clientId === null || clientId === '') return;
    if (!inspected.notedId) {
      inspected.notedId = true;
      this.ids.note(clientId, at);
    }
    inspected.connectsInWindow = Math.max(1, this.ids.countAt(clientId, at));
  }
}
