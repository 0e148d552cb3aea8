// The service's side of Inspect: starts and stops the proxy for a profile, logs what it says, and pushes its status to the UI a few times a second.
import type { InspectSample, InspectStatus } from '../../shared/inspect.js';
import type { LogKey } from '../../shared/locales/keys.js';
import { flattenAlertParams, type LogParams } from '../../shared/locales/wording.js';
import type { LogLevel } from '../../shared/domain.js';
import type { ConnectionProfile } from '../../shared/schemas.js';
import { InspectError, InspectProxy, type InspectChange, type Upstream } from '../inspect/index.js';
import { ServiceFailure } from './errors.js';

/** At most this many status pushes a second, whatever the number of clients or their rates. */
const PUSH_MS = 250;

export interface InspectHooks {
  note(level: LogLevel, key: LogKey, params: LogParams): void;
  push(status: InspectStatus): void;
}

const IDLE: InspectStatus = { listening: false, listen: null, upstream: null, clients: [] };

export class InspectControl {
  private proxy: InspectProxy | null = null;
  /** The last proxy's clients, kept after it stops so they can still be read and exported. */
  private last: InspectStatus = IDLE;
  private histories = new Map<number, InspectSample[]>();
  private pushTimer: NodeJS.Timeout | null = null;
  private unsubscribe: Array<() => void> = [];

  constructor(private readonly hooks: InspectHooks) {}

  /** Starts the proxy on loopback, forwarding to the broker of `profile` (at `target`: the built-in broker's port is chosen at run time). */
  async start(listenPort: number, profile: ConnectionProfile, target: { host: string; port: number }): Promise<InspectStatus> {
    await this.stop();
    const upstream: Upstream = { host: target.host, port: target.port, transport: profile.transport, wsPath: profile.wsPath, tls: profile.tls };
    let proxy: InspectProxy;
    try {
      proxy = await InspectProxy.start({ upstream, listenPort });
    } catch (error) {
      if (error instanceof InspectError) throw new ServiceFailure('invalid-input', error.message, error.code === 'bad-upstream' ? 'profile' : 'listenPort');
      throw error;
    }
    this.proxy = proxy;
    this.histories = new Map();
    this.unsubscribe = [proxy.onChange((change) => this.onChange(proxy, change))];
    this.pushTimer = setInterval(() => this.hooks.push(this.status()), PUSH_MS);
    this.pushTimer.unref();
    const status = this.status();
    this.hooks.note('info', 'log.inspect-started', { listen: status.listen ?? '', upstream: status.upstream ?? '' });
    this.hooks.push(status);
    return status;
  }

  /** Stops the proxy, closing every forwarded connection; what it saw stays readable. */
  async stop(): Promise<InspectStatus> {
    const proxy = this.proxy;
    if (!proxy) return this.status();
    this.proxy = null;
    if (this.pushTimer) clearInterval(this.pushTimer);
    this.pushTimer = null;
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    await proxy.stop();
    const clients = proxy.clients();
    for (const client of clients) this.histories.set(client.connection, proxy.history(client.connection));
    this.last = { listening: false, listen: null, upstream: proxy.upstreamText, clients };
    this.hooks.note('info', 'log.inspect-stopped', { connections: proxy.counters.accepted });
    this.hooks.push(this.last);
    return this.status();
  }

  get running(): boolean {
    return this.proxy !== null;
  }

  status(): InspectStatus {
    return this.proxy ? this.proxy.status() : { ...this.last, clients: [...this.last.clients] };
  }

  /** One client's samples, oldest first, over the last `seconds` when given. */
  history(connection: number, seconds?: number): InspectSample[] {
    const all = this.proxy ? this.proxy.history(connection) : (this.histories.get(connection) ?? []);
    if (seconds === undefined) return all;
    const since = Date.now() - seconds * 1000;
    return all.filter((s) => s.t >= since);
  }

  /** Every client with its history, for a diagnostics bundle. */
  exportAll(): { status: InspectStatus; histories: Record<number, InspectSample[]> } {
    const status = this.status();
    const histories: Record<number, InspectSample[]> = {};
    for (const client of status.clients) histories[client.connection] = this.history(client.connection);
    return { status, histories };
  }

  private onChange(proxy: InspectProxy, change: InspectChange): void {
    if (change.kind !== 'verdicts' || !change.verdicts) return;
    const client = proxy.client(change.connection);
    const who = { connection: change.connection, clientId: client?.identity.clientId ?? '' };
    for (const v of change.verdicts.raised) {
      this.hooks.note(v.severity === 'critical' ? 'error' : 'warning', 'log.inspect-verdict', { ...who, rule: v.id, ...flattenAlertParams(v.params) });
    }
    for (const v of change.verdicts.cleared) this.hooks.note('info', 'log.inspect-verdict-cleared', { ...who, rule: v.id });
    // A verdict is news: the UI hears of it at once, not at the next push.
    this.hooks.push(proxy.status());
  }
}
