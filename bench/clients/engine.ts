// This engine under test: tryPublish in a loop, and when the channel is full
// `await client.publish(...)` (which waits for room), while an
// EventLoopRunner polls the event loop.
import { EventLoopRunner, createClient, type Event } from '../../main/engine/index.js';
import { TOPIC, clientArgs, dieOnError, payloadOf, report, startClock } from './common.js';

const args = clientArgs();
const payload = payloadOf(args.size);
const { client, eventLoop } = createClient(
  { host: '127.0.0.1', port: args.port, clientId: `bench-engine-${process.pid}`, keepAlive: 60, inflight: args.window },
  args.cap,
);

let connected!: () => void;
const isConnected = new Promise<void>((resolve) => (connected = resolve));
let disconnecting = false;
let acks = 0;
let ackTarget = Number.POSITIVE_INFINITY;
let allAcked!: () => void;
const isAllAcked = new Promise<void>((resolve) => (allAcked = resolve));

const runner = new EventLoopRunner(eventLoop, {
  onEvent(event: Event) {
    if (event.type !== 'incoming') return;
    const cmd = event.packet.cmd;
    if (cmd === 'puback') {
      if (++acks >= ackTarget) allAcked();
    } else if (cmd === 'connack') {
      connected();
    }
  },
  onError(error: Error) {
    // After disconnect() the runner's last poll reports 'disconnected' and stops.
    if (!disconnecting) dieOnError(error);
  },
});
runner.start();
await isConnected;

// QoS 0: the run ends when the QoS 1 sentinel behind the messages is acked.
// QoS 1: it ends when every message is acked.
ackTarget = args.qos === 0 ? 1 : args.n;
const stop = startClock();
const qos = args.qos;
for (let i = 0; i < args.n; i++) {
  if (!client.tryPublish(TOPIC, qos, false, payload).ok) await client.publish(TOPIC, qos, false, payload);
}
if (qos === 0) await client.publish(TOPIC, 1, false, payload);
await isAllAcked;
const measured = stop();

disconnecting = true;
await client.disconnect();
await runner.stop();
report('engine', args, measured);
