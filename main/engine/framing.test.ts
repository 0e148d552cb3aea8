// Unit tests of the frame reader: whole packets out of arbitrary chunks, and oversized ones refused from their header.
import mqtt, { type Packet } from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { PacketDecoder } from './decode.js';
import { ProtocolError } from './errors.js';
import { FrameReader } from './framing.js';
import { prng } from '../../test/kit/prng.js';

// ---- helpers ----------------------------------------------------------------

function generate(packet: Packet, protocolVersion: 4 | 5 = 4): Buffer {
  return mqtt.generate(packet, { protocolVersion });
}

/** What a broker sends a 3.1.1 client, in one stream: every ack, small and 2-byte-length packets. */
const BROKER_PACKETS: Buffer[] = [
  generate({ cmd: 'connack', returnCode: 0, sessionPresent: true }),
  generate({ cmd: 'publish', topic: 'a/b', payload: Buffer.from('hello'), qos: 0, dup: false, retain: false }),
  generate({ cmd: 'publish', topic: 'sensors/1', payload: Buffer.alloc(200, 7), qos: 1, messageId: 513, dup: false, retain: true }),
  generate({ cmd: 'puback', messageId: 1 }),
  generate({ cmd: 'pubrec', messageId: 2 }),
  generate({ cmd: 'pubrel', messageId: 3 }),
  generate({ cmd: 'pubcomp', messageId: 65_535 }),
  generate({ cmd: 'suback', messageId: 4, granted: [0, 1, 2, 128] }),
  generate({ cmd: 'unsuback', messageId: 5, granted: [] }),
  generate({ cmd: 'pingresp' }),
  generate({ cmd: 'publish', topic: 'empty', payload: Buffer.alloc(0), qos: 2, messageId: 6, dup: true, retain: false }),
];
const STREAM = Buffer.concat(BROKER_PACKETS);

/** Every complete frame the reader has now. */
function drain(reader: FrameReader): Buffer[] {
  const frames: Buffer[] = [];
  for (let frame = reader.next(); frame; frame = reader.next()) frames.push(Buffer.from(frame));
  return frames;
}

function thrown(call: () => unknown): Error {
  try {
    call();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to throw');
}


// ---- FrameReader ------------------------------------------------------------------

describe('FrameReader', () => {
  it('packets split at every byte boundary come out whole and in order', () => {
    for (let cut = 1; cut < STREAM.length; cut++) {
      const reader = new FrameReader(1024);
      const frames = drain((reader.push(STREAM.subarray(0, cut)), reader));
      reader.push(STREAM.subarray(cut));
      frames.push(...drain(reader));
      expect(frames, `split at byte ${cut}`).toEqual(BROKER_PACKETS);
      expect(reader.bufferedBytes).toBe(0);
    }
  });

  it('packets arriving one byte at a time come out whole and in order', () => {
    const reader = new FrameReader(1024);
    const frames: Buffer[] = [];
    for (let i = 0; i < STREAM.length; i++) {
      reader.push(STREAM.subarray(i, i + 1));
      frames.push(...drain(reader));
    }
    expect(frames).toEqual(BROKER_PACKETS);
  });

  it('many packets coalesced in one chunk come out whole and in order', () => {
    const reader = new FrameReader(1024);
    reader.push(Buffer.concat([STREAM, STREAM, STREAM]));
    expect(reader.bufferedBytes).toBe(STREAM.length * 3);
    expect(drain(reader)).toEqual([...BROKER_PACKETS, ...BROKER_PACKETS, ...BROKER_PACKETS]);
    expect(reader.bufferedBytes).toBe(0);
    expect(reader.next()).toBeNull();
  });

  it('a packet with a 3-byte remaining length arrives whole whatever the chunk size', () => {
    const big = generate({ cmd: 'publish', topic: 'big', payload: Buffer.alloc(20_000, 1), qos: 1, messageId: 9, dup: false, retain: false });
    const stream = Buffer.concat([BROKER_PACKETS[3]!, big, BROKER_PACKETS[9]!]);
    for (const size of [1, 3, 7, 64, 1_000, 4_096, stream.length]) {
      const reader = new FrameReader(64 * 1024);
      const frames: Buffer[] = [];
      for (let i = 0; i < stream.length; i += size) {
        reader.push(stream.subarray(i, i + size));
        frames.push(...drain(reader));
      }
      expect(frames.map((f) => f.length), `chunks of ${size}`).toEqual([4, big.length, 2]);
      expect(frames[1]!.equals(big)).toBe(true);
    }
  });

  it('several chunks pushed before reading still come out in order', () => {
    const reader = new FrameReader(1024);
    for (let i = 0; i < STREAM.length; i += 5) reader.push(STREAM.subarray(i, i + 5));
    expect(drain(reader)).toEqual(BROKER_PACKETS);
  });

  it('chunks pushed while earlier packets are still unread keep their order', () => {
    const [a, b, c] = [BROKER_PACKETS[3]!, BROKER_PACKETS[4]!, BROKER_PACKETS[5]!];
    const reader = new FrameReader(1024);
    reader.push(a);
    reader.push(b);
    expect(reader.next()).toEqual(a);
    // The reader stops here (a budget per turn), then more data arrives.
    reader.push(c);
    expect(reader.next()).toEqual(b);
    expect(reader.next()).toEqual(c);
    expect(reader.next()).toBeNull();
  });

  it('a reader that takes only a few packets between arrivals, as a loop with a per-turn budget does, sees the stream in order', () => {
    // Chunks are sometimes whole packets (as small TCP segments often are)
    // and sometimes arbitrary slices; between arrivals the reader takes 0 to 2 packets.
    const random = prng(11);
    const expected = [...BROKER_PACKETS, ...BROKER_PACKETS, ...BROKER_PACKETS, ...BROKER_PACKETS];
    const stream = Buffer.concat(expected);
    const boundaries = new Set<number>();
    expected.reduce((end, packet) => (boundaries.add(end + packet.length), end + packet.length), 0);
    const reader = new FrameReader(1024);
    const frames: Buffer[] = [];
    let i = 0;
    while (i < stream.length) {
      let end = Math.min(stream.length, i + 1 + Math.floor(random() * 40));
      if (random() < 0.5) while (end < stream.length && !boundaries.has(end)) end++;
      reader.push(stream.subarray(i, end));
      i = end;
      const budget = Math.floor(random() * 3);
      for (let n = 0; n < budget; n++) {
        const frame = reader.next();
        if (!frame) break;
        frames.push(Buffer.from(frame));
      }
    }
    frames.push(...drain(reader));
    expect(frames).toEqual(expected);
  });

  it('a header announcing more than maxPacketSize throws packet-too-large as soon as the header is complete, before the body arrives', () => {
    const reader = new FrameReader(100);
    // PUBLISH with remaining length 200 (0xC8 0x01): 203 bytes in all.
    reader.push(Buffer.from([0x30]));
    expect(reader.next()).toBeNull();
    reader.push(Buffer.from([0xc8]));
    expect(reader.next()).toBeNull();
    reader.push(Buffer.from([0x01]));
    const error = thrown(() => reader.next());
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ kind: 'protocol', code: 'packet-too-large' });
    expect(error.message).toContain('203');
    expect(error.message).toContain('100');
  });

  it('a packet of exactly maxPacketSize is accepted and one byte more is refused', () => {
    const exact = generate({ cmd: 'publish', topic: 'a', payload: Buffer.alloc(95), qos: 0, dup: false, retain: false });
    expect(exact.length).toBe(100);
    const ok = new FrameReader(100);
    ok.push(exact);
    expect(ok.next()?.length).toBe(100);

    const over = generate({ cmd: 'publish', topic: 'a', payload: Buffer.alloc(96), qos: 0, dup: false, retain: false });
    const refused = new FrameReader(100);
    refused.push(over.subarray(0, 2)); // the header only
    expect(thrown(() => refused.next())).toMatchObject({ code: 'packet-too-large' });
  });

  it('a 5-byte remaining length throws malformed-packet', () => {
    const reader = new FrameReader(268_435_460);
    reader.push(Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x7f]));
    const error = thrown(() => reader.next());
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ code: 'malformed-packet' });
  });

  it('the largest 4-byte remaining length is a legal header that waits for its body', () => {
    const reader = new FrameReader(268_435_460);
    reader.push(Buffer.from([0x30, 0xff, 0xff, 0xff, 0x7f]));
    expect(reader.next()).toBeNull();
  });

  it('reset forgets what was buffered', () => {
    const reader = new FrameReader(1024);
    reader.push(STREAM.subarray(0, 7));
    reader.push(STREAM.subarray(7, 9));
    reader.reset();
    expect(reader.bufferedBytes).toBe(0);
    expect(reader.next()).toBeNull();
    reader.push(STREAM);
    expect(drain(reader)).toEqual(BROKER_PACKETS);
  });
});

// ---- PacketDecoder ------------------------------------------------------------------

describe('PacketDecoder', () => {
  it('decodes the four-byte acknowledgements', () => {
    const decoder = new PacketDecoder(4);
    expect(decoder.decode(generate({ cmd: 'puback', messageId: 258 }))).toMatchObject({ cmd: 'puback', messageId: 258 });
    expect(decoder.decode(generate({ cmd: 'pubrec', messageId: 1 }))).toMatchObject({ cmd: 'pubrec', messageId: 1 });
    expect(decoder.decode(generate({ cmd: 'pubrel', messageId: 65_535 }))).toMatchObject({ cmd: 'pubrel', messageId: 65_535 });
    expect(decoder.decode(generate({ cmd: 'pubcomp', messageId: 77 }))).toMatchObject({ cmd: 'pubcomp', messageId: 77 });
  });

  it('decodes a whole stream of broker packets, one frame at a time, with one decoder', () => {
    const decoder = new PacketDecoder(4);
    const reader = new FrameReader(1024);
    reader.push(STREAM);
    const packets = drain(reader).map((frame) => decoder.decode(frame));
    expect(packets.map((p) => p.cmd)).toEqual([
      'connack', 'publish', 'publish', 'puback', 'pubrec', 'pubrel', 'pubcomp', 'suback', 'unsuback', 'pingresp', 'publish',
    ]);
    expect(packets[0]).toMatchObject({ cmd: 'connack', returnCode: 0, sessionPresent: true });
    expect(packets[2]).toMatchObject({ cmd: 'publish', topic: 'sensors/1', qos: 1, messageId: 513, retain: true });
    expect((packets[2] as { payload: Buffer }).payload.equals(Buffer.alloc(200, 7))).toBe(true);
    expect(packets[7]).toMatchObject({ cmd: 'suback', messageId: 4, granted: [0, 1, 2, 128] });
    expect(packets[10]).toMatchObject({ cmd: 'publish', topic: 'empty', qos: 2, messageId: 6, dup: true });
  });

  it('decodes MQTT 5 packets with reason codes and properties', () => {
    const decoder = new PacketDecoder(5);
    const connack = decoder.decode(
      generate({ cmd: 'connack', reasonCode: 0, sessionPresent: false, properties: { receiveMaximum: 20, topicAliasMaximum: 3 } }, 5),
    );
    expect(connack).toMatchObject({ cmd: 'connack', reasonCode: 0, properties: { receiveMaximum: 20, topicAliasMaximum: 3 } });
    expect(decoder.decode(generate({ cmd: 'puback', messageId: 5, reasonCode: 0x10 }, 5))).toMatchObject({ cmd: 'puback', messageId: 5, reasonCode: 0x10 });
    expect(decoder.decode(generate({ cmd: 'disconnect', reasonCode: 0x8b }, 5))).toMatchObject({ cmd: 'disconnect', reasonCode: 0x8b });
    const aliased = decoder.decode(
      generate({ cmd: 'publish', topic: '', payload: 'x', qos: 0, dup: false, retain: false, properties: { topicAlias: 2 } }, 5),
    );
    expect(aliased).toMatchObject({ cmd: 'publish', topic: '', properties: { topicAlias: 2 } });
  });

  it('a PUBLISH with both QoS bits set throws malformed-packet', () => {
    const frame = Buffer.from(generate({ cmd: 'publish', topic: 'a/b', payload: 'hi', qos: 1, messageId: 3, dup: false, retain: false }));
    frame[0] = 0x36; // PUBLISH, QoS 3
    const error = thrown(() => new PacketDecoder(4).decode(frame));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ kind: 'protocol', code: 'malformed-packet' });
    expect(error.message).toContain('type 3');
  });

  it('a truncated CONNACK throws malformed-packet instead of passing for an accepted connection', () => {
    // Remaining length 1: the flags byte, but no return code.
    const error = thrown(() => new PacketDecoder(4).decode(Buffer.from([0x20, 0x01, 0x00])));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ code: 'malformed-packet' });
  });

  it('a reserved packet type throws malformed-packet', () => {
    expect(thrown(() => new PacketDecoder(4).decode(Buffer.from([0x00, 0x00])))).toMatchObject({ code: 'malformed-packet' });
  });

  it('a SUBACK granting an impossible QoS throws malformed-packet', () => {
    expect(thrown(() => new PacketDecoder(4).decode(Buffer.from([0x90, 0x03, 0x00, 0x01, 0x05])))).toMatchObject({ code: 'malformed-packet' });
  });
});

describe('PacketDecoder on incoming topics', () => {
  it.each([
    ['invalid UTF-8', Buffer.from([0xc3, 0x28])],
    ['an encoded surrogate', Buffer.from([0xed, 0xa0, 0x80])],
    ['U+0000', Buffer.from([0x61, 0x00, 0x62])],
  ])('refuses a PUBLISH whose topic holds %s, as malformed', (_name, topic) => {
    const body = Buffer.concat([Buffer.from([topic.length >> 8, topic.length & 0xff]), topic, Buffer.from('payload')]);
    const frame = Buffer.concat([Buffer.from([0x30, body.length]), body]);
    expect(() => new PacketDecoder(4).decode(frame)).toThrow(expect.objectContaining({ kind: 'protocol', code: 'malformed-packet' }));
  });

  it('accepts a PUBLISH whose topic is valid multi-byte UTF-8', () => {
    const frame = mqtt.generate({ cmd: 'publish', topic: 'ünï/温度/🌡', payload: 'x', qos: 0, retain: false, dup: false });
    expect(new PacketDecoder(4).decode(frame)).toMatchObject({ cmd: 'publish', topic: 'ünï/温度/🌡' });
  });
});
