// The Inspect proxy in a process of its own for the bench: prints its port, then answers each "cpu" line on stdin with its CPU time so far.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { InspectProxy } from '../main/inspect/index.js';

const { values } = parseArgs({ options: { 'upstream-port': { type: 'string' } } });
const proxy = await InspectProxy.start({ upstream: { host: '127.0.0.1', port: Number(values['upstream-port']) }, listenPort: 0 });
process.stdout.write(`${JSON.stringify({ port: proxy.address.port })}\n`);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() !== 'cpu') return;
  const cpu = process.cpuUsage();
  const forwarded = proxy.clients().reduce((n, c) => n + c.totals.publishes[0] + c.totals.publishes[1] + c.totals.publishes[2], 0);
  process.stdout.write(`${JSON.stringify({ cpuUs: cpu.user + cpu.system, forwarded })}\n`);
});
lines.on('close', () => void proxy.stop().then(() => process.exit(0)));
