// One connection's engine: its client, event loop and runner, with what they report passed to the service.
import type { IPublishPacket } from 'mqtt-packet';
import type { ConnectionProfile } from '../../shared/schemas.js';
import { createClient, EventLoopRunner, type AsyncClient, type Event, type EventLoop, type LatencyRecorder } from '../engine/index.js';
import { clientOptionsOf } from './client-options.js';

/** What a session reports to the service. */
export interface SessionHandlers {
  onConnected(sessionPresent: boolean): void;
  onMessage(packet: IPublishPacket): void;
  onEvent(event: Event): void;
  onError(error: Error): void;
}

/** One connection's engine: the client, its event loop and the runner that polls it. */
export class Session {
  readonly client: AsyncClient;
  readonly eventLoop: EventLoop;
  readonly runner: EventLoopRunner;

  constructor(
    readonly profile: ConnectionProfile,
    target: { host: string; port: number },
    latency: { queue: LatencyRecorder; ack: LatencyRecorder },
    handlers: SessionHandlers,
  ) {
    const options = clientOptionsOf(profile, target);
    const { client, eventLoop } = createClient(options, profile.capacity, {
      policy: profile.policy,
      queueLatency: latency.queue,
      ackLatency: latency.ack,
    });
    this.client = client;
    this.eventLoop = eventLoop;
    this.runner = new EventLoopRunner(eventLoop, {
      onEvent: (event) => {
        if (event.type === 'incoming') {
          if (event.packet.cmd === 'publish') handlers.onMessage(event.packet);
          else if (event.packet.cmd === 'connack') handlers.onConnected(event.packet.sessionPresent);
        }
        handlers.onEvent(event);
      },
      onError: (error) => handlers.onError(error),
    });
  }

  start(paused: boolean): void {
    if (paused) this.runner.pause();
    this.runner.start();
  }

  /** Sends DISCONNECT behind what is queued, waits briefly for it, then closes everything. */
  async close(graceful: boolean): Promise<void> {
    if (graceful && this.eventLoop.stats().state === 'connected' && !this.runner.paused) {
      const sent = this.client.disconnect().catch(() => {});
      await Promise.race([sent, new Promise((resolve) => setTimeout(resolve, 1000))]);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    this.eventLoop.close();
    await this.runner.stop();
  }
}
