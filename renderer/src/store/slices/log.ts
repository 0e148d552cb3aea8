import type { StateCreator } from 'zustand';
import type { LogEntry } from '../../../../shared/domain.js';
import type { All } from '../types.js';

/** How many log lines the renderer keeps; older ones are forgotten. */
export const MAX_LOG_ENTRIES = 2000;

export interface LogSlice {
  /** Oldest first, at most MAX_LOG_ENTRIES. */
  logEntries: LogEntry[];
  /** Lines forgotten to stay within the bound. */
  logForgotten: number;
  appendLog(batch: readonly LogEntry[]): void;
  clearLog(): void;
}

export const createLogSlice: StateCreator<All, [], [], LogSlice> = (set, get) => ({
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
  clearLog: () => set({ logEntries: [], logForgotten: 0 }),
});
