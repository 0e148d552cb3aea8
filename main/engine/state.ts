// The sans-IO protocol state of one MQTT session, like rumqttc's MqttState.
import mqtt, {
  type IConnackPacket,
  type IConnectPacket,
  type IDisconnectPacket,
  type IPublishPacket,
  type ISubscribePacket,
  type IUnsubscribePacket,
  type Packet,
} from 'mqtt-packet';
import type { BrokerGrant } from '../../shared/broker-limits.js';
import { fastPublishSize, type BatchWriter } from './batch-writer.js';
import { ConnectionError, ProtocolError, connackReason } from './errors.js';
import { InflightTable, type InflightPublish } from './inflight-table.js';
import type { PublishRequest, SubscribeRequest, UnsubscribeRequest } from './requests.js';

export type { InflightPublish };

// Design note: methods here only change state and return (or encode into the
// turn's batch) packets to write; no network operations, no timers, no clock reads. Time comes in as `now`
// (ms, monotonic), so every rule below is unit-tested without a socket.


/** What the protocol state needs from the options. */
export interface StateOptions {
  protocolVersion: 4 | 5;
  clientId: string;
  cleanSession: boolean;
  keepAlive: number;
  inflight: number;
  username: string | undefined;
  password: Buffer | undefined;
  maxPacketSize: number;
  sessionExpiryInterval: number;
  topicAliasMaximum: number;
}

/** The result of a CONNACK. */
export interface ConnackOutcome {
  sessionPresent: boolean;
  /** Packets to write before anything new: unacked publishes (DUP set) and PUBRELs, in their original order. */
  resend: Packet[];
  /** Publishes the broker forgot because the session was not present. */
  lost: InflightPublish[];
}

/**
 * What one incoming packet caused. The object is reused between calls, so
 * read it before handling the next packet.
 */
export interface IncomingReaction {
  /** A packet to write in reply (PUBACK, PUBREC, PUBREL, PUBCOMP), or null. */
  reply: Packet | null;
  /** A QoS 1/2 publish of ours that is now finished (acked, or refused by a v5 reason code). */
  completed: InflightPublish | null;
  /** The v5 reason code of that acknowledgement, when given. */
  reasonCode: number | undefined;
  /** True when an incoming publish is a new message for the application (false for QoS 2 duplicates). */
  delivered: boolean;
}

/** Why the outgoing-publish step refused a publish: over the broker's packet limit, or a property mqtt-packet cannot encode. */
export type PublishRefusal = 'too-large' | 'invalid-property';

/**
 * What the outgoing-publish step did with one publish. The object is reused
 * between calls (a publish is made per message), so read it before the next.
 */
export interface OutgoingPublish {
  /** null: the publish is in the batch. Otherwise why it was refused; then nothing of it stays in the state. */
  refused: PublishRefusal | null;
  /** Its packet id; 0 for QoS 0 and for a refused publish. */
  messageId: number;
  /** Its size on the wire; 0 when the encoder refused it. */
  size: number;
  /** The broker's packet limit it was held to. */
  limit: number;
  /** The encoder's words, for 'invalid-property'; '' otherwise. */
  problem: string;
}

const PACKET_ID_LIMIT = 65_535;

/** Packet ids, the in-flight window, QoS 1/2 flows, pings and v5 limits of one MQTT session. */
export class ProtocolState {
  /** Outgoing QoS 1/2 publishes by packet id, with their send order for resending. */
  private readonly outgoing = new InflightTable();
  /** Packet ids of SUBSCRIBE/UNSUBSCRIBE waiting for their ack. */
  private readonly pendingControl = new Map<number, 'subscribe' | 'unsubscribe'>();
  /** Incoming QoS 2 packet ids between PUBLISH and PUBREL, to deliver each message once. */
  private readonly incomingQos2 = new Set<number>();
  private readonly incomingAliases = new Map<number, string>();
  private readonly outgoingAliases = new Map<string, number>();
  private nextPacketId = 1;
  private inflightLimit: number;

  private serverReceiveMaximum = PACKET_ID_LIMIT;
  private serverMaxPacketSize = Number.POSITIVE_INFINITY;
  private serverTopicAliasMaximum = 0;
  private keepAliveMs: number;
  /** What the last CONNACK granted, as it said it (null before the first). */
  private granted: BrokerGrant['granted'] | null = null;
  private grantedSessionPresent = false;

  private lastIncomingAt = 0;
  private lastOutgoingAt = 0;
  private pingSentAt: number | null = null;
  /** Round trip of the last PINGREQ/PINGRESP, ms. */
  pingRttMs: number | null = null;
  /** Incoming publishes delivered to the application (QoS 2 duplicates excluded). */
  delivered = 0;
  /** Acked publishes (PUBACK, PUBCOMP, or a refusing PUBREC). */
  acked = 0;
  /** SUBSCRIBE/UNSUBSCRIBE requests whose ack never came because the connection ended. */
  lostControl = 0;

  private readonly reaction: IncomingReaction = { reply: null, completed: null, reasonCode: undefined, delivered: false };
  private readonly sent: OutgoingPublish = { refused: null, messageId: 0, size: 0, limit: 0, problem: '' };
  private readonly encodeOptions: { protocolVersion: 4 | 5 };

  constructor(private readonly options: StateOptions) {
    this.inflightLimit = options.inflight;
    this.keepAliveMs = options.keepAlive * 1000;
    this.encodeOptions = { protocolVersion: options.protocolVersion };
  }

  /** The in-flight window in force: ours, capped by the broker's v5 Receive Maximum. */
  get maxInflight(): number {
    return Math.min(this.inflightLimit, this.serverReceiveMaximum);
  }

  get inflight(): number {
    return this.outgoing.size;
  }

  /** The largest packet the broker accepts from us. */
  get outgoingPacketLimit(): number {
    return Math.min(this.options.maxPacketSize, this.serverMaxPacketSize);
  }

  get effectiveKeepAliveMs(): number {
    return this.keepAliveMs;
  }

  /**
   * What the last CONNACK granted beside what we asked, as a fresh read-only
   * copy; null before the first CONNACK. MQTT 3.1.1's CONNACK carries no
   * properties, so under it every granted field is null.
   */
  brokerGrant(): BrokerGrant | null {
    if (this.granted === null) return null;
    const o = this.options;
    const v5 = o.protocolVersion === 5;
    return {
      protocolVersion: o.protocolVersion,
      sessionPresent: this.grantedSessionPresent,
      asked: {
        inflight: this.inflightLimit,
        keepAliveSec: o.keepAlive,
        sessionExpirySec: v5 ? o.sessionExpiryInterval : null,
        maxPacketSize: o.maxPacketSize,
        topicAliasMaximum: v5 ? o.topicAliasMaximum : null,
        clientId: o.clientId,
      },
      granted: { ...this.granted },
    };
  }

  /** Changes our in-flight window live; publishes already in flight stay, new ones wait until below it. */
  setInflight(limit: number): void {
    this.inflightLimit = limit;
  }

  /** True when a publish of this QoS may be written now. */
  canSendPublish(qos: number): boolean {
    return qos === 0 || (this.outgoing.size < this.maxInflight && this.idsInUse() < PACKET_ID_LIMIT);
  }

  canSendControl(): boolean {
    return this.idsInUse() < PACKET_ID_LIMIT;
  }

  connectPacket(): IConnectPacket {
    const o = this.options;
    const packet: IConnectPacket = {
      cmd: 'connect',
      protocolId: 'MQTT',
      protocolVersion: o.protocolVersion,
      clean: o.cleanSession,
      clientId: o.clientId,
      keepalive: o.keepAlive,
    };
    if (o.username !== undefined) packet.username = o.username;
    if (o.password !== undefined) packet.password = o.password;
    if (o.protocolVersion === 5) {
      packet.properties = {
        sessionExpiryInterval: o.sessionExpiryInterval,
        maximumPacketSize: o.maxPacketSize,
        topicAliasMaximum: o.topicAliasMaximum,
      };
    }
    return packet;
  }

  /**
   * Applies a CONNACK. Throws ConnectionError('refused') when the broker said no.
   * With the session present, everything unacked is resent first; without it,
   * what the broker forgot is returned as `lost` so it can be counted.
   */
  handleConnack(packet: IConnackPacket, now: number): ConnackOutcome {
    const code = this.options.protocolVersion === 5 ? packet.reasonCode : packet.returnCode;
    if (code === undefined) throw new ProtocolError('malformed-packet', 'the broker sent a CONNACK without a return code');
    if (code !== 0) {
      throw new ConnectionError('refused', `the broker refused the connection: ${connackReason(code)} (0x${code.toString(16).padStart(2, '0')})`, code);
    }
    const props = packet.properties;
    this.serverReceiveMaximum = props?.receiveMaximum ?? PACKET_ID_LIMIT;
    this.serverMaxPacketSize = props?.maximumPacketSize ?? Number.POSITIVE_INFINITY;
    this.serverTopicAliasMaximum = props?.topicAliasMaximum ?? 0;
    this.keepAliveMs = (props?.serverKeepAlive ?? this.options.keepAlive) * 1000;
    this.granted = {
      receiveMaximum: props?.receiveMaximum ?? null,
      maximumPacketSize: props?.maximumPacketSize ?? null,
      topicAliasMaximum: props?.topicAliasMaximum ?? null,
      maximumQoS: props?.maximumQoS ?? null,
      retainAvailable: props?.retainAvailable ?? null,
      wildcardSubscriptionAvailable: props?.wildcardSubscriptionAvailable ?? null,
      sharedSubscriptionAvailable: props?.sharedSubscriptionAvailable ?? null,
      subscriptionIdentifiersAvailable: props?.subscriptionIdentifiersAvailable ?? null,
      serverKeepAliveSec: props?.serverKeepAlive ?? null,
      sessionExpirySec: props?.sessionExpiryInterval ?? null,
      assignedClientId: props?.assignedClientIdentifier ?? null,
    };
    this.grantedSessionPresent = packet.sessionPresent === true;
    this.incomingAliases.clear();
    this.outgoingAliases.clear();
    this.lastIncomingAt = now;
    this.lastOutgoingAt = now;
    this.pingSentAt = null;
    this.lostControl += this.pendingControl.size;
    this.pendingControl.clear();

    const sessionPresent = packet.sessionPresent === true && !this.options.cleanSession;
    if (!sessionPresent) {
      const lost = this.outgoing.values();
      this.outgoing.clear();
      this.incomingQos2.clear();
      return { sessionPresent, resend: [], lost };
    }
    const resend: Packet[] = [];
    for (const entry of this.outgoing.values()) {
      entry.sentAt = now;
      resend.push(
        entry.phase === 'publish'
          ? this.publishPacket(entry.request, entry.messageId, true, false)
          : { cmd: 'pubrel', messageId: entry.messageId },
      );
    }
    return { sessionPresent, resend, lost: [] };
  }

  /**
   * The outgoing-publish step, like rumqttc's `outgoing_publish`: takes a
   * packet id and a window slot for QoS 1/2, chooses the topic alias (MQTT
   * 5), holds the packet to the broker's limit and encodes it into `out`,
   * the turn's batch. A publish that cannot go (too large, or a property the
   * encoder refuses) is undone here and reported, never half-registered:
   *
   *     id 7 taken, alias 3 introduced → encoder refuses → id 7 and alias 3 free again
   *
   * Introducing an alias costs 3 bytes; a publish those alone would push
   * over the limit goes with its topic instead.
   */
  outgoingPublish(request: PublishRequest, now: number, out: BatchWriter): OutgoingPublish {
    if (request.properties !== undefined) return this.outgoingPublishWithProperties(request, now, out);
    const version = this.options.protocolVersion;
    const { topic, qos, payload } = request;
    const messageId = qos === 0 ? 0 : this.takeWindowSlot(request, now);
    const topicBytes = request.topicBytes ?? Buffer.byteLength(topic);
    const payloadBytes = request.payloadBytes ?? (typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length);
    const limit = this.outgoingPacketLimit;
    // Positive: the broker knows the alias (send an empty topic); negative: this publish introduces it; 0: none.
    let alias = version === 5 && this.serverTopicAliasMaximum > 0 ? this.outgoingAliasFor(topic) : 0;
    let size = fastPublishSize(version, alias > 0 ? 0 : topicBytes, qos, payloadBytes, Math.abs(alias));
    if (size > limit && alias < 0) {
      this.outgoingAliases.delete(topic);
      alias = 0;
      size = fastPublishSize(version, topicBytes, qos, payloadBytes, 0);
    }
    if (size > limit) {
      if (messageId !== 0) this.outgoing.delete(messageId);
      return this.refuse('too-large', size, limit, '');
    }
    if (alias > 0) out.publish(version, '', 0, qos, request.retain, false, messageId, payload, payloadBytes, alias);
    else out.publish(version, topic, topicBytes, qos, request.retain, false, messageId, payload, payloadBytes, -alias);
    return this.accept(messageId, size, limit);
  }

  /** MQTT 5 publishes with properties go through mqtt-packet's encoder, which may refuse a property value. */
  private outgoingPublishWithProperties(request: PublishRequest, now: number, out: BatchWriter): OutgoingPublish {
    const messageId = request.qos === 0 ? 0 : this.takeWindowSlot(request, now);
    const packet = this.publishPacket(request, messageId === 0 ? undefined : messageId, false, true);
    // Whether this packet would teach the broker a new alias (it carries both the topic and an alias).
    const introducesAlias = packet.topic !== '' && packet.properties?.topicAlias !== undefined;
    const limit = this.outgoingPacketLimit;
    let bytes: Buffer;
    try {
      bytes = mqtt.generate(packet, this.encodeOptions);
    } catch (error) {
      // The request's fault, not the connection's: undo it, keep the socket.
      this.undoPublish(messageId, introducesAlias ? request.topic : null);
      return this.refuse('invalid-property', 0, limit, (error as Error).message);
    }
    if (bytes.length > limit && introducesAlias) {
      this.outgoingAliases.delete(request.topic);
      packet.properties = request.properties;
      bytes = mqtt.generate(packet, this.encodeOptions);
    }
    if (bytes.length > limit) {
      this.undoPublish(messageId, null);
      return this.refuse('too-large', bytes.length, limit, '');
    }
    out.append(bytes);
    return this.accept(messageId, bytes.length, limit);
  }

  private takeWindowSlot(request: PublishRequest, now: number): number {
    const messageId = this.allocatePacketId();
    this.outgoing.set(messageId, { request, messageId, phase: 'publish', sentAt: now });
    return messageId;
  }

  /** Gives back what a publish that was not written took: its packet id and window slot, and an alias the broker never learned. */
  private undoPublish(messageId: number, introducedAliasFor: string | null): void {
    if (messageId !== 0) this.outgoing.delete(messageId);
    if (introducedAliasFor !== null) this.outgoingAliases.delete(introducedAliasFor);
  }

  /**
   * The alias to use for `topic`: positive when the broker already knows it,
   * negative when this publish introduces it (taking the next free one), 0
   * when all are in use.
   */
  private outgoingAliasFor(topic: string): number {
    const known = this.outgoingAliases.get(topic);
    if (known !== undefined) return known;
    if (this.outgoingAliases.size >= this.serverTopicAliasMaximum) return 0;
    const alias = this.outgoingAliases.size + 1;
    this.outgoingAliases.set(topic, alias);
    return -alias;
  }

  private accept(messageId: number, size: number, limit: number): OutgoingPublish {
    const sent = this.sent;
    sent.refused = null;
    sent.messageId = messageId;
    sent.size = size;
    sent.limit = limit;
    sent.problem = '';
    return sent;
  }

  private refuse(refused: PublishRefusal, size: number, limit: number, problem: string): OutgoingPublish {
    const sent = this.sent;
    sent.refused = refused;
    sent.messageId = 0;
    sent.size = size;
    sent.limit = limit;
    sent.problem = problem;
    return sent;
  }

  outgoingSubscribe(request: SubscribeRequest): ISubscribePacket {
    const messageId = this.allocatePacketId();
    this.pendingControl.set(messageId, 'subscribe');
    return {
      cmd: 'subscribe',
      messageId,
      subscriptions: request.subscriptions.map((s) => ({
        topic: s.topic,
        qos: s.qos,
        ...(this.options.protocolVersion === 5 ? { nl: s.noLocal ?? false, rap: s.retainAsPublished ?? false, rh: s.retainHandling ?? 0 } : {}),
      })),
    };
  }

  outgoingUnsubscribe(request: UnsubscribeRequest): IUnsubscribePacket {
    const messageId = this.allocatePacketId();
    this.pendingControl.set(messageId, 'unsubscribe');
    return { cmd: 'unsubscribe', messageId, unsubscriptions: request.topics };
  }

  outgoingDisconnect(): IDisconnectPacket {
    return this.options.protocolVersion === 5 ? { cmd: 'disconnect', reasonCode: 0 } : { cmd: 'disconnect' };
  }

  /** Records that bytes were written, which defers the next ping. */
  markWritten(now: number): void {
    this.lastOutgoingAt = now;
  }

  /**
   * Keepalive. Returns a PINGREQ when one is due, null otherwise; throws
   * ProtocolError('keepalive-timeout') when a ping went unanswered for half a
   * keepalive. A ping is sent after a keepalive of silence in either
   * direction, so a peer that stopped answering is found within 1.5 × keepalive
   * of the last byte it sent.
   */
  tick(now: number): Packet | null {
    const keepAlive = this.keepAliveMs;
    if (keepAlive === 0) return null;
    if (this.pingSentAt !== null) {
      if (now - this.pingSentAt >= keepAlive / 2) {
        throw new ProtocolError('keepalive-timeout', `no answer from the broker for ${Math.round((now - this.lastIncomingAt) / 100) / 10} s (keepalive ${keepAlive / 1000} s); the connection is half-open`);
      }
      return null;
    }
    if (now - this.lastOutgoingAt >= keepAlive || now - this.lastIncomingAt >= keepAlive) {
      this.pingSentAt = now;
      return { cmd: 'pingreq' };
    }
    return null;
  }

  /** When `tick` should next be called. */
  nextTickAt(): number {
    const keepAlive = this.keepAliveMs;
    if (keepAlive === 0) return Number.POSITIVE_INFINITY;
    if (this.pingSentAt !== null) return this.pingSentAt + keepAlive / 2;
    return Math.min(this.lastOutgoingAt, this.lastIncomingAt) + keepAlive;
  }

  /** Applies one incoming packet (after CONNACK). Throws ProtocolError on what the protocol forbids. */
  handleIncoming(packet: Packet, now: number): IncomingReaction {
    this.lastIncomingAt = now;
    const r = this.reaction;
    r.reply = null;
    r.completed = null;
    r.reasonCode = undefined;
    r.delivered = false;
    switch (packet.cmd) {
      case 'publish':
        this.handleIncomingPublish(packet, r);
        break;
      case 'puback':
        r.completed = this.finish(packet.messageId, 'publish', 1, 'PUBACK');
        r.reasonCode = packet.reasonCode;
        break;
      case 'pubrec':
        this.handleIncomingPubrec(packet.messageId, packet.reasonCode, r);
        break;
      case 'pubcomp':
        r.completed = this.finish(packet.messageId, 'release', 2, 'PUBCOMP');
        r.reasonCode = packet.reasonCode;
        break;
      case 'pubrel':
        // The message was delivered when its PUBLISH came; forgetting the id
        // now lets the broker reuse it. PUBCOMP answers even an unknown id,
        // as the spec requires after a reconnect.
        this.incomingQos2.delete(packet.messageId!);
        r.reply = { cmd: 'pubcomp', messageId: packet.messageId! };
        break;
      case 'suback':
      case 'unsuback':
        this.finishControl(packet.messageId, packet.cmd);
        break;
      case 'pingresp':
        if (this.pingSentAt !== null) this.pingRttMs = now - this.pingSentAt;
        this.pingSentAt = null;
        break;
      case 'disconnect':
        throw new ProtocolError(
          'server-disconnect',
          `the broker closed the session${packet.reasonCode ? `: ${connackReason(packet.reasonCode)} (0x${packet.reasonCode.toString(16)})` : ''}`,
          packet.reasonCode,
        );
      default:
        throw new ProtocolError('unexpected-packet', `the broker sent an unexpected ${packet.cmd.toUpperCase()} packet`);
    }
    return r;
  }

  /** Publishes in flight, oldest first (for reporting and tests). */
  inflightPublishes(): InflightPublish[] {
    return this.outgoing.values();
  }

  private handleIncomingPublish(packet: IPublishPacket, r: IncomingReaction): void {
    this.resolveIncomingAlias(packet);
    if (packet.qos === 0) {
      r.delivered = true;
    } else if (packet.qos === 1) {
      r.delivered = true;
      r.reply = { cmd: 'puback', messageId: packet.messageId! };
    } else {
      const id = packet.messageId!;
      r.delivered = !this.incomingQos2.has(id);
      this.incomingQos2.add(id);
      r.reply = { cmd: 'pubrec', messageId: id };
    }
    if (r.delivered) this.delivered++;
  }

  private handleIncomingPubrec(messageId: number | undefined, reasonCode: number | undefined, r: IncomingReaction): void {
    const entry = messageId === undefined ? undefined : this.outgoing.get(messageId);
    if (!entry || entry.request.qos !== 2 || entry.phase !== 'publish') {
      throw new ProtocolError('unsolicited-ack', `the broker sent PUBREC for packet id ${String(messageId)}, which is not awaiting one`);
    }
    if (reasonCode !== undefined && reasonCode >= 0x80) {
      // v5: the broker refused the message; the flow ends here.
      this.outgoing.delete(entry.messageId);
      this.acked++;
      r.completed = entry;
      r.reasonCode = reasonCode;
      return;
    }
    entry.phase = 'release';
    r.reply = { cmd: 'pubrel', messageId: entry.messageId };
  }

  private finish(messageId: number | undefined, phase: InflightPublish['phase'], qos: 1 | 2, name: string): InflightPublish {
    const entry = messageId === undefined ? undefined : this.outgoing.get(messageId);
    if (!entry || entry.request.qos !== qos || entry.phase !== phase) {
      throw new ProtocolError('unsolicited-ack', `the broker sent ${name} for packet id ${String(messageId)}, which is not awaiting one`);
    }
    this.outgoing.delete(entry.messageId);
    this.acked++;
    return entry;
  }

  private finishControl(messageId: number | undefined, cmd: 'suback' | 'unsuback'): void {
    const expected = cmd === 'suback' ? 'subscribe' : 'unsubscribe';
    if (messageId === undefined || this.pendingControl.get(messageId) !== expected) {
      throw new ProtocolError('unsolicited-ack', `the broker sent ${cmd.toUpperCase()} for packet id ${String(messageId)}, which is not awaiting one`);
    }
    this.pendingControl.delete(messageId);
  }

  private resolveIncomingAlias(packet: IPublishPacket): void {
    const alias = packet.properties?.topicAlias;
    if (alias === undefined) return;
    if (alias === 0 || alias > this.options.topicAliasMaximum) {
      throw new ProtocolError('invalid-topic-alias', `the broker used topic alias ${alias}; we allow 1 to ${this.options.topicAliasMaximum}`);
    }
    if (packet.topic) {
      this.incomingAliases.set(alias, packet.topic);
      return;
    }
    const topic = this.incomingAliases.get(alias);
    if (topic === undefined) {
      throw new ProtocolError('invalid-topic-alias', `the broker used topic alias ${alias} before giving its topic`);
    }
    packet.topic = topic;
  }

  private publishPacket(request: PublishRequest, messageId: number | undefined, dup: boolean, useAlias: boolean): IPublishPacket {
    const packet: IPublishPacket = {
      cmd: 'publish',
      topic: request.topic,
      payload: request.payload,
      qos: request.qos,
      retain: request.retain,
      dup,
      messageId,
      properties: request.properties,
    };
    if (useAlias && this.serverTopicAliasMaximum > 0) this.applyOutgoingAlias(packet);
    return packet;
  }

  /**
   * v5 topic aliases towards the broker: the first publish to a topic carries
   * the topic and an alias, later ones only the alias, saving the topic's
   * bytes on every message. Aliases are per connection; resends use the topic.
   */
  private applyOutgoingAlias(packet: IPublishPacket): void {
    const alias = this.outgoingAliasFor(packet.topic);
    if (alias === 0) return;
    packet.properties = { ...packet.properties, topicAlias: Math.abs(alias) };
    if (alias > 0) packet.topic = '';
  }

  private idsInUse(): number {
    return this.outgoing.size + this.pendingControl.size;
  }

  /**
   * Packet ids cycle through 1..65535 and skip every id still waiting for
   * its ack, so an id is never reused while the broker may still answer it:
   *
   *     in use: 7 (QoS 1, unacked)      next = 7 → skipped → 8
   */
  private allocatePacketId(): number {
    for (;;) {
      const id = this.nextPacketId;
      this.nextPacketId = id === PACKET_ID_LIMIT ? 1 : id + 1;
      if (!this.outgoing.has(id) && !this.pendingControl.has(id)) return id;
    }
  }
}
