// This engine driven the way its README and rumqttc's documentation teach:
// `await client.publish(...)` for every message, and a loop of
// `const event = await eventLoop.poll()` — no runner, no tryPublish.
import { TOPIC, dieOnError, report, startClock } from './common.js';
import { BenchEngine } from './engine-setup.js';

const bench = new BenchEngine('engine-poll');
const { args, client, eventLoop, payload } = bench;

/** The application's event loop task, as a user writes it. */
async function pollForever(): Promise<void> {
  for (;;) {
    try {
      bench.seen(await eventLoop.poll());
    } catch (error) {
      // After disconnect() the last poll reports the closed connection.
      if (bench.disconnecting) return;
      dieOnError(error);
    }
  }
}
const polling = pollForever();
await bench.connected;

bench.expectAcks();
const stop = startClock();
const qos = args.qos;
for (let i = 0; i < args.n; i++) await client.publish(TOPIC, qos, false, payload);
if (qos === 0) await client.publish(TOPIC, 1, false, payload);
await bench.allAcked;
const measured = stop();

bench.disconnecting = true;
await client.disconnect();
await polling;
report('engine-poll', args, measured);
