// MQTT.js publishing QoS 1 one message at a time: each publish waits for its PUBACK, so the figures are round trips, not queueing.
import mqtt from 'mqtt';
import { TOPIC, clientArgs, dieOnError, payloadOf } from './common.js';

const args = clientArgs();
const payload = payloadOf(args.size);
const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${args.port}`, { clientId: `bench-latency-${process.pid}`, keepalive: 60, reconnectPeriod: 0 });
client.on('error', dieOnError);
const rtts: number[] = [];
// A few round trips first, so the JIT and the sockets are warm before anything is timed.
for (let i = 0; i < 50; i++) await client.publishAsync(TOPIC, payload, { qos: 1 });
for (let i = 0; i < args.n; i++) {
  const t0 = performance.now();
  await client.publishAsync(TOPIC, payload, { qos: 1 });
  rtts.push(performance.now() - t0);
}
rtts.sort((a, b) => a - b);
const at = (p: number) => rtts[Math.min(rtts.length - 1, Math.floor((p / 100) * rtts.length))]!;
process.stdout.write(`${JSON.stringify({ n: args.n, p50Ms: at(50), p99Ms: at(99) })}\n`, () => process.exit(0));
