// End-to-end latency of one load run: each stamped message that comes back on a subscription, publish → receive, in a histogram.
import type { EndToEndLatency } from '../../shared/domain.js';
import { LatencyHistogram } from '../monitor/index.js';
import { readStamp } from './load-stamp.js';

/**
 * Publish → receive latency of the current run. Each received message costs
 * a length check and a four-byte compare when it is not ours, and one
 * histogram increment when it is; percentiles are read only when the status
 * is (a few times a second).
 */
export class RunLatency {
  private readonly histogram = new LatencyHistogram();
  private runId: number | null = null;
  private received = 0;
  private otherRuns = 0;

  /** `clock` is the stamps' clock (stampTime), read only for messages that carry this run's stamp. */
  constructor(private readonly clock: () => number) {}

  /** Starts measuring a new run: what came before is forgotten, and the old run's stamps no longer count. */
  begin(runId: number): void {
    this.runId = runId;
    this.histogram.reset();
    this.received = 0;
    this.otherRuns = 0;
  }

  /** Looks at one received payload. */
  observe(payload: Buffer): void {
    if (this.runId === null) return;
    const stamp = readStamp(payload);
    if (!stamp.stamped) return; // not a generated message: the person's own traffic on the topic
    if (stamp.runId !== this.runId) {
      this.otherRuns++;
      return;
    }
    this.received++;
    this.histogram.record(this.clock() - stamp.sentAt);
  }

  /** Stamped messages seen since the run began, its own and other runs': a caller can tell whether anything changed. */
  get seen(): number {
    return this.received + this.otherRuns;
  }

  /** The run's figures so far. */
  figures(): EndToEndLatency {
    // Fold the interval into the 64-bit cumulative histogram first: a day-long
    // run at full rate would overflow the interval's 32-bit buckets.
    this.histogram.takeInterval();
    const summary = this.histogram.summary();
    return { p50: summary.p50, p99: summary.p99, received: this.received, otherRuns: this.otherRuns };
  }
}
