// The report listener's own connection: subscribes to the report topic on every CONNACK and hands each message it receives to its owner.
import { randomBytes } from 'node:crypto';
import { createClient, EventLoopRunner, type AsyncClient, type ClientOptions, type EventLoop } from '../engine/index.js';

export interface ListenerHooks {
  message(topic: string, payload: Buffer): void;
  /** The connection's state changed; `error` says why it was lost or refused. */
  state(state: 'connecting' | 'connected' | 'disconnected', error: string | null): void;
}

/** The listener only subscribes and pings: a small channel is plenty. */
const LISTENER_CAPACITY = 16;

/**
 * A connection of its own, never the user's: it has its own client id (a
 * second connection with the user's id would take the user's session over),
 * a clean session, and it reconnects as any engine client does, subscribing
 * again after each CONNACK because a clean session forgets subscriptions.
 */
export class ReportListener {
  private constructor(
    private readonly client: AsyncClient,
    private readonly eventLoop: EventLoop,
    private readonly runner: EventLoopRunner,
  ) {}

  static start(options: ClientOptions, filter: string, hooks: ListenerHooks): ReportListener {
    const clientId = `mqtt-gauge-reports-${randomBytes(4).toString('hex')}`;
    const { client, eventLoop } = createClient({ ...options, clientId, cleanSession: true }, LISTENER_CAPACITY);
    const runner = new EventLoopRunner(eventLoop, {
      onEvent: (event) => {
        if (event.type !== 'incoming') return;
        const packet = event.packet;
        if (packet.cmd === 'connack') {
          hooks.state('connected', null);
          // A channel of 16 holding only this and pings has room; it refuses only once closed, that is, while stopping.
          client.trySubscribe(filter, 0);
        } else if (packet.cmd === 'publish') {
          const publish = packet;
          hooks.message(publish.topic, typeof publish.payload === 'string' ? Buffer.from(publish.payload) : publish.payload);
        }
      },
      onError: (error) => hooks.state('connecting', error.message),
    });
    hooks.state('connecting', null);
    runner.start();
    return new ReportListener(client, eventLoop, runner);
  }

  /** Says goodbye to the broker when it can, and stops polling. */
  async stop(): Promise<void> {
    await Promise.race([this.client.disconnect().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 500))]);
    this.eventLoop.close();
    await this.runner.stop();
  }
}
