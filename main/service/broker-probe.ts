// "Probe the broker": a separate short-lived connection tries QoS 0/1/2, retain, wildcards, shared subscriptions and growing payloads, and reports what the broker accepted.
import { randomBytes } from 'node:crypto';
import type { QoS } from 'mqtt-packet';
import { PROBE_PAYLOAD_SIZES, type ProbeCheck, type ProbeCheckKind, type ProbeReason, type ProbeReport } from '../../shared/broker-probe.js';
import { MAX_REMAINING_LENGTH } from '../../shared/mqtt-sizes.js';
import type { ClientOptions } from '../engine/index.js';
import { ProbeLink, reasonCodeOf, type PublishEnd, type Waited } from './probe-link.js';

/** How far and how long the probe goes. */
export interface ProbeLimits {
  /** The largest payload size tried (sizes go 1 KiB, 64 KiB, 256 KiB, 1 MiB, … up to it). */
  maxPayloadBytes: number;
  /** How long each step (a SUBACK, an ack, a message coming back) may take before it counts as timed out. */
  stepTimeoutMs: number;
}

/** Where the probe connects: the profile's options (its client id and session settings are replaced) and the address for the report. */
export interface ProbeTarget {
  options: ClientOptions;
  /** "tcp://127.0.0.1:1883". */
  address: string;
}

/** Room above the largest payload for the topic and header, so the engine's own limit never decides. */
const HEADER_ROOM = 64 * 1024;

/**
 * Runs every check in order on its own connection (a unique client id, a
 * clean session, every topic under a random prefix), opening a fresh one
 * when the broker closed the last. It always cleans up: subscriptions
 * removed, the retained message cleared, the connection closed.
 */
export async function probeBroker(target: ProbeTarget, limits: ProbeLimits): Promise<ProbeReport> {
  const run = new ProbeRun(target, limits);
  try {
    await run.checkAll();
  } finally {
    await run.cleanUp();
  }
  return run.report();
}

/** One probe's state: the live link, what it left behind, and the results so far. */
class ProbeRun {
  private readonly clientId = `mqtt-gauge-probe-${randomBytes(6).toString('hex')}`;
  private readonly prefix = `mqtt-gauge-probe/${randomBytes(6).toString('hex')}`;
  private readonly options: ClientOptions;
  private readonly version: 4 | 5;
  private readonly startedAt = Date.now();
  private link: ProbeLink | null = null;
  private connectError: string | null = null;
  private grant: ProbeReport['grant'] = null;
  private readonly checks: ProbeCheck[] = [];
  private opened = 0;
  /** True while a retained message of ours may sit at the broker. */
  private retainedLeft = false;
  private cleanedUp = false;

  constructor(
    private readonly target: ProbeTarget,
    private readonly limits: ProbeLimits,
  ) {
    this.version = target.options.protocolVersion ?? 4;
    this.options = {
      ...target.options,
      clientId: this.clientId,
      cleanSession: true,
      sessionExpiryInterval: 0,
      maxPacketSize: Math.min(MAX_REMAINING_LENGTH + 5, limits.maxPayloadBytes + HEADER_ROOM),
    };
  }

  async checkAll(): Promise<void> {
    const first = await this.ensureLink();
    if (!first) {
      for (const check of ['qos0', 'qos1', 'qos2', 'retain', 'wildcardPlus', 'wildcardHash', 'shared'] as const) this.checks.push(result(check, 'skipped', 'noConnection'));
      return;
    }
    this.grant = first.grant();
    for (const qos of [0, 1, 2] as const) this.checks.push(await this.roundTrip(`qos${qos}`, `${this.prefix}/qos${qos}`, `${this.prefix}/qos${qos}`, qos));
    this.checks.push(await this.retain());
    this.checks.push(await this.roundTrip('wildcardPlus', `${this.prefix}/plus/+`, `${this.prefix}/plus/a`, 1));
    this.checks.push(await this.roundTrip('wildcardHash', `${this.prefix}/hash/#`, `${this.prefix}/hash/a/b`, 1));
    this.checks.push(
      this.version === 5
        ? await this.roundTrip('shared', `$share/mqtt-gauge-probe/${this.prefix}/shared`, `${this.prefix}/shared`, 1)
        : result('shared', 'not-applicable', 'needsV5'),
    );
    await this.payloads();
  }

  /** Removes what the probe left: its subscriptions, the retained message (on a fresh link if need be), the connection. */
  async cleanUp(): Promise<void> {
    const timeout = this.limits.stepTimeoutMs;
    let clean: boolean;
    try {
      if (this.retainedLeft) {
        const link = await this.ensureLink();
        const cleared = link ? await link.publish(`${this.prefix}/retain`, 1, true, Buffer.alloc(0), timeout) : null;
        if (cleared?.kind === 'got' && cleared.value.kind === 'acked') this.retainedLeft = false;
      }
      clean = !this.retainedLeft;
      const link = this.link;
      if (link?.open) for (const filter of [...link.subscribed]) clean = (await link.unsubscribe(filter, timeout)) && clean;
    } finally {
      await this.link?.close();
      this.link = null;
    }
    this.cleanedUp = clean;
  }

  report(): ProbeReport {
    const payloads = this.checks.filter((c) => c.check === 'payload' && c.outcome === 'accepted');
    return {
      target: this.target.address,
      protocolVersion: this.version,
      clientId: this.clientId,
      topicPrefix: this.prefix,
      startedAt: this.startedAt,
      finishedAt: Date.now(),
      connected: this.grant !== null,
      connectError: this.connectError,
      grant: this.grant,
      checks: this.checks,
      largestPayload: payloads.length === 0 ? null : Math.max(...payloads.map((c) => c.bytes ?? 0)),
      reconnects: Math.max(0, this.opened - 1),
      cleanedUp: this.cleanedUp,
    };
  }

  /** The open link, or a fresh one when the broker closed the last; null when none can be opened. */
  private async ensureLink(): Promise<ProbeLink | null> {
    if (this.link?.open) return this.link;
    if (this.link) await this.link.close();
    this.link = null;
    const opened = await ProbeLink.open(this.options, this.limits.stepTimeoutMs);
    if ('error' in opened) {
      this.connectError ??= opened.error.message;
      return null;
    }
    this.opened++;
    this.link = opened.link;
    return this.link;
  }

  /**
   * Subscribes to `filter` at `qos`, publishes to `topic` at `qos` and waits
   * for the message to come back, then unsubscribes. `payload` checks pass
   * their size.
   */
  private async roundTrip(check: ProbeCheckKind, filter: string, topic: string, qos: QoS, bytes: number | null = null): Promise<ProbeCheck> {
    const link = await this.ensureLink();
    if (!link) return result(check, 'skipped', 'noConnection', { qos, bytes });
    const timeout = this.limits.stepTimeoutMs;
    const suback = await link.subscribe(filter, qos, timeout);
    if (suback.kind !== 'got') return failed(check, suback, { qos, bytes });
    const code = suback.value;
    if (code >= 0x80) {
      link.subscribed.delete(filter);
      return result(check, 'refused', 'subscriptionRefused', { qos, bytes, subscriptionCode: code, reasonCode: code });
    }
    const payload = Buffer.alloc(bytes ?? 16, 0x2a);
    const message = link.nextMessage(topic, timeout);
    const sent = await link.publish(topic, qos, false, payload, timeout);
    const refusal = publishRefusal(check, sent, { qos, bytes, subscriptionCode: code });
    if (refusal) return refusal;
    const arrived = await message;
    if (arrived.kind === 'closed') return failed(check, arrived, { qos, bytes, subscriptionCode: code });
    await link.unsubscribe(filter, timeout);
    if (arrived.kind === 'timeout' || (bytes !== null && payloadLength(arrived.value.payload) !== bytes)) {
      return result(check, 'timed-out', 'notDelivered', { qos, bytes, subscriptionCode: code });
    }
    const delivered = arrived.value.qos;
    if (delivered < qos) return result(check, 'downgraded', code < qos ? 'subscriptionDowngraded' : 'deliveredLowerQos', { qos, bytes, subscriptionCode: code, deliveredQos: delivered });
    return result(check, 'accepted', 'delivered', { qos, bytes, subscriptionCode: code, deliveredQos: delivered });
  }

  /** Publishes a retained message, subscribes afresh and sees whether it comes back retained; then clears it. */
  private async retain(): Promise<ProbeCheck> {
    const link = await this.ensureLink();
    if (!link) return result('retain', 'skipped', 'noConnection', { qos: 1 });
    const timeout = this.limits.stepTimeoutMs;
    const topic = `${this.prefix}/retain`;
    this.retainedLeft = true;
    const sent = await link.publish(topic, 1, true, Buffer.from('mqtt-gauge probe: retained'), timeout);
    const refusal = publishRefusal('retain', sent, { qos: 1 });
    if (refusal) {
      // The broker refused or never acked it: nothing of ours is kept, unless it was only slow.
      if (sent.kind !== 'timeout') this.retainedLeft = false;
      return refusal;
    }
    const message = link.nextMessage(topic, timeout);
    const suback = await link.subscribe(topic, 1, timeout);
    if (suback.kind !== 'got') return failed('retain', suback, { qos: 1 });
    const arrived = await message;
    if (arrived.kind === 'closed') return failed('retain', arrived, { qos: 1, subscriptionCode: suback.value });
    const cleared = await link.publish(topic, 1, true, Buffer.alloc(0), timeout);
    if (cleared.kind === 'got' && cleared.value.kind === 'acked') this.retainedLeft = false;
    await link.unsubscribe(topic, timeout);
    if (arrived.kind === 'got' && arrived.value.retain) return result('retain', 'accepted', 'delivered', { qos: 1, subscriptionCode: suback.value, deliveredQos: arrived.value.qos });
    return result('retain', 'refused', 'notRetained', { qos: 1, subscriptionCode: suback.value });
  }

  /** Growing payloads until one fails or the bound is reached; the rest are skipped once one fails. */
  private async payloads(): Promise<void> {
    let failedAt: number | null = null;
    for (const bytes of PROBE_PAYLOAD_SIZES.filter((size) => size <= this.limits.maxPayloadBytes)) {
      if (failedAt !== null) {
        this.checks.push(result('payload', 'skipped', 'smallerFailed', { qos: 1, bytes }));
        continue;
      }
      const check = await this.roundTrip('payload', `${this.prefix}/size`, `${this.prefix}/size`, 1, bytes);
      this.checks.push(check);
      if (check.outcome !== 'accepted') failedAt = bytes;
    }
  }
}

type CheckFacts = Partial<Pick<ProbeCheck, 'qos' | 'bytes' | 'subscriptionCode' | 'deliveredQos' | 'reasonCode' | 'detail'>>;

function result(check: ProbeCheckKind, outcome: ProbeCheck['outcome'], reason: ProbeReason, facts: CheckFacts = {}): ProbeCheck {
  return {
    check,
    outcome,
    reason,
    qos: facts.qos ?? (check === 'qos0' ? 0 : check === 'qos2' ? 2 : 1),
    bytes: facts.bytes ?? null,
    subscriptionCode: facts.subscriptionCode ?? null,
    deliveredQos: facts.deliveredQos ?? null,
    reasonCode: facts.reasonCode ?? null,
    detail: facts.detail ?? null,
  };
}

/** A wait that did not get its answer: the broker closed the connection, or said nothing in time. */
function failed(check: ProbeCheckKind, waited: Exclude<Waited<unknown>, { kind: 'got' }>, facts: CheckFacts): ProbeCheck {
  if (waited.kind === 'timeout') return result(check, 'timed-out', 'notDelivered', facts);
  return result(check, 'refused', 'disconnected', { ...facts, reasonCode: reasonCodeOf(waited.error), detail: waited.error.message });
}

/** Why a publish did not go through, or null when it did (acked without a refusing code, or written at QoS 0). */
function publishRefusal(check: ProbeCheckKind, sent: Waited<PublishEnd>, facts: CheckFacts): ProbeCheck | null {
  if (sent.kind !== 'got') return failed(check, sent, facts);
  const end = sent.value;
  if (end.kind === 'failed') {
    const tooLarge = end.reason === 'too-large' || end.reason === 'invalid-argument';
    return result(check, 'refused', tooLarge ? 'overPacketLimit' : 'publishRefused', { ...facts, detail: end.detail });
  }
  if (end.kind === 'acked' && end.reasonCode !== undefined && end.reasonCode >= 0x80) {
    return result(check, 'refused', 'publishRefused', { ...facts, reasonCode: end.reasonCode });
  }
  return null;
}

function payloadLength(payload: Buffer | string): number {
  return typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
}
