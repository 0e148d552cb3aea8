// The scanner finds every packet of a stream however it is cut into chunks, keeps at most a head of each, and gives up cleanly on garbage.
import mqtt, { type Packet } from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { prng } from '../../test/kit/prng.js';
import { HEAD_LIMIT, PacketScanner, type ScannedPacket } from './packet-scanner.js';
import { readAckId, readPublish } from './packet-view.js';

const gen = (packet: Packet, protocolVersion: 4 | 5 = 4) => mqtt.generate(packet, { protocolVersion });

const big = Buffer.alloc(300_000, 7);
const packets: Buffer[] = [
  gen({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clientId: 'scan', clean: true, keepalive: 30 }),
  gen({ cmd: 'publish', topic: 'a/b', payload: Buffer.from('zero'), qos: 0, retain: false, dup: false }),
  gen({ cmd: 'publish', topic: 'a/b', payload: big, qos: 1, messageId: 7, retain: false, dup: false }),
  gen({ cmd: 'publish', topic: 'x'.repeat(300), payload: Buffer.from('two'), qos: 2, messageId: 65_535, retain: true, dup: true }),
  gen({ cmd: 'puback', messageId: 7 }),
  gen({ cmd: 'pubrel', messageId: 65_535 }),
  gen({ cmd: 'pingreq' }),
  gen({ cmd: 'subscribe', messageId: 3, subscriptions: [{ topic: 'a/#', qos: 1 }] }),
  gen({ cmd: 'disconnect' }),
];
const stream = Buffer.concat(packets);

function scan(chunks: Buffer[], headLimit = HEAD_LIMIT): { seen: ScannedPacket[]; scanner: PacketScanner } {
  const seen: ScannedPacket[] = [];
  const scanner = new PacketScanner((p) => seen.push({ ...p, head: Buffer.from(p.head) }), [1], headLimit);
  for (const chunk of chunks) scanner.push(chunk);
  return { seen, scanner };
}

function cut(buffer: Buffer, random: () => number, largest: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < buffer.length; ) {
    const size = 1 + Math.floor(random() * largest);
    chunks.push(buffer.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

describe('PacketScanner', () => {
  it.each([1, 3, 17, 1500, 70_000, 400_000])('finds every packet, in order, with chunks of up to %i bytes', (largest) => {
    const random = prng(largest);
    for (let round = 0; round < 5; round++) {
      const { seen, scanner } = scan(cut(stream, random, largest));
      expect(scanner.broken).toBeNull();
      expect(scanner.unparsedBytes).toBe(0);
      expect(seen.map((p) => [p.first, p.length])).toEqual(packets.map((p) => [p[0], p.length]));
      // The 300 kB publish is kept as a head only, and its header still reads.
      expect(seen[2]!.whole).toBe(false);
      expect(seen[2]!.head.length).toBe(HEAD_LIMIT);
      expect(readPublish(seen[2]!)).toEqual({ qos: 1, dup: false, packetId: 7 });
      expect(readPublish(seen[3]!)).toEqual({ qos: 2, dup: true, packetId: 65_535 });
      expect(readPublish(seen[1]!)).toEqual({ qos: 0, dup: false, packetId: 0 });
      expect(readAckId(seen[4]!)).toBe(7);
      expect(seen.filter((p) => p !== seen[2]).every((p) => p.whole)).toBe(true);
    }
  });

  it('hands a packet inside one chunk over without copying it', () => {
    const chunk = Buffer.concat(packets.slice(0, 2));
    const heads: Buffer[] = [];
    const scanner = new PacketScanner((p) => heads.push(p.head));
    scanner.push(chunk);
    expect(heads).toHaveLength(2);
    expect(heads[1]!.buffer).toBe(chunk.buffer);
  });

  it('gives up on a stream that does not open with CONNECT, counting every byte as unparsed', () => {
    const garbage = Buffer.from('GET / HTTP/1.1\r\nHost: example\r\n\r\n');
    const { seen, scanner } = scan(cut(garbage, prng(1), 5));
    expect(seen).toEqual([]);
    expect(scanner.broken).toMatch(/did not open with CONNECT/);
    expect(scanner.unparsedBytes).toBe(garbage.length);
  });

  it.each([
    ['a reserved type 0 packet', Buffer.from([0x00, 0x00]), /reserved type 0/],
    ['a PUBREL without its fixed flags', Buffer.from([0x60, 0x02, 0x00, 0x01]), /PUBREL with invalid flags/],
    ['a PUBLISH with both QoS bits set', Buffer.from([0x36, 0x02, 0x00, 0x00]), /PUBLISH with invalid flags/],
    ['a five-byte remaining length', Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x01]), /longer than four bytes/],
  ])('after a good CONNECT, gives up on %s and counts the rest as unparsed', (_name, bad, why) => {
    const tail = Buffer.from('more bytes after it');
    const chunks = [packets[0]!, bad, tail];
    const { seen, scanner } = scan(chunks);
    expect(seen).toHaveLength(1);
    expect(scanner.broken).toMatch(why);
    expect(scanner.unparsedBytes).toBe(bad.length + tail.length);
  });
});
