// The raw baseline: a plain socket and packets encoded before the clock
// starts. QoS 0 writes 64 KiB batches of identical PUBLISH packets honouring
// write() backpressure, then a QoS 1 sentinel; QoS 1 and 2 keep a window of
// in-flight packets, refilled as PUBACKs (QoS 2: PUBCOMPs) arrive, and QoS 2
// answers each PUBREC with a PUBREL from a pre-encoded table. No client library at all:
// the upper bound of what a Node client can push through this broker.
import mqttPacket from 'mqtt-packet';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { TOPIC, clientArgs, dieOnError, payloadOf, report, startClock } from './common.js';

const BATCH_BYTES = 64 * 1024;
const CONNACK = 2;
const PUBACK = 4;
const PUBREC = 5;
const PUBCOMP = 7;

const args = clientArgs();
const payload = payloadOf(args.size);

const socket = connect({ host: '127.0.0.1', port: args.port });
socket.setNoDelay(true);
socket.on('error', dieOnError);
await once(socket, 'connect');

// Incoming: only CONNACK, PUBACK, PUBREC and PUBCOMP matter; a tiny frame parser counts them.
let pending: Buffer = Buffer.alloc(0);
let onConnack: (() => void) | null = null;
/** Called with the count of flows completed (PUBACK, or PUBCOMP at QoS 2) in one chunk. */
let onPubacks: ((count: number) => void) | null = null;
/** QoS 2: the PUBRELs answering one chunk's PUBRECs, written together. */
let pubrels: Buffer[] = [];
socket.on('data', (chunk: Buffer) => {
  pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
  let offset = 0;
  let pubacks = 0;
  for (;;) {
    const frame = frameAt(pending, offset);
    if (!frame) break;
    const type = pending[offset]! >> 4;
    if (type === PUBACK || type === PUBCOMP) pubacks++;
    else if (type === PUBREC) pubrels.push(PUBREL_BY_ID[pending.readUInt16BE(offset + 2)]!);
    else if (type === CONNACK) {
      if (pending[offset + 3] !== 0) dieOnError(new Error(`CONNACK refused: ${pending[offset + 3]}`));
      onConnack?.();
    }
    offset += frame;
  }
  pending = offset === pending.length ? Buffer.alloc(0) : pending.subarray(offset);
  if (pubrels.length > 0) {
    socket.write(pubrels.length === 1 ? pubrels[0]! : Buffer.concat(pubrels));
    pubrels = [];
  }
  if (pubacks > 0) onPubacks?.(pubacks);
});

const PUBREL_BY_ID: Buffer[] = [];
if (args.qos === 2) for (let id = 1; id <= 65_535; id++) PUBREL_BY_ID[id] = Buffer.from([0x62, 2, id >> 8, id & 0xff]);

socket.write(mqttPacket.generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: `bench-raw-${process.pid}`, keepalive: 60 }));
await new Promise<void>((resolve) => (onConnack = resolve));

const measured = args.qos === 0 ? await runQos0(socket) : await runWindowed(socket, args.qos);
socket.end(mqttPacket.generate({ cmd: 'disconnect' }));
report('raw', args, measured);

async function runQos0(out: Socket) {
  const packet = mqttPacket.generate({ cmd: 'publish', topic: TOPIC, payload, qos: 0, retain: false, dup: false });
  const perBatch = Math.max(1, Math.floor(BATCH_BYTES / packet.length));
  const batch = Buffer.concat(Array.from({ length: perBatch }, () => packet));
  const fullBatches = Math.floor(args.n / perBatch);
  const rest = batch.subarray(0, (args.n % perBatch) * packet.length);
  const sentinel = mqttPacket.generate({ cmd: 'publish', topic: TOPIC, payload, qos: 1, messageId: 1, retain: false, dup: false });
  const acked = new Promise<void>((resolve) => (onPubacks = () => resolve()));

  const stop = startClock();
  for (let i = 0; i < fullBatches; i++) {
    if (!out.write(batch)) await once(out, 'drain');
  }
  if (rest.length > 0 && !out.write(rest)) await once(out, 'drain');
  out.write(sentinel);
  await acked;
  return stop();
}

async function runWindowed(out: Socket, qos: 1 | 2) {
  const template = mqttPacket.generate({ cmd: 'publish', topic: TOPIC, payload, qos, messageId: 1, retain: false, dup: false });
  const size = template.length;
  const idOffset = size - payload.length - 2;
  const all = Buffer.allocUnsafe(size * args.n);
  for (let i = 0; i < args.n; i++) {
    template.copy(all, i * size);
    all.writeUInt16BE((i % 65_535) + 1, i * size + idOffset);
  }
  const window = args.window;
  let sent = 0;
  let acked = 0;
  let writable = true;
  let done!: () => void;
  const allAcked = new Promise<void>((resolve) => (done = resolve));
  const pump = () => {
    if (!writable) return;
    const upTo = Math.min(args.n, acked + window);
    if (upTo <= sent) return;
    writable = out.write(all.subarray(sent * size, upTo * size));
    sent = upTo;
  };
  out.on('drain', () => {
    writable = true;
    pump();
  });
  onPubacks = (count) => {
    acked += count;
    if (acked >= args.n) done();
    else pump();
  };

  const stop = startClock();
  pump();
  await allAcked;
  return stop();
}

/** Length of the whole packet at `offset`, or null when it has not fully arrived. */
function frameAt(buffer: Buffer, offset: number): number | null {
  let position = offset + 1;
  let remaining = 0;
  let multiplier = 1;
  for (let i = 0; i < 4; i++) {
    if (position >= buffer.length) return null;
    const byte = buffer[position++]!;
    remaining += (byte & 0x7f) * multiplier;
    if ((byte & 0x80) === 0) {
      const total = position - offset + remaining;
      return offset + total <= buffer.length ? total : null;
    }
    multiplier *= 128;
  }
  throw new Error('malformed remaining length from the broker');
}
