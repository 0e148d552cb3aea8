// Faults between the client and a real mosquitto, injected by a loopback
// proxy or by stopping the broker: keepalive, half-open connections,
// socket backpressure, broker restarts, and sessions across cuts.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMosquitto, startProxy, startSubscriber, type Mosquitto, type TcpProxy } from '../../kit/index.js';
import { closeAllEngines, engine, POLL } from './helpers.js';

let broker: Mosquitto;
let proxy: TcpProxy;
beforeAll(async () => {
  broker = await startMosquitto();
  proxy = await startProxy({ host: '127.0.0.1', port: broker.port });
});
afterAll(async () => {
  await proxy.close();
  await broker.stop();
});
afterEach(async () => {
  await closeAllEngines();
  proxy.resume();
  proxy.throttle(null);
});

describe('keepalive', () => {
  it('pings when the line is quiet and measures the round trip', async () => {
    const e = engine({ host: '127.0.0.1', port: broker.port, keepAlive: 1 }, 10, { start: true });
    await vi.waitFor(() => expect(e.eventLoop.stats().pingRttMs, 'a ping round trip').not.toBeNull(), { ...POLL, timeout: 5000 });
    expect(e.eventLoop.stats().pingRttMs).toBeGreaterThanOrEqual(0);
    expect(e.events.some((ev) => ev.type === 'incoming' && ev.packet.cmd === 'pingresp')).toBe(true);
    expect(e.errors).toEqual([]);
  });

  it('detects a half-open connection within 1.5 × keepalive and reconnects', async () => {
    const keepAlive = 2;
    const e = engine({ host: '127.0.0.1', port: proxy.port, keepAlive }, 10, { start: true });
    await vi.waitFor(() => expect(e.eventLoop.stats().state, 'a connection').toBe('connected'), POLL);
    // Let one ping round trip happen so the last incoming byte is recent.
    await vi.waitFor(() => expect(e.eventLoop.stats().pingRttMs, 'a first ping').not.toBeNull(), { ...POLL, timeout: 5000 });
    proxy.stall();
    const stalledAt = Date.now();
    await vi.waitFor(() => expect(e.errors.length, 'the keepalive timeout').toBeGreaterThan(0), { ...POLL, timeout: 10_000 });
    const detectedAfter = Date.now() - stalledAt;
    expect(e.errors[0]).toMatchObject({ kind: 'protocol', code: 'keepalive-timeout' });
    // The last byte from the broker came at most one keepalive before the stall.
    expect(detectedAfter).toBeLessThanOrEqual(1.5 * keepAlive * 1000 + 250);
    proxy.resume();
    await vi.waitFor(() => expect(e.eventLoop.stats(), 'the reconnection').toMatchObject({ state: 'connected', reconnects: 1 }), { ...POLL, timeout: 10_000 });
  });
});

describe('socket backpressure', () => {
  it('stops draining the channel while the socket cannot take more, and delivers everything after', async () => {
    const subscriber = await startSubscriber(`mqtt://127.0.0.1:${broker.port}`, 'pressure', { qos: 0 });
    const e = engine({ host: '127.0.0.1', port: proxy.port, keepAlive: 60 }, 2000, { start: true });
    await vi.waitFor(() => expect(e.eventLoop.stats().state, 'a connection').toBe('connected'), POLL);
    proxy.stall();
    const payload = Buffer.alloc(32 * 1024, 7);
    for (let i = 0; i < 1000; i++) e.client.tryPublish('pressure', 0, false, payload);
    // The loop writes until the socket reports it is full, then stops taking requests.
    let last = -1;
    await vi.waitFor(async () => {
      const written = e.eventLoop.stats().requestsWritten;
      const settled = written === last;
      last = written;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(settled, 'the drain to stop').toBe(true);
    }, POLL);
    const stuck = e.client.channelStats().depth;
    expect(stuck).toBeGreaterThan(0);
    expect(e.client.channelStats().depth).toBe(stuck);
    proxy.resume();
    await vi.waitFor(() => expect(e.client.channelStats().depth, 'the channel to drain after the stall').toBe(0), { ...POLL, timeout: 20_000 });
    await subscriber.waitFor(1000, 20_000);
    await subscriber.close();
  });
});

describe('a broker restart', () => {
  it('fails the poll with the reason, reconnects with backoff, and goes on publishing', async () => {
    const subscriber = await startSubscriber(`mqtt://127.0.0.1:${broker.port}`, 'restart', { qos: 1 });
    await subscriber.close();
    const e = engine({ host: '127.0.0.1', port: broker.port }, 100, { start: true });
    await vi.waitFor(() => expect(e.eventLoop.stats().state, 'a connection').toBe('connected'), POLL);
    await broker.stop();
    await vi.waitFor(() => expect(e.errors.length, 'the connection loss').toBeGreaterThan(0), POLL);
    expect(e.errors[0]).toMatchObject({ kind: 'connection' });
    await vi.waitFor(() => expect(e.errors.some((err) => /refused/.test(err.message)), 'a refused reconnect attempt').toBe(true), POLL);
    expect(e.eventLoop.stats().state).not.toBe('connected');
    await broker.start();
    await vi.waitFor(() => expect(e.eventLoop.stats().state, 'the reconnection').toBe('connected'), { ...POLL, timeout: 10_000 });
    expect(e.eventLoop.stats().reconnects).toBe(1);
    const after = await startSubscriber(`mqtt://127.0.0.1:${broker.port}`, 'restart', { qos: 1 });
    await e.client.publish('restart', 1, false, 'after');
    await after.waitFor(1);
    await after.close();
  });
});

describe('a persistent session across connection cuts', () => {
  it('delivers every QoS 2 message exactly once and every QoS 1 message at least once', async () => {
    const count = 400;
    const subscriber = await startSubscriber(`mqtt://127.0.0.1:${broker.port}`, 'cut/#', { qos: 2 });
    const e = engine({ host: '127.0.0.1', port: proxy.port, cleanSession: false, clientId: 'cut-session', inflight: 20 }, 1000, {
      start: true,
    });
    await vi.waitFor(() => expect(e.eventLoop.stats().state, 'a connection').toBe('connected'), POLL);
    const publishing = (async () => {
      for (let i = 0; i < count; i++) {
        await e.client.publish('cut/2', 2, false, `two-${i}`);
        await e.client.publish('cut/1', 1, false, `one-${i}`);
        if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    for (let cut = 0; cut < 5; cut++) {
      await vi.waitFor(
        () => expect(e.eventLoop.stats().state === 'connected' && e.eventLoop.stats().inflight > 0, 'traffic in flight').toBe(true),
        { ...POLL, timeout: 10_000 },
      );
      proxy.cutAll();
      await vi.waitFor(() => expect(e.eventLoop.stats().reconnects, `reconnect ${cut + 1}`).toBe(cut + 1), { ...POLL, timeout: 10_000 });
    }
    await publishing;
    await vi.waitFor(
      () => expect({ depth: e.client.channelStats().depth, inflight: e.eventLoop.stats().inflight }, 'everything acked').toEqual({ depth: 0, inflight: 0 }),
      { ...POLL, timeout: 20_000 },
    );
    await vi.waitFor(
      () => expect(new Set(subscriber.messages.filter((m) => m.topic === 'cut/2').map((m) => m.payload.toString())).size, 'every QoS 2 message').toBe(count),
      POLL,
    );
    const two = subscriber.messages.filter((m) => m.topic === 'cut/2').map((m) => m.payload.toString());
    const one = new Set(subscriber.messages.filter((m) => m.topic === 'cut/1').map((m) => m.payload.toString()));
    expect(two).toHaveLength(count);
    expect(two).toEqual(Array.from({ length: count }, (_, i) => `two-${i}`));
    expect(one.size).toBe(count);
    expect(e.eventLoop.stats()).toMatchObject({ lostPublishes: 0, reconnects: 5, sessionPresent: true });
    await subscriber.close();
  });
});
