// The write path of the event loop: drains the channel, encodes each request into one batch, and flushes it honouring socket backpressure.
import mqtt, { type Packet } from 'mqtt-packet';
import type { Duplex } from 'node:stream';
import { BatchWriter } from './batch-writer.js';
import type { RequestChannel } from './channel.js';
import type { FaultDrills } from './drills.js';
import type { Event, OutgoingCmd } from './events.js';
import type { LatencyRecorder, LoopCounters } from './loop-stats.js';
import type { ResolvedOptions } from './options.js';
import type { ControlRequest, PublishRequest } from './requests.js';
import type { Ring } from './ring.js';
import type { OutgoingPublish, ProtocolState } from './state.js';

/** QoS 0 publishes have no packet id, so they can all share one frozen event. */
const OUTGOING_QOS0_PUBLISH: Event = Object.freeze({ type: 'outgoing', cmd: 'publish' });

/** First byte (type << 4 | required flags) of the acks BatchWriter encodes itself. */
const PLAIN_ACK_FIRST_BYTE: Partial<Record<Packet['cmd'], number>> = { puback: 0x40, pubrec: 0x50, pubrel: 0x62, pubcomp: 0x70 };

/** An ack with a packet id and nothing else (reason code success, no properties): the four-byte form. */
function isPlainAck(packet: Packet): boolean {
  const ack = packet as { messageId?: number; reasonCode?: number; properties?: object };
  return ack.messageId !== undefined && !ack.reasonCode && ack.properties === undefined;
}

/**
 * Everything one turn writes goes into one batch and one socket write. The
 * writer stops taking requests while the socket's buffer is full (`write()`
 * said false, until 'drain'), so backpressure reaches the channel instead of
 * piling up in memory.
 */
export class OutgoingWriter {
  /** False once the socket's write() reported a full buffer, until its 'drain'. */
  writable = true;
  /** True once a DISCONNECT is in the batch: nothing more is taken from the channel. */
  disconnecting = false;
  private readonly outbox = new BatchWriter();
  /** Publishes with a receipt in the current batch, told when it is written. */
  private written: PublishRequest[] = [];
  private readonly encodeOptions: { protocolVersion: 4 | 5 };

  constructor(
    private readonly options: ResolvedOptions,
    private readonly state: ProtocolState,
    private readonly channel: RequestChannel,
    private readonly events: Ring<Event>,
    private readonly counters: LoopCounters,
    private readonly drills: FaultDrills,
    private readonly queueLatency: LatencyRecorder | undefined,
  ) {
    this.encodeOptions = { protocolVersion: options.protocolVersion };
  }

  /** A new connection starts writable, and not disconnecting. */
  attach(): void {
    this.writable = true;
    this.disconnecting = false;
  }

  /** The connection ended: what was batched for it is gone. */
  detach(): void {
    this.outbox.discard();
    this.written = [];
  }

  /** Forgets the batch (the connection failed before it was written). */
  discard(): void {
    this.outbox.discard();
  }

  /**
   * Takes requests from the channel in order until the batch is full, the
   * in-flight window is full, or the channel is empty. A QoS 1/2 publish
   * that finds the window full stops the drain: what queues behind it keeps
   * its place (FIFO), as in rumqttc.
   *
   * A full window is refilled as soon as any slot frees, even one. Waiting
   * for a quarter of it to free (TCP's silly-window avoidance) was tried and
   * is far worse against brokers that leave Nagle on, as mosquitto does by
   * default: with nothing written back, our delayed ACKs hold its small
   * PUBACKs back about 40 ms at a time, and QoS 1 fell from about 48,000 to
   * 2,300 msg/s at window 100.
   */
  drainChannel(now: number, maxBatchBytes: number): void {
    const { maxBatchRequests } = this.options;
    const queueLatency = this.queueLatency;
    for (let taken = 0; taken < maxBatchRequests && this.outbox.bytes < maxBatchBytes; taken++) {
      const next = this.channel.peek();
      if (!next) return;
      if (next.kind === 'publish' ? !this.state.canSendPublish(next.qos) : next.kind !== 'disconnect' && !this.state.canSendControl()) {
        return;
      }
      this.channel.recv();
      this.counters.requestsWritten++;
      if (next.kind === 'publish') {
        if (queueLatency) {
          const enqueuedAt = this.channel.takeEnqueuedAt(next.seq);
          if (enqueuedAt > 0) queueLatency.record(now - enqueuedAt);
        }
        this.writePublish(next, now);
      } else {
        this.writeControl(next);
        if (next.kind === 'disconnect') return;
      }
    }
  }

  private writePublish(request: PublishRequest, now: number): void {
    const sent = this.state.outgoingPublish(request, now, this.outbox);
    if (sent.refused !== null) {
      this.rejectPublish(request, sent);
      return;
    }
    this.counters.packetsOut++;
    this.counters.publishesWritten++;
    if (request.receipt) this.written.push(request);
    this.events.push(sent.messageId === 0 ? OUTGOING_QOS0_PUBLISH : { type: 'outgoing', cmd: 'publish', messageId: sent.messageId });
  }

  /** Counts and reports a publish the outgoing-publish step refused: nothing that leaves the channel disappears silently. */
  private rejectPublish(request: PublishRequest, sent: OutgoingPublish): void {
    if (sent.refused === 'invalid-property') {
      this.counters.rejectedInvalidProperty++;
      request.receipt?.onFailed?.('invalid-property');
      this.events.push({ type: 'rejected', reason: 'invalid-property', topic: request.topic, message: sent.problem });
      return;
    }
    this.counters.rejectedTooLarge++;
    request.receipt?.onFailed?.('too-large');
    this.events.push({ type: 'rejected', reason: 'too-large', topic: request.topic, size: sent.size, limit: sent.limit });
  }

  private writeControl(request: ControlRequest): void {
    switch (request.kind) {
      case 'subscribe':
        this.send(this.state.outgoingSubscribe(request), 'subscribe');
        break;
      case 'unsubscribe':
        this.send(this.state.outgoingUnsubscribe(request), 'unsubscribe');
        break;
      case 'disconnect':
        this.send(this.state.outgoingDisconnect(), 'disconnect');
        this.disconnecting = true;
        break;
    }
  }

  /** Encodes a packet into the batch and records its outgoing event. */
  send(packet: Packet, cmd: OutgoingCmd, dup = false): void {
    const ackByte = dup ? undefined : PLAIN_ACK_FIRST_BYTE[packet.cmd];
    if (ackByte !== undefined && isPlainAck(packet)) this.outbox.ack(ackByte, packet.messageId!);
    else this.outbox.append(mqtt.generate(packet, this.encodeOptions));
    this.counters.packetsOut++;
    const event: Event = { type: 'outgoing', cmd };
    if (packet.messageId !== undefined) event.messageId = packet.messageId;
    if (dup) event.dup = true;
    if (cmd !== 'connect') this.events.push(event);
  }

  /**
   * One socket write for everything encoded this turn (corked when it spans
   * chunks); a full socket buffer stops the next drain until 'drain'.
   * Returns false when there was nothing to write, or no socket.
   */
  flush(stream: Duplex | null, now: number): boolean {
    if (this.outbox.isEmpty || !stream) return false;
    const bytes = this.outbox.bytes;
    const parts = this.outbox.take();
    if (parts.length === 1) {
      if (!stream.write(parts[0])) this.writable = false;
    } else {
      stream.cork();
      for (const part of parts) if (!stream.write(part)) this.writable = false;
      stream.uncork();
    }
    this.counters.writes++;
    this.counters.bytesOut += bytes;
    this.drills.spend(bytes);
    this.state.markWritten(now);
    if (this.written.length > 0) {
      for (const request of this.written) request.receipt?.onWritten?.(now);
      this.written = [];
    }
    return true;
  }
}
