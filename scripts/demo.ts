// A console tour of the engine's central behaviour, with a broker started in
// this process: the channel fills while the event loop is stalled, tryPublish
// fails, publish waits; once the loop is polled everything drains.
import { Aedes } from 'aedes';
import { createServer } from 'node:net';
import { createClient, EventLoopRunner } from '../main/engine/index.js';

const broker = await Aedes.createBroker();
const server = createServer(broker.handle);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as { port: number }).port;

const cap = 5;
const { client, eventLoop } = createClient({ host: '127.0.0.1', port, clientId: 'demo' }, cap);
const show = (label: string) => {
  const c = client.channelStats();
  const l = eventLoop.stats();
  console.log(`${label.padEnd(42)} depth ${c.depth}/${c.capacity}  accepted ${c.accepted}  failed tryPublish ${c.failedTryPublish}  waiting ${c.waitingSenders}  written ${l.requestsWritten}  state ${l.state}`);
};

show('event loop not polled yet');
for (let i = 0; i < cap; i++) client.tryPublish('demo/queue', 1, false, `message ${i}`);
show(`${cap} tryPublish calls accepted`);
const result = client.tryPublish('demo/queue', 0, false, 'one too many');
show(`tryPublish on a full channel → ${result.ok ? 'ok' : result.error}`);
const waiting = client.publish('demo/queue', 1, false, 'patient');
show('publish() on a full channel waits');

const runner = new EventLoopRunner(eventLoop);
runner.start();
await waiting;
show('loop polled: the waiting publish got in');
while (eventLoop.stats().acked < cap + 1) await new Promise((resolve) => setTimeout(resolve, 20));
show('all acked by the broker');

await client.disconnect();
await runner.stop();
server.close();
await new Promise<void>((resolve) => broker.close(() => resolve()));
