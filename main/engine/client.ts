// The application's handle on the engine: validates each call and puts requests into the bounded channel, never touching the network.
import mqtt, { type QoS } from 'mqtt-packet';
import { publishPacketSize } from '../../shared/mqtt-sizes.js';
import { type ChannelStats, type OverflowPolicy, type RequestChannel, type SendOutcome } from './channel.js';
import { InvalidArgumentError } from './errors.js';
import type { PublishProperties, PublishReceipt, PublishRequest, Subscription } from './requests.js';
import { payloadSize, validateFilter, validatePublishTopic, validateQos } from './validate.js';

/** The outcome of a non-waiting call. Failures are values, not exceptions: they can come at 100k/s. */
export type TryResult = { readonly ok: true } | { readonly ok: false; readonly error: 'full' | 'dropped' | 'closed' };

/** Per-call extras for a publish. */
export interface PublishExtras {
  properties?: PublishProperties;
  receipt?: PublishReceipt;
}

const OK: TryResult = Object.freeze({ ok: true });
const FULL: TryResult = Object.freeze({ ok: false, error: 'full' });
const DROPPED: TryResult = Object.freeze({ ok: false, error: 'dropped' });
const CLOSED: TryResult = Object.freeze({ ok: false, error: 'closed' });
const RESULTS = { ok: OK, full: FULL, dropped: DROPPED, closed: CLOSED } as const;

/**
 * The application's handle: puts requests into the bounded channel. It never
 * touches the network; the EventLoop does, when polled.
 */
export class AsyncClient {
  /** One-entry cache: a hot loop publishing to one topic validates it once. */
  private lastTopic = '';
  private lastTopicBytes = 0;
  /** What the last checkPublish measured, for the buildPublish that follows it in the same call. */
  private checkedTopicBytes = 0;
  private checkedPayloadBytes = 0;

  constructor(
    private readonly channel: RequestChannel,
    private readonly limits: { protocolVersion: 4 | 5; maxPacketSize: number },
  ) {}

  /** Queues a publish, waiting for room when the channel is full under `block`. Resolves once it is in the channel (or was dropped by policy). */
  publish(topic: string, qos: QoS, retain: boolean, payload: Buffer | Uint8Array | string, extras?: PublishExtras): Promise<SendOutcome> {
    let request: PublishRequest;
    try {
      this.checkPublish(topic, qos, retain, payload, extras);
      request = this.buildPublish(topic, qos, retain, payload, extras);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.channel.send(request);
  }

  /** Queues a publish or fails at once with `full`, `dropped` or `closed`. Throws InvalidArgumentError on bad arguments. */
  tryPublish(topic: string, qos: QoS, retain: boolean, payload: Buffer | Uint8Array | string, extras?: PublishExtras): TryResult {
    this.checkPublish(topic, qos, retain, payload, extras);
    const refused = this.channel.refusePublish();
    if (refused !== null) return RESULTS[refused];
    return RESULTS[this.channel.trySend(this.buildPublish(topic, qos, retain, payload, extras))];
  }

  subscribe(filter: string | Subscription[], qos: QoS = 0): Promise<void> {
    let subscriptions: Subscription[];
    try {
      subscriptions = normalizeSubscriptions(filter, qos);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.channel.send({ kind: 'subscribe', subscriptions, seq: 0 }).then(ignore);
  }

  trySubscribe(filter: string | Subscription[], qos: QoS = 0): TryResult {
    return RESULTS[this.channel.trySend({ kind: 'subscribe', subscriptions: normalizeSubscriptions(filter, qos), seq: 0 })];
  }

  unsubscribe(filter: string | string[]): Promise<void> {
    let topics: string[];
    try {
      topics = normalizeFilters(filter);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.channel.send({ kind: 'unsubscribe', topics, seq: 0 }).then(ignore);
  }

  tryUnsubscribe(filter: string | string[]): TryResult {
    return RESULTS[this.channel.trySend({ kind: 'unsubscribe', topics: normalizeFilters(filter), seq: 0 })];
  }

  /**
   * Queues a DISCONNECT behind what is already queued, then closes the
   * channel to new requests: what was accepted still goes out first.
   */
  disconnect(): Promise<void> {
    try {
      this.channel.closeAfter({ kind: 'disconnect', seq: 0 });
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  setCapacity(capacity: number): void {
    this.channel.setCapacity(capacity);
  }

  setOverflowPolicy(policy: OverflowPolicy): void {
    this.channel.setPolicy(policy);
  }

  channelStats(): ChannelStats {
    return this.channel.stats();
  }

  /**
   * Validates a publish without allocating anything, leaving the topic's and
   * payload's sizes in checkedTopicBytes and checkedPayloadBytes for
   * buildPublish. Throws InvalidArgumentError; changes nothing then.
   */
  private checkPublish(topic: string, qos: QoS, retain: boolean, payload: Buffer | Uint8Array | string, extras?: PublishExtras): void {
    let topicBytes: number;
    if (topic === this.lastTopic && topic !== '') {
      topicBytes = this.lastTopicBytes;
    } else {
      topicBytes = validatePublishTopic(topic);
      this.lastTopic = topic;
      this.lastTopicBytes = topicBytes;
    }
    validateQos(qos);
    if (typeof retain !== 'boolean') {
      throw new InvalidArgumentError('invalid-retain', 'retain', `retain must be true or false, got ${String(retain)}`);
    }
    const bytes = payloadSize(payload);
    const size =
      this.limits.protocolVersion === 5 && extras?.properties !== undefined
        ? encodedV5Size(topic, qos, bodyOf(payload), extras.properties)
        : publishPacketSize(topicBytes, qos, bytes, this.limits.protocolVersion === 5 ? 1 : 0);
    if (size > this.limits.maxPacketSize) {
      throw new InvalidArgumentError(
        'payload-too-large',
        'payload',
        `the publish would be ${size.toLocaleString('en-US')} bytes on the wire; the maximum packet size is ${this.limits.maxPacketSize.toLocaleString('en-US')}`,
      );
    }
    if (extras?.properties !== undefined && this.limits.protocolVersion !== 5) {
      throw new InvalidArgumentError('invalid-option', 'properties', 'publish properties need MQTT 5; this client speaks 3.1.1');
    }
    this.checkedTopicBytes = topicBytes;
    this.checkedPayloadBytes = bytes;
  }

  /** The request for a publish checkPublish just passed. */
  private buildPublish(topic: string, qos: QoS, retain: boolean, payload: Buffer | Uint8Array | string, extras?: PublishExtras): PublishRequest {
    return {
      kind: 'publish',
      topic,
      qos,
      retain,
      payload: bodyOf(payload),
      topicBytes: this.checkedTopicBytes,
      payloadBytes: this.checkedPayloadBytes,
      properties: extras?.properties,
      seq: 0,
      receipt: extras?.receipt,
    };
  }
}

function normalizeSubscriptions(filter: string | Subscription[], qos: QoS): Subscription[] {
  const list = typeof filter === 'string' ? [{ topic: filter, qos }] : filter;
  if (!Array.isArray(list) || list.length === 0) {
    throw new InvalidArgumentError('invalid-filter', 'filter', 'subscribe needs at least one filter');
  }
  list.forEach((s, i) => {
    validateFilter(s?.topic, list.length === 1 ? 'filter' : `filter[${i}]`);
    validateQos(s.qos);
  });
  return list.map((s) => ({ ...s }));
}

function normalizeFilters(filter: string | string[]): string[] {
  const list = typeof filter === 'string' ? [filter] : filter;
  if (!Array.isArray(list) || list.length === 0) {
    throw new InvalidArgumentError('invalid-filter', 'filter', 'unsubscribe needs at least one filter');
  }
  list.forEach((f, i) => validateFilter(f, list.length === 1 ? 'filter' : `filter[${i}]`));
  return [...list];
}

function ignore(): void {}

/** A payload as the encoder takes it: a string or a Buffer; a plain Uint8Array is viewed as a Buffer, not copied. */
function bodyOf(payload: Buffer | Uint8Array | string): Buffer | string {
  return typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
}

/**
 * The exact size of a v5 publish with properties, from the encoder itself:
 * property sizes have many special cases, and getting one wrong would let
 * an oversized publish into the channel. Only publishes with properties pay
 * for this; it also refuses property values the encoder cannot write.
 */
function encodedV5Size(topic: string, qos: QoS, payload: Buffer | string, properties: PublishProperties): number {
  try {
    return mqtt.generate({ cmd: 'publish', topic, payload, qos, retain: false, dup: false, messageId: qos > 0 ? 1 : undefined, properties }, { protocolVersion: 5 }).length;
  } catch (error) {
    throw new InvalidArgumentError('invalid-option', 'properties', `the publish properties cannot be encoded: ${(error as Error).message}`);
  }
}
