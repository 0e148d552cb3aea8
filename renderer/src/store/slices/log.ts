// The store's log slice: the service's log lines, bounded, merged from the snapshot and the live stream without repeats.
import type { StateCreator } from 'zustand';
import type { LogEntry } from '../../../../shared/domain.js';

/** How many log lines the renderer keeps; older ones are forgotten. */
export const MAX_LOG_ENTRIES = 2000;

export interface LogSlice {
  /** Oldest first, at most MAX_LOG_ENTRIES. */
  logEntries: LogEntry[];
  /** Lines forgotten to stay within the bound. */
  logForgotten: number;
  appendLog(batch: readonly LogEntry[]): void;
  /**
   * Adds what the log held before this window listened (a snapshot's lines),
   * whichever arrived first; returns the lines that were new to it.
   */
  seedLog(entries: readonly LogEntry[]): LogEntry[];
  clearLog(): void;
}

export const createLogSlice: StateCreator<LogSlice> = (set, get) => ({
  logEntries: [],
  logForgotten: 0,
  appendLog: (batch) => {
    const { logEntries, logForgotten } = get();
    const lastSeq = logEntries.at(-1)?.seq ?? 0;
    // A batch the renderer already has (a re-sent one) adds nothing.
    const fresh = batch.filter((entry) => entry.seq > lastSeq);
    if (fresh.length === 0) return;
    const joined = logEntries.concat(fresh);
    const excess = Math.max(0, joined.length - MAX_LOG_ENTRIES);
    set({ logEntries: excess > 0 ? joined.slice(excess) : joined, logForgotten: logForgotten + excess });
  },
  seedLog: (entries) => {
    const { logEntries, logForgotten } = get();
    const known = new Set(logEntries.map((entry) => entry.seq));
    const fresh = entries.filter((entry) => !known.has(entry.seq));
    if (fresh.length === 0) return [];
    const joined = logEntries.concat(fresh).sort((a, b) => a.seq - b.seq);
    const excess = Math.max(0, joined.length - MAX_LOG_ENTRIES);
    set({ logEntries: excess > 0 ? joined.slice(excess) : joined, logForgotten: logForgotten + excess });
    return fresh;
  },
  clearLog: () => set({ logEntries: [], logForgotten: 0 }),
});
