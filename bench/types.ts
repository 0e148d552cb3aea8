// The shapes the bench's child processes report and the run puts together.
import type { BrokerName } from './brokers.js';
import type { ThroughputSettings, ThroughputSummary } from './throughput.js';

/** bench/cost.ts: tryPublish ns/call, medians over rounds. */
export interface CostResult {
  rounds: number;
  /** Rounds of the 1,000,000-call fill (fewer: each takes a while). */
  bigRounds: number;
  acceptedCap10Ns: number;
  acceptedCap1MNs: number;
  rejectedCap10Ns: number;
  rejectedCap1MNs: number;
  /** The same number of request-shaped objects kept in plain arrays, no engine. */
  baselineCap10Ns: number;
  baselineCap1MNs: number;
  samples: Record<'acceptedCap10' | 'acceptedCap1M' | 'rejectedCap10' | 'rejectedCap1M' | 'baselineCap10' | 'baselineCap1M', number[]>;
}

/** bench/memory.ts: growth after GC for one overflow policy (or the engine-free baseline). */
export interface MemoryResult {
  policy: 'baseline' | 'block' | 'drop-oldest' | 'drop-newest';
  calls: number;
  capacity: number;
  ok: number;
  refused: number;
  depth: number;
  droppedOldest: number;
  droppedNewest: number;
  heapGrowthBytes: number;
  rssGrowthBytes: number;
  newSpaceGrowthBytes: number;
  externalGrowthBytes: number;
}

export interface BenchSummary {
  quick: boolean;
  settings: ThroughputSettings;
  brokers: BrokerName[];
  brokerErrors: string[];
  throughput: Partial<ThroughputSummary>;
  cost: CostResult | { error: string };
  memory: Array<MemoryResult | { policy: string; error: string }>;
}

export interface Target {
  name: string;
  measured: string;
  goal: string;
  /** null when it could not be measured in this run. */
  met: boolean | null;
  note?: string;
}
