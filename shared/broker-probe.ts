// What "Probe the broker" reports: one result per check (QoS, retain, wildcards, shared subscriptions, payload sizes).
import type { BrokerGrant } from './broker-limits.js';

export const PROBE_CHECKS = ['qos0', 'qos1', 'qos2', 'retain', 'wildcardPlus', 'wildcardHash', 'shared', 'payload'] as const;
/** One kind of check; worded as `probe.check.<kind>`. */
export type ProbeCheckKind = (typeof PROBE_CHECKS)[number];

export const PROBE_OUTCOMES = ['accepted', 'downgraded', 'refused', 'timed-out', 'not-applicable', 'skipped'] as const;
/**
 * How a check ended; worded as `probe.outcome.<outcome>`.
 * `downgraded`: it worked at a lower QoS than asked; `timed-out`: no answer
 * within the step's time; `skipped`: not tried, because an earlier step
 * (a smaller payload, the connection) already failed.
 */
export type ProbeOutcome = (typeof PROBE_OUTCOMES)[number];

export const PROBE_REASONS = [
  'delivered',
  'deliveredLowerQos',
  'subscriptionDowngraded',
  'subscriptionRefused',
  'publishRefused',
  'disconnected',
  'notDelivered',
  'notRetained',
  'overPacketLimit',
  'needsV5',
  'smallerFailed',
  'noConnection',
] as const;
/** Why a check ended as it did; worded as `probe.reason.<reason>` with the check's numbers. */
export type ProbeReason = (typeof PROBE_REASONS)[number];

/** One check's result. */
export interface ProbeCheck {
  check: ProbeCheckKind;
  outcome: ProbeOutcome;
  reason: ProbeReason;
  /** The QoS the check asked for (the subscription's and the publish's). */
  qos: number;
  /** The payload's size, for payload checks; null otherwise. */
  bytes: number | null;
  /** What the SUBACK granted (0..2), or its refusing code (≥ 0x80); null when no SUBACK came. */
  subscriptionCode: number | null;
  /** The QoS the message came back at; null when it did not come back. */
  deliveredQos: number | null;
  /** The broker's reason code: a PUBACK/PUBREC refusal, a SUBACK refusal or a v5 DISCONNECT's; null when it gave none. */
  reasonCode: number | null;
  /** The engine's or the broker's own words, when something failed. */
  detail: string | null;
}

/** The whole probe: where it went, what the CONNACK granted, each check, and whether it cleaned up. */
export interface ProbeReport {
  /** "tcp://127.0.0.1:1883". */
  target: string;
  protocolVersion: 4 | 5;
  clientId: string;
  /** Every topic the probe used is under this random prefix. */
  topicPrefix: string;
  /** Wall-clock ms. */
  startedAt: number;
  finishedAt: number;
  /** False when the first connection failed: then every check is skipped. */
  connected: boolean;
  /** Why the first connection failed. */
  connectError: string | null;
  grant: BrokerGrant | null;
  checks: ProbeCheck[];
  /** The largest payload that went there and back; null when none did. */
  largestPayload: number | null;
  /** Connections opened after one the broker closed (a refused QoS, retain or size). */
  reconnects: number;
  /** True when everything the probe left behind (subscriptions, a retained message, the connection) was removed. */
  cleanedUp: boolean;
}

/** Payload sizes the probe tries, smallest first, up to the request's bound. */
export const PROBE_PAYLOAD_SIZES = [1024, 64 * 1024, 256 * 1024, 1024 * 1024, 4 * 1024 * 1024, 16 * 1024 * 1024] as const;
export const PROBE_MIN_PAYLOAD = PROBE_PAYLOAD_SIZES[0];
export const PROBE_MAX_PAYLOAD = 16 * 1024 * 1024;
export const PROBE_DEFAULT_MAX_PAYLOAD = 1024 * 1024;
export const PROBE_DEFAULT_STEP_TIMEOUT_MS = 3000;
