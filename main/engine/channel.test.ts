// Unit tests of the request channel: FIFO order, capacity, the overflow policies, waiters, closing and the counters.
import { describe, expect, it, vi } from 'vitest';
import { MAX_CAPACITY, OVERFLOW_POLICIES, RequestChannel, type OverflowPolicy, type SendOutcome } from './channel.js';
import { ChannelClosedError, InvalidArgumentError } from './errors.js';
import type { PublishFailure, PublishRequest, Request, SubscribeRequest } from './requests.js';
import { prng } from '../../test/kit/prng.js';

// ---- helpers ----------------------------------------------------------------

function publish(topic = 't', extra: Partial<PublishRequest> = {}): PublishRequest {
  return { kind: 'publish', topic, qos: 0, retain: false, payload: topic, seq: 0, ...extra };
}

/** A publish whose receipt records every failure it is told about. */
function tracked(topic: string, qos: 0 | 1 | 2 = 0): PublishRequest & { failures: PublishFailure[] } {
  const failures: PublishFailure[] = [];
  const request = publish(topic, { qos, receipt: { onFailed: (reason) => failures.push(reason) } });
  return Object.assign(request, { failures });
}

function subscribe(topic = 'f/#'): SubscribeRequest {
  return { kind: 'subscribe', subscriptions: [{ topic, qos: 0 }], seq: 0 };
}

/** Follows a promise so a test can see, after a flush, whether and how it settled. */
function watch<T>(promise: Promise<T>): { settled: boolean; value: T | undefined; error: unknown } {
  const w = { settled: false, value: undefined as T | undefined, error: undefined as unknown };
  promise.then(
    (value) => {
      w.settled = true;
      w.value = value;
    },
    (error: unknown) => {
      w.settled = true;
      w.error = error;
    },
  );
  return w;
}

/** Lets every pending promise callback run. */
function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function topicOf(request: Request | undefined): string {
  if (!request) return '(empty)';
  return request.kind === 'publish' ? request.topic : `${request.kind}`;
}

function recvAll(channel: RequestChannel): string[] {
  const topics: string[] = [];
  for (let r = channel.recv(); r; r = channel.recv()) topics.push(topicOf(r));
  return topics;
}

function fill(channel: RequestChannel, count: number, prefix = 'p'): void {
  for (let i = 1; i <= count; i++) expect(channel.trySend(publish(`${prefix}${i}`))).toBe('ok');
}

// ---- block ------------------------------------------------------------------

describe('RequestChannel under block', () => {
  it('accepts cap requests, then trySend reports full and counts a failed tryPublish', () => {
    const channel = new RequestChannel(3);
    fill(channel, 3);
    expect(channel.trySend(publish('p4'))).toBe('full');
    expect(channel.trySend(publish('p5'))).toBe('full');
    const stats = channel.stats();
    expect(stats.depth).toBe(3);
    expect(stats.accepted).toBe(3);
    expect(stats.failedTryPublish).toBe(2);
    expect(stats.droppedOldest + stats.droppedNewest).toBe(0);
    expect(recvAll(channel)).toEqual(['p1', 'p2', 'p3']);
  });

  it('send waits while the channel is full and waiting senders are admitted in FIFO order as recv frees room', async () => {
    const channel = new RequestChannel(2);
    fill(channel, 2);
    const waits = ['w1', 'w2', 'w3'].map((topic) => ({ topic, w: watch(channel.send(publish(topic))) }));
    await flush();
    expect(waits.every(({ w }) => !w.settled)).toBe(true);
    expect(channel.stats().waitingSenders).toBe(3);
    // A non-waiting send cannot jump the queue of waiting senders.
    expect(channel.trySend(publish('late'))).toBe('full');

    expect(topicOf(channel.recv())).toBe('p1');
    await flush();
    expect(waits.map(({ w }) => w.settled)).toEqual([true, false, false]);
    expect(waits[0]!.w.value).toBe<SendOutcome>('queued');
    expect(channel.stats().waitingSenders).toBe(2);
    expect(channel.depth).toBe(2);

    expect(recvAll(channel)).toEqual(['p2', 'w1', 'w2', 'w3']);
    await flush();
    expect(waits.every(({ w }) => w.settled && w.value === 'queued')).toBe(true);
    const stats = channel.stats();
    expect(stats.waitingSenders).toBe(0);
    expect(stats.accepted).toBe(5);
    expect(stats.failedTryPublish).toBe(1);
  });

  it('a send that finds room resolves queued at once', async () => {
    const channel = new RequestChannel(1);
    await expect(channel.send(publish('a'))).resolves.toBe('queued');
    expect(channel.depth).toBe(1);
  });

  it('the high-water mark records the deepest the channel has been, and resetHighWater restarts it from the current depth', () => {
    const channel = new RequestChannel(10);
    fill(channel, 7);
    channel.recv();
    channel.recv();
    expect(channel.stats().highWater).toBe(7);
    expect(channel.stats().depth).toBe(5);
    channel.resetHighWater();
    expect(channel.stats().highWater).toBe(5);
    channel.trySend(publish('x'));
    expect(channel.stats().highWater).toBe(6);
  });

  it('QoS 0 publishes obey the same capacity as QoS 1 and 2', async () => {
    const channel = new RequestChannel(2);
    expect(channel.trySend(publish('q1', { qos: 1 }))).toBe('ok');
    expect(channel.trySend(publish('q2', { qos: 2 }))).toBe('ok');
    expect(channel.trySend(publish('q0', { qos: 0 }))).toBe('full');
    const waiting = watch(channel.send(publish('q0-wait', { qos: 0 })));
    await flush();
    expect(waiting.settled).toBe(false);
    expect(channel.stats().failedTryPublish).toBe(1);
    expect(recvAll(channel)).toEqual(['q1', 'q2', 'q0-wait']);
  });

  it('publishes and control requests come out in the order they went in', () => {
    const channel = new RequestChannel(10);
    channel.trySend(publish('p1'));
    channel.trySend(subscribe());
    channel.trySend(publish('p2'));
    channel.trySend({ kind: 'unsubscribe', topics: ['f/#'], seq: 0 });
    channel.trySend({ kind: 'disconnect', seq: 0 });
    expect(topicOf(channel.peek())).toBe('p1');
    expect(recvAll(channel)).toEqual(['p1', 'subscribe', 'p2', 'unsubscribe', 'disconnect']);
    expect(channel.recv()).toBeUndefined();
    expect(channel.peek()).toBeUndefined();
  });

  it('stamps each request with its enqueue time when a clock is given, taken once as it leaves', () => {
    let now = 1000;
    const channel = new RequestChannel(5, 'block', () => now);
    const first = publish('a');
    channel.trySend(first);
    now = 1250;
    const second = subscribe();
    channel.trySend(second);
    expect(channel.recv()).toBe(first);
    expect(channel.takeEnqueuedAt(first.seq)).toBe(1000);
    expect(channel.takeEnqueuedAt(first.seq)).toBe(0);
    expect(channel.recv()).toBe(second);
    expect(channel.takeEnqueuedAt(second.seq)).toBe(1250);
  });

  it('with latency sampled on one request in 4, only those carry a stamp, and an evicted one is passed over', () => {
    let now = 0;
    const channel = new RequestChannel(3, 'drop-oldest', () => ++now);
    channel.setLatencySampling(4);
    const sent = Array.from({ length: 9 }, (_, i) => publish(`m${i}`));
    for (const request of sent) channel.trySend(request);
    // Capacity 3 under drop-oldest: m0..m5 were evicted; seqs 1..9, stamped where seq % 4 === 0 (m3 at 1, m7 at 2).
    const left = [channel.recv(), channel.recv(), channel.recv()] as PublishRequest[];
    expect(left.map((r) => r.topic)).toEqual(['m6', 'm7', 'm8']);
    expect(left.map((r) => channel.takeEnqueuedAt(r.seq))).toEqual([0, 2, 0]);
  });
});

// ---- drop-oldest --------------------------------------------------------------

describe('RequestChannel under drop-oldest', () => {
  it('drop-oldest evicts the oldest publish and accepts the new one', async () => {
    const channel = new RequestChannel(3, 'drop-oldest');
    const queued = [tracked('p1'), tracked('p2'), tracked('p3')];
    for (const request of queued) expect(channel.trySend(request)).toBe('ok');
    const newcomer = tracked('p4');
    expect(channel.trySend(newcomer)).toBe('ok');
    expect(queued[0]!.failures).toEqual(['dropped']);
    expect(queued[1]!.failures).toEqual([]);
    expect(newcomer.failures).toEqual([]);
    // send() does not wait either: it evicts and resolves queued.
    await expect(channel.send(tracked('p5'))).resolves.toBe('queued');
    expect(queued[1]!.failures).toEqual(['dropped']);

    const stats = channel.stats();
    expect(stats.depth).toBe(3);
    expect(stats.droppedOldest).toBe(2);
    expect(stats.droppedNewest).toBe(0);
    expect(stats.failedTryPublish).toBe(0);
    expect(stats.waitingSenders).toBe(0);
    expect(stats.accepted).toBe(5);
    expect(recvAll(channel)).toEqual(['p3', 'p4', 'p5']);
  });

  it('drop-oldest never evicts a control request at the head; it evicts the oldest publish behind it', () => {
    const channel = new RequestChannel(3, 'drop-oldest');
    channel.trySend(subscribe());
    const p1 = tracked('p1');
    channel.trySend(p1);
    channel.trySend(publish('p2'));
    expect(channel.trySend(publish('p3'))).toBe('ok');
    expect(p1.failures).toEqual(['dropped']);
    expect(channel.stats().droppedOldest).toBe(1);
    expect(recvAll(channel)).toEqual(['subscribe', 'p2', 'p3']);
  });

  it('drop-oldest with only control requests queued drops the new publish and counts it as droppedNewest', async () => {
    const channel = new RequestChannel(2, 'drop-oldest');
    channel.trySend(subscribe('a'));
    channel.trySend(subscribe('b'));
    const refused = tracked('p1');
    expect(channel.trySend(refused)).toBe('dropped');
    expect(refused.failures).toEqual(['dropped']);
    await expect(channel.send(publish('p2'))).resolves.toBe('dropped');
    const stats = channel.stats();
    expect(stats.droppedNewest).toBe(2);
    expect(stats.droppedOldest).toBe(0);
    expect(stats.depth).toBe(2);
    expect(stats.waitingSenders).toBe(0);
    expect(recvAll(channel)).toEqual(['subscribe', 'subscribe']);
  });
});

// ---- drop-newest --------------------------------------------------------------

describe('RequestChannel under drop-newest', () => {
  it('drop-newest refuses the new publish: trySend reports dropped, send resolves dropped, both counted', async () => {
    const channel = new RequestChannel(2, 'drop-newest');
    const kept = [tracked('p1'), tracked('p2')];
    for (const request of kept) channel.trySend(request);
    const refusedTry = tracked('p3');
    const refusedSend = tracked('p4');
    expect(channel.trySend(refusedTry)).toBe('dropped');
    await expect(channel.send(refusedSend)).resolves.toBe('dropped');
    expect(refusedTry.failures).toEqual(['dropped']);
    expect(refusedSend.failures).toEqual(['dropped']);
    expect(kept.every((r) => r.failures.length === 0)).toBe(true);
    const stats = channel.stats();
    expect(stats.droppedNewest).toBe(2);
    expect(stats.droppedOldest).toBe(0);
    expect(stats.failedTryPublish).toBe(0);
    expect(stats.waitingSenders).toBe(0);
    expect(stats.accepted).toBe(2);
    expect(recvAll(channel)).toEqual(['p1', 'p2']);
  });
});

// ---- control requests -----------------------------------------------------------

describe('RequestChannel and control requests', () => {
  it.each<OverflowPolicy>(['drop-oldest', 'drop-newest'])(
    'control requests are never dropped under %s: send waits for room and trySend reports full',
    async (policy) => {
      const channel = new RequestChannel(2, policy);
      fill(channel, 2);
      expect(channel.trySend(subscribe('try'))).toBe('full');
      const waiting = watch(channel.send(subscribe('wait')));
      const disconnect = watch(channel.send({ kind: 'disconnect', seq: 0 }));
      await flush();
      expect(waiting.settled).toBe(false);
      expect(disconnect.settled).toBe(false);
      let stats = channel.stats();
      expect(stats.failedTryControl).toBe(1);
      expect(stats.failedTryPublish).toBe(0);
      expect(stats.waitingSenders).toBe(2);
      expect(stats.droppedOldest + stats.droppedNewest).toBe(0);

      expect(recvAll(channel)).toEqual(['p1', 'p2', 'subscribe', 'disconnect']);
      await flush();
      expect(waiting.value).toBe('queued');
      expect(disconnect.value).toBe('queued');
      stats = channel.stats();
      expect(stats.droppedOldest + stats.droppedNewest).toBe(0);
      expect(stats.accepted).toBe(4);
    },
  );

  it('a full channel under block refuses a trySubscribe as a failed control, not a failed publish', () => {
    const channel = new RequestChannel(1);
    fill(channel, 1);
    expect(channel.trySend(subscribe())).toBe('full');
    expect(channel.stats().failedTryControl).toBe(1);
    expect(channel.stats().failedTryPublish).toBe(0);
  });
});

// ---- live capacity ----------------------------------------------------------------

describe('RequestChannel capacity changed live', () => {
  it('growing the capacity admits waiting senders at once, in order', async () => {
    const channel = new RequestChannel(1);
    fill(channel, 1);
    const w1 = watch(channel.send(publish('w1')));
    const w2 = watch(channel.send(subscribe()));
    const w3 = watch(channel.send(publish('w3')));
    channel.setCapacity(3);
    expect(channel.depth).toBe(3);
    expect(channel.stats().waitingSenders).toBe(1);
    await flush();
    expect([w1.value, w2.value, w3.settled]).toEqual(['queued', 'queued', false]);
    channel.setCapacity(10);
    await flush();
    expect(w3.value).toBe('queued');
    expect(recvAll(channel)).toEqual(['p1', 'w1', 'subscribe', 'w3']);
  });

  it('shrinking the capacity under block drops nothing; new requests wait or fail until depth is below the new capacity', async () => {
    const channel = new RequestChannel(4);
    fill(channel, 4);
    channel.setCapacity(2);
    let stats = channel.stats();
    expect(stats.capacity).toBe(2);
    expect(stats.depth).toBe(4);
    expect(stats.droppedOldest + stats.droppedNewest + stats.discarded).toBe(0);
    expect(channel.trySend(publish('try'))).toBe('full');
    const waiting = watch(channel.send(publish('wait')));

    expect(topicOf(channel.recv())).toBe('p1'); // depth 3
    expect(topicOf(channel.recv())).toBe('p2'); // depth 2 == capacity: still no room
    await flush();
    expect(waiting.settled).toBe(false);
    expect(channel.trySend(publish('try2'))).toBe('full');

    expect(topicOf(channel.recv())).toBe('p3'); // depth 1 < 2: the waiter gets in
    await flush();
    expect(waiting.value).toBe('queued');
    expect(recvAll(channel)).toEqual(['p4', 'wait']);
    stats = channel.stats();
    expect(stats.failedTryPublish).toBe(2);
    expect(stats.droppedOldest + stats.droppedNewest).toBe(0);
  });

  it('shrinking the capacity under drop-newest keeps what is queued and drops only new publishes', () => {
    const channel = new RequestChannel(4, 'drop-newest');
    fill(channel, 4);
    channel.setCapacity(2);
    expect(channel.depth).toBe(4);
    expect(channel.stats().droppedNewest).toBe(0);
    expect(channel.trySend(publish('new'))).toBe('dropped');
    expect(channel.stats().droppedNewest).toBe(1);
    expect(recvAll(channel)).toEqual(['p1', 'p2', 'p3', 'p4']);
  });

  it('shrinking the capacity under drop-oldest evicts the oldest publishes beyond it and counts them', () => {
    const channel = new RequestChannel(5, 'drop-oldest');
    const p1 = tracked('p1');
    channel.trySend(p1);
    channel.trySend(subscribe());
    const p2 = tracked('p2');
    const p3 = tracked('p3');
    const p4 = tracked('p4');
    for (const request of [p2, p3, p4]) channel.trySend(request);
    channel.setCapacity(2);
    const stats = channel.stats();
    expect(stats.depth).toBe(2);
    expect(stats.droppedOldest).toBe(3);
    expect([p1, p2, p3, p4].map((r) => r.failures)).toEqual([['dropped'], ['dropped'], ['dropped'], []]);
    expect(recvAll(channel)).toEqual(['subscribe', 'p4']);
  });
});

// ---- live policy ----------------------------------------------------------------

describe('RequestChannel policy changed live', () => {
  it('switching block → drop-newest settles waiting publishes as dropped and counts them; waiting controls keep waiting', async () => {
    const channel = new RequestChannel(2);
    fill(channel, 2);
    const w1 = tracked('w1');
    const wp1 = watch(channel.send(w1));
    const ws = watch(channel.send(subscribe()));
    const w2 = tracked('w2');
    const wp2 = watch(channel.send(w2));
    channel.setPolicy('drop-newest');
    await flush();
    expect(wp1.value).toBe('dropped');
    expect(wp2.value).toBe('dropped');
    expect(w1.failures).toEqual(['dropped']);
    expect(w2.failures).toEqual(['dropped']);
    expect(ws.settled).toBe(false);
    const stats = channel.stats();
    expect(stats.policy).toBe('drop-newest');
    expect(stats.droppedNewest).toBe(2);
    expect(stats.waitingSenders).toBe(1);
    expect(recvAll(channel)).toEqual(['p1', 'p2', 'subscribe']);
    await flush();
    expect(ws.value).toBe('queued');
  });

  it('switching block → drop-oldest admits waiting publishes by evicting the oldest queued ones', async () => {
    const channel = new RequestChannel(2);
    const p1 = tracked('p1');
    const p2 = tracked('p2');
    channel.trySend(p1);
    channel.trySend(p2);
    const w1 = watch(channel.send(publish('w1')));
    const w2 = watch(channel.send(publish('w2')));
    channel.setPolicy('drop-oldest');
    await flush();
    expect(w1.value).toBe('queued');
    expect(w2.value).toBe('queued');
    expect(p1.failures).toEqual(['dropped']);
    expect(p2.failures).toEqual(['dropped']);
    const stats = channel.stats();
    expect(stats.droppedOldest).toBe(2);
    expect(stats.waitingSenders).toBe(0);
    expect(stats.depth).toBe(2);
    expect(recvAll(channel)).toEqual(['w1', 'w2']);
  });

  it('switching to drop-oldest while over capacity after a shrink evicts the excess', () => {
    const channel = new RequestChannel(4);
    fill(channel, 4);
    channel.setCapacity(1);
    expect(channel.depth).toBe(4);
    channel.setPolicy('drop-oldest');
    expect(channel.depth).toBe(1);
    expect(channel.stats().droppedOldest).toBe(3);
    expect(recvAll(channel)).toEqual(['p4']);
  });
});

// ---- close ------------------------------------------------------------------------

describe('RequestChannel close', () => {
  it('close rejects waiting senders with ChannelClosedError and refuses new requests with closed, distinct from full', async () => {
    const channel = new RequestChannel(1);
    fill(channel, 1);
    expect(channel.trySend(publish('before'))).toBe('full');
    const waiting = watch(channel.send(publish('w')));
    channel.close();
    await flush();
    expect(waiting.error).toBeInstanceOf(ChannelClosedError);
    expect((waiting.error as ChannelClosedError).kind).toBe('closed');
    expect(channel.trySend(publish('after'))).toBe('closed');
    expect(channel.trySend(subscribe())).toBe('closed');
    await expect(channel.send(publish('after'))).rejects.toMatchObject({ kind: 'closed', code: 'closed' });
    const stats = channel.stats();
    expect(stats.closed).toBe(true);
    expect(channel.isClosed).toBe(true);
    expect(stats.failedTryPublish).toBe(1); // 'closed' is not counted as a full channel
    expect(stats.failedTryControl).toBe(0);
    expect(stats.waitingSenders).toBe(0);
    // A graceful close leaves what was accepted for the event loop to drain.
    expect(stats.discarded).toBe(0);
    expect(recvAll(channel)).toEqual(['p1']);
  });

  it('close(true) throws away what is queued, counts it as discarded and tells each publish receipt', () => {
    const channel = new RequestChannel(5);
    const p1 = tracked('p1');
    const p2 = tracked('p2');
    channel.trySend(p1);
    channel.trySend(subscribe());
    channel.trySend(p2);
    channel.recv(); // p1 is out already
    channel.close(true);
    const stats = channel.stats();
    expect(stats.discarded).toBe(2);
    expect(stats.depth).toBe(0);
    expect(p1.failures).toEqual([]);
    expect(p2.failures).toEqual(['closed']);
    expect(channel.recv()).toBeUndefined();
    expect(stats.accepted).toBe(1 + stats.discarded + stats.depth + stats.droppedOldest);
  });
});

// ---- invariants under random load ------------------------------------------------


interface Sent {
  request: Request;
  failures: PublishFailure[];
  received: boolean;
  via: 'try' | 'send';
  tryResult?: string;
  outcome?: Promise<SendOutcome>;
}

describe('RequestChannel invariants', () => {
  it.each([1, 7, 42, 2024])(
    'every accepted request is received, evicted, discarded or still queued, and depth never grows past capacity (seed %i)',
    async (seed) => {
      const random = prng(seed);
      let clockTick = 0;
      const channel = new RequestChannel(1 + Math.floor(random() * 6), 'block', () => ++clockTick);
      const all: Sent[] = [];
      // A request's seq is set, from 1 up, when it enters the channel: it tells the test, synchronously, which did.
      const entered = (s: Sent) => s.request.seq > 0;
      const evicted = (s: Sent) => entered(s) && s.failures.includes('dropped');
      let received = 0;
      let lastSeq = -1;
      let failedTryPublish = 0;
      let failedTryControl = 0;

      const make = (kind: 'publish' | 'control'): Sent => {
        const sent: Sent = { request: subscribe(), failures: [], received: false, via: 'try' };
        if (kind === 'publish') {
          sent.request = publish(`m${all.length}`, {
            qos: (all.length % 3) as 0 | 1 | 2,
            receipt: { onFailed: (reason) => sent.failures.push(reason) },
          });
        }
        all.push(sent);
        return sent;
      };

      for (let step = 0; step < 3000; step++) {
        const depthBefore = channel.depth;
        const r = random();
        let op: string;
        if (r < 0.4) {
          const sent = make(r < 0.3 ? 'publish' : 'control');
          sent.tryResult = channel.trySend(sent.request);
          op = `trySend ${sent.request.kind} → ${sent.tryResult}`;
          if (sent.tryResult === 'full') {
            if (sent.request.kind === 'publish') failedTryPublish++;
            else failedTryControl++;
          }
        } else if (r < 0.6) {
          const sent = make(r < 0.55 ? 'publish' : 'control');
          sent.via = 'send';
          sent.outcome = channel.send(sent.request);
          op = `send ${sent.request.kind}`;
        } else if (r < 0.9) {
          const next = channel.recv();
          op = 'recv';
          if (next) {
            const sent = all.find((s) => s.request === next)!;
            expect(sent.received, `step ${step}: received twice`).toBe(false);
            expect(evicted(sent), `step ${step}: an evicted publish came out of recv`).toBe(false);
            expect(next.seq, `step ${step}: recv out of FIFO order`).toBeGreaterThan(lastSeq);
            lastSeq = next.seq;
            sent.received = true;
            received++;
          }
        } else if (r < 0.96) {
          const capacity = 1 + Math.floor(random() * 8);
          channel.setCapacity(capacity);
          op = `setCapacity ${capacity}`;
        } else {
          const policy = OVERFLOW_POLICIES[Math.floor(random() * OVERFLOW_POLICIES.length)]!;
          channel.setPolicy(policy);
          op = `setPolicy ${policy}`;
        }

        const s = channel.stats();
        const where = `seed ${seed} step ${step} (${op})`;
        expect(s.accepted, where).toBe(received + s.droppedOldest + s.discarded + s.depth);
        expect(s.depth, where).toBe(channel.depth);
        if (s.depth > s.capacity) {
          // Only a shrink can leave the channel over capacity; nothing is ever added past it.
          expect(s.depth, where).toBeLessThanOrEqual(depthBefore);
          if (s.policy === 'drop-oldest') {
            const queuedPublishes = all.filter((x) => x.request.kind === 'publish' && entered(x) && !x.received && !evicted(x));
            expect(queuedPublishes.length, `${where}: drop-oldest left publishes above capacity`).toBe(0);
          }
        }
        if (s.waitingSenders > 0) expect(s.depth, `${where}: a sender waits while there is room`).toBeGreaterThanOrEqual(s.capacity);
        const waiting = all.filter((x) => x.via === 'send' && !entered(x) && x.failures.length === 0);
        expect(s.waitingSenders, where).toBe(waiting.length);
        if (s.policy !== 'block') {
          expect(waiting.every((x) => x.request.kind !== 'publish'), `${where}: a publish waits under ${s.policy}`).toBe(true);
        }
        expect(s.failedTryPublish, where).toBe(failedTryPublish);
        expect(s.failedTryControl, where).toBe(failedTryControl);
      }

      const queuedAtClose = all.filter((x) => entered(x) && !x.received && !evicted(x)).length;
      channel.close(true);
      const outcomes = await Promise.allSettled(all.map((x) => x.outcome ?? Promise.resolve(undefined)));
      const s = channel.stats();
      expect(s.discarded).toBe(queuedAtClose);
      expect(s.accepted).toBe(received + s.droppedOldest + s.discarded);
      expect(s.droppedOldest).toBe(all.filter(evicted).length);
      expect(s.droppedNewest).toBe(all.filter((x) => !entered(x) && x.failures.includes('dropped')).length);
      all.forEach((x, i) => {
        expect(x.failures.length, `request ${i} was told more than one failure`).toBeLessThanOrEqual(1);
        if (x.via !== 'send') return;
        const outcome = outcomes[i]!;
        if (entered(x)) expect(outcome).toEqual({ status: 'fulfilled', value: 'queued' });
        else if (x.failures.includes('dropped')) expect(outcome).toEqual({ status: 'fulfilled', value: 'dropped' });
        else {
          expect(outcome.status).toBe('rejected');
          expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(ChannelClosedError);
        }
      });
      // The sequence must actually have exercised the interesting paths.
      expect(s.droppedOldest).toBeGreaterThan(0);
      expect(s.droppedNewest).toBeGreaterThan(0);
      expect(failedTryPublish).toBeGreaterThan(0);
      expect(received).toBeGreaterThan(100);
    },
  );
});

// ---- bad arguments ------------------------------------------------------------------

describe('RequestChannel bad arguments', () => {
  it.each([0, -1, 1.5, Number.NaN, 10_000_001])('a capacity of %s is refused with invalid-capacity and changes nothing', (capacity) => {
    expect(() => new RequestChannel(capacity)).toThrow(InvalidArgumentError);
    const channel = new RequestChannel(3);
    fill(channel, 2);
    const before = channel.stats();
    let error: unknown;
    try {
      channel.setCapacity(capacity);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ kind: 'invalid-argument', code: 'invalid-capacity', field: 'capacity' });
    expect((error as Error).message).toContain('10,000,000');
    expect(channel.stats()).toEqual(before);
  });

  it('the smallest and largest capacities are accepted', () => {
    expect(new RequestChannel(1).stats().capacity).toBe(1);
    expect(new RequestChannel(MAX_CAPACITY).stats().capacity).toBe(10_000_000);
  });

  it('an unknown policy is refused with invalid-policy and changes nothing', () => {
    expect(() => new RequestChannel(3, 'drop-random' as OverflowPolicy)).toThrow(InvalidArgumentError);
    const channel = new RequestChannel(1);
    fill(channel, 1);
    const before = channel.stats();
    let error: unknown;
    try {
      channel.setPolicy('fifo' as OverflowPolicy);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ kind: 'invalid-argument', code: 'invalid-policy', field: 'policy' });
    expect((error as Error).message).toMatch(/block, drop-oldest, drop-newest/);
    expect(channel.stats()).toEqual(before);
    expect(channel.trySend(publish('x'))).toBe('full'); // still blocking
  });
});

// ---- wakeup -------------------------------------------------------------------------

describe('RequestChannel wakeup', () => {
  it('the wakeup callback fires once on the next enqueue and is then cleared', () => {
    const channel = new RequestChannel(5);
    const wake = vi.fn();
    channel.setWakeup(wake);
    expect(wake).not.toHaveBeenCalled();
    channel.trySend(publish('a'));
    expect(wake).toHaveBeenCalledTimes(1);
    channel.trySend(publish('b'));
    channel.trySend(subscribe());
    expect(wake).toHaveBeenCalledTimes(1);
  });

  it('setting a new wakeup replaces the previous one instead of chaining', () => {
    const channel = new RequestChannel(5);
    const first = vi.fn();
    const second = vi.fn();
    channel.setWakeup(first);
    channel.setWakeup(second);
    channel.trySend(publish('a'));
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('setWakeup(null) cancels the wakeup, and close wakes a sleeping reader', () => {
    const channel = new RequestChannel(5);
    const cancelled = vi.fn();
    channel.setWakeup(cancelled);
    channel.setWakeup(null);
    channel.trySend(publish('a'));
    expect(cancelled).not.toHaveBeenCalled();
    const onClose = vi.fn();
    channel.setWakeup(onClose);
    channel.close();
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
