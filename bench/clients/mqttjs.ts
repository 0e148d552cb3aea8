// MQTT.js (the `mqtt` package), published as fast as its API allows while
// honouring its flow control: a QoS 0 publish calls back at once when the
// socket took it and only on 'drain' when it did not, so the loop waits for
// late callbacks. QoS 1 callbacks come on PUBACK, QoS 2 on PUBCOMP; MQTT.js has no in-flight
// limit, so at QoS 1 the loop only waits when the socket asks it to (drain).
// At QoS 2 the loop keeps the others' window itself, as an application must:
// both brokers drop a client that floods them with unreleased QoS 2 messages.
import mqtt from 'mqtt';
import { once } from 'node:events';
import { TOPIC, clientArgs, dieOnError, payloadOf, report, startClock } from './common.js';

const args = clientArgs();
const payload = payloadOf(args.size);
const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${args.port}`, {
  clientId: `bench-mqttjs-${process.pid}`,
  keepalive: 60,
  reconnectPeriod: 0,
});
client.on('error', dieOnError);

const stop = startClock();
if (args.qos === 0) {
  let called: boolean;
  let resume: (() => void) | null = null;
  const written = (error?: Error) => {
    if (error) dieOnError(error);
    called = true;
    const wake = resume;
    resume = null;
    wake?.();
  };
  const opts = { qos: 0 } as const;
  for (let i = 0; i < args.n; i++) {
    called = false;
    client.publish(TOPIC, payload, opts, written);
    if (!called) await new Promise<void>((resolve) => (resume = resolve));
  }
  await client.publishAsync(TOPIC, payload, { qos: 1 });
} else {
  let acked = 0;
  let done!: () => void;
  const allAcked = new Promise<void>((resolve) => (done = resolve));
  const window = args.qos === 2 ? args.window : Number.POSITIVE_INFINITY;
  let room: (() => void) | null = null;
  const onAck = (error?: Error) => {
    if (error) dieOnError(error);
    if (++acked === args.n) done();
    const wake = room;
    room = null;
    wake?.();
  };
  const opts = { qos: args.qos };
  const stream = client.stream;
  for (let i = 0; i < args.n; i++) {
    client.publish(TOPIC, payload, opts, onAck);
    if (stream.writableNeedDrain) await once(stream, 'drain');
    while (i + 1 - acked >= window) await new Promise<void>((resolve) => (room = resolve));
  }
  await allAcked;
}
const measured = stop();

await client.endAsync();
report('mqttjs', args, measured);
