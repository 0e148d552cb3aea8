// This engine driven the way its README and rumqttc's documentation teach:
// `await client.publish(...)` for every message, and a loop of
// `const event = await eventLoop.poll()` — no runner, no tryPublish.
import { createClient } from '../../main/engine/index.js';
import { TOPIC, clientArgs, dieOnError, payloadOf, report, startClock } from './common.js';

const args = clientArgs();
const payload = payloadOf(args.size);
const { client, eventLoop } = createClient(
  { host: '127.0.0.1', port: args.port, clientId: `bench-engine-poll-${process.pid}`, keepAlive: 60, inflight: args.window },
  args.cap,
);

let connected!: () => void;
const isConnected = new Promise<void>((resolve) => (connected = resolve));
let disconnecting = false;
let acks = 0;
let ackTarget = Number.POSITIVE_INFINITY;
let allAcked!: () => void;
const isAllAcked = new Promise<void>((resolve) => (allAcked = resolve));

/** The application's event loop task, as a user writes it. */
async function pollForever(): Promise<void> {
  for (;;) {
    let event;
    try {
      event = await eventLoop.poll();
    } catch (error) {
      // After disconnect() the last poll reports the closed connection.
      if (disconnecting) return;
      dieOnError(error);
    }
    if (event.type !== 'incoming') continue;
    const cmd = event.packet.cmd;
    if (cmd === 'puback') {
      if (++acks >= ackTarget) allAcked();
    } else if (cmd === 'connack') {
      connected();
    }
  }
}
const polling = pollForever();
await isConnected;

// QoS 0: the run ends when the QoS 1 sentinel behind the messages is acked.
// QoS 1: it ends when every message is acked.
ackTarget = args.qos === 0 ? 1 : args.n;
const stop = startClock();
const qos = args.qos;
for (let i = 0; i < args.n; i++) await client.publish(TOPIC, qos, false, payload);
if (qos === 0) await client.publish(TOPIC, 1, false, payload);
await isAllAcked;
const measured = stop();

disconnecting = true;
await client.disconnect();
await polling;
report('engine-poll', args, measured);
