// The requests the AsyncClient puts into the channel, and the per-message receipts they may carry.
import type { QoS, UserProperties } from 'mqtt-packet';

/**
 * How a tracked publish ended, for per-message feedback in the UI.
 * 'invalid-property': mqtt-packet refused one of its MQTT 5 properties when the loop encoded it.
 */
export type PublishFailure = 'dropped' | 'closed' | 'lost' | 'too-large' | 'invalid-property';

/**
 * Optional per-message callbacks. Only manual publishes carry one; load
 * generators and hot paths leave it undefined so they pay nothing.
 */
export interface PublishReceipt {
  onWritten?(writtenAt: number): void;
  onAcked?(ackedAt: number, reasonCode: number | undefined): void;
  onFailed?(reason: PublishFailure): void;
}

/** MQTT 5 properties a publish may carry. */
export interface PublishProperties {
  payloadFormatIndicator?: boolean;
  messageExpiryInterval?: number;
  contentType?: string;
  responseTopic?: string;
  correlationData?: Buffer;
  userProperties?: UserProperties;
}

/** A publish waiting in the channel. */
export interface PublishRequest {
  kind: 'publish';
  topic: string;
  qos: QoS;
  retain: boolean;
  payload: Buffer | string;
  /** UTF-8 sizes measured at validation, so the encoder need not measure again. */
  topicBytes?: number;
  payloadBytes?: number;
  properties?: PublishProperties;
  /** Channel order across the publish and control queues. */
  seq: number;
  receipt?: PublishReceipt;
}

/** One filter of a SUBSCRIBE. */
export interface Subscription {
  topic: string;
  qos: QoS;
  noLocal?: boolean;
  retainAsPublished?: boolean;
  retainHandling?: 0 | 1 | 2;
}

export interface SubscribeRequest {
  kind: 'subscribe';
  subscriptions: Subscription[];
  seq: number;
}

export interface UnsubscribeRequest {
  kind: 'unsubscribe';
  topics: string[];
  seq: number;
}

export interface DisconnectRequest {
  kind: 'disconnect';
  seq: number;
}

/** Requests that are never dropped by an overflow policy. */
export type ControlRequest = SubscribeRequest | UnsubscribeRequest | DisconnectRequest;

/** Everything the AsyncClient can put into the channel. */
export type Request = PublishRequest | ControlRequest;
