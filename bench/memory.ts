// Memory with the loop stalled: 1,000,000 tryPublish calls of fresh 64-byte
// payloads into a channel of capacity 1,000 that nobody drains, under one
// overflow policy. Heap and RSS are read after global.gc() before and after.
// Run with: node --expose-gc --import tsx bench/memory.ts --policy block
// `--policy baseline` runs the same loop with no engine (the payloads go into
// a plain 1,000-slot array), showing what the runtime alone adds: V8 grows
// its young generation under this allocation rate, and that shows in RSS.
import { getHeapSpaceStatistics } from 'node:v8';
import { parseArgs } from 'node:util';
import { OVERFLOW_POLICIES, createClient, type OverflowPolicy } from '../main/engine/index.js';
import { freePort } from './ports.js';
import type { MemoryResult } from './types.js';

const { values } = parseArgs({ options: { policy: { type: 'string', default: 'block' }, calls: { type: 'string', default: '1000000' } } });
const policy = values.policy as OverflowPolicy | 'baseline';
if (policy !== 'baseline' && !OVERFLOW_POLICIES.includes(policy)) throw new Error(`unknown policy ${policy}`);
const CALLS = Number(values.calls);
const CAP = 1_000;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

function settle(): NodeJS.MemoryUsage {
  for (let i = 0; i < 3; i++) gc!();
  return process.memoryUsage();
}

function newSpaceBytes(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

const port = await freePort();
const before = settle();
const newSpaceBefore = newSpaceBytes();
const { client, eventLoop } = createClient({ host: '127.0.0.1', port, clientId: 'bench-memory' }, CAP, {
  policy: policy === 'baseline' ? 'block' : policy,
});
let ok = 0;
let refused = 0;
const plain = new Array<{ payload: Buffer; i: number }>(CAP);
if (policy === 'baseline') {
  for (let i = 0; i < CALLS; i++) plain[i % CAP] = { payload: Buffer.allocUnsafe(64).fill(i & 0xff), i };
} else {
  for (let i = 0; i < CALLS; i++) {
    const payload = Buffer.allocUnsafe(64).fill(i & 0xff);
    if (client.tryPublish('bench/gauge', 0, false, payload).ok) ok++;
    else refused++;
  }
}
const after = settle();
const stats = client.channelStats();

const result: MemoryResult & { alive: string } = {
  policy,
  calls: CALLS,
  capacity: CAP,
  ok,
  refused,
  depth: stats.depth,
  droppedOldest: stats.droppedOldest,
  droppedNewest: stats.droppedNewest,
  heapGrowthBytes: after.heapUsed - before.heapUsed,
  rssGrowthBytes: after.rss - before.rss,
  newSpaceGrowthBytes: newSpaceBytes() - newSpaceBefore,
  externalGrowthBytes: after.external + after.arrayBuffers - (before.external + before.arrayBuffers),
  // keep the client and event loop alive until after the measurement
  alive: `${eventLoop.stats().state} ${plain.length}`,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
