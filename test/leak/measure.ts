// Heap measurements for the leak runs: the heap in use after forced full
// GCs, and live instances of the engine's own classes.
//
// Instances are counted in a heap snapshot (v8.writeHeapSnapshot), by
// constructor name: MQTT Explorer's approach (its leak test counts its tree
// nodes in a snapshot), and one snapshot counts every class at once in about
// a second. v8.queryObjects(Class) counts by constructor identity instead
// (our Session cannot be mistaken for another library's), but costs a full
// GC and heap walk per class, several seconds per measurement for our ten:
// `npm run leak -- --cross-check` runs it too, to show both agree. A
// FinalizationRegistry was not used: it needs every instance registered at
// construction (inside the engine), and after a forced GC it reports only
// when the finalizer task gets round to it.
import { readFileSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import v8 from 'node:v8';
import { AsyncClient, EventLoop, EventLoopRunner, ProtocolState, RequestChannel } from '../../main/engine/index.js';
import { Monitor } from '../../main/monitor/index.js';
import { GaugeService } from '../../main/service/index.js';
import { Session } from '../../main/service/session.js';

// queryObjects is marked experimental in Node 20; its warning would go to
// stderr on every run and say nothing about leaks.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  if (String(typeof warning === 'string' ? warning : warning.message).includes('queryObjects')) return;
  (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
});

const timer = setTimeout(() => {}, 0);
clearTimeout(timer);
/** Node's timer class, to count live timeouts and intervals. */
const Timeout = timer.constructor as new (...args: never[]) => unknown;

/** The classes counted, by the name the report uses. */
export const TRACKED: ReadonlyArray<[string, abstract new (...args: never[]) => unknown]> = [
  ['EventLoop', EventLoop],
  ['AsyncClient', AsyncClient],
  ['RequestChannel', RequestChannel],
  ['ProtocolState', ProtocolState],
  ['EventLoopRunner', EventLoopRunner],
  ['Session', Session],
  ['GaugeService', GaugeService],
  ['Monitor', Monitor],
  ['net.Socket', Socket],
  ['Timeout', Timeout],
];

/** One measurement. */
export interface HeapFigures {
  /** v8 used_heap_size after forced full GCs (bytes). */
  heapUsed: number;
  /** process.memoryUsage().rss at the same moment (bytes; not asserted: the allocator keeps pages). */
  rss: number;
  /** Live instances per tracked class (empty when not counted). */
  instances: Record<string, number>;
}

const gc = (globalThis as { gc?: (options?: { type: 'major'; execution: 'sync' }) => void }).gc;

/**
 * Full GCs until the heap stops shrinking (at most 8). Between them the event
 * loop turns fully (a timer, not just setImmediate): a destroyed socket's
 * handle is closed in libuv's close phase, and until then it still holds the
 * socket and what the socket's last callbacks reach.
 */
export async function settleHeap(): Promise<number> {
  if (!gc) throw new Error('the leak run needs node --expose-gc');
  let last = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 8; i++) {
    await sleep(10);
    gc();
    const used = v8.getHeapStatistics().used_heap_size;
    if (used >= last - 16 * 1024) return used;
    last = used;
  }
  return last;
}

/** Heap in use after settling, and (unless `count` is false) instance counts from a heap snapshot. */
export async function measure(options: { count?: boolean } = {}): Promise<HeapFigures> {
  const heapUsed = await settleHeap();
  const rss = process.memoryUsage().rss;
  return { heapUsed, rss, instances: options.count === false ? {} : snapshotCounts(TRACKED.map(([name]) => name)) };
}

/** The same counts by constructor identity (v8.queryObjects): slow, a cross-check of the snapshot's by-name counts. */
export function queryObjectCounts(): Record<string, number> {
  const query = (v8 as unknown as { queryObjects: (ctor: unknown, options: { format: 'count' }) => number }).queryObjects;
  return Object.fromEntries(TRACKED.map(([name, ctor]) => [name, query(ctor, { format: 'count' })]));
}

/** Counts objects by constructor name in a fresh heap snapshot (taking one runs a full GC first). */
export function snapshotCounts(names: readonly string[]): Record<string, number> {
  const file = v8.writeHeapSnapshot(join(tmpdir(), `mqtt-gauge-leak-${process.pid}-${Date.now()}.heapsnapshot`));
  try {
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {
      snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
      nodes: number[];
      strings: string[];
    };
    const fields = snapshot.snapshot.meta.node_fields;
    const stride = fields.length;
    const typeAt = fields.indexOf('type');
    const nameAt = fields.indexOf('name');
    const objectType = snapshot.snapshot.meta.node_types[0].indexOf('object');
    const wanted = new Map(names.map((name) => [name.replace(/^net\./, ''), name]));
    const counts: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
    for (let i = 0; i < snapshot.nodes.length; i += stride) {
      if (snapshot.nodes[i + typeAt] !== objectType) continue;
      const name = wanted.get(snapshot.strings[snapshot.nodes[i + nameAt]!]!);
      if (name) counts[name]!++;
    }
    return counts;
  } finally {
    rmSync(file, { force: true });
  }
}
