// TLS (certificate verification on by default) and WebSocket transports
// against mosquitto listeners set up by the harness.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeTestCerts, startMosquitto, startSubscriber, type Mosquitto, type TestCerts } from '../../kit/index.js';
import type { ClientOptions } from '../../../main/engine/index.js';
import { closeAllEngines, engine, POLL } from './helpers.js';

let broker: Mosquitto;
let certs: TestCerts;
beforeAll(async () => {
  certs = await makeTestCerts();
  broker = await startMosquitto({ websockets: true, tls: certs, wss: true });
});
afterAll(() => broker.stop());
afterEach(closeAllEngines);

async function roundTrip(options: ClientOptions, topic: string): Promise<void> {
  const subscriber = await startSubscriber(`mqtt://127.0.0.1:${broker.port}`, topic, { qos: 1 });
  const e = engine(options, 10, { start: true });
  await e.client.publish(topic, 1, false, `via ${options.transport}`);
  await subscriber.waitFor(1);
  expect(subscriber.messages[0]!.payload.toString()).toBe(`via ${options.transport}`);
  await vi.waitFor(() => expect(e.eventLoop.stats().acked, 'the PUBACK').toBe(1), POLL);
  await subscriber.close();
}

describe('transports', () => {
  it('publishes over TLS when the broker certificate verifies against the given CA', async () => {
    await roundTrip({ host: '127.0.0.1', port: broker.tlsPort!, transport: 'tls', tls: { ca: certs.ca } }, 'tls/ok');
  });

  it('refuses a TLS broker whose certificate does not verify, by default', async () => {
    const e = engine({ host: '127.0.0.1', port: broker.tlsPort!, transport: 'tls' }, 10, { start: true });
    await vi.waitFor(() => expect(e.errors.length, 'the TLS failure').toBeGreaterThan(0), POLL);
    expect(e.errors[0]).toMatchObject({ kind: 'connection', code: 'tls' });
    expect(e.eventLoop.stats().state).not.toBe('connected');
  });

  it('connects to an unverified TLS broker only when verification is switched off explicitly', async () => {
    await roundTrip({ host: '127.0.0.1', port: broker.tlsPort!, transport: 'tls', tls: { rejectUnauthorized: false } }, 'tls/insecure');
  });

  it('publishes over WebSocket', async () => {
    await roundTrip({ host: '127.0.0.1', port: broker.wsPort!, transport: 'ws' }, 'ws/ok');
  });

  it('publishes over secure WebSocket with the CA', async () => {
    await roundTrip({ host: '127.0.0.1', port: broker.wssPort!, transport: 'wss', tls: { ca: certs.ca } }, 'wss/ok');
  });

  it('names the cause when nothing listens on the port', async () => {
    const e = engine({ host: '127.0.0.1', port: 1 }, 10, { start: true });
    await vi.waitFor(() => expect(e.errors.length, 'the connection failure').toBeGreaterThan(0), POLL);
    expect(e.errors[0]).toMatchObject({ kind: 'connection', code: 'network' });
    expect(e.errors[0]!.message).toContain('connection refused');
  });
});
