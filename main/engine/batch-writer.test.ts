// The batch writer's own PUBLISH encoding against mqtt-packet's, byte for byte, and how batches are cut into chunks.
import mqtt from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { BatchWriter, fastPublishSize } from './batch-writer.js';
import { prng } from '../../test/kit/prng.js';

function reference(version: 4 | 5, topic: string, qos: 0 | 1 | 2, retain: boolean, dup: boolean, messageId: number, payload: Buffer | string, alias: number): Buffer {
  const packet: mqtt.IPublishPacket = { cmd: 'publish', topic, qos, retain, dup, payload, messageId: qos > 0 ? messageId : undefined };
  if (alias > 0) packet.properties = { topicAlias: alias };
  return mqtt.generate(packet, { protocolVersion: version });
}


describe('BatchWriter.publish', () => {
  it('writes exactly the bytes mqtt-packet writes, for both versions, every QoS, flags, aliases, unicode and every length boundary', () => {
    const random = prng(20261126);
    const topics = ['a', 'sensors/room-1/temp', 'ünïcødé/温度/🌡', 'é', 'x'.repeat(64), 'x'.repeat(65), 'x'.repeat(300), ''];
    const sizes = [0, 1, 63, 64, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 16_370, 16_383, 16_384, 16_390, 70_000];
    let cases = 0;
    for (const version of [4, 5] as const) {
      for (const topic of topics) {
        for (const size of sizes) {
          const qos = Math.floor(random() * 3) as 0 | 1 | 2;
          const retain = random() < 0.5;
          const dup = qos > 0 && random() < 0.3;
          const messageId = 1 + Math.floor(random() * 65_535);
          const alias = version === 5 && (topic === '' || random() < 0.5) ? 1 + Math.floor(random() * 100) : 0;
          if (topic === '' && alias === 0) continue; // no topic and no alias is not a valid publish
          const payload = random() < 0.5 ? Buffer.alloc(size, size & 0xff) : 'p'.repeat(size);
          const expected = reference(version, topic, qos, retain, dup, messageId, payload, alias);
          const writer = new BatchWriter(256);
          const topicBytes = Buffer.byteLength(topic);
          const written = writer.publish(version, topic, topicBytes, qos, retain, dup, messageId, payload, Buffer.byteLength(payload), alias);
          const bytes = Buffer.concat(writer.take());
          expect(bytes.equals(expected), `v${version} topic ${JSON.stringify(topic.slice(0, 20))} payload ${size} qos ${qos} alias ${alias}`).toBe(true);
          expect(written).toBe(expected.length);
          expect(fastPublishSize(version, topicBytes, qos, Buffer.byteLength(payload), alias)).toBe(expected.length);
          cases++;
        }
      }
    }
    expect(cases).toBeGreaterThan(150);
  });

  it('keeps packets in order across chunk boundaries and never rewrites bytes already taken', () => {
    const writer = new BatchWriter(64);
    const first: Buffer[] = [];
    for (let i = 0; i < 10; i++) writer.publish(4, `t/${i}`, 3, 0, false, false, 0, `payload ${i}`, 9, 0);
    first.push(...writer.take());
    const firstCopy = Buffer.concat(first);
    writer.append(mqtt.generate({ cmd: 'pingreq' }));
    for (let i = 10; i < 20; i++) writer.publish(4, `t/${i}`, 4, 1, false, false, i, `payload ${i}`, 10, 0);
    const second = Buffer.concat(writer.take());
    // The first batch's bytes are untouched by the second batch.
    expect(Buffer.concat(first).equals(firstCopy)).toBe(true);
    const decoded: mqtt.Packet[] = [];
    const parser = mqtt.parser({ protocolVersion: 4 });
    parser.on('packet', (packet) => decoded.push(packet));
    parser.parse(Buffer.concat([firstCopy, second]));
    expect(decoded.map((p) => (p.cmd === 'publish' ? p.topic : p.cmd))).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `t/${i}`),
      'pingreq',
      ...Array.from({ length: 10 }, (_, i) => `t/${i + 10}`),
    ]);
  });

  it('passes large encoded packets through without copying them', () => {
    const writer = new BatchWriter(1024);
    const large = Buffer.alloc(4096, 1);
    writer.append(large);
    const parts = writer.take();
    expect(parts).toHaveLength(1);
    expect(parts[0]).toBe(large);
    expect(writer.isEmpty).toBe(true);
  });
});

describe('BatchWriter.ack', () => {
  const firstBytes = { puback: 0x40, pubrec: 0x50, pubrel: 0x62, pubcomp: 0x70 } as const;

  it('writes the four-byte ack mqtt-packet writes in 3.1.1, and one mqtt-packet reads back as success in 5', () => {
    for (const [cmd, firstByte] of Object.entries(firstBytes) as Array<[keyof typeof firstBytes, number]>) {
      for (const messageId of [1, 255, 256, 65_535]) {
        const writer = new BatchWriter(256);
        writer.ack(firstByte, messageId);
        const bytes = Buffer.concat(writer.take());
        expect(bytes.equals(mqtt.generate({ cmd, messageId }, { protocolVersion: 4 })), `${cmd} ${messageId}`).toBe(true);

        const parsed: mqtt.Packet[] = [];
        const parser = mqtt.parser({ protocolVersion: 5 });
        parser.on('packet', (packet) => parsed.push(packet));
        parser.on('error', (error) => {
          throw error;
        });
        parser.parse(bytes);
        expect(parsed).toHaveLength(1);
        expect(parsed[0]).toMatchObject({ cmd, messageId });
        expect((parsed[0] as { reasonCode?: number }).reasonCode ?? 0).toBe(0);
      }
    }
  });

  it('keeps acks and publishes in the order they were written, across chunk boundaries', () => {
    const writer = new BatchWriter(16);
    const expected: Buffer[] = [];
    for (let id = 1; id <= 20; id++) {
      writer.ack(0x40, id);
      expected.push(mqtt.generate({ cmd: 'puback', messageId: id }, { protocolVersion: 4 }));
      writer.publish(4, 't', 1, 1, false, false, id, 'x', 1, 0);
      expected.push(mqtt.generate({ cmd: 'publish', topic: 't', payload: 'x', qos: 1, messageId: id, retain: false, dup: false }, { protocolVersion: 4 }));
    }
    expect(writer.bytes).toBe(Buffer.concat(expected).length);
    expect(Buffer.concat(writer.take()).equals(Buffer.concat(expected))).toBe(true);
  });
});
