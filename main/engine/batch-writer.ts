// The outbox of one turn: packets collected into as few buffers as possible, for one socket write.
import { publishRemainingLength, varIntSize } from '../../shared/mqtt-sizes.js';

/**
 * ASCII topics up to this many bytes are written character by character:
 * for a short topic the native UTF-8 write costs more in the call than in
 * the copying (a 16-byte topic and a 64-byte payload encoded: about 140 ns
 * per publish with it, 65 ns without). Payloads keep Buffer.copy, which a
 * byte loop did not beat even at 64 bytes.
 */
const SMALL_COPY = 64;

/**
 * Collects the packets of one turn into as few buffers as possible, for one
 * socket write.
 *
 * PUBLISH is encoded here directly into the batch: it is the one packet sent
 * per message, and mqtt-packet's generic encoder (an event-emitting
 * accumulator, several chunks and two copies per packet) cost more CPU than
 * everything else the client does. Every other packet, and a publish with
 * MQTT 5 properties, is encoded by mqtt-packet and appended. The output is
 * byte-for-byte what mqtt-packet produces (batch-writer.test.ts checks it).
 *
 * Chunks are never rewritten once handed to the socket: the next batch
 * starts where the last one ended, and a full chunk is replaced by a new one.
 */
export class BatchWriter {
  private chunk: Buffer;
  private start = 0;
  private offset = 0;
  private parts: Buffer[] = [];
  /** Bytes in the current batch. */
  bytes = 0;

  constructor(private readonly chunkSize = 64 * 1024) {
    this.chunk = Buffer.allocUnsafe(chunkSize);
  }

  get isEmpty(): boolean {
    return this.bytes === 0;
  }

  /** Appends an already encoded packet. */
  append(packet: Buffer): void {
    if (packet.length > this.chunkSize / 4) {
      // Large packets go as they are rather than being copied.
      this.closeChunkPart();
      this.parts.push(packet);
    } else {
      this.reserve(packet.length);
      packet.copy(this.chunk, this.offset);
      this.offset += packet.length;
    }
    this.bytes += packet.length;
  }

  /**
   * Encodes a PUBLISH. `topic` may be '' when `alias` names it (MQTT 5).
   * `version` 5 adds the properties length, and the Topic Alias property
   * when `alias` > 0. Returns the packet's size.
   */
  publish(
    version: 4 | 5,
    topic: string,
    topicBytes: number,
    qos: number,
    retain: boolean,
    dup: boolean,
    messageId: number,
    payload: Buffer | string,
    payloadBytes: number,
    alias: number,
  ): number {
    const remaining = publishRemainingLength(topicBytes, qos, publishPropertiesBytes(version, alias), payloadBytes);
    const size = 1 + varIntSize(remaining) + remaining;
    this.reserve(size);
    const out = this.chunk;
    let at = this.offset;
    out[at++] = 0x30 | (dup ? 0x08 : 0) | (qos << 1) | (retain ? 0x01 : 0);
    let length = remaining;
    do {
      let byte = length % 128;
      length = Math.floor(length / 128);
      if (length > 0) byte |= 0x80;
      out[at++] = byte;
    } while (length > 0);
    out[at++] = topicBytes >> 8;
    out[at++] = topicBytes & 0xff;
    if (topicBytes === topic.length && topicBytes <= SMALL_COPY) {
      // ASCII (one byte per character) and short: a loop beats the native UTF-8 write's call.
      for (let i = 0; i < topicBytes; i++) out[at++] = topic.charCodeAt(i);
    } else if (topicBytes > 0) {
      at += out.write(topic, at, topicBytes, 'utf8');
    }
    if (qos > 0) {
      out[at++] = messageId >> 8;
      out[at++] = messageId & 0xff;
    }
    if (version === 5) {
      if (alias > 0) {
        out[at++] = 3; // properties length
        out[at++] = 0x23; // Topic Alias
        out[at++] = alias >> 8;
        out[at++] = alias & 0xff;
      } else {
        out[at++] = 0;
      }
    }
    if (typeof payload === 'string') at += out.write(payload, at, payloadBytes, 'utf8');
    else at += payload.copy(out, at);
    this.offset = at;
    this.bytes += size;
    return size;
  }

  /**
   * Encodes a four-byte acknowledgement (PUBACK, PUBREC, PUBREL, PUBCOMP
   * with no reason code and no properties, valid in 3.1.1 and 5): one is
   * sent for every QoS 1/2 message received and every PUBREC, so it skips
   * mqtt-packet's encoder and its buffers like PUBLISH does.
   */
  ack(firstByte: number, messageId: number): void {
    this.reserve(4);
    const out = this.chunk;
    const at = this.offset;
    out[at] = firstByte;
    out[at + 1] = 2;
    out[at + 2] = messageId >> 8;
    out[at + 3] = messageId & 0xff;
    this.offset = at + 4;
    this.bytes += 4;
  }

  /** The batch's buffers, in order, and a fresh start for the next one. */
  take(): Buffer[] {
    this.closeChunkPart();
    const parts = this.parts;
    this.parts = [];
    this.bytes = 0;
    return parts;
  }

  /** Forgets the batch (the connection ended before it was written). */
  discard(): void {
    this.take();
  }

  private reserve(size: number): void {
    if (this.offset + size <= this.chunk.length) return;
    this.closeChunkPart();
    this.chunk = Buffer.allocUnsafe(Math.max(this.chunkSize, size));
    this.start = 0;
    this.offset = 0;
  }

  private closeChunkPart(): void {
    if (this.offset > this.start) this.parts.push(this.chunk.subarray(this.start, this.offset));
    this.start = this.offset;
  }
}

/** The size of the PUBLISH that `BatchWriter.publish` would write. */
export function fastPublishSize(version: 4 | 5, topicBytes: number, qos: number, payloadBytes: number, alias: number): number {
  const remaining = publishRemainingLength(topicBytes, qos, publishPropertiesBytes(version, alias), payloadBytes);
  return 1 + varIntSize(remaining) + remaining;
}

/** The properties `BatchWriter.publish` writes: none in 3.1.1; in 5 their length, and one Topic Alias when `alias` > 0. */
function publishPropertiesBytes(version: 4 | 5, alias: number): number {
  return version === 5 ? (alias > 0 ? 4 : 1) : 0;
}
