/**
 * An independent subscriber built on MQTT.js, so engine tests check delivery
 * with a client that shares no code with ours: if both ends were our engine,
 * a symmetric bug could cancel itself out.
 */
import { connect, type IClientOptions, type MqttClient } from 'mqtt';

/** Options for {@link startSubscriber}. */
export interface SubscriberOptions {
  /** Subscription QoS; default 0. */
  qos?: 0 | 1 | 2;
  /** MQTT version; default 4 (3.1.1). */
  protocolVersion?: 4 | 5;
  clientId?: string;
  /** Clean session / clean start; default true. */
  clean?: boolean;
  /** CA certificate (PEM) to trust, for `mqtts://` and `wss://` URLs. */
  ca?: string | Buffer;
}

/** A message as the subscriber received it. */
export interface ReceivedMessage {
  topic: string;
  payload: Buffer;
  qos: number;
  retain: boolean;
}

/** A connected, subscribed MQTT.js client recording what it receives. */
export interface Subscriber {
  /** Every message received so far, in arrival order. */
  readonly messages: ReceivedMessage[];
  /**
   * Resolves once at least `count` messages have arrived; rejects after
   * `timeoutMs` (default 5000), or at once if the connection is lost, saying
   * how many did arrive.
   */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  /** Disconnects. Safe to call more than once. */
  close(): Promise<void>;
}

const SETUP_TIMEOUT_MS = 10_000;

/** Connects to `url`, subscribes to `filter` and resolves once the SUBACK grants it. */
export async function startSubscriber(url: string, filter: string, opts: SubscriberOptions = {}): Promise<Subscriber> {
  const qos = opts.qos ?? 0;
  const options: IClientOptions = {
    protocolVersion: opts.protocolVersion ?? 4,
    clean: opts.clean ?? true,
    // No silent reconnect loop: a test subscriber that lost its broker should
    // make the test fail, not quietly come back and hide lost messages.
    reconnectPeriod: 0,
    connectTimeout: 5_000,
  };
  if (opts.clientId !== undefined) options.clientId = opts.clientId;
  if (opts.ca !== undefined) options.ca = opts.ca;
  const client = connect(url, options);

  const messages: ReceivedMessage[] = [];
  const lost: { error?: Error; closed: boolean } = { closed: false };
  const wakers = new Set<() => void>();
  const wake = (): void => {
    for (const w of [...wakers]) w();
  };
  client.on('message', (topic, payload, packet) => {
    messages.push({ topic, payload, qos: packet.qos, retain: packet.retain });
    wake();
  });
  client.on('error', (err) => {
    lost.error ??= err;
  });
  client.on('close', () => {
    lost.closed = true;
    wake();
  });

  try {
    await subscribed(client, filter, qos, url, lost);
  } catch (err) {
    client.end(true);
    throw err;
  }

  return {
    messages,
    waitFor(count, timeoutMs = 5_000) {
      return new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (messages.length >= count) {
            done();
            resolve();
          } else if (lost.closed) {
            done();
            reject(new Error(`subscriber on '${filter}' lost its connection after ${messages.length} of ${count} messages` +
              (lost.error ? ` (${lost.error.message})` : '')));
          }
        };
        const done = (): void => {
          clearTimeout(timer);
          wakers.delete(check);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`subscriber on '${filter}' got ${messages.length} of ${count} messages within ${timeoutMs} ms`));
        }, timeoutMs);
        wakers.add(check);
        check();
      });
    },
    async close() {
      // Forced: nothing of ours is in flight, and a graceful end would wait
      // forever on a broker that is already gone.
      await new Promise<void>((resolve) => client.end(true, () => resolve()));
    },
  };
}

function subscribed(
  client: MqttClient,
  filter: string,
  qos: 0 | 1 | 2,
  url: string,
  lost: { error?: Error; closed: boolean },
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const fail = (why: string): void => {
      cleanup();
      reject(new Error(`subscriber ${url} '${filter}': ${why}`));
    };
    const onClose = (): void => fail(`connection closed before SUBACK${lost.error ? ` (${lost.error.message})` : ''}`);
    const onConnect = (): void => {
      client.subscribe(filter, { qos }, (err, granted) => {
        if (err) return fail(`subscribe failed: ${err.message}`);
        const code = granted?.[0]?.qos;
        // 0x80 and above is a refusal (v3.1.1 and v5 reason codes alike).
        if (code === undefined || code >= 0x80) return fail(`subscription refused (code ${code})`);
        cleanup();
        resolve();
      });
    };
    const timer = setTimeout(() => fail(`no SUBACK within ${SETUP_TIMEOUT_MS} ms`), SETUP_TIMEOUT_MS);
    const cleanup = (): void => {
      clearTimeout(timer);
      client.off('close', onClose);
      client.off('connect', onConnect);
    };
    client.once('connect', onConnect);
    client.on('close', onClose);
  });
}
