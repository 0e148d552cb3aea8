// The read path of the event loop: frames what the socket delivers, decodes it, and applies each packet to the protocol state.
import type { IConnackPacket } from 'mqtt-packet';
import type { Duplex } from 'node:stream';
import { PacketDecoder } from './decode.js';
import { ProtocolError } from './errors.js';
import type { Event, OutgoingCmd } from './events.js';
import { FrameReader } from './framing.js';
import type { LatencyRecorder, LoopCounters } from './loop-stats.js';
import type { ResolvedOptions } from './options.js';
import type { Ring } from './ring.js';
import type { ProtocolState } from './state.js';
import type { OutgoingWriter } from './writer.js';

/** Incoming bytes held before the socket is paused (a stalled loop must not buffer without bound). */
const READ_BUDGET = 1024 * 1024;
/** Most incoming packets turned into events per turn, keeping the event queue bounded. */
const MAX_INCOMING_PER_TURN = 1024;

/**
 * Bytes arrive whenever the socket has them, but are only decoded when the
 * loop takes a turn: nothing is read unless `poll()` is being called, and a
 * loop that is not polled pauses the socket once READ_BUDGET is buffered.
 */
export class IncomingReader {
  /** Ack latency is recorded for one packet id in (mask + 1); see EventLoop.setLatencySampling. */
  ackSampleMask = 0;
  private readonly frames: FrameReader;
  private decoder: PacketDecoder;
  /** True while the socket is paused because READ_BUDGET is buffered. */
  private readPaused = false;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly state: ProtocolState,
    private readonly writer: OutgoingWriter,
    private readonly events: Ring<Event>,
    private readonly counters: LoopCounters,
    private readonly ackLatency: LatencyRecorder | undefined,
  ) {
    this.frames = new FrameReader(options.maxPacketSize);
    this.decoder = new PacketDecoder(options.protocolVersion);
  }

  /** A new connection: a fresh decoder, nothing buffered. */
  attach(): void {
    this.frames.reset();
    this.decoder = new PacketDecoder(this.options.protocolVersion);
    this.readPaused = false;
  }

  /** The connection ended: what it left unread is gone. */
  detach(): void {
    this.frames.reset();
    this.readPaused = false;
  }

  /** Takes a chunk from the socket; pauses the socket when too much is waiting to be read. */
  receive(chunk: Buffer, stream: Duplex): void {
    this.counters.bytesIn += chunk.length;
    this.frames.push(chunk);
    if (this.frames.bufferedBytes > READ_BUDGET && !this.readPaused) {
      this.readPaused = true;
      stream.pause();
    }
  }

  /** The CONNACK once it has arrived, null until then; any other packet first is a protocol error. */
  nextConnack(): IConnackPacket | null {
    const frame = this.frames.next();
    if (!frame) return null;
    const packet = this.decoder.decode(frame);
    this.counters.packetsIn++;
    if (packet.cmd !== 'connack') {
      throw new ProtocolError('unexpected-packet', `the broker sent ${packet.cmd.toUpperCase()} before CONNACK`);
    }
    return packet;
  }

  /** Applies what arrived (at most MAX_INCOMING_PER_TURN packets): events, replies to write, acks reported to their publishes. */
  readIncoming(now: number, stream: Duplex | null): void {
    for (let i = 0; i < MAX_INCOMING_PER_TURN; i++) {
      const frame = this.frames.next();
      if (!frame) {
        this.resumeReading(stream);
        return;
      }
      const packet = this.decoder.decode(frame);
      this.counters.packetsIn++;
      if (packet.cmd === 'connack') throw new ProtocolError('unexpected-packet', 'the broker sent a second CONNACK');
      const reaction = this.state.handleIncoming(packet, now);
      this.events.push({ type: 'incoming', packet });
      if (reaction.reply) this.writer.send(reaction.reply, reaction.reply.cmd as OutgoingCmd);
      const done = reaction.completed;
      if (done) {
        if ((done.messageId & this.ackSampleMask) === 0) this.ackLatency?.record(now - done.sentAt);
        done.request.receipt?.onAcked?.(now, reaction.reasonCode);
      }
    }
    if (this.frames.bufferedBytes < READ_BUDGET) this.resumeReading(stream);
  }

  /** A socket stall is over: the socket reads again, unless the read budget holds it paused. */
  resumeAfterStall(stream: Duplex | null): void {
    if (!this.readPaused) stream?.resume();
  }

  private resumeReading(stream: Duplex | null): void {
    if (!this.readPaused) return;
    this.readPaused = false;
    stream?.resume();
  }
}
