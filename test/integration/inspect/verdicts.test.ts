// What Inspect says about clients in trouble, shown with real clients: one stopped while flooded, one that stops pinging, one refused, one that speaks garbage.
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { getFreePorts, startMosquitto, type Mosquitto } from '../../kit/index.js';
import { child, cleanUp, clientById, mqttjs, POLL, proxyTo, urlOf, verdictLog } from './helpers.js';

let broker: Mosquitto;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(() => broker.stop());
afterEach(cleanUp);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a subscriber stopped with SIGSTOP while a flood is delivered to it', () => {
  it('is "not reading" within 2 s, clears after SIGCONT, and the proxy holds a bounded number of bytes throughout', async () => {
    const proxy = await proxyTo(broker);
    const log = verdictLog(proxy);
    const sub = child('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(proxy.address.port), '-t', 'flood/#', '-i', 'stopped-sub'], undefined, { discardOutput: true });
    const watched = await clientById(proxy, 'stopped-sub', (c) => expect(c.subscriptions[0]?.granted).toBe(0));

    // The flood goes straight to the broker; only the subscriber is behind the proxy.
    const flooder = await mqttjs(`mqtt://127.0.0.1:${broker.port}`, { clientId: 'flooder' });
    const payload = Buffer.alloc(1024, 0x61);
    const flood = setInterval(() => {
      for (let i = 0; i < 100; i++) flooder.publish('flood/x', payload, { qos: 0 });
    }, 5);
    let mostWaiting = 0;
    const timeline: string[] = [];
    const watch = setInterval(() => {
      const c = proxy.client(watched.connection)!;
      mostWaiting = Math.max(mostWaiting, c.latest.waitingBytes);
    }, 20);
    try {
      await clientById(proxy, 'stopped-sub', (c) => expect(c.latest.deliveryRate).toBeGreaterThan(1000));
      const stoppedAt = performance.now();
      const stoppedWall = Date.now();
      sub.kill('SIGSTOP');
      timeline.push('0 ms: SIGSTOP');
      await clientById(proxy, 'stopped-sub', (c) => expect(c.verdicts.map((v) => v.id)).toContain('not-reading'));
      const raised = log.find((e) => e.phase === 'raised' && e.verdict.id === 'not-reading')!;
      const firstPause = proxy.history(watched.connection).find((s) => s.t >= stoppedWall && s.unreadMs > 0);
      if (firstPause) timeline.push(`${firstPause.t - stoppedWall} ms: first sample with deliveries waiting on the client (${Math.round(firstPause.unreadMs)} ms)`);
      timeline.push(`${Math.round(raised.at - stoppedAt)} ms: "${raised.verdict.message}"`);
      expect(raised.at - stoppedAt).toBeLessThan(2000);
      expect(raised.verdict.message).toMatch(/^Not reading: deliveries have waited \d+(\.\d)? s/);

      await sleep(2000);
      const waited = proxy.client(watched.connection)!;
      expect(waited.latest.unreadMs).toBeGreaterThan(2000);
      timeline.push(`${Math.round(performance.now() - stoppedAt)} ms: unread ${Math.round(waited.latest.unreadMs)} ms, proxy holds ${waited.latest.waitingBytes} bytes`);

      clearInterval(flood);
      const resumedAt = performance.now();
      sub.kill('SIGCONT');
      timeline.push(`${Math.round(resumedAt - stoppedAt)} ms: SIGCONT`);
      await clientById(proxy, 'stopped-sub', (c) => expect(c.verdicts.map((v) => v.id)).not.toContain('not-reading'));
      const cleared = log.find((e) => e.phase === 'cleared' && e.verdict.id === 'not-reading')!;
      timeline.push(`${Math.round(cleared.at - stoppedAt)} ms: not-reading cleared`);
      expect(proxy.client(watched.connection)!.totals.unreadMs).toBeGreaterThan(2000);
    } finally {
      clearInterval(flood);
      clearInterval(watch);
    }
    // One socket buffer and one chunk at most: the rest waits in the kernel and at the broker, not in the proxy.
    timeline.push(`most bytes the proxy held for the client: ${mostWaiting}`);
    console.log(`SIGSTOP timeline:\n  ${timeline.join('\n  ')}`);
    expect(mostWaiting).toBeLessThanOrEqual(256 * 1024);
  });
});

describe('a client that stops pinging', () => {
  // mosquitto_sub's shortest keepalive is 5 s: the verdict comes after 6.25 s, the broker's drop at 7.5 s.
  it('is "silent" past 1.25 × its keepalive, before the broker drops it at 1.5 ×', { timeout: 40_000 }, async () => {
    const proxy = await proxyTo(broker);
    const log = verdictLog(proxy);
    const sub = child('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(proxy.address.port), '-t', 'quiet', '-i', 'quiet-sub', '-k', '5'], undefined, { discardOutput: true });
    await clientById(proxy, 'quiet-sub', (c) => expect(c.latest.state).toBe('connected'));
    // Let it ping once, so the silence below is the stop's and not the start's.
    await sleep(5500);
    expect(proxy.clients().find((c) => c.identity.clientId === 'quiet-sub')!.verdicts).toEqual([]);
    sub.kill('SIGSTOP');
    const silent = await clientById(proxy, 'quiet-sub', (c) => expect(c.verdicts.map((v) => v.id)).toContain('silent'), 15_000);
    const verdict = log.find((e) => e.verdict.id === 'silent')!.verdict;
    expect(verdict.params).toMatchObject({ keepAliveSec: 5 });
    const times = (verdict.params as { times: number }).times;
    expect(times).toBeGreaterThan(1.25);
    expect(times).toBeLessThan(1.5);
    expect(verdict.message).toMatch(/^Silent for 1\.\d × keepalive/);
    // mosquitto enforces the keepalive: the connection ends, from the broker's side, and the live verdict goes with it.
    const ended = await clientById(proxy, 'quiet-sub', (c) => expect(c.closedAt).not.toBeNull(), 15_000);
    expect(ended.ending).toMatchObject({ by: 'broker', clean: false });
    expect(ended.connection).toBe(silent.connection);
  });
});

describe('a broker that refuses the CONNECT', () => {
  let strict: Mosquitto;
  beforeAll(async () => {
    strict = await startMosquitto({ extraConfig: ['allow_anonymous false'] });
  });
  afterAll(() => strict.stop());

  it('shows the refusal and its reason', async () => {
    const proxy = await proxyTo(strict);
    await expect(mqtt.connectAsync(urlOf(proxy), { clientId: 'turned-away', reconnectPeriod: 0 })).rejects.toThrow(/Not authorized/i);
    const refused = await clientById(proxy, 'turned-away', (c) => expect(c.closedAt).not.toBeNull());
    expect(refused.latest.state).toBe('refused');
    expect(refused.grant).toMatchObject({ reasonCode: 5, reason: 'not authorized' });
    expect(refused.verdicts.map((v) => v.id)).toEqual(['refused']);
    expect(refused.verdicts[0]!.message).toBe("The broker refused the connection: not authorized (0x05). Check the client id, the credentials and the broker's access rules.");
  });
});

describe('a garbage stream', () => {
  it('is forwarded and counted as unparsed, and the proxy goes on serving MQTT clients', async () => {
    const proxy = await proxyTo(broker);
    const garbage = Buffer.concat([Buffer.from('GET /mqtt HTTP/1.1\r\nHost: localhost\r\n\r\n'), Buffer.alloc(3000, 0xfe)]);
    const socket = connect(proxy.address.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.on('error', () => {});
    socket.write(garbage);
    await new Promise((resolve) => socket.once('close', resolve));
    let seen = proxy.clients()[0]!;
    await expect.poll(() => (seen = proxy.clients()[0]!).closedAt, POLL).not.toBeNull();
    // mosquitto may close before reading it all, but whatever reached the proxy was forwarded and counted.
    expect(seen.totals.bytesUp).toBeGreaterThan(0);
    expect(seen.totals.unparsedUp).toBe(seen.totals.bytesUp);
    expect(seen.verdicts.map((v) => v.id)).toEqual(['unparsed']);
    expect(seen.verdicts[0]!.message).toMatch(/could not be read as MQTT \(client stream: the stream did not open with CONNECT/);

    const fine = await mqttjs(urlOf(proxy), { clientId: 'after-garbage' });
    await fine.publishAsync('after/garbage', 'ok', { qos: 1 });
    await clientById(proxy, 'after-garbage', (c) => expect(c.totals.publishes).toEqual([0, 1, 0]));
  });
});

describe('an upstream broker that cannot be reached', () => {
  it('closes the client and says why, counting the failure', async () => {
    const [nothing] = await getFreePorts(1);
    const proxy = await proxyTo({ port: nothing! });
    const pub = child('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(proxy.address.port), '-t', 'x', '-m', 'y', '-i', 'nowhere']);
    await expect(pub.output).rejects.toThrow(/mosquitto_pub exited with [1-9]/);
    await expect.poll(() => proxy.counters.upstreamFailures, POLL).toBe(1);
    const [seen] = proxy.clients();
    expect(seen!.ending).toMatchObject({ by: 'proxy', clean: false });
    expect(seen!.ending!.reason).toMatch(new RegExp(`^the broker at mqtt://127\\.0\\.0\\.1:${nothing} could not be reached: .*refused`));
  });
});

describe('a client id that keeps reconnecting', () => {
  it('is a reconnect loop on the third connection within a minute', async () => {
    const proxy = await proxyTo(broker);
    for (let i = 0; i < 3; i++) {
      const c = await mqttjs(urlOf(proxy), { clientId: 'flapper' });
      await clientById(proxy, 'flapper', () => expect(proxy.clients().filter((x) => x.identity.clientId === 'flapper')).toHaveLength(i + 1));
      await sleep(150);
      await c.endAsync();
    }
    const third = proxy.clients().filter((c) => c.identity.clientId === 'flapper').sort((a, b) => b.connection - a.connection)[0]!;
    expect(third.connectsLastMinute).toBe(3);
    expect(third.verdicts.map((v) => v.id)).toContain('reconnect-loop');
  });
});
