// The event loop's waits and timers: it sleeps until there is work (data, a request, a drained socket, a due timer) or its poll is aborted.
import type { RequestChannel } from './channel.js';
import type { FaultDrills } from './drills.js';
import type { ProtocolState } from './state.js';
import type { OutgoingWriter } from './writer.js';

/** Raised by poll() when its AbortSignal fires while it waits; the connection is untouched. */
export class PollInterrupted extends Error {
  constructor() {
    super('poll interrupted');
    this.name = 'PollInterrupted';
  }
}

/**
 * One wait at a time: the loop waits only inside a poll, and whatever makes
 * work (the socket's events, a new request, a live setting) calls wake().
 * Timers are set per wait, for the keepalive or a drill, never per message.
 */
export class Wakeup {
  private waker: (() => void) | null = null;

  constructor(
    private readonly channel: RequestChannel,
    private readonly clock: () => number,
    private readonly state: ProtocolState,
    private readonly drills: FaultDrills,
    private readonly writer: OutgoingWriter,
  ) {}

  /** Ends the current wait, if there is one. */
  wake(): void {
    this.waker?.();
  }

  /** Sleeps until data arrives, the channel gets a request, the socket drains, a timer is due, or the signal aborts. */
  waitForWork(signal?: AbortSignal, maxWaitMs?: number): Promise<void> {
    if (signal?.aborted) return Promise.reject(new PollInterrupted());
    return new Promise<void>((resolve, reject) => {
      const due = Math.min(this.state.nextTickAt(), this.drills.dueAt()) - this.clock();
      const timerMs = Math.min(due, maxWaitMs ?? Number.POSITIVE_INFINITY);
      const timer = Number.isFinite(timerMs) ? setTimeout(() => this.wake(), Math.max(0, Math.ceil(timerMs))) : undefined;
      const onAbort = () => {
        cleanup();
        reject(new PollInterrupted());
      };
      const cleanup = () => {
        this.waker = null;
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.channel.setWakeup(null);
      };
      this.waker = () => {
        cleanup();
        resolve();
      };
      // A new request is work only when nothing queued is already held back (by a full window or socket).
      if (this.writer.writable && this.channel.depth === 0) this.channel.setWakeup(this.waker);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Waits `ms` (the reconnect backoff), or until the signal aborts. */
  sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(new PollInterrupted());
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(new PollInterrupted());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
