// A client's report read as one of the engine's samples, so the engine's own alert rules judge a reporting client as they judge ours.
import { NO_FAULTS, type Sample } from '../../shared/domain.js';
import type { ClientReport } from '../../shared/report/index.js';

/** The rates a report implies, from the report before it: per second, null when either leaves the count out. */
export interface ReportRates {
  acceptedRate: number | null;
  failedTryPublishRate: number | null;
  droppedRate: number | null;
}

/**
 * Rates between two reports, over the reporter's own clock (its `time`), so
 * a report delayed on the way does not read as a burst. A count that went
 * down means the client restarted: its new total is the rate's numerator.
 */
export function ratesBetween(previous: ClientReport | null, report: ClientReport): ReportRates {
  const seconds = previous ? (report.time - previous.time) / 1000 : 0;
  const rate = (now: number | undefined, before: number | undefined): number | null => {
    if (now === undefined || before === undefined || seconds <= 0) return null;
    return (now >= before ? now - before : now) / seconds;
  };
  return {
    acceptedRate: rate(report.accepted, previous?.accepted),
    failedTryPublishRate: rate(report.failedTryPublish, previous?.failedTryPublish),
    droppedRate: rate(report.dropped, previous?.dropped),
  };
}

/**
 * The sample the alert rules read. What a report leaves out is what the
 * rules take as "nothing to see": no capacity means no depth percentage, no
 * failure count means no failure rate. The loop's own clock (time since the
 * last poll) and the ping are not in a report, so those rules never hold for
 * a reporting client; its silence is shown instead. Drops are left to the UI:
 * the engine's drop wording names its overflow policies, which another
 * library does not have.
 */
export function sampleOfReport(report: ClientReport, rates: ReportRates, t: number): Sample {
  const connection = report.connection ?? 'connected';
  return {
    t,
    capacity: report.capacity ?? 0,
    depth: report.depth ?? 0,
    highWater: report.depth ?? 0,
    policy: 'block',
    waitingSenders: 0,
    accepted: report.accepted ?? 0,
    failedTryPublish: report.failedTryPublish ?? 0,
    droppedOldest: 0,
    droppedNewest: 0,
    discarded: 0,
    acceptedRate: rates.acceptedRate ?? 0,
    failedTryPublishRate: rates.failedTryPublishRate ?? 0,
    droppedOldestRate: 0,
    droppedNewestRate: 0,
    inflight: report.inflight ?? 0,
    maxInflight: report.maxInflight ?? 0,
    pendingResend: report.pending ?? 0,
    sinceLastPollMs: 0,
    paused: false,
    connectionState: connection,
    pingRttMs: null,
    reconnects: report.reconnects ?? 0,
    lastError: null,
    connectedSince: null,
    bytesInRate: 0,
    bytesOutRate: 0,
    messagesInRate: 0,
    messagesOutRate: 0,
    messagesIn: 0,
    messagesOut: 0,
    lostPublishes: 0,
    rejectedTooLarge: 0,
    queueLatencyP50: null,
    queueLatencyP99: null,
    ackLatencyP50: null,
    ackLatencyP99: null,
    faults: { ...NO_FAULTS },
  };
}
