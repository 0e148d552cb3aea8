// Reads the few header fields the proxy watches: PUBLISH and ack headers by hand (once per message), every other packet through mqtt-packet.
import mqtt, { type Packet, type Parser } from 'mqtt-packet';
import type { ScannedPacket } from './packet-scanner.js';

export const CONNECT = 1;
export const CONNACK = 2;
export const PUBLISH = 3;
export const PUBACK = 4;
export const PUBREC = 5;
export const PUBREL = 6;
export const PUBCOMP = 7;
export const SUBSCRIBE = 8;
export const SUBACK = 9;
export const UNSUBSCRIBE = 10;
export const UNSUBACK = 11;
export const PINGREQ = 12;
export const PINGRESP = 13;
export const DISCONNECT = 14;
export const AUTH = 15;

/** What the proxy reads of a PUBLISH: never the topic's text or the payload, which it only forwards. */
export interface PublishHeader {
  qos: 0 | 1 | 2;
  dup: boolean;
  /** The packet id of a QoS 1/2 publish; 0 at QoS 0. */
  packetId: number;
}

/** Length of the fixed header (type byte and remaining length). */
export function fixedHeaderLength(head: Buffer): number {
  let at = 1;
  while (at < 5 && head[at]! & 0x80) at++;
  return at + 1;
}

/** The header of a PUBLISH, or null when it is malformed (QoS 3, a topic running past the packet, a missing packet id). */
export function readPublish(packet: ScannedPacket): PublishHeader | null {
  const qos = (packet.first >> 1) & 3;
  if (qos === 3) return null;
  const head = packet.head;
  const at = fixedHeaderLength(head);
  if (at + 2 > head.length) return null;
  const idAt = at + 2 + head.readUInt16BE(at);
  if (qos === 0) return idAt <= packet.length ? { qos, dup: (packet.first & 8) !== 0, packetId: 0 } : null;
  if (idAt + 2 > head.length) return null;
  const packetId = head.readUInt16BE(idAt);
  return packetId === 0 ? null : { qos: qos as 1 | 2, dup: (packet.first & 8) !== 0, packetId };
}

/** The packet id of a PUBACK, PUBREC, PUBREL or PUBCOMP, or 0 when the packet is too short to hold one. */
export function readAckId(packet: ScannedPacket): number {
  const at = fixedHeaderLength(packet.head);
  return at + 2 <= packet.head.length ? packet.head.readUInt16BE(at) : 0;
}

/** An ack's MQTT 5 reason code: 0 (success) when the ack is the short form. */
export function readAckReason(packet: ScannedPacket): number {
  const at = fixedHeaderLength(packet.head) + 2;
  return at < packet.head.length ? packet.head[at]! : 0;
}

/**
 * Decodes the rare packets (CONNECT, CONNACK, SUBSCRIBE, SUBACK,
 * UNSUBSCRIBE, DISCONNECT, AUTH) with mqtt-packet, one decoder per
 * direction. The client's CONNECT says which protocol the stream speaks; the
 * broker's direction is told with `speak`.
 */
export class ControlDecoder {
  private parser: Parser;
  private version: 3 | 4 | 5;
  private parsed: Packet | null = null;
  private failed: Error | null = null;

  constructor(protocolVersion: 3 | 4 | 5 = 4) {
    this.version = protocolVersion;
    this.parser = this.makeParser(protocolVersion);
  }

  /** Decodes the rest of the stream as `protocolVersion` (the broker's direction, once the CONNECT is seen). */
  speak(protocolVersion: 3 | 4 | 5): void {
    this.version = protocolVersion;
    this.parser = this.makeParser(protocolVersion);
  }

  /** The decoded packet, or an Error saying why it could not be decoded. */
  decode(packet: ScannedPacket): Packet | Error {
    if (!packet.whole) return new Error(`a ${packet.length.toLocaleString('en-US')}-byte control packet, too long to decode`);
    this.parsed = null;
    this.failed = null;
    this.parser.parse(packet.head);
    const parsed = this.parsed as Packet | null;
    const failed = this.failed as Error | null;
    this.parsed = null;
    // A parser that failed keeps the bad bytes buffered: start a fresh one.
    if (failed || !parsed) this.parser = this.makeParser(this.version);
    return failed ?? parsed ?? new Error('an incomplete packet');
  }

  private makeParser(protocolVersion: 3 | 4 | 5): Parser {
    const parser = mqtt.parser({ protocolVersion });
    parser.on('packet', (packet: Packet) => {
      this.parsed = packet;
    });
    parser.on('error', (error: Error) => {
      this.failed = error;
    });
    return parser;
  }
}
