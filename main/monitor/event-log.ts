// The event log: a bounded, numbered record of what happened, for the UI and diagnostics.
import type { LogCategory, LogEntry, LogLevel } from '../../shared/domain.js';
import { Listeners } from './listeners.js';
import { BoundedRing } from './ring.js';

/** How many entries the log keeps unless told otherwise. */
export const DEFAULT_LOG_CAPACITY = 5_000;

/** Options of an EventLog; `now` is injectable for tests. */
export interface EventLogOptions {
  capacity?: number;
  /** Wall-clock ms; Date.now() by default. */
  now?: () => number;
}

/**
 * What happened, in order: connects and disconnects, errors, alerts,
 * capacity and policy changes. A bounded ring, so a reconnect storm cannot
 * grow it without limit; `seq` keeps counting past what was forgotten, so a
 * reader that asks for "everything after seq N" gets exactly what is new.
 */
export class EventLog {
  private readonly ring: BoundedRing<LogEntry>;
  private readonly now: () => number;
  private readonly listeners = new Listeners<LogEntry>();
  private lastSeq = 0;

  constructor(options: EventLogOptions = {}) {
    this.ring = new BoundedRing<LogEntry>(options.capacity ?? DEFAULT_LOG_CAPACITY);
    this.now = options.now ?? (() => Date.now());
  }

  get size(): number {
    return this.ring.size;
  }

  /** The seq of the newest entry; 0 before the first. */
  get seq(): number {
    return this.lastSeq;
  }

  /** Adds an entry; `tag` is the catalogue key and values the UI words it with (the English `message` is kept for logs and exports). */
  add(level: LogLevel, category: LogCategory, message: string, tag?: { key: string; params: Record<string, string | number> }): LogEntry {
    const entry: LogEntry = { seq: ++this.lastSeq, t: this.now(), level, category, message };
    if (tag) {
      entry.key = tag.key;
      entry.params = tag.params;
    }
    this.ring.push(entry);
    this.listeners.emit(entry);
    return entry;
  }

  /** Kept entries with a seq above `sinceSeq` (all of them by default), oldest first. */
  entries(sinceSeq = 0): LogEntry[] {
    // seqs are consecutive, so what is newer than sinceSeq is a count from the end.
    const newer = this.lastSeq - Math.max(0, Math.floor(sinceSeq));
    return this.ring.newestItems(newer);
  }

  /** Calls `listener` with every new entry; returns the function that unsubscribes. */
  onEntry(listener: (entry: LogEntry) => void): () => void {
    return this.listeners.add(listener);
  }
}
