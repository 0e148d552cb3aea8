// This engine under test: tryPublish in a loop, and when the channel is full
// `await client.publish(...)` (which waits for room), while an
// EventLoopRunner polls the event loop.
import { EventLoopRunner } from '../../main/engine/index.js';
import { TOPIC, dieOnError, report, startClock } from './common.js';
import { BenchEngine } from './engine-setup.js';

const bench = new BenchEngine('engine');
const { args, client, payload } = bench;

const runner = new EventLoopRunner(bench.eventLoop, {
  onEvent: (event) => bench.seen(event),
  onError(error: Error) {
    // After disconnect() the runner's last poll reports 'disconnected' and stops.
    if (!bench.disconnecting) dieOnError(error);
  },
});
runner.start();
await bench.connected;

bench.expectAcks();
const stop = startClock();
const qos = args.qos;
for (let i = 0; i < args.n; i++) {
  if (!client.tryPublish(TOPIC, qos, false, payload).ok) await client.publish(TOPIC, qos, false, payload);
}
if (qos === 0) await client.publish(TOPIC, 1, false, payload);
await bench.allAcked;
const measured = stop();

bench.disconnecting = true;
await client.disconnect();
await runner.stop();
report('engine', args, measured);
