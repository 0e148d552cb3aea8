// What one forwarded connection is doing, read from the packets in both directions: identity, counts, in flight, ack latencies, liveness.
import type { Packet } from 'mqtt-packet';
import type { InspectEnding, InspectGrant, InspectIdentity, InspectState, InspectSubscription, InspectTotals } from '../../shared/inspect.js';
import { connackReason } from '../engine/index.js';
import { LatencyHistogram } from '../monitor/index.js';
import { HEAD_LIMIT, PacketScanner, type ScannedPacket } from './packet-scanner.js';
import * as T from './packet-view.js';

/** MQTT 5's Receive Maximum when the broker sends none. */
const DEFAULT_RECEIVE_MAXIMUM = 65_535;

/** Clocks the watch reads; injectable so tests can move time. */
export interface WatchClocks {
  /** Monotonic ms, for durations. */
  clock: () => number;
  /** Wall-clock ms, for timestamps. */
  now: () => number;
}

/**
 * Follows one client connection through the proxy. The proxy hands it every
 * chunk it forwards (`fromClient`, `fromBroker`); the watch never changes or
 * holds the bytes, it only counts what they say. Its work per message is a
 * few field reads, one Map entry for a QoS 1/2 packet id, and one histogram
 * bucket per acknowledgement.
 */
export class ClientWatch {
  state: InspectState = 'connecting';
  readonly identity: InspectIdentity = {
    clientId: null,
    protocolVersion: null,
    keepAliveSec: null,
    cleanStart: null,
    username: null,
    hasPassword: false,
    receiveMaximum: null,
  };
  grant: InspectGrant | null = null;
  ending: InspectEnding | null = null;
  readonly openedAt: number;
  closedAt: number | null = null;
  readonly totals: InspectTotals = {
    publishes: [0, 0, 0],
    dupResends: 0,
    bytesUp: 0,
    deliveries: [0, 0, 0],
    bytesDown: 0,
    unparsedUp: 0,
    unparsedDown: 0,
    undecodable: 0,
    unreadMs: 0,
  };
  /** Why each direction stopped being parsed, when it did. */
  unparsedWhy: string | null = null;
  /** Broker ack latency of the client's QoS 1/2 publishes (to PUBACK or PUBREC). */
  readonly brokerAck = new LatencyHistogram();
  /** The client's ack latency of QoS 1/2 deliveries (to its PUBACK or PUBREC). */
  readonly clientAck = new LatencyHistogram();
  /** Monotonic ms of the client's last packet (of any kind): what keepalive is about. */
  lastClientPacketAt: number;

  /** The client's QoS 1/2 publishes the broker has not finished: packet id → when it was forwarded (negative once PUBREC is seen). */
  private readonly outbound = new Map<number, number>();
  /** Deliveries to the client not yet acknowledged by it: packet id → when forwarded (negative once its PUBREC is seen). */
  private readonly inbound = new Map<number, number>();
  private readonly subscriptions = new Map<string, InspectSubscription>();
  /** SUBSCRIBE packet id → the topics it asked for, until its SUBACK. */
  private readonly pendingSubscribes = new Map<number, string[]>();
  private readonly up: PacketScanner;
  private readonly down: PacketScanner;
  private readonly upDecoder = new T.ControlDecoder(4);
  private readonly downDecoder = new T.ControlDecoder(4);
  private disconnectFrom: 'client' | 'broker' | null = null;
  private disconnectReason: number | null = null;

  constructor(
    readonly connection: number,
    readonly remote: string,
    private readonly clocks: WatchClocks,
    headLimit = HEAD_LIMIT,
  ) {
    this.openedAt = clocks.now();
    this.lastClientPacketAt = clocks.clock();
    this.up = new PacketScanner((packet) => this.onClientPacket(packet), [T.CONNECT], headLimit);
    this.down = new PacketScanner((packet) => this.onBrokerPacket(packet), [T.CONNACK, T.AUTH], headLimit);
  }

  /** Bytes the client sent, as they are forwarded to the broker. */
  fromClient(chunk: Buffer): void {
    this.totals.bytesUp += chunk.length;
    this.up.push(chunk);
    if (this.up.broken !== null) this.noteUnparsed(this.up);
    this.totals.unparsedUp = this.up.unparsedBytes;
  }

  /** Bytes the broker sent, as they are forwarded to the client. */
  fromBroker(chunk: Buffer): void {
    this.totals.bytesDown += chunk.length;
    this.down.push(chunk);
    if (this.down.broken !== null) this.noteUnparsed(this.down);
    this.totals.unparsedDown = this.down.unparsedBytes;
  }

  /** The client's QoS 1/2 publishes not yet completed by the broker. */
  get inflight(): number {
    return this.outbound.size;
  }

  /** Deliveries not yet completed by the client. */
  get deliveriesUnacked(): number {
    return this.inbound.size;
  }

  /** Age (ms) of the oldest client publish still waiting for the broker's first ack; 0 when none waits. */
  oldestBrokerAckMs(): number {
    return oldestWaiting(this.outbound, this.clocks.clock());
  }

  /** Age (ms) of the oldest delivery still waiting for the client's first ack; 0 when none waits. */
  oldestClientAckMs(): number {
    return oldestWaiting(this.inbound, this.clocks.clock());
  }

  /** What bounds `inflight`: the broker's Receive Maximum for MQTT 5; unknown for 3.1.1, whose brokers set it in their own configuration. */
  get inflightLimit(): number | null {
    if (this.identity.protocolVersion !== 5 || !this.grant) return null;
    return this.grant.receiveMaximum ?? DEFAULT_RECEIVE_MAXIMUM;
  }

  subscriptionList(): InspectSubscription[] {
    return [...this.subscriptions.values()].map((s) => ({ ...s }));
  }

  /** The connection ended; `by` is the side whose socket closed first. */
  close(by: InspectEnding['by'], why?: string): void {
    if (this.closedAt !== null) return;
    this.closedAt = this.clocks.now();
    if (this.state !== 'refused') this.state = 'closed';
    const clean = this.disconnectFrom !== null;
    const side = this.disconnectFrom ?? by;
    const reason =
      why ??
      (clean
        ? `the ${side} sent DISCONNECT${this.disconnectReason ? ` with reason ${this.disconnectReason} (0x${this.disconnectReason.toString(16).padStart(2, '0')})` : ''}`
        : `the ${side} closed the connection without DISCONNECT`);
    this.ending = { by: side, clean, reasonCode: this.disconnectReason, reason };
  }

  private noteUnparsed(scanner: PacketScanner): void {
    this.unparsedWhy ??= `${scanner === this.up ? 'client' : 'broker'} stream: ${scanner.broken}`;
  }

  private onClientPacket(packet: ScannedPacket): void {
    const now = this.clocks.clock();
    this.lastClientPacketAt = now;
    switch (packet.first >> 4) {
      case T.PUBLISH: {
        const header = T.readPublish(packet);
        if (!header) return this.undecodable();
        this.totals.publishes[header.qos]++;
        if (header.dup) this.totals.dupResends++;
        // A resend keeps the first attempt's time: latency counts from the first try.
        if (header.qos > 0 && !this.outbound.has(header.packetId)) this.outbound.set(header.packetId, now);
        return;
      }
      case T.PUBACK:
        return this.acked(this.inbound, T.readAckId(packet), now, this.clientAck, true);
      case T.PUBREC:
        return this.acked(this.inbound, T.readAckId(packet), now, this.clientAck, false);
      case T.PUBCOMP:
        this.inbound.delete(T.readAckId(packet));
        return;
      case T.PUBREL:
      case T.PINGREQ:
        return;
      default:
        return this.onClientControl(this.upDecoder.decode(packet));
    }
  }

  private onBrokerPacket(packet: ScannedPacket): void {
    const now = this.clocks.clock();
    switch (packet.first >> 4) {
      case T.PUBLISH: {
        const header = T.readPublish(packet);
        if (!header) return this.undecodable();
        this.totals.deliveries[header.qos]++;
        if (header.qos > 0 && !this.inbound.has(header.packetId)) this.inbound.set(header.packetId, now);
        return;
      }
      case T.PUBACK:
        return this.acked(this.outbound, T.readAckId(packet), now, this.brokerAck, true);
      case T.PUBREC: {
        // An MQTT 5 PUBREC with a failure reason ends the exchange (no PUBREL follows).
        const done = T.readAckReason(packet) >= 0x80;
        return this.acked(this.outbound, T.readAckId(packet), now, this.brokerAck, done);
      }
      case T.PUBCOMP:
        this.outbound.delete(T.readAckId(packet));
        return;
      case T.PUBREL:
      case T.PINGRESP:
        return;
      default:
        return this.onBrokerControl(this.downDecoder.decode(packet));
    }
  }

  /** Records an ack's latency on its first ack only, and forgets the id when the exchange is over. */
  private acked(pending: Map<number, number>, id: number, now: number, latency: LatencyHistogram, done: boolean): void {
    const sentAt = pending.get(id);
    if (sentAt === undefined) return;
    if (sentAt >= 0) latency.record(now - sentAt);
    if (done) pending.delete(id);
    else pending.set(id, -1);
  }

  private undecodable(): void {
    this.totals.undecodable++;
  }

  private onClientControl(packet: Packet | Error): void {
    if (packet instanceof Error) return this.undecodable();
    switch (packet.cmd) {
      case 'connect': {
        const id = this.identity;
        id.clientId = packet.clientId;
        id.protocolVersion = (packet.protocolVersion ?? 4);
        id.keepAliveSec = packet.keepalive ?? null;
        id.cleanStart = packet.clean ?? null;
        id.username = packet.username ?? null;
        id.hasPassword = packet.password !== undefined;
        id.receiveMaximum = packet.properties?.receiveMaximum ?? null;
        this.downDecoder.speak(id.protocolVersion);
        return;
      }
      case 'subscribe': {
        const topics = packet.subscriptions.map((s) => s.topic);
        for (const s of packet.subscriptions) this.subscriptions.set(s.topic, { topic: s.topic, qos: s.qos, granted: null });
        this.pendingSubscribes.set(packet.messageId ?? 0, topics);
        return;
      }
      case 'unsubscribe':
        for (const topic of packet.unsubscriptions) this.subscriptions.delete(topic);
        return;
      case 'disconnect':
        this.disconnectFrom = 'client';
        this.disconnectReason = packet.reasonCode ?? null;
        return;
      default:
        return;
    }
  }

  private onBrokerControl(packet: Packet | Error): void {
    if (packet instanceof Error) return this.undecodable();
    switch (packet.cmd) {
      case 'connack': {
        const code = packet.reasonCode ?? packet.returnCode ?? 0;
        const p = packet.properties;
        this.grant = {
          reasonCode: code,
          reason: code === 0 ? 'accepted' : connackReason(code),
          sessionPresent: packet.sessionPresent,
          receiveMaximum: p?.receiveMaximum ?? null,
          maximumPacketSize: p?.maximumPacketSize ?? null,
          topicAliasMaximum: p?.topicAliasMaximum ?? null,
          serverKeepAliveSec: p?.serverKeepAlive ?? null,
          assignedClientId: p?.assignedClientIdentifier ?? null,
        };
        this.state = code === 0 ? 'connected' : 'refused';
        return;
      }
      case 'suback': {
        const topics = this.pendingSubscribes.get(packet.messageId ?? 0);
        if (!topics) return;
        this.pendingSubscribes.delete(packet.messageId ?? 0);
        const codes = (packet.granted ?? []) as Array<number | { qos: number }>;
        topics.forEach((topic, i) => {
          const code = codes[i];
          const sub = this.subscriptions.get(topic);
          if (sub && code !== undefined) sub.granted = typeof code === 'number' ? code : code.qos;
        });
        return;
      }
      case 'disconnect':
        this.disconnectFrom = 'broker';
        this.disconnectReason = packet.reasonCode ?? null;
        return;
      default:
        return;
    }
  }
}

/** How many entries to look at for the oldest wait: ids waiting for PUBCOMP (marked -1) are skipped, and a deep scan would cost per sample what the map holds. */
const OLDEST_SCAN = 64;

/** Age of the oldest entry still waiting for a first ack; a Map iterates in insertion order, so it is among the first. */
function oldestWaiting(pending: Map<number, number>, now: number): number {
  let scanned = 0;
  for (const sentAt of pending.values()) {
    if (sentAt >= 0) return now - sentAt;
    if (++scanned >= OLDEST_SCAN) break;
  }
  return 0;
}
