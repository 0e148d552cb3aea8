import type { Alert, Sample } from '../../../../shared/domain.js';

/**
 * The service words an alert with the numbers of the moment it was raised;
 * the banner follows the newest sample instead, so "not polled for 2 s" keeps
 * counting while the alert holds.
 */
export function liveParams(alert: Alert, sample: Sample | null): Alert['params'] {
  if (!sample) return alert.params;
  switch (alert.id) {
    case 'loop-stalled':
      return { sinceLastPollMs: Math.max(alert.params.sinceLastPollMs, sample.sinceLastPollMs), paused: sample.paused, depth: sample.depth };
    case 'channel-nearly-full':
      return { ...alert.params, depth: sample.depth, capacity: sample.capacity, percent: sample.capacity > 0 ? (sample.depth / sample.capacity) * 100 : 0, forMs: Math.max(alert.params.forMs, sample.t - alert.since) };
    case 'try-publish-failing':
      return sample.failedTryPublishRate > 0 ? { failedPerSec: sample.failedTryPublishRate } : alert.params;
    case 'messages-dropped':
      return sample.droppedOldestRate + sample.droppedNewestRate > 0 ? { droppedOldestPerSec: sample.droppedOldestRate, droppedNewestPerSec: sample.droppedNewestRate } : alert.params;
    case 'ping-slow':
      return sample.pingRttMs !== null ? { ...alert.params, pingRttMs: sample.pingRttMs } : alert.params;
    case 'reconnect-loop':
      return alert.params;
  }
}
