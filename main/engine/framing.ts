// Splits the incoming byte stream into whole MQTT packets, refusing one announced over the size limit before its body is buffered.
import { ProtocolError } from './errors.js';

/**
 * Splits the incoming byte stream into whole MQTT packets.
 *
 * It reads each fixed header (type byte + variable-byte remaining length)
 * before buffering the body, so a packet announced larger than the limit is
 * refused at once instead of after megabytes have been stored. Complete
 * packets are returned as zero-copy slices of the received chunks; only a
 * packet that straddles two chunks costs a copy.
 */
export class FrameReader {
  private current: Buffer = EMPTY;
  private offset = 0;
  private readonly queued: Buffer[] = [];
  private queuedBytes = 0;

  constructor(private readonly maxPacketSize: number) {}

  /** Bytes received but not yet returned as packets. */
  get bufferedBytes(): number {
    return this.current.length - this.offset + this.queuedBytes;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    // A new chunk becomes current only when nothing is waiting; otherwise it
    // would jump ahead of chunks that arrived before it.
    if (this.offset >= this.current.length && this.queued.length === 0) {
      this.current = chunk;
      this.offset = 0;
    } else {
      this.queued.push(chunk);
      this.queuedBytes += chunk.length;
    }
  }

  /** The next complete packet, or null when more bytes are needed. Throws ProtocolError on a bad header. */
  next(): Buffer | null {
    for (;;) {
      const frameLength = this.peekFrameLength();
      if (frameLength !== null && this.offset + frameLength <= this.current.length) {
        const frame = this.current.subarray(this.offset, this.offset + frameLength);
        this.offset += frameLength;
        return frame;
      }
      if (this.queued.length === 0) return null;
      if (frameLength === null) {
        this.pullChunks(1);
      } else {
        // Join all the chunks the packet needs in one copy, and only once
        // they have all arrived: a large packet arriving in many chunks is
        // copied once, not once per chunk.
        const needed = this.offset + frameLength - this.current.length;
        if (needed > this.queuedBytes) return null;
        let chunks = 0;
        for (let covered = 0; covered < needed; chunks++) covered += this.queued[chunks]!.length;
        this.pullChunks(chunks);
      }
    }
  }

  /** Forgets everything buffered (after a connection ends). */
  reset(): void {
    this.current = EMPTY;
    this.offset = 0;
    this.queued.length = 0;
    this.queuedBytes = 0;
  }

  /** Total length of the packet at the read position, or null if its header is incomplete. */
  private peekFrameLength(): number | null {
    const buffer = this.current;
    let position = this.offset + 1;
    let remaining = 0;
    let multiplier = 1;
    for (let i = 0; i < 4; i++) {
      if (position >= buffer.length) return null;
      const byte = buffer[position++]!;
      remaining += (byte & 0x7f) * multiplier;
      if ((byte & 0x80) === 0) {
        const total = position - this.offset + remaining;
        if (total > this.maxPacketSize) {
          throw new ProtocolError(
            'packet-too-large',
            `the broker sent a packet of ${total.toLocaleString('en-US')} bytes (type ${buffer[this.offset]! >> 4}); the limit is ${this.maxPacketSize.toLocaleString('en-US')}`,
          );
        }
        return total;
      }
      multiplier *= 128;
    }
    throw new ProtocolError('malformed-packet', 'the broker sent a remaining length longer than 4 bytes');
  }

  /** Joins the unread tail of the current chunk with the next `count` queued ones. */
  private pullChunks(count: number): void {
    const parts = [this.current.subarray(this.offset), ...this.queued.splice(0, count)];
    for (let i = 1; i < parts.length; i++) this.queuedBytes -= parts[i]!.length;
    this.current = parts[0]!.length === 0 && parts.length === 2 ? parts[1]! : Buffer.concat(parts);
    this.offset = 0;
  }
}

const EMPTY = Buffer.alloc(0);
