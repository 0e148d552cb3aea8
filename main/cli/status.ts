// The live status line, from one sample.
import type { Sample } from '../../shared/domain.js';
import { byteRate, type Words } from './messages.js';

/** One line saying how the client is doing now; `progress` is how far the run is, when it has an end. */
export function statusText(w: Words, sample: Sample, progress: string | null): string {
  const { t, f } = w;
  const failed = f.count(sample.failedTryPublish);
  return [
    f.axisTime(sample.t),
    t(`connectionState.${sample.connectionState}`).padEnd(12),
    t('cli.status.depth', { depth: f.count(sample.depth), capacity: f.count(sample.capacity) }),
    sample.failedTryPublishRate > 0 ? t('cli.status.failedRising', { failed, rate: f.count(sample.failedTryPublishRate) }) : t('cli.status.failed', { failed }),
    t('cli.status.dropped', { dropped: f.count(sample.droppedOldest + sample.droppedNewest) }),
    t('cli.status.inflight', { inflight: f.count(sample.inflight), window: f.count(sample.maxInflight) }),
    sample.sinceLastPollMs >= 1000 ? t('cli.status.notPolled', { duration: f.duration(sample.sinceLastPollMs) }) : t('cli.status.polled'),
    t('cli.status.ping', { rtt: f.latency(sample.pingRttMs) }),
    t('cli.status.reconnects', { count: f.count(sample.reconnects) }),
    ...faultTags(w, sample),
    ...(progress ? [progress] : []),
  ].join('  ');
}

function faultTags(w: Words, sample: Sample): string[] {
  const { t, f } = w;
  const tags: string[] = [];
  if (sample.faults.throttleBytesPerSec !== null) tags.push(t('cli.fault.throttle', { rate: byteRate(w, sample.faults.throttleBytesPerSec) }));
  if (sample.faults.stalledUntil !== null) tags.push(t('cli.fault.stall'));
  if (sample.faults.pollDelayMs > 0) tags.push(t('cli.fault.slowPoll', { delay: f.duration(sample.faults.pollDelayMs) }));
  if (sample.paused) tags.push(t('cli.fault.paused'));
  return tags;
}

/** How far a timed run is: "12s" with no end, "12s of 30s" with one. */
export function progressText(w: Words, elapsedSec: number, totalSec: number | null): string {
  const elapsed = w.f.seconds(elapsedSec);
  return totalSec === null ? elapsed : w.t('cli.progress', { elapsed, total: w.f.seconds(totalSec) });
}
