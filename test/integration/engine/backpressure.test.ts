// The seed's core case against a real mosquitto: with nothing polling, the
// channel fills to `cap`, tryPublish fails at once and is counted, publish()
// waits; once polling starts everything accepted reaches a real subscriber.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMosquitto, startSubscriber, type Mosquitto } from '../../kit/index.js';
import { closeAllEngines, engine, isPending, POLL } from './helpers.js';

let broker: Mosquitto;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(() => broker.stop());
afterEach(closeAllEngines);

const url = () => `mqtt://127.0.0.1:${broker.port}`;

describe.each([0, 1, 2] as const)('with nothing polling, QoS %i', (qos) => {
  it('accepts cap requests, fails the next tryPublish at once, keeps publish() waiting, then delivers everything once polled', async () => {
    const cap = 25;
    const topic = `core/${qos}`;
    const subscriber = await startSubscriber(url(), topic, { qos: 2 });
    const e = engine({ host: '127.0.0.1', port: broker.port }, cap);

    for (let i = 0; i < cap; i++) expect(e.client.tryPublish(topic, qos, false, `m${i}`)).toEqual({ ok: true });
    expect(e.client.tryPublish(topic, qos, false, 'overflow')).toEqual({ ok: false, error: 'full' });
    const waiting = e.client.publish(topic, qos, false, `m${cap}`);
    expect(await isPending(waiting)).toBe(true);

    const stats = e.client.channelStats();
    expect(stats).toMatchObject({ capacity: cap, depth: cap, highWater: cap, accepted: cap, failedTryPublish: 1, waitingSenders: 1 });
    // Nothing left: the loop was never polled, so it never even connected.
    expect(e.eventLoop.stats()).toMatchObject({ state: 'disconnected', requestsWritten: 0, connectAttempts: 0 });

    e.runner.start();
    await expect(waiting).resolves.toBe('queued');
    await subscriber.waitFor(cap + 1);
    expect(subscriber.messages.map((m) => m.payload.toString())).toEqual(Array.from({ length: cap + 1 }, (_, i) => `m${i}`));
    await vi.waitFor(() => expect(e.client.channelStats().depth, 'the channel to drain').toBe(0), POLL);
    expect(e.client.channelStats()).toMatchObject({ accepted: cap + 1, failedTryPublish: 1, droppedOldest: 0, droppedNewest: 0 });
    await subscriber.close();
  });
});

describe('waiting publishers', () => {
  it('are served in FIFO order as the loop frees room', async () => {
    const subscriber = await startSubscriber(url(), 'fifo', { qos: 1 });
    const e = engine({ host: '127.0.0.1', port: broker.port }, 1);
    e.client.tryPublish('fifo', 1, false, 'first');
    const order: number[] = [];
    const waits = Array.from({ length: 20 }, (_, i) => e.client.publish('fifo', 1, false, `w${i}`).then(() => order.push(i)));
    expect(e.client.channelStats().waitingSenders).toBe(20);
    e.runner.start();
    await Promise.all(waits);
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
    await subscriber.waitFor(21);
    expect(subscriber.messages.map((m) => m.payload.toString())).toEqual(['first', ...Array.from({ length: 20 }, (_, i) => `w${i}`)]);
    await subscriber.close();
  });

  it('are rejected with closed, not full, when the client closes', async () => {
    const e = engine({ host: '127.0.0.1', port: broker.port }, 1);
    e.client.tryPublish('closing', 0, false, 'x');
    const waiting = e.client.publish('closing', 0, false, 'y');
    e.eventLoop.close();
    await expect(waiting).rejects.toMatchObject({ kind: 'closed', code: 'closed' });
    expect(e.client.tryPublish('closing', 0, false, 'z')).toEqual({ ok: false, error: 'closed' });
    // The queued request that never left is counted, not lost silently.
    expect(e.client.channelStats()).toMatchObject({ discarded: 1, depth: 0 });
  });
});

describe('a paused runner', () => {
  it('stalls the loop: the channel fills while paused and drains on resume', async () => {
    const subscriber = await startSubscriber(url(), 'stall', { qos: 1 });
    const e = engine({ host: '127.0.0.1', port: broker.port }, 50, { start: true });
    await vi.waitFor(() => expect(e.eventLoop.stats().state, 'the first connection').toBe('connected'), POLL);
    e.runner.pause();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const written = e.eventLoop.stats().requestsWritten;
    let failed = 0;
    for (let i = 0; i < 80; i++) if (!e.client.tryPublish('stall', 1, false, `s${i}`).ok) failed++;
    expect(failed).toBe(30);
    expect(e.client.channelStats()).toMatchObject({ depth: 50, failedTryPublish: 30 });
    expect(e.eventLoop.stats().requestsWritten).toBe(written);
    e.runner.resume();
    await subscriber.waitFor(50);
    await vi.waitFor(() => expect(e.client.channelStats().depth, 'the channel to drain after resume').toBe(0), POLL);
    await subscriber.close();
  });
});

describe('disconnect', () => {
  it('sends what was queued before the DISCONNECT, then refuses new requests with closed', async () => {
    const subscriber = await startSubscriber(url(), 'bye', { qos: 1 });
    const e = engine({ host: '127.0.0.1', port: broker.port }, 100);
    for (let i = 0; i < 10; i++) e.client.tryPublish('bye', 1, false, `b${i}`);
    const done = e.client.disconnect();
    expect(e.client.tryPublish('bye', 0, false, 'late')).toEqual({ ok: false, error: 'closed' });
    e.runner.start();
    await done;
    await subscriber.waitFor(10);
    await vi.waitFor(() => expect(e.runner.active, 'the runner to stop after the disconnect').toBe(false), POLL);
    expect(e.errors.at(-1)).toMatchObject({ kind: 'connection', code: 'disconnected' });
    await subscriber.close();
  });
});

describe('close()', () => {
  it('ends a poll that is waiting for work, with disconnected, instead of leaving it hanging', async () => {
    const e = engine({ host: '127.0.0.1', port: broker.port }, 10);
    await e.eventLoop.poll(); // the CONNACK
    const waiting = e.eventLoop.poll();
    expect(await isPending(waiting)).toBe(true);
    e.eventLoop.close();
    await expect(waiting).rejects.toMatchObject({ kind: 'connection', code: 'disconnected' });
    // Closing is not a failure: nothing to report as the last error, no reconnect scheduled.
    expect(e.eventLoop.stats()).toMatchObject({ lastError: null, nextConnectAt: 0 });
  });
});
