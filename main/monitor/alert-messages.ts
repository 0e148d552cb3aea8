// What each alert says, built from its rule's numbers. One function per
// rule, and nothing else here, so that the move to message catalogues (for
// translation) replaces this file without touching when alerts fire.
import type { AlertParams, AlertRule } from '../../shared/domain.js';
import { connackReason } from '../engine/index.js';
import { formatCount, formatDecimal, formatReasonCode, formatSeconds } from './format.js';

/** The numbers (and, for a reconnect loop, the broker's words) each rule's message is built from. */
export type { AlertParams };

/** Builds the English message of each rule. */
export const ALERT_MESSAGES: { [R in AlertRule]: (params: AlertParams[R]) => string } = {
  'loop-stalled': loopStalledMessage,
  'channel-nearly-full': channelNearlyFullMessage,
  'try-publish-failing': tryPublishFailingMessage,
  'messages-dropped': messagesDroppedMessage,
  'ping-slow': pingSlowMessage,
  'reconnect-loop': reconnectLoopMessage,
};

function loopStalledMessage({ sinceLastPollMs, paused, depth }: AlertParams['loop-stalled']): string {
  const queued = depth > 0 ? ` (${formatCount(depth)} queued)` : '';
  if (paused) {
    return `The event loop is paused and has not been polled for ${formatSeconds(sinceLastPollMs)} — requests cannot leave the channel${queued}. Resume the loop.`;
  }
  return `The event loop has not been polled for ${formatSeconds(sinceLastPollMs)} — requests cannot leave the channel${queued}. Resume the loop (or poll it faster).`;
}

function channelNearlyFullMessage({ depth, capacity, percent, forMs }: AlertParams['channel-nearly-full']): string {
  return (
    `Channel depth ${formatCount(depth)}/${formatCount(capacity)} (${Math.round(percent)} %) for ${formatCount(Math.floor(forMs / 1000))} s — ` +
    'the loop is not keeping up. Raise capacity, speed up polling, or check the broker.'
  );
}

function tryPublishFailingMessage({ failedPerSec }: AlertParams['try-publish-failing']): string {
  return (
    `tryPublish failing at ${formatDecimal(failedPerSec)}/s — the channel is full; ` +
    'publishes are refused until the loop drains it. Poll the loop faster, raise capacity, or slow the publisher down.'
  );
}

function messagesDroppedMessage({ droppedOldestPerSec, droppedNewestPerSec }: AlertParams['messages-dropped']): string {
  // Name the policy by what actually dropped: the policy may have been switched during the interval.
  const how: string[] = [];
  if (droppedOldestPerSec > 0) how.push('drop-oldest (the oldest queued publish makes room for each new one)');
  if (droppedNewestPerSec > 0) how.push('drop-newest (each new publish is thrown away)');
  return (
    `Dropping ${formatDecimal(droppedOldestPerSec + droppedNewestPerSec)} publishes/s under ${how.join(' and ')} — the channel is full. ` +
    'Raise capacity or speed up polling; switch the policy to block to make publishers wait instead.'
  );
}

function pingSlowMessage({ pingRttMs, thresholdMs }: AlertParams['ping-slow']): string {
  return (
    `Ping round trip ${formatCount(pingRttMs)} ms (threshold ${formatCount(thresholdMs)} ms) — the broker or the network is slow. ` +
    "Check the broker's load and the network path."
  );
}

function reconnectLoopMessage({ attempts, everyMs, refusedWith, lastErrorMessage }: AlertParams['reconnect-loop']): string {
  let why = '';
  if (refusedWith !== null) {
    const name = connackReason(refusedWith);
    // connackReason falls back to "reason 0x.." for codes it does not know; do not say the code twice.
    const named = name.startsWith('reason ') ? '' : ` (${name})`;
    why = `: broker refuses with reason ${formatReasonCode(refusedWith)}${named}`;
  }
  else if (lastErrorMessage) why = `: ${lastErrorMessage}`;
  return `Reconnecting every ${formatSeconds(everyMs)}${why}. ${formatCount(attempts)} attempts in the last minute; check the broker's log and the connection settings.`;
}
