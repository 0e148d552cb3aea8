// CPU profile of one client process against a fresh broker, summarised:
//   npx tsx bench/profile.ts [--client engine|engine-poll|mqttjs|raw] [--qos 0|1|2] [--n N] [--window W] [--broker mosquitto|aedes] [--keep]
// Runs the client under `node --cpu-prof` and prints the functions with the
// most self time and the most inclusive time (idle and tsx's loader thread left out).
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startAedes, startMosquitto } from './brokers.js';
import { runJson } from './child.js';
import type { ClientResult } from './clients/common.js';
import { table } from './table.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values } = parseArgs({
  options: {
    client: { type: 'string', default: 'engine' },
    qos: { type: 'string', default: '0' },
    n: { type: 'string' },
    window: { type: 'string', default: '100' },
    broker: { type: 'string', default: 'mosquitto' },
    top: { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false },
  },
});
const n = values.n ?? (values.qos === '0' ? '400000' : '200000');
const dir = mkdtempSync(join(tmpdir(), 'mqtt-gauge-profile-'));
const broker = values.broker === 'aedes' ? await startAedes() : await startMosquitto();
let result: ClientResult;
try {
  result = await runJson<ClientResult>(`./clients/${values.client}.ts`, ['--port', String(broker.port), '--qos', values.qos, '--n', n, '--window', values.window], {
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
  });
} finally {
  await broker.stop();
}

// tsx runs its loader in a worker thread, which writes a profile too: keep
// the one that ran the client script.
const script = `/clients/${values.client}.ts`;
const profiles = readdirSync(dir)
  .filter((file) => file.endsWith('.cpuprofile'))
  .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile);
const profile = profiles.find((p) => p.nodes.some((node) => node.callFrame.url.endsWith(script)));
if (!profile) throw new Error(`no profile of ${script} in ${dir}`);

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const selfUs = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i]!;
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const label = (frame: CallFrame) => `${frame.functionName || '(anonymous)'} ${frame.url ? `${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}` : ''}`.trim();
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let busy = 0;
for (const [id, us] of selfUs) {
  const frame = byId.get(id)!.callFrame;
  if (frame.functionName === '(idle)') continue;
  busy += us;
  self.set(label(frame), (self.get(label(frame)) ?? 0) + us);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const name = label(byId.get(at)!.callFrame);
    if (name.startsWith('(root)') || seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + us);
  }
}
const top = Number(values.top);
const rows = (map: Map<string, number>) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => [name, `${(us / 1000).toFixed(1)} ms`, `${((us / busy) * 100).toFixed(1)}%`]);

console.log(`${values.client} QoS ${values.qos} (window ${values.window}) → ${broker.name}: ${Math.round(result.msgsPerSec).toLocaleString('en-US')} msg/s, ${result.cpuUsPerMsg.toFixed(2)} µs CPU/msg`);
console.log(`busy (non-idle) profile time ${(busy / 1000).toFixed(0)} ms, start-up included\n`);
console.log(`Top self time\n\n${table(['function', 'self', 'of busy'], rows(self))}\n`);
console.log(`Top inclusive time\n\n${table(['function', 'inclusive', 'of busy'], rows(inclusive))}\n`);
if (values.keep) console.log(`profiles kept in ${dir}`);
else rmSync(dir, { recursive: true, force: true });
