// Turns one whole incoming frame into a packet: the four-byte acks directly, everything else through mqtt-packet.
import mqtt, { type Packet, type Parser } from 'mqtt-packet';
import { isUtf8 } from 'node:buffer';
import { ProtocolError } from './errors.js';

/**
 * Decodes one whole frame (as FrameReader returns it) into a packet.
 *
 * The four-byte acknowledgements (PUBACK, PUBREC, PUBREL, PUBCOMP with no
 * reason code) arrive once per QoS 1/2 message, so they are decoded here
 * directly; everything else goes through mqtt-packet's parser.
 */
export class PacketDecoder {
  private readonly parser: Parser;
  private parsed: Packet | null = null;
  private error: Error | null = null;

  constructor(protocolVersion: 4 | 5) {
    this.parser = mqtt.parser({ protocolVersion });
    this.parser.on('packet', (packet: Packet) => {
      this.parsed = packet;
    });
    this.parser.on('error', (error: Error) => {
      this.error = error;
    });
  }

  decode(frame: Buffer): Packet {
    if (frame.length === 4 && frame[1] === 2) {
      const ack = ACKS[frame[0]!];
      if (ack) return { cmd: ack, messageId: frame.readUInt16BE(2) };
    }
    this.parsed = null;
    this.error = null;
    this.parser.parse(frame);
    // Both are set by the parser's listeners during parse().
    const packet = this.parsed as Packet | null;
    const error = this.error as Error | null;
    if (error || !packet) {
      const type = frame[0]! >> 4;
      const reason = error?.message ?? 'incomplete packet';
      throw new ProtocolError('malformed-packet', `the broker sent a malformed packet (type ${type}, ${frame.length} bytes): ${reason}`);
    }
    this.parsed = null;
    if (packet.cmd === 'publish') checkTopicBytes(frame);
    if (packet.cmd === 'connack' && packet.returnCode === undefined && packet.reasonCode === undefined) {
      // mqtt-packet accepts a CONNACK cut short before its return code; read
      // as "accepted", it would fake a successful connection.
      throw new ProtocolError('malformed-packet', `the broker sent a truncated CONNACK (${frame.length} bytes)`);
    }
    return packet;
  }
}

/**
 * mqtt-packet decodes a topic with invalid UTF-8 into replacement
 * characters without complaint; MQTT says such a packet is malformed, and a
 * silently altered topic would be misfiled. The topic's bytes sit right
 * after the fixed header.
 */
function checkTopicBytes(frame: Buffer): void {
  let at = 1;
  while (frame[at]! & 0x80) at++;
  at++;
  const length = frame.readUInt16BE(at);
  const topic = frame.subarray(at + 2, at + 2 + length);
  if (!isUtf8(topic)) throw new ProtocolError('malformed-packet', 'the broker sent a PUBLISH whose topic is not valid UTF-8');
  if (topic.includes(0)) throw new ProtocolError('malformed-packet', 'the broker sent a PUBLISH whose topic contains U+0000');
}

// First byte of each fixed-size ack: packet type << 4 | required flags.
const ACKS: Record<number, 'puback' | 'pubrec' | 'pubrel' | 'pubcomp'> = {
  0x40: 'puback',
  0x50: 'pubrec',
  0x62: 'pubrel',
  0x70: 'pubcomp',
};
