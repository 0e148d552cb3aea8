// The fault drills against a real mosquitto: each puts a real fault into
// the transport or the loop, and the engine's own numbers show its effect.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMosquitto, startSubscriber, type Mosquitto } from '../../kit/index.js';
import { closeAllEngines, engine, POLL } from './helpers.js';

let broker: Mosquitto;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(() => broker.stop());
afterEach(() => closeAllEngines());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('throttleWrites', () => {
  it('holds the bytes written to the limit, fills the channel meanwhile, and delivers everything once lifted', async () => {
    const subscriber = await startSubscriber(`mqtt://127.0.0.1:${broker.port}`, 'drill/throttle', { qos: 0 });
    const e = engine({ host: '127.0.0.1', port: broker.port }, 1000, { start: true });
    await vi.waitFor(() => expect(e.eventLoop.stats().state, 'a connection').toBe('connected'), POLL);
    const limit = 20_000;
    e.eventLoop.throttleWrites(limit);
    expect(e.eventLoop.stats().faults).toEqual({ throttleBytesPerSec: limit, stalledUntil: null });

    const before = e.eventLoop.stats().bytesOut;
    const startedAt = performance.now();
    const payload = Buffer.alloc(1000, 1);
    for (let i = 0; i < 100; i++) expect(e.client.tryPublish('drill/throttle', 0, false, payload).ok).toBe(true);
    // 100 kB behind a 20 kB/s limit: most of it is still queued a moment later.
    await sleep(300);
    expect(e.client.channelStats().depth).toBeGreaterThan(50);
    await vi.waitFor(() => expect(e.eventLoop.stats().bytesOut - before, 'a few throttled writes').toBeGreaterThan(3 * limit / 10), POLL);
    const sent = e.eventLoop.stats().bytesOut - before;
    const elapsedSec = (performance.now() - startedAt) / 1000;
    // Never more than the limit allows for the time that passed (plus the 50 ms burst and one packet).
    expect(sent).toBeLessThanOrEqual(limit * elapsedSec + limit / 20 + 1100);
    expect(e.client.channelStats().depth).toBeGreaterThan(0);

    e.eventLoop.throttleWrites(null);
    expect(e.eventLoop.stats().faults.throttleBytesPerSec).toBeNull();
    await vi.waitFor(() => expect(e.client.channelStats().depth, 'the channel to drain once the limit is lifted').toBe(0), POLL);
    await subscriber.waitFor(100);
    await subscriber.close();
  });

  it('refuses a rate that is not a whole number of bytes above 0', () => {
    const e = engine({ host: '127.0.0.1', port: broker.port }, 10);
    expect(() => e.eventLoop.throttleWrites(0)).toThrow(/bytesPerSecond/);
    expect(() => e.eventLoop.throttleWrites(1.5)).toThrow(/bytesPerSecond/);
  });
});

describe('stallSocket', () => {
  it('stops reading and writing; a stall past the keepalive ends in a keepalive timeout and a reconnect', async () => {
    const e = engine({ host: '127.0.0.1', port: broker.port, keepAlive: 2 }, 100, { start: true });
    await vi.waitFor(() => expect(e.eventLoop.stats().state, 'a connection').toBe('connected'), POLL);
    expect(e.eventLoop.stallSocket(10_000)).toBe(true);
    expect(e.eventLoop.stats().faults.stalledUntil).not.toBeNull();
    const bytesOut = e.eventLoop.stats().bytesOut;
    for (let i = 0; i < 5; i++) e.client.tryPublish('drill/stall', 0, false, 'held');
    await sleep(200);
    expect(e.client.channelStats().depth).toBe(5);
    expect(e.eventLoop.stats().bytesOut).toBe(bytesOut);

    await vi.waitFor(() => expect(e.errors.length, 'the keepalive timeout').toBeGreaterThan(0), POLL);
    expect(e.errors[0]).toMatchObject({ kind: 'protocol', code: 'keepalive-timeout' });
    await vi.waitFor(() => expect(e.eventLoop.stats(), 'the reconnection').toMatchObject({ state: 'connected', reconnects: 1 }), POLL);
    // The stall belonged to the connection that died; the new one is healthy and sends what waited.
    expect(e.eventLoop.stats().faults.stalledUntil).toBeNull();
    await vi.waitFor(() => expect(e.client.channelStats().depth, 'the queued publishes to go out').toBe(0), POLL);
  });

  it('resumes the same connection after a stall shorter than the keepalive, and delivers what was held', async () => {
    const subscriber = await startSubscriber(`mqtt://127.0.0.1:${broker.port}`, 'drill/short', { qos: 1 });
    const e = engine({ host: '127.0.0.1', port: broker.port, keepAlive: 30 }, 100, { start: true });
    await vi.waitFor(() => expect(e.eventLoop.stats().state, 'a connection').toBe('connected'), POLL);
    expect(e.eventLoop.stallSocket(300)).toBe(true);
    const acked = e.client.publish('drill/short', 1, false, 'after the stall');
    await vi.waitFor(() => expect(e.eventLoop.stats().faults.stalledUntil, 'the stall to end').toBeNull(), POLL);
    await acked;
    await subscriber.waitFor(1);
    expect(e.eventLoop.stats()).toMatchObject({ reconnects: 0, state: 'connected' });
    expect(e.errors).toEqual([]);
    await subscriber.close();
  });

  it('has nothing to stall before it is connected', () => {
    const e = engine({ host: '127.0.0.1', port: broker.port }, 10);
    expect(e.eventLoop.stallSocket(1000)).toBe(false);
    expect(e.eventLoop.stats().faults.stalledUntil).toBeNull();
  });
});

describe('dropConnection', () => {
  it('ends the connection with the reason given and reconnects', async () => {
    const e = engine({ host: '127.0.0.1', port: broker.port }, 10, { start: true });
    await vi.waitFor(() => expect(e.eventLoop.stats().state, 'a connection').toBe('connected'), POLL);
    e.eventLoop.dropConnection('dropped by the drill');
    await vi.waitFor(() => expect(e.eventLoop.stats(), 'the reconnection').toMatchObject({ reconnects: 1, state: 'connected' }), POLL);
    expect(e.errors.map((error) => error.message)).toContain('dropped by the drill');
    expect(e.eventLoop.stats().lastError).toMatchObject({ message: 'dropped by the drill' });
  });
});

describe('a slowly polled loop (setPollDelay)', () => {
  it('shows time since the last poll, and the channel grows under load until polling is fast again', async () => {
    const e = engine({ host: '127.0.0.1', port: broker.port }, 100_000, { start: true });
    await vi.waitFor(() => expect(e.eventLoop.stats().state, 'a connection').toBe('connected'), POLL);
    e.runner.setPollDelay(200);
    expect(e.runner.pollDelay).toBe(200);
    await vi.waitFor(() => expect(e.eventLoop.stats().sinceLastPollMs, 'a visible gap between polls').toBeGreaterThanOrEqual(100), POLL);
    // Each poll returns one event, as in rumqttc: a loop that polls five
    // times a second works through a drained batch's events one by one and
    // takes nothing new from the channel meanwhile.
    const depths: number[] = [];
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 500; i++) e.client.tryPublish('drill/slow', 0, false, 'x');
      await sleep(100);
      depths.push(e.client.channelStats().depth);
    }
    expect(depths.at(-1)!).toBeGreaterThan(depths[1]!);
    expect(depths.at(-1)!).toBeGreaterThan(1000);
    e.runner.setPollDelay(0);
    await vi.waitFor(() => expect(e.client.channelStats().depth, 'the channel to drain at full speed').toBe(0), POLL);
  });
});
