// Finds the MQTT packets in one direction of a forwarded byte stream, for observation only: it never holds more than a packet's head.
/** One packet seen on the wire. */
export interface ScannedPacket {
  /** The fixed header's first byte: type << 4 | flags. */
  first: number;
  /** The packet's whole length on the wire, fixed header included. */
  length: number;
  /** The packet's bytes, or only its first `headLimit` bytes when it is longer. */
  head: Buffer;
  /** True when `head` holds the whole packet. */
  whole: boolean;
}

/**
 * The longest head kept of a packet: a PUBLISH's fixed header (5), topic
 * length (2), the longest topic (65,535) and its packet id (2) fit, so every
 * header field the proxy reads is inside it whatever the payload's size.
 */
export const HEAD_LIMIT = 5 + 2 + 65_535 + 2;

/** Flags each packet type must carry (MQTT 3.1.1 §2.2.2, 5 §2.1.3); PUBLISH's are its own and checked apart. */
const REQUIRED_FLAGS = [-1, 0, 0, -1, 0, 0, 2, 0, 2, 0, 2, 0, 0, 0, 0, 0];

/**
 * Splits a stream into packets without buffering bodies: a packet inside
 * one chunk is handed over as a slice of it (no copy); a packet that
 * straddles chunks costs a copy of at most its head, the rest is counted and
 * passed by. The proxy forwards the bytes itself, whatever happens here.
 *
 * A stream that stops making sense (a reserved packet type, wrong fixed
 * flags, a remaining length longer than four bytes, or a first packet that
 * is not the one the protocol requires) is given up: everything after is
 * only counted, as unparsed bytes.
 */
export class PacketScanner {
  private readonly header = Buffer.alloc(5);
  private headerLength = 0;
  /** Length of the packet being read, or -1 between packets. */
  private total = -1;
  private head: Buffer = EMPTY;
  private seen = 0;
  private packets = 0;
  private brokenReason: string | null = null;
  /** Bytes that could not be read as packets (after the stream broke). */
  unparsedBytes = 0;

  /**
   * @param firstType the packet type the stream must open with (CONNECT from a client, CONNACK or AUTH from a broker), or null for any.
   */
  constructor(
    private readonly onPacket: (packet: ScannedPacket) => void,
    private readonly firstTypes: readonly number[] | null = null,
    private readonly headLimit = HEAD_LIMIT,
  ) {}

  /** Why the stream was given up, or null while it parses. */
  get broken(): string | null {
    return this.brokenReason;
  }

  push(chunk: Buffer): void {
    if (this.brokenReason !== null) {
      this.unparsedBytes += chunk.length;
      return;
    }
    const end = chunk.length;
    let at = 0;
    while (at < end) {
      if (this.total < 0) {
        if (this.headerLength === 0) {
          // The common case: a whole packet inside the chunk, read in place.
          const length = frameLength(chunk, at);
          if (length > 0 && at + length <= end && length <= this.headLimit) {
            if (!this.accept(chunk[at]!)) return this.giveUp(end - at);
            this.onPacket({ first: chunk[at]!, length, head: chunk.subarray(at, at + length), whole: true });
            at += length;
            continue;
          }
        }
        const byte = chunk[at++]!;
        this.header[this.headerLength++] = byte;
        if (this.headerLength === 1) {
          if (!this.accept(byte)) return this.giveUp(end - at);
          continue;
        }
        if (byte & 0x80) {
          if (this.headerLength === 5) return this.giveUp(end - at, 'a remaining length longer than four bytes');
          continue;
        }
        let remaining = 0;
        for (let i = this.headerLength - 1; i >= 1; i--) remaining = remaining * 128 + (this.header[i]! & 0x7f);
        this.total = this.headerLength + remaining;
        this.head = Buffer.allocUnsafe(Math.min(this.total, this.headLimit));
        this.header.copy(this.head, 0, 0, this.headerLength);
        this.seen = this.headerLength;
      } else {
        const take = Math.min(end - at, this.total - this.seen);
        if (this.seen < this.head.length) chunk.copy(this.head, this.seen, at, at + Math.min(take, this.head.length - this.seen));
        this.seen += take;
        at += take;
      }
      if (this.total >= 0 && this.seen === this.total) {
        const packet = { first: this.head[0]!, length: this.total, head: this.head, whole: this.head.length === this.total };
        this.total = -1;
        this.headerLength = 0;
        this.head = EMPTY;
        this.onPacket(packet);
      }
    }
  }

  /** Checks a packet's first byte; false (with the reason kept) when the stream cannot be MQTT. */
  private accept(first: number): boolean {
    const type = first >> 4;
    if (this.packets === 0 && this.firstTypes !== null && !this.firstTypes.includes(type)) {
      this.brokenReason = `the stream did not open with ${this.firstTypes.map((t) => TYPE_NAMES[t]).join(' or ')} (first byte 0x${first.toString(16).padStart(2, '0')})`;
      return false;
    }
    const flags = first & 0x0f;
    if (type === 0) this.brokenReason = 'a packet of reserved type 0';
    else if (type === 3 ? (flags & 0x06) === 0x06 : flags !== REQUIRED_FLAGS[type]) {
      this.brokenReason = `a ${TYPE_NAMES[type]} with invalid flags 0x${flags.toString(16)}`;
    }
    if (this.brokenReason !== null) return false;
    this.packets++;
    return true;
  }

  /** Stops parsing: the rest of the chunk and the header bytes held so far become unparsed. */
  private giveUp(restOfChunk: number, reason?: string): void {
    if (reason) this.brokenReason = reason;
    this.unparsedBytes += restOfChunk + this.headerLength;
    this.total = -1;
    this.headerLength = 0;
    this.head = EMPTY;
  }
}

/** Total length of the packet whose fixed header starts at `at`, or -1 when the header is not all in `buffer` (or is malformed: the slow path says why). */
function frameLength(buffer: Buffer, at: number): number {
  let position = at + 1;
  let remaining = 0;
  let multiplier = 1;
  for (let i = 0; i < 4; i++) {
    if (position >= buffer.length) return -1;
    const byte = buffer[position++]!;
    remaining += (byte & 0x7f) * multiplier;
    if ((byte & 0x80) === 0) return position - at + remaining;
    multiplier *= 128;
  }
  return -1;
}

/** Packet type names, by type number. */
export const TYPE_NAMES = [
  'reserved',
  'CONNECT',
  'CONNACK',
  'PUBLISH',
  'PUBACK',
  'PUBREC',
  'PUBREL',
  'PUBCOMP',
  'SUBSCRIBE',
  'SUBACK',
  'UNSUBSCRIBE',
  'UNSUBACK',
  'PINGREQ',
  'PINGRESP',
  'DISCONNECT',
  'AUTH',
] as const;

const EMPTY = Buffer.alloc(0);
