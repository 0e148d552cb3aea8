// The shapes the bench's child processes report and the run puts together.
import type { BrokerName } from './brokers.js';
import type { InspectBench } from './inspect-bench.js';
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
  /** CPU of the client process publishing 50k msg/s, with the monitor attached and without. */
  monitor?: MonitorOverhead | { error: string };
  /** MQTT.js straight to mosquitto and through the Inspect proxy. */
  inspect?: InspectBench | { error: string };
}

/** One window of an alternating monitor-overhead run. */
export interface MonitorWindow {
  /** Whether the monitor was attached during it. */
  on: boolean;
  cpuUs: number;
  ms: number;
  /** Socket writes of the engine in it: the load is the same in every window. */
  writes: number;
}

/** One run of bench/monitor-overhead.ts. */
export interface MonitorRun {
  monitor: boolean;
  mode: string;
  cpuUs: number;
  sent: number;
  failed: number;
  seconds: number;
  samples: number;
  /** Wall time spent inside the monitor's sampling, summed over the run. */
  samplingMs: number;
  /** Alternate mode: the windows in order. */
  windows: MonitorWindow[];
}

/** The monitor attached and detached in turn in one process, and the same process shape with it never attached (the A/A control). */
export interface MonitorOverhead {
  rate: number;
  windowMs: number;
  real: MonitorRun;
  control: MonitorRun;
  /** (on − mean of the off windows either side) / on, median over the on windows. */
  share: number;
  /** The same estimate from the control run, where no window had the monitor: what noise alone reads as a share. */
  controlShare: number;
  /** Time inside the monitor's sampling over the CPU of the windows it was attached in. */
  samplingShare: number;
  cpuOnMsPerSec: number;
  cpuOffMsPerSec: number;
}

export interface Target {
  name: string;
  measured: string;
  goal: string;
  /** null when it could not be measured in this run. */
  met: boolean | null;
  note?: string;
}
