// The engine reporting its own channel: a client report (shared/report) published through the engine itself, every `everyMs`.
import type { ClientReport } from '../../shared/report/index.js';
import { REPORT_TOPIC_PREFIX, REPORT_VERSION } from '../../shared/report/index.js';
import type { AsyncClient } from './client.js';
import type { EventLoop } from './event-loop.js';
import { InvalidArgumentError } from './errors.js';
import { ENGINE_NAME, ENGINE_VERSION } from './version.js';

export interface ReportToOptions {
  /** The client id the report names and its topic ends with (`gauge/report/<clientId>`). */
  clientId: string;
  /** How often to report, ms (100 to 3,600,000; 1,000 by default). */
  everyMs?: number;
  /** The event loop, for in-flight, pending resends, connection state and reconnects; without it those are left out. */
  eventLoop?: EventLoop;
  /** Another topic than `gauge/report/<clientId>`. */
  topic?: string;
}

/** A running reporter. */
export interface Reporter {
  /** Reports the channel handed to the event loop. */
  readonly sent: number;
  /** Reports refused because the channel was full; each is also one of the channel's failed tryPublish calls. */
  readonly refused: number;
  /** Makes and queues a report now, as the timer does. */
  reportNow(): void;
  stop(): void;
}

/**
 * Starts reporting. A report is an ordinary QoS 0 `tryPublish`: it waits for
 * the event loop like everything else, so a stalled loop stops the reports
 * (and their absence says so), and it never waits for room, so a full
 * channel refuses it (counted in `refused`, and in the channel's own
 * failures, which the next report then carries).
 */
export function reportTo(client: AsyncClient, options: ReportToOptions): Reporter {
  const everyMs = options.everyMs ?? 1000;
  if (!Number.isInteger(everyMs) || everyMs < 100 || everyMs > 3_600_000) throw new InvalidArgumentError('invalid-option', 'everyMs', `everyMs must be a whole number from 100 to 3,600,000; got ${String(options.everyMs)}`);
  if (typeof options.clientId !== 'string' || options.clientId === '') throw new InvalidArgumentError('invalid-option', 'clientId', 'clientId must be a non-empty string');
  const topic = options.topic ?? `${REPORT_TOPIC_PREFIX}${options.clientId}`;
  let sent = 0;
  let refused = 0;
  const reportNow = () => {
    const result = client.tryPublish(topic, 0, false, JSON.stringify(reportOf(client, options)));
    if (result.ok) sent++;
    else refused++;
  };
  const timer = setInterval(reportNow, everyMs);
  // A reporter alone must not keep the process alive.
  timer.unref?.();
  return {
    get sent() {
      return sent;
    },
    get refused() {
      return refused;
    },
    reportNow,
    stop: () => clearInterval(timer),
  };
}

/** What the engine knows of itself, as a version 1 report. */
export function reportOf(client: AsyncClient, options: Pick<ReportToOptions, 'clientId' | 'eventLoop'>): ClientReport {
  const channel = client.channelStats();
  const report: ClientReport = {
    version: REPORT_VERSION,
    time: Date.now(),
    clientId: options.clientId,
    library: `${ENGINE_NAME} ${ENGINE_VERSION}`,
    capacity: channel.capacity,
    depth: channel.depth,
    accepted: channel.accepted,
    failedTryPublish: channel.failedTryPublish,
    dropped: channel.droppedOldest + channel.droppedNewest + channel.discarded,
  };
  const loop = options.eventLoop?.stats();
  if (loop) {
    report.inflight = loop.inflight;
    report.maxInflight = loop.maxInflight;
    report.pending = loop.pendingResend;
    report.connection = loop.state;
    report.reconnects = loop.reconnects;
  }
  return report;
}
