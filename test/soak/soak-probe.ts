// A read-only window into a GaugeService's current engine, for the soak
// (which runs the service in its own process). The service keeps its
// Session private, and a Sample does not carry `requestsWritten`, so the
// channel invariant cannot be computed from what the contract exposes; this
// reads the private field instead of changing the service for one script.
import type { ChannelStats, EventLoopStats } from '../../main/engine/index.js';
import type { GaugeService } from '../../main/service/index.js';

/** The current engine's counters, read in one go. */
export interface EngineCounters {
  channel: ChannelStats;
  loop: EventLoopStats;
}

interface SessionShape {
  client: { channelStats(): ChannelStats };
  eventLoop: { stats(): EventLoopStats };
}

/** Reads the current session's channel and loop counters in the same tick; null while not connected. */
export function readEngine(service: GaugeService): EngineCounters | null {
  const session = (service as unknown as { session: SessionShape | null }).session;
  if (!session) return null;
  return { channel: session.client.channelStats(), loop: session.eventLoop.stats() };
}

/** Requests that entered the channel and are not written, dropped, discarded or still queued: 0 unless something vanished. */
export function unaccounted(counters: EngineCounters): number {
  const { channel, loop } = counters;
  return channel.accepted - (loop.requestsWritten + channel.droppedOldest + channel.discarded + channel.depth);
}
