// One short-lived connection of the broker probe: the project's own engine, waits for the next matching event with a clear timeout, and an orderly close.
import type { IPublishPacket, QoS } from 'mqtt-packet';
import { createClient, EventLoopRunner, type AsyncClient, type BrokerGrant, type ClientOptions, type Event, type EventLoop, type PublishFailure } from '../engine/index.js';

/** How a wait ended: what it waited for, nothing within the time, or the connection ended first. */
export type Waited<T> = { kind: 'got'; value: T } | { kind: 'timeout' } | { kind: 'closed'; error: Error };

/** How a publish ended: acked (with the broker's v5 reason code), written (QoS 0), or refused before the wire. */
export type PublishEnd = { kind: 'acked'; reasonCode: number | undefined } | { kind: 'written' } | { kind: 'failed'; reason: PublishFailure | 'invalid-argument'; detail: string };

interface Waiter {
  pick(event: Event): unknown;
  resolve(result: Waited<unknown>): void;
}

/** The reason code an engine error carries (a v5 DISCONNECT's, a CONNACK refusal's), if any. */
export function reasonCodeOf(error: Error): number | null {
  const code = (error as { reasonCode?: unknown }).reasonCode;
  return typeof code === 'number' ? code : null;
}

/**
 * One probe connection. It never reconnects: when the broker closes it (a
 * refused QoS, retain or size often ends that way), every wait ends with
 * `closed` and the probe opens a fresh link for its next step.
 */
export class ProbeLink {
  /** Why the connection ended; null while it is open. */
  ended: Error | null = null;
  private readonly waiters = new Set<Waiter>();
  /** Filters subscribed on this link and not yet unsubscribed. */
  readonly subscribed = new Set<string>();

  private constructor(
    readonly client: AsyncClient,
    readonly eventLoop: EventLoop,
    private readonly runner: EventLoopRunner,
  ) {}

  /** Connects and waits for the CONNACK; the error when the broker cannot be reached or refuses within `timeoutMs`. */
  static async open(options: ClientOptions, timeoutMs: number): Promise<{ link: ProbeLink } | { error: Error }> {
    // A reconnect far beyond any step: a closed link stays closed, and the probe decides what comes next.
    const { client, eventLoop } = createClient({ ...options, connectTimeoutMs: timeoutMs, reconnect: { initialDelayMs: 3_600_000, maxDelayMs: 3_600_000 } }, 64);
    let link: ProbeLink | null = null;
    const runner = new EventLoopRunner(eventLoop, {
      onEvent: (event) => link?.dispatch(event),
      onError: (error) => link?.end(error),
    });
    link = new ProbeLink(client, eventLoop, runner);
    const connack = link.wait((event) => (event.type === 'incoming' && event.packet.cmd === 'connack' ? true : undefined), timeoutMs);
    runner.start();
    const outcome = await connack;
    if (outcome.kind === 'got') return { link };
    const error = outcome.kind === 'closed' ? outcome.error : new Error(`no CONNACK within ${timeoutMs} ms`);
    await link.close();
    return { error };
  }

  get open(): boolean {
    return this.ended === null;
  }

  grant(): BrokerGrant | null {
    return this.eventLoop.brokerGrant();
  }

  /**
   * Waits for the first event `pick` maps to a value. Register the wait
   * before sending what causes the event: events are not kept for later.
   */
  wait<T>(pick: (event: Event) => T | undefined, timeoutMs: number): Promise<Waited<T>> {
    return this.pending(pick, timeoutMs).promise;
  }

  /** A wait that the caller may also settle itself (with `got`), before an event does. */
  private pending<T>(pick: (event: Event) => T | undefined, timeoutMs: number): { promise: Promise<Waited<T>>; settle(value: T): void } {
    if (this.ended) return { promise: Promise.resolve({ kind: 'closed', error: this.ended }), settle: () => {} };
    let waiter!: Waiter;
    const promise = new Promise<Waited<T>>((resolve) => {
      const timer = setTimeout(() => waiter.resolve({ kind: 'timeout' }), timeoutMs);
      waiter = {
        pick,
        resolve: (result) => {
          if (!this.waiters.delete(waiter)) return;
          clearTimeout(timer);
          resolve(result as Waited<T>);
        },
      };
      this.waiters.add(waiter);
    });
    return { promise, settle: (value) => waiter.resolve({ kind: 'got', value }) };
  }

  /** The next message on `topic`. */
  nextMessage(topic: string, timeoutMs: number): Promise<Waited<IPublishPacket>> {
    return this.wait((event) => (event.type === 'incoming' && event.packet.cmd === 'publish' && event.packet.topic === topic ? event.packet : undefined), timeoutMs);
  }

  /** Subscribes and waits for the SUBACK's code (granted QoS, or a refusing code ≥ 0x80). */
  async subscribe(filter: string, qos: QoS, timeoutMs: number): Promise<Waited<number>> {
    const suback = this.wait((event) => {
      if (event.type !== 'incoming' || event.packet.cmd !== 'suback') return undefined;
      const first: unknown = Array.isArray(event.packet.granted) ? event.packet.granted[0] : undefined;
      return typeof first === 'number' ? first : undefined;
    }, timeoutMs);
    this.subscribed.add(filter);
    await this.client.subscribe(filter, qos).catch((error: Error) => this.end(error));
    return suback;
  }

  /** Unsubscribes and waits for the UNSUBACK; true when it came. */
  async unsubscribe(filter: string, timeoutMs: number): Promise<boolean> {
    if (!this.open) return false;
    const unsuback = this.wait((event) => (event.type === 'incoming' && event.packet.cmd === 'unsuback' ? true : undefined), timeoutMs);
    await this.client.unsubscribe(filter).catch((error: Error) => this.end(error));
    const done = await unsuback;
    if (done.kind === 'got') this.subscribed.delete(filter);
    return done.kind === 'got';
  }

  /** Publishes and waits for its end: the ack (QoS 1/2), the write (QoS 0), or a refusal before the wire. */
  async publish(topic: string, qos: QoS, retain: boolean, payload: Buffer, timeoutMs: number): Promise<Waited<PublishEnd>> {
    const end = this.pending<PublishEnd>(() => undefined, timeoutMs);
    try {
      await this.client.publish(topic, qos, retain, payload, {
        receipt: {
          onWritten: () => qos === 0 && end.settle({ kind: 'written' }),
          onAcked: (_at, reasonCode) => end.settle({ kind: 'acked', reasonCode }),
          onFailed: (reason) => end.settle({ kind: 'failed', reason, detail: reason }),
        },
      });
    } catch (error) {
      // The engine refused it before queueing (over its own packet limit): the broker never saw it.
      end.settle({ kind: 'failed', reason: 'invalid-argument', detail: (error as Error).message });
    }
    return end.promise;
  }

  /** Sends DISCONNECT when still open, waits briefly for the loop to finish, then closes everything. */
  async close(): Promise<void> {
    if (this.open) {
      const finished = this.wait(() => undefined, 1000);
      await this.client.disconnect().catch(() => {});
      await finished;
    }
    this.eventLoop.close();
    await this.runner.stop();
  }

  private dispatch(event: Event): void {
    for (const waiter of [...this.waiters]) {
      const value = waiter.pick(event);
      if (value !== undefined) waiter.resolve({ kind: 'got', value });
    }
  }

  private end(error: Error): void {
    if (this.ended) return;
    this.ended = error;
    // No reconnect: the loop is closed at once, so a broker that hung up is not dialled again behind the probe's back.
    this.eventLoop.close();
    for (const waiter of [...this.waiters]) waiter.resolve({ kind: 'closed', error });
  }
}
