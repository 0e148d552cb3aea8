// One client connection through the proxy: its two relays, its watch, and the samples, history and verdicts drawn from them.
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { InspectClient, InspectSample, InspectVerdict } from '../../shared/inspect.js';
import { BoundedRing, type RuleChange } from '../monitor/index.js';
import { ClientWatch, type WatchClocks } from './client-watch.js';
import { Relay } from './relay.js';
import { ClientVerdicts, type VerdictThresholds } from './verdicts.js';

/** The totals rates are computed from, at the previous sample. */
interface Previous {
  at: number;
  publishes: [number, number, number];
  deliveries: number;
  bytesUp: number;
  bytesDown: number;
}

export class InspectedConnection {
  readonly watch: ClientWatch;
  readonly history: BoundedRing<InspectSample>;
  private readonly verdicts: ClientVerdicts;
  /** client → broker and broker → client, once the upstream is open. */
  private up: Relay | null = null;
  private down: Relay | null = null;
  private previous: Previous;
  latest: InspectSample;
  /** Connections with this client id within the reconnect window, this one included. */
  connectsInWindow = 1;
  /** True once the proxy has counted this connection under its client id. */
  notedId = false;

  constructor(
    connection: number,
    remote: string,
    private readonly clocks: WatchClocks,
    historySamples: number,
    thresholds: VerdictThresholds,
  ) {
    this.watch = new ClientWatch(connection, remote, clocks);
    this.history = new BoundedRing(historySamples);
    this.verdicts = new ClientVerdicts(thresholds);
    this.previous = { at: clocks.clock(), publishes: [0, 0, 0], deliveries: 0, bytesUp: 0, bytesDown: 0 };
    this.latest = this.measure();
  }

  get connection(): number {
    return this.watch.connection;
  }

  /** Starts forwarding between the client's socket and the broker's stream. */
  attach(client: Socket, upstream: Duplex): void {
    this.up = new Relay(client, upstream, (chunk) => this.watch.fromClient(chunk), this.clocks.clock);
    this.down = new Relay(upstream, client, (chunk) => this.watch.fromBroker(chunk), this.clocks.clock);
  }

  /** Chunks the observer failed on (forwarded anyway). */
  get observerFaults(): number {
    return (this.up?.observerFaults ?? 0) + (this.down?.observerFaults ?? 0);
  }

  /** Takes one sample: rates since the last, latencies of the interval, the waits now; judges the verdicts on it. */
  sample(): RuleChange<InspectVerdict> {
    this.latest = this.measure();
    this.history.push(this.latest);
    const w = this.watch;
    const refused = w.state === 'refused' && w.grant ? { reasonCode: w.grant.reasonCode, reason: w.grant.reason } : null;
    return this.verdicts.judge(this.latest, {
      keepAliveSec: w.identity.keepAliveSec,
      refusal: refused,
      connectsInWindow: this.connectsInWindow,
      unparsedBytes: w.totals.unparsedUp + w.totals.unparsedDown,
      unparsedWhy: w.unparsedWhy,
    });
  }

  snapshot(): InspectClient {
    const w = this.watch;
    return {
      connection: w.connection,
      remote: w.remote,
      openedAt: w.openedAt,
      closedAt: w.closedAt,
      identity: { ...w.identity },
      grant: w.grant ? { ...w.grant } : null,
      subscriptions: w.subscriptionList(),
      totals: { ...w.totals, publishes: [...w.totals.publishes], deliveries: [...w.totals.deliveries], unreadMs: this.down?.totalBlockedMs() ?? 0 },
      latest: this.latest,
      verdicts: this.verdicts.list(),
      ending: w.ending ? { ...w.ending } : null,
      connectsLastMinute: this.connectsInWindow,
    };
  }

  private measure(): InspectSample {
    const w = this.watch;
    const t = w.totals;
    const at = this.clocks.clock();
    const p = this.previous;
    const seconds = (at - p.at) / 1000;
    const rate = (now: number, before: number) => (seconds > 0 ? (now - before) / seconds : 0);
    const byQos: [number, number, number] = [rate(t.publishes[0], p.publishes[0]), rate(t.publishes[1], p.publishes[1]), rate(t.publishes[2], p.publishes[2])];
    const deliveries = t.deliveries[0] + t.deliveries[1] + t.deliveries[2];
    const broker = w.brokerAck.takeInterval();
    const client = w.clientAck.takeInterval();
    const sample: InspectSample = {
      t: this.clocks.now(),
      state: w.state,
      publishRate: byQos[0] + byQos[1] + byQos[2],
      publishRateByQos: byQos,
      bytesUpRate: rate(t.bytesUp, p.bytesUp),
      deliveryRate: rate(deliveries, p.deliveries),
      bytesDownRate: rate(t.bytesDown, p.bytesDown),
      inflight: w.inflight,
      inflightLimit: w.inflightLimit,
      deliveriesUnacked: w.deliveriesUnacked,
      brokerAckP50Ms: broker.p50,
      brokerAckP99Ms: broker.p99,
      clientAckP50Ms: client.p50,
      clientAckP99Ms: client.p99,
      oldestBrokerAckMs: w.oldestBrokerAckMs(),
      oldestClientAckMs: w.oldestClientAckMs(),
      unreadMs: this.down?.blockedMs() ?? 0,
      waitingBytes: this.down?.waitingBytes() ?? 0,
      brokerUnreadMs: this.up?.blockedMs() ?? 0,
      sinceClientPacketMs: at - w.lastClientPacketAt,
    };
    this.previous = { at, publishes: [...t.publishes], deliveries, bytesUp: t.bytesUp, bytesDown: t.bytesDown };
    return sample;
  }
}
