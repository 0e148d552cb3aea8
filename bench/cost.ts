// tryPublish cost per call (run with --expose-gc), in-process, with no broker: the clients point at
// a port nothing listens on and nobody polls, so nothing ever leaves the
// channel. Prints one JSON line with ns/call (median over rounds) for:
//   accepted at cap 10        many fresh clients (made outside the timed
//                             region), 10 accepted calls into each
//   accepted at cap 1,000,000 one fresh client per round, filled by 1,000,000 calls
//   rejected at cap 10 / 1,000,000  200,000 calls on a full channel (`block` → 'full')
//   baseline (no engine)      the same counts of request-shaped objects stored in
//                             preallocated arrays: what holding that many objects
//                             costs in V8 (allocation, promotion, GC) by itself
import { parseArgs } from 'node:util';
import { createClient, type AsyncClient } from '../main/engine/index.js';
import { freePort } from './ports.js';
import { median } from './stats.js';
import type { CostResult } from './types.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
// Many short rounds for the cheap cases (a burst of noise spoils one round,
// not the median), fewer for the 1M fill, which takes a while each time.
const ROUNDS = values.quick ? 11 : 25;
const BIG_ROUNDS = values.quick ? 5 : 9;
const BIG = 1_000_000;
const SMALL = 10;
/** Clients per accepted-at-cap-10 round: 50,000 accepted calls per round. */
const SMALL_CLIENTS = 5_000;
const REJECTED_CALLS = 200_000;

const TOPIC = 'bench/gauge';
const payload = Buffer.alloc(64, 0x61);
const port = await freePort();
let sink = 0;

// Each timed region starts from a collected heap (run with --expose-gc), so
// garbage of one case (the 1M fill leaves a million requests behind) is not
// collected on another case's clock. Garbage made inside a region is its own.
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function newClient(cap: number): AsyncClient {
  return createClient({ host: '127.0.0.1', port, clientId: 'bench-cost' }, cap).client;
}

function fill(client: AsyncClient, count: number): void {
  for (let i = 0; i < count; i++) {
    if (!client.tryPublish(TOPIC, 0, false, payload).ok) throw new Error(`channel refused call ${i} of ${count}`);
  }
}

function acceptedCap10(): number {
  const clients = Array.from({ length: SMALL_CLIENTS }, () => newClient(SMALL));
  gc();
  let accepted = 0;
  const t0 = process.hrtime.bigint();
  for (let c = 0; c < clients.length; c++) {
    const client = clients[c]!;
    for (let i = 0; i < SMALL; i++) accepted += client.tryPublish(TOPIC, 0, false, payload).ok ? 1 : 0;
  }
  const ns = Number(process.hrtime.bigint() - t0);
  const calls = SMALL_CLIENTS * SMALL;
  if (accepted !== calls) throw new Error('an accepted-at-cap-10 call was refused');
  sink += accepted;
  return ns / calls;
}

function acceptedCap1M(): number {
  const client = newClient(BIG);
  gc();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < BIG; i++) sink += client.tryPublish(TOPIC, 0, false, payload).ok ? 1 : 0;
  const ns = Number(process.hrtime.bigint() - t0);
  if (client.channelStats().depth !== BIG) throw new Error('an accepted-at-cap-1M call was refused');
  return ns / BIG;
}

/** An object of the same shape as the engine's PublishRequest, without the engine. */
function requestLike(seq: number) {
  return { kind: 'publish', topic: TOPIC, qos: 0, retain: false, payload, properties: undefined, seq, receipt: undefined };
}

function baselineCap10(): number {
  const arrays = Array.from({ length: SMALL_CLIENTS }, () => new Array<ReturnType<typeof requestLike>>(SMALL));
  gc();
  const t0 = process.hrtime.bigint();
  for (let c = 0; c < arrays.length; c++) {
    const array = arrays[c]!;
    for (let i = 0; i < SMALL; i++) array[i] = requestLike(i);
  }
  const ns = Number(process.hrtime.bigint() - t0);
  sink += arrays[SMALL_CLIENTS - 1]!.length;
  return ns / (SMALL_CLIENTS * SMALL);
}

function baselineCap1M(): number {
  const array = new Array<ReturnType<typeof requestLike>>(BIG);
  gc();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < BIG; i++) array[i] = requestLike(i);
  const ns = Number(process.hrtime.bigint() - t0);
  sink += array.length;
  return ns / BIG;
}

function rejected(client: AsyncClient): number {
  const before = client.channelStats().failedTryPublish;
  gc();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < REJECTED_CALLS; i++) sink += client.tryPublish(TOPIC, 0, false, payload).ok ? 1 : 0;
  const ns = Number(process.hrtime.bigint() - t0);
  if (client.channelStats().failedTryPublish - before !== REJECTED_CALLS) throw new Error('a call on a full channel was accepted');
  return ns / REJECTED_CALLS;
}

const fullSmall = newClient(SMALL);
fill(fullSmall, SMALL);
const fullBig = newClient(BIG);
fill(fullBig, BIG);

// Warm-up: every path compiled and optimised before any round counts.
for (let i = 0; i < 3; i++) {
  acceptedCap10();
  baselineCap10();
  rejected(fullSmall);
  rejected(fullBig);
}
acceptedCap1M();
baselineCap1M();

// Rounds interleave the four cases so machine noise falls on all of them.
const samples: CostResult['samples'] = {
  acceptedCap10: [],
  acceptedCap1M: [],
  rejectedCap10: [],
  rejectedCap1M: [],
  baselineCap10: [],
  baselineCap1M: [],
};
for (let r = 0; r < ROUNDS; r++) {
  samples.acceptedCap10.push(acceptedCap10());
  samples.baselineCap10.push(baselineCap10());
  samples.rejectedCap10.push(rejected(fullSmall));
  samples.rejectedCap1M.push(rejected(fullBig));
  if (samples.acceptedCap1M.length < Math.floor(((r + 1) * BIG_ROUNDS) / ROUNDS)) {
    samples.acceptedCap1M.push(acceptedCap1M());
    samples.baselineCap1M.push(baselineCap1M());
  }
}

const result: CostResult & { sink: number } = {
  rounds: ROUNDS,
  bigRounds: samples.acceptedCap1M.length,
  acceptedCap10Ns: median(samples.acceptedCap10),
  acceptedCap1MNs: median(samples.acceptedCap1M),
  rejectedCap10Ns: median(samples.rejectedCap10),
  rejectedCap1MNs: median(samples.rejectedCap1M),
  baselineCap10Ns: median(samples.baselineCap10),
  baselineCap1MNs: median(samples.baselineCap1M),
  samples,
  sink,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
