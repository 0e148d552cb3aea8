// What both engine clients share: the client and its loop, and the count of
// acks that opens and ends a timed run. They differ only in how they drive it.
import { createClient, type Event } from '../../main/engine/index.js';
import { clientArgs, payloadOf, type ClientArgs } from './common.js';

/** One engine under the bench, with the run's bookkeeping. */
export class BenchEngine {
  readonly args: ClientArgs = clientArgs();
  readonly payload = payloadOf(this.args.size);
  readonly client;
  readonly eventLoop;
  /** Set before disconnect(), so the loop's last 'disconnected' is not taken for a failure. */
  disconnecting = false;
  /** Resolves on CONNACK. */
  readonly connected: Promise<void>;
  /** Resolves when the run's last ack arrives (see expectAcks). */
  readonly allAcked: Promise<void>;
  private acks = 0;
  private ackTarget = Number.POSITIVE_INFINITY;
  private markConnected!: () => void;
  private markAllAcked!: () => void;

  constructor(name: string) {
    ({ client: this.client, eventLoop: this.eventLoop } = createClient(
      { host: '127.0.0.1', port: this.args.port, clientId: `bench-${name}-${process.pid}`, keepAlive: 60, inflight: this.args.window },
      this.args.cap,
    ));
    this.connected = new Promise<void>((resolve) => (this.markConnected = resolve));
    this.allAcked = new Promise<void>((resolve) => (this.markAllAcked = resolve));
  }

  /** QoS 0: the run ends when the QoS 1 sentinel behind the messages is acked. QoS 1 and 2: when every message is (PUBACK, PUBCOMP). */
  expectAcks(): void {
    this.ackTarget = this.args.qos === 0 ? 1 : this.args.n;
  }

  /** Counts one event of the loop. */
  seen(event: Event): void {
    if (event.type !== 'incoming') return;
    const cmd = event.packet.cmd;
    if (cmd === 'puback' || cmd === 'pubcomp') {
      if (++this.acks >= this.ackTarget) this.markAllAcked();
    } else if (cmd === 'connack') {
      this.markConnected();
    }
  }
}
