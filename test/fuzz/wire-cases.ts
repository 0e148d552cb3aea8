// Generates what a hostile or broken broker might send after its CONNACK:
// valid packets, mutated ones and random bytes, split and coalesced in
// every way TCP allows. Seeded, so any case can be replayed.
import mqtt, { type Packet } from 'mqtt-packet';

/** One fuzz case: the bytes a broker sends, chunk by chunk, and how they were made. */
export interface WireCase {
  index: number;
  name: string;
  chunks: Buffer[];
}

type Random = () => number;

const int = (random: Random, n: number) => Math.floor(random() * n);
const pick = <T>(random: Random, list: readonly T[]): T => list[int(random, list.length)]!;

/** Valid packets a broker may send a client, for either protocol version. */
function validPackets(random: Random, version: 4 | 5): Packet[] {
  const id = 1 + int(random, 65_535);
  const topic = pick(random, ['a', 'sensors/1/temp', 'ünï/温度', 'x'.repeat(1 + int(random, 300))]);
  const payload = Buffer.alloc(int(random, 2000), int(random, 256));
  const v5 = version === 5;
  const packets: Packet[] = [
    { cmd: 'publish', topic, payload, qos: 0, retain: random() < 0.5, dup: false },
    { cmd: 'publish', topic, payload, qos: 1, retain: false, dup: random() < 0.3, messageId: id },
    { cmd: 'publish', topic, payload, qos: 2, retain: false, dup: false, messageId: id },
    { cmd: 'puback', messageId: id },
    { cmd: 'pubrec', messageId: id },
    { cmd: 'pubrel', messageId: id },
    { cmd: 'pubcomp', messageId: id },
    { cmd: 'suback', messageId: id, granted: [0, 1, 2, 128].slice(0, 1 + int(random, 4)) },
    { cmd: 'unsuback', messageId: id, granted: [] },
    { cmd: 'pingresp' },
  ];
  if (v5) {
    packets.push(
      { cmd: 'publish', topic, payload, qos: 1, retain: false, dup: false, messageId: id, properties: { contentType: 'text/plain', userProperties: { a: 'b', c: ['d', 'e'] }, subscriptionIdentifier: 1 + int(random, 1000), messageExpiryInterval: int(random, 1e6) } },
      { cmd: 'publish', topic, payload, qos: 0, retain: false, dup: false, properties: { topicAlias: 1 + int(random, 64) } },
      { cmd: 'puback', messageId: id, reasonCode: pick(random, [0, 0x10, 0x80, 0x87, 0x97]), properties: { reasonString: 'because' } },
      { cmd: 'disconnect', reasonCode: pick(random, [0, 0x8e, 0x93, 0x9c]) },
      { cmd: 'auth', reasonCode: 0x18, properties: { authenticationMethod: 'x' } },
    );
  }
  return packets;
}

function encode(packet: Packet, version: 4 | 5): Buffer | null {
  try {
    return mqtt.generate(packet, { protocolVersion: version });
  } catch {
    return null; // a combination mqtt-packet refuses to write: not a case
  }
}

/** Ways to break a packet. */
const MUTATIONS: Array<[string, (bytes: Buffer, random: Random) => Buffer]> = [
  ['header flags flipped', (b, r) => withByte(b, 0, (b[0]! & 0xf0) | int(r, 16))],
  ['packet type 0 or 15', (b, r) => withByte(b, 0, (pick(r, [0, 15]) << 4) | (b[0]! & 0x0f))],
  ['a random bit flipped', (b, r) => withByte(b, int(r, b.length), b[int(r, b.length)]! ^ (1 << int(r, 8)))],
  ['truncated', (b, r) => b.subarray(0, int(r, b.length))],
  ['remaining length too long', (b) => Buffer.concat([Buffer.from([b[0]!, 0xff, 0xff, 0x03]), b.subarray(2)])],
  ['remaining length too short', (b) => (b.length > 3 ? Buffer.concat([Buffer.from([b[0]!, Math.max(0, b[1]! - 2) & 0x7f]), b.subarray(2)]) : b)],
  ['five-byte remaining length', (b) => Buffer.concat([Buffer.from([b[0]!, 0xff, 0xff, 0xff, 0xff, 0x7f]), b.subarray(2)])],
  ['200 MB announced', (b) => Buffer.concat([Buffer.from([b[0]!, 0x80, 0x80, 0x80, 0x64]), b.subarray(2)])],
  ['random tail bytes', (b, r) => Buffer.concat([b.subarray(0, Math.min(b.length, 2 + int(r, 8))), randomBytes(r, int(r, 64))])],
  ['invalid UTF-8 topic', (_b, r) => publishWithTopic(pick(r, [Buffer.from([0xc3, 0x28]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xff, 0xfe]), Buffer.from([0x61, 0x00])]))],
  ['v5 property of the wrong type', (b, r) => v5PropertyGarbage(b, r)],
];

function withByte(bytes: Buffer, index: number, value: number): Buffer {
  const copy = Buffer.from(bytes);
  if (copy.length > 0) copy[Math.min(index, copy.length - 1)] = value & 0xff;
  return copy;
}

function randomBytes(random: Random, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = int(random, 256);
  return bytes;
}

function publishWithTopic(topic: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from([topic.length >> 8, topic.length & 0xff]), topic, Buffer.from('payload')]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

/** A v5 PUBACK whose properties hold a random property id and bytes. */
function v5PropertyGarbage(_bytes: Buffer, random: Random): Buffer {
  const properties = Buffer.concat([Buffer.from([int(random, 256)]), randomBytes(random, int(random, 8))]);
  const body = Buffer.concat([Buffer.from([0x00, 0x01, 0x00, properties.length]), properties]);
  return Buffer.concat([Buffer.from([0x40, body.length]), body]);
}

/** How the bytes travel. */
function split(bytes: Buffer, random: Random): [string, Buffer[]] {
  const how = int(random, 4);
  if (how === 0 || bytes.length < 2) return ['one chunk', [bytes]];
  if (how === 1 && bytes.length <= 64) return ['every byte boundary', [...bytes].map((b) => Buffer.from([b]))];
  const cuts = new Set<number>();
  const count = 1 + int(random, Math.min(8, bytes.length - 1));
  while (cuts.size < count) cuts.add(1 + int(random, bytes.length - 1));
  const points = [0, ...[...cuts].sort((a, b) => a - b), bytes.length];
  return ['random splits', points.slice(1).map((end, i) => bytes.subarray(points[i], end))];
}

/** The case for `index` from `seed`: the same pair always gives the same bytes. */
export function wireCase(seed: number, index: number, random: Random, version: 4 | 5): WireCase {
  const kind = int(random, 10);
  let name: string;
  let bytes: Buffer;
  if (kind < 3) {
    // Valid packets, several coalesced into one stream.
    const packets = validPackets(random, version);
    const chosen = Array.from({ length: 1 + int(random, 5) }, () => pick(random, packets));
    bytes = Buffer.concat(chosen.map((p) => encode(p, version)).filter((b): b is Buffer => b !== null));
    name = `valid ${chosen.map((p) => p.cmd).join('+')}`;
  } else if (kind < 9) {
    const [mutation, mutate] = pick(random, MUTATIONS);
    const base = encode(pick(random, validPackets(random, version)), version) ?? Buffer.from([0xd0, 0x00]);
    bytes = mutate(base, random);
    name = mutation;
  } else {
    bytes = randomBytes(random, int(random, 300));
    name = 'random bytes';
  }
  const [how, chunks] = split(bytes, random);
  return { index, name: `#${index} (seed ${seed}, v${version}): ${name}, ${how}`, chunks };
}
