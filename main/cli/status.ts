// The live status line, from one sample.
import type { Sample } from '../../shared/domain.js';
import { MSG } from './messages.js';

/** One line saying how the client is doing now. */
export function statusText(sample: Sample, progress: string | null): string {
  return MSG.status({
    time: clock(sample.t),
    state: MSG.connectionStates[sample.connectionState] ?? sample.connectionState,
    depth: sample.depth,
    capacity: sample.capacity,
    failed: sample.failedTryPublish,
    failedRate: sample.failedTryPublishRate,
    dropped: sample.droppedOldest + sample.droppedNewest,
    inflight: sample.inflight,
    maxInflight: sample.maxInflight,
    sinceLastPollMs: sample.sinceLastPollMs,
    pingRttMs: sample.pingRttMs,
    reconnects: sample.reconnects,
    faults: faultTags(sample),
    progress,
  });
}

function faultTags(sample: Sample): string[] {
  const tags: string[] = [];
  if (sample.faults.throttleBytesPerSec !== null) tags.push(MSG.faultThrottle(sample.faults.throttleBytesPerSec));
  if (sample.faults.stalledUntil !== null) tags.push(MSG.faultStall);
  if (sample.faults.pollDelayMs > 0) tags.push(MSG.faultSlowPoll(sample.faults.pollDelayMs));
  if (sample.paused) tags.push(MSG.faultPaused);
  return tags;
}

/** Local HH:MM:SS. */
export function clock(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((part) => String(part).padStart(2, '0')).join(':');
}
