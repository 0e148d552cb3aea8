// The bounded request channel between the AsyncClient and the EventLoop, with its overflow policies.
import { OVERFLOW_POLICIES, type OverflowPolicy } from '../../shared/domain.js';
import { EnqueueStamps } from './enqueue-stamps.js';
import { ChannelClosedError, InvalidArgumentError } from './errors.js';
import type { ControlRequest, PublishRequest, Request } from './requests.js';
import { nextPowerOfTwo, Ring } from './ring.js';

export { OVERFLOW_POLICIES, type OverflowPolicy };

export const MIN_CAPACITY = 1;
export const MAX_CAPACITY = 10_000_000;

/** The result of a non-waiting send. */
export type TrySendResult = 'ok' | 'full' | 'dropped' | 'closed';
/** How a waiting send ended: in the channel, or discarded by `drop-newest`. */
export type SendOutcome = 'queued' | 'dropped';

/** A snapshot of the channel's gauges and counters. */
export interface ChannelStats {
  capacity: number;
  depth: number;
  highWater: number;
  policy: OverflowPolicy;
  /** Requests (publish and control) that entered the channel. */
  accepted: number;
  failedTryPublish: number;
  /** trySubscribe/tryUnsubscribe calls refused because the channel was full. */
  failedTryControl: number;
  droppedOldest: number;
  droppedNewest: number;
  /** Queued requests thrown away by an abrupt close. */
  discarded: number;
  waitingSenders: number;
  closed: boolean;
}

interface Waiter {
  request: Request;
  resolve(outcome: SendOutcome): void;
  reject(error: Error): void;
}

const QUEUED: Promise<SendOutcome> = Promise.resolve('queued');
const DROPPED: Promise<SendOutcome> = Promise.resolve('dropped');

/**
 * The bounded channel between the AsyncClient and the EventLoop.
 *
 * Publishes and control requests live in two rings so that `drop-oldest`
 * can evict the oldest publish in O(1) even when a control request sits at
 * the head; a sequence number keeps their common FIFO order:
 *
 *     publishes: [P1 seq1] [P2 seq3] [P3 seq4]
 *     controls:  [S  seq2]
 *     recv order: P1, S, P2, P3        drop-oldest evicts P1, then P2 ...
 *
 * Capacity counts both. Control requests are never dropped; under the drop
 * policies they wait for room like `block`.
 */
export class RequestChannel {
  private readonly publishes = new Ring<PublishRequest>(64);
  private readonly controls = new Ring<ControlRequest>(16);
  private readonly waiters = new Ring<Waiter>(16);
  /** Starts at 1: a request whose seq is still 0 never entered the channel. */
  private nextSeq = 1;
  private capacity: number;
  /** The most ring storage this capacity can need; what a larger capacity took beyond it is given back. */
  private storageFloor: number;
  private policy: OverflowPolicy;
  private closed = false;
  /** Stamp one request in (mask + 1) with its enqueue time; see setLatencySampling. */
  private stampMask = 0;
  private readonly stamps = new EnqueueStamps();
  private wakeReader: (() => void) | null = null;

  private accepted = 0;
  private failedTryPublish = 0;
  private failedTryControl = 0;
  private droppedOldest = 0;
  private droppedNewest = 0;
  private discarded = 0;
  private highWater = 0;

  /**
   * @param clock when given, each request is stamped with its enqueue time so
   * the event loop can measure queue latency.
   */
  constructor(
    capacity: number,
    policy: OverflowPolicy = 'block',
    private readonly clock?: () => number,
  ) {
    this.capacity = validateCapacity(capacity);
    this.storageFloor = nextPowerOfTwo(this.capacity);
    this.policy = validatePolicy(policy);
  }

  get depth(): number {
    return this.publishes.length + this.controls.length;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Puts the request in the channel without waiting. */
  trySend(request: Request): TrySendResult {
    if (this.closed) return 'closed';
    if (this.hasRoom()) {
      this.enqueue(request);
      return 'ok';
    }
    if (request.kind !== 'publish') {
      this.failedTryControl++;
      return 'full';
    }
    switch (this.policy) {
      case 'drop-oldest':
        return this.replaceOldest(request) ? 'ok' : 'dropped';
      case 'drop-newest':
        this.dropNewest(request);
        return 'dropped';
      default:
        this.failedTryPublish++;
        return 'full';
    }
  }

  /**
   * Settles a tryPublish that cannot get in under `block` before its request
   * is built: 'closed', or 'full' (counted as a failed tryPublish, exactly as
   * trySend would). Null when the publish may go on to trySend. A refused
   * call then allocates nothing: at 100k refusals a second behind a backlog
   * the request objects were most of the cost, and V8 may be allocating them
   * straight into old space by then (allocation-site pretenuring).
   */
  refusePublish(): 'full' | 'closed' | null {
    if (this.closed) return 'closed';
    if (this.policy !== 'block' || this.hasRoom()) return null;
    this.failedTryPublish++;
    return 'full';
  }

  /** Puts the request in the channel, waiting in FIFO order for room when the policy says so. */
  send(request: Request): Promise<SendOutcome> {
    if (this.closed) return Promise.reject(new ChannelClosedError());
    if (this.hasRoom()) {
      this.enqueue(request);
      return QUEUED;
    }
    if (request.kind === 'publish' && this.policy !== 'block') {
      if (this.policy === 'drop-oldest' && this.replaceOldest(request)) return QUEUED;
      if (this.policy === 'drop-newest') this.dropNewest(request);
      return DROPPED;
    }
    return new Promise<SendOutcome>((resolve, reject) => {
      this.waiters.push({ request, resolve, reject });
    });
  }

  /** The next request in FIFO order, without removing it. */
  peek(): Request | undefined {
    const publish = this.publishes.peek();
    const control = this.controls.peek();
    if (!publish) return control;
    if (!control) return publish;
    return publish.seq < control.seq ? publish : control;
  }

  /** Removes and returns the next request; admits waiting senders into the freed room. */
  recv(): Request | undefined {
    const next = this.peek();
    if (!next) return undefined;
    if (next.kind === 'publish') {
      this.publishes.shift();
      // A ring never shrinks by itself: after capacity came down, the slots
      // a larger capacity filled are given back as the backlog drains.
      this.publishes.shrinkTowards(this.storageFloor);
    } else {
      this.controls.shift();
    }
    if (this.waiters.length > 0) this.admitWaiters();
    return next;
  }

  /**
   * Sets a one-shot callback for the next enqueue or close; the event loop
   * uses it to sleep while the channel is empty. One slot, replaced rather
   * than chained, so repeated waits cannot pile up callbacks.
   */
  setWakeup(callback: (() => void) | null): void {
    this.wakeReader = callback;
  }

  /** Changes capacity live. Growing admits waiters at once; shrinking evicts only under `drop-oldest`, and gives back ring storage as the queue drains. */
  setCapacity(capacity: number): void {
    this.capacity = validateCapacity(capacity);
    this.storageFloor = nextPowerOfTwo(this.capacity);
    if (this.policy === 'drop-oldest') this.evictExcess();
    this.admitWaiters();
    this.publishes.shrinkTowards(this.storageFloor);
  }

  /** Changes the overflow policy live; waiting publishes are settled under the new policy. */
  setPolicy(policy: OverflowPolicy): void {
    this.policy = validatePolicy(policy);
    if (policy === 'block') return;
    if (policy === 'drop-oldest') this.evictExcess();
    const stillWaiting: Waiter[] = [];
    for (const waiter of this.waiters.drain()) {
      if (waiter.request.kind !== 'publish') {
        stillWaiting.push(waiter);
      } else if (policy === 'drop-oldest' && this.replaceOldest(waiter.request)) {
        waiter.resolve('queued');
      } else {
        if (policy === 'drop-newest') this.dropNewest(waiter.request);
        waiter.resolve('dropped');
      }
    }
    for (const waiter of stillWaiting) this.waiters.push(waiter);
    this.admitWaiters();
  }

  /**
   * Queues a last request behind everything accepted, even on a full channel
   * (depth may exceed capacity by this one), then closes. A graceful
   * DISCONNECT must not depend on room that a stalled loop never frees.
   */
  closeAfter(request: ControlRequest): void {
    if (this.closed) throw new ChannelClosedError();
    this.enqueue(request);
    this.close(false);
  }

  /**
   * Refuses new requests and rejects waiting senders with `closed`.
   * With `discardQueued`, what is still queued is thrown away and counted;
   * without it, the event loop may still drain it (a graceful disconnect).
   */
  close(discardQueued = false): void {
    this.closed = true;
    for (const waiter of this.waiters.drain()) waiter.reject(new ChannelClosedError());
    if (discardQueued) {
      this.discarded += this.depth;
      for (const publish of this.publishes.drain()) publish.receipt?.onFailed?.('closed');
      this.controls.drain();
      this.stamps.clear();
    }
    this.wake();
  }

  stats(): ChannelStats {
    return {
      capacity: this.capacity,
      depth: this.depth,
      highWater: this.highWater,
      policy: this.policy,
      accepted: this.accepted,
      failedTryPublish: this.failedTryPublish,
      failedTryControl: this.failedTryControl,
      droppedOldest: this.droppedOldest,
      droppedNewest: this.droppedNewest,
      discarded: this.discarded,
      waitingSenders: this.waiters.length,
      closed: this.closed,
    };
  }

  /**
   * Measures queue latency on one request in `every` (a power of two)
   * instead of all: at 50,000 msg/s a clock read and a histogram record per
   * message would cost more than the monitor may. Percentiles from a few
   * hundred samples a second are as good for a chart.
   */
  setLatencySampling(every: number): void {
    this.stampMask = latencyMask(every);
  }

  /**
   * When the request with this seq entered the channel, if it was one of the
   * stamped (see setLatencySampling); 0 otherwise. For the event loop, as
   * requests leave: a stamp can be taken once.
   */
  takeEnqueuedAt(seq: number): number {
    return this.stamps.length === 0 ? 0 : this.stamps.take(seq);
  }

  /** Starts a new high-water mark from the current depth. */
  resetHighWater(): void {
    this.highWater = this.depth;
  }

  /** Room for a newcomer now: below capacity, and nobody waiting ahead of it (FIFO). */
  private hasRoom(): boolean {
    return this.depth < this.capacity && this.waiters.length === 0;
  }

  private enqueue(request: Request): void {
    request.seq = this.nextSeq++;
    if (this.clock !== undefined && (request.seq & this.stampMask) === 0) this.stamps.add(request.seq, this.clock());
    if (request.kind === 'publish') this.publishes.push(request);
    else this.controls.push(request);
    this.accepted++;
    const depth = this.depth;
    if (depth > this.highWater) this.highWater = depth;
    if (this.wakeReader) this.wake();
  }

  /** drop-oldest: evicts the oldest queued publish to make room; false when there is none. */
  private replaceOldest(request: PublishRequest): boolean {
    if (!this.evictOldest()) {
      // Only control requests are queued: nothing may be evicted, so the
      // newcomer is the one that goes, and it is counted as such.
      this.dropNewest(request);
      return false;
    }
    this.enqueue(request);
    return true;
  }

  private evictOldest(): boolean {
    const victim = this.publishes.shift();
    if (!victim) return false;
    this.droppedOldest++;
    victim.receipt?.onFailed?.('dropped');
    return true;
  }

  private dropNewest(request: PublishRequest): void {
    this.droppedNewest++;
    request.receipt?.onFailed?.('dropped');
  }

  private evictExcess(): void {
    while (this.depth > this.capacity && this.evictOldest()) {
      // each eviction is counted in evictOldest
    }
  }

  private admitWaiters(): void {
    while (this.waiters.length > 0 && this.depth < this.capacity) {
      const waiter = this.waiters.shift()!;
      this.enqueue(waiter.request);
      waiter.resolve('queued');
    }
  }

  private wake(): void {
    const wake = this.wakeReader;
    this.wakeReader = null;
    wake?.();
  }
}

/** The mask for sampling one in `every`, rounded up to a power of two (at least 1). */
export function latencyMask(every: number): number {
  let power = 1;
  while (power < every && power < 1 << 20) power *= 2;
  return power - 1;
}

function validateCapacity(capacity: number): number {
  if (!Number.isInteger(capacity) || capacity < MIN_CAPACITY || capacity > MAX_CAPACITY) {
    throw new InvalidArgumentError(
      'invalid-capacity',
      'capacity',
      `capacity must be a whole number from ${MIN_CAPACITY} to ${MAX_CAPACITY.toLocaleString('en-US')}, got ${String(capacity)}`,
    );
  }
  return capacity;
}

function validatePolicy(policy: OverflowPolicy): OverflowPolicy {
  if (!OVERFLOW_POLICIES.includes(policy)) {
    throw new InvalidArgumentError(
      'invalid-policy',
      'policy',
      `overflow policy must be one of ${OVERFLOW_POLICIES.join(', ')}, got ${JSON.stringify(policy)}`,
    );
  }
  return policy;
}
