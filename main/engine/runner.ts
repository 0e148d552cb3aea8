// Polls an event loop continuously, as an application's poll loop would, and can be paused to reproduce a loop nobody polls.
import type { EventLoop } from './event-loop.js';
import { PollInterrupted } from './event-loop.js';
import type { Event } from './events.js';

/** What the runner reports to its owner. */
export interface RunnerHandlers {
  // Properties, not methods: the runner keeps the handler in a local on its hot path.
  onEvent?: (event: Event) => void;
  /** A poll failed; the runner keeps polling, and the next poll reconnects after backoff. */
  onError?: (error: Error) => void;
}

/**
 * Polls an EventLoop continuously, as an application's `loop { eventloop.poll().await }`
 * would. It can be paused and resumed: a paused runner stops polling at once
 * (a poll waiting for work is interrupted), which reproduces "the event loop
 * is not being polled" on purpose.
 */
export class EventLoopRunner {
  private running = false;
  private isPaused = false;
  private abort: AbortController | null = null;
  private resumeWaiter: (() => void) | null = null;
  private done: Promise<void> = Promise.resolve();
  private pollDelayMs = 0;
  /** Ends the current wait between polls early, when the pace changes. */
  private delayWaker: (() => void) | null = null;

  constructor(
    private readonly eventLoop: EventLoop,
    private readonly handlers: RunnerHandlers = {},
  ) {}

  get paused(): boolean {
    return this.isPaused;
  }

  get active(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.done = this.run();
  }

  /** Stops polling until resume(); the connection and the channel stay as they are. */
  pause(): void {
    this.isPaused = true;
    this.abort?.abort();
  }

  resume(): void {
    this.isPaused = false;
    const wake = this.resumeWaiter;
    this.resumeWaiter = null;
    wake?.();
  }

  /** Waits this long before each poll, simulating an application that polls too slowly (0 = as fast as it can). */
  setPollDelay(ms: number): void {
    const before = this.pollDelayMs;
    this.pollDelayMs = Math.max(0, ms);
    if (this.pollDelayMs === before) return;
    // The new pace starts now: a poll idling for work (or a wait at the old
    // pace) would otherwise hold the old one until something happened.
    this.abort?.abort();
    this.delayWaker?.();
  }

  /** The delay before each poll set by setPollDelay (the slow-poll fault drill); 0 when polling at full speed. */
  get pollDelay(): number {
    return this.pollDelayMs;
  }

  /** Stops polling for good and waits for the loop to return. */
  async stop(): Promise<void> {
    this.running = false;
    this.abort?.abort();
    this.resume();
    await this.done;
  }

  private async run(): Promise<void> {
    const onEvent = this.handlers.onEvent;
    while (this.running) {
      if (this.isPaused) {
        await new Promise<void>((resolve) => (this.resumeWaiter = resolve));
        continue;
      }
      if (this.pollDelayMs > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.pollDelayMs);
          this.delayWaker = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.delayWaker = null;
        if (!this.running || this.isPaused) continue;
      } else {
        // Events the last poll already produced (a drained batch makes one
        // per request) are taken without a promise each: at 100k msg/s the
        // per-event await would cost more than the MQTT work itself.
        for (let event = this.eventLoop.tryPoll(); event; event = this.running && !this.isPaused ? this.eventLoop.tryPoll() : undefined) {
          onEvent?.(event);
        }
        if (!this.running || this.isPaused) continue;
      }
      // One controller until a pause or stop uses it, not one per poll.
      if (!this.abort || this.abort.signal.aborted) this.abort = new AbortController();
      try {
        const event = await this.eventLoop.poll(this.abort.signal);
        onEvent?.(event);
      } catch (error) {
        if (error instanceof PollInterrupted) continue;
        this.handlers.onError?.(error as Error);
        if ((error as { code?: string }).code === 'disconnected') this.running = false;
      }
    }
  }
}
