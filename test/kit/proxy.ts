/**
 * A loopback TCP proxy that sits between a client and a broker and lets a
 * test break the link on purpose: freeze it, slow it, delay it, cut it, or
 * refuse it.
 *
 * Forwarding is done by hand (not `pipe`) so the proxy can hold bytes back
 * while stalled and meter them out while throttled.
 */
import { connect, createServer, type Socket } from 'node:net';

/** A running fault-injection proxy; point clients at `127.0.0.1:port`. */
export interface TcpProxy {
  /** Loopback port clients connect to. */
  readonly port: number;
  /** Client connections currently open (either side still alive). */
  connections(): number;
  /**
   * Stops forwarding in both directions while keeping every socket open, like
   * a peer that went silent without closing (half-open). Closes are held back
   * too: if one side dies, the other is told only on `resume()`. Applies to
   * new connections too.
   */
  stall(): void;
  /** Forwards again, delivering everything held back while stalled. */
  resume(): void;
  /** Limits client→broker forwarding to this many bytes per second per connection; `null` removes the limit. */
  throttle(bytesPerSecond: number | null): void;
  /**
   * Holds every client→broker chunk this many milliseconds before it goes
   * on, like a long link (bytes keep their order; the broker→client side is
   * not delayed, so one delay is added to a round trip). `null` or 0 removes
   * it; chunks already held keep their time.
   */
  delay(ms: number | null): void;
  /** Destroys every current client and upstream socket. */
  cutAll(): void;
  /** While on, new connections are accepted and immediately destroyed. */
  refuse(on: boolean): void;
  /** Stops listening and destroys every socket. */
  close(): Promise<void>;
}

// Read no further ahead than this per direction; past it the source is paused
// so the sender feels TCP back-pressure instead of the proxy buffering forever.
const HIGH_WATER = 64 * 1024;
// Throttled data moves in slices of at most this many milliseconds' worth.
const THROTTLE_SLICE_MS = 20;

interface ProxyState {
  stalled: boolean;
  rate: number | null;
  delayMs: number;
}

/** Starts a proxy on a free loopback port that forwards each connection to `target`. */
export async function startProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const state: ProxyState = { stalled: false, rate: null, delayMs: 0 };
  const links = new Set<Link>();
  let refusing = false;

  const server = createServer((client) => {
    // Resets are the whole point of this proxy; every socket gets an error
    // listener so none can crash the process, and 'close' does the cleanup.
    client.on('error', () => {});
    if (refusing) {
      client.destroy();
      return;
    }
    const link = new Link(client, connect(target), state);
    links.add(link);
    link.onClosed = () => links.delete(link);
  });
  server.on('error', () => {});

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('unexpected proxy address');

  return {
    port: addr.port,
    connections: () => [...links].filter((l) => l.open()).length,
    stall() {
      state.stalled = true;
      for (const l of links) l.update();
    },
    resume() {
      state.stalled = false;
      for (const l of links) l.update();
    },
    throttle(bytesPerSecond) {
      if (bytesPerSecond !== null && !(bytesPerSecond > 0)) {
        throw new Error(`throttle: bytesPerSecond must be > 0 or null, got ${bytesPerSecond}`);
      }
      state.rate = bytesPerSecond;
      for (const l of links) l.update();
    },
    delay(ms) {
      if (ms !== null && !(ms >= 0 && Number.isFinite(ms))) throw new Error(`delay: ms must be >= 0 or null, got ${ms}`);
      state.delayMs = ms ?? 0;
    },
    cutAll() {
      for (const l of [...links]) {
        l.destroy();
        links.delete(l);
      }
    },
    refuse(on) {
      refusing = on;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const l of [...links]) l.destroy();
        links.clear();
      });
    },
  };
}

/** One client connection and its upstream twin. */
class Link {
  onClosed: () => void = () => {};
  private readonly up: Direction;
  private readonly down: Direction;
  private dead = false;

  constructor(
    private readonly client: Socket,
    private readonly upstream: Socket,
    private readonly state: ProxyState,
  ) {
    upstream.on('error', () => {});
    // No Nagle on either leg: a proxy that held small packets for an ACK would add latency of its own.
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    this.up = new Direction(client, upstream, state, true);
    this.down = new Direction(upstream, client, state, false);
    // Until upstream connects, bytes from the client just queue up.
    upstream.once('connect', () => this.up.pump());
    let closed = 0;
    const onClose = (from: Direction): void => {
      // A side that closed after a clean end (FIN) gets the same passed on
      // once its queued bytes are flushed (see Direction.pump). One that died
      // (reset, error, failed connect) takes the other side down with it.
      if (!from.sourceEnded()) this.dead = true;
      this.settle();
      if (++closed === 2) this.onClosed();
    };
    client.once('close', () => onClose(this.up));
    upstream.once('close', () => onClose(this.down));
  }

  open(): boolean {
    return !this.client.destroyed || !this.upstream.destroyed;
  }

  update(): void {
    this.up.update();
    this.down.update();
    this.settle();
  }

  // While stalled, even a death is not passed on: the far side of a half-open
  // link learns nothing until its own timeout, or until resume().
  private settle(): void {
    if (this.dead && !this.state.stalled) this.destroy();
  }

  destroy(): void {
    this.up.stop();
    this.down.stop();
    this.client.destroy();
    this.upstream.destroy();
  }
}

/** Bytes flowing from one socket to another, subject to stall and throttle. */
class Direction {
  private readonly queue: Buffer[] = [];
  private queued = 0;
  private srcEnded = false;
  private tokens = 0;
  private lastRefill = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Chunks held by the delay, oldest first, each with when it may go on (performance.now() ms, the clock load stamps use; a timer that fires a little early just waits again). */
  private readonly held: Array<{ chunk: Buffer; at: number }> = [];
  private heldBytes = 0;
  private releaseTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly src: Socket,
    private readonly dst: Socket,
    private readonly state: ProxyState,
    private readonly throttled: boolean,
  ) {
    src.on('data', (chunk: Buffer) => {
      // The delay sits before the stall and the throttle: a delayed link can still be stalled or slowed.
      // Client→broker only (the side `throttled` marks); once anything is held, the rest queues behind it.
      if (this.throttled && (this.state.delayMs > 0 || this.held.length > 0)) this.hold(chunk);
      else this.enqueue(chunk);
    });
    src.on('end', () => {
      this.srcEnded = true;
      this.pump();
    });
    dst.on('drain', () => this.pump());
  }

  private enqueue(chunk: Buffer): void {
    this.queue.push(chunk);
    this.queued += chunk.length;
    this.pump();
  }

  private hold(chunk: Buffer): void {
    this.held.push({ chunk, at: performance.now() + this.state.delayMs });
    this.heldBytes += chunk.length;
    this.flowControl();
    if (!this.releaseTimer) this.scheduleRelease();
  }

  private scheduleRelease(): void {
    const next = this.held[0];
    if (!next) return;
    this.releaseTimer = setTimeout(() => this.release(), Math.max(0, next.at - performance.now()));
    this.releaseTimer.unref();
  }

  /** Passes on every held chunk whose time has come, in order. */
  private release(): void {
    this.releaseTimer = undefined;
    const now = performance.now();
    while (this.held.length > 0 && this.held[0]!.at <= now) {
      const { chunk } = this.held.shift()!;
      this.heldBytes -= chunk.length;
      this.queue.push(chunk);
      this.queued += chunk.length;
    }
    this.pump();
    this.scheduleRelease();
  }

  /** Whether the source finished cleanly (sent FIN) rather than dying. */
  sourceEnded(): boolean {
    return this.srcEnded;
  }

  /** Re-evaluates after the proxy's stall or throttle setting changed. */
  update(): void {
    this.tokens = 0;
    this.lastRefill = Date.now();
    this.clearTimer();
    this.pump();
  }

  stop(): void {
    this.clearTimer();
    if (this.releaseTimer) clearTimeout(this.releaseTimer);
    this.releaseTimer = undefined;
    this.held.length = 0;
    this.heldBytes = 0;
    this.queue.length = 0;
    this.queued = 0;
  }

  pump(): void {
    this.clearTimer();
    if (this.dst.destroyed || this.dst.connecting) return this.flowControl();
    if (!this.state.stalled) {
      const rate = this.throttled ? this.state.rate : null;
      while (this.queued > 0 && this.dst.writableLength < HIGH_WATER) {
        if (rate === null) {
          this.dst.write(this.take(this.queued));
          continue;
        }
        const allowance = this.refill(rate);
        if (allowance < 1) {
          // Come back when a slice's worth (or all that is queued) has accrued,
          // rather than trickling out one byte per timer tick.
          const need = Math.min(this.queued, this.capacity(rate));
          const wait = Math.max(1, Math.ceil(((need - this.tokens) * 1000) / rate));
          this.timer = setTimeout(() => this.pump(), wait);
          this.timer.unref();
          break;
        }
        const chunk = this.take(allowance);
        this.tokens -= chunk.length;
        this.dst.write(chunk);
      }
      if (this.srcEnded && this.queued === 0 && this.held.length === 0 && !this.dst.writableEnded) this.dst.end();
    }
    this.flowControl();
  }

  // Pause the source while we hold back (stalled) or are behind; resume once
  // there is room again.
  private flowControl(): void {
    if (this.src.destroyed) return;
    if (this.state.stalled || this.queued + this.heldBytes >= HIGH_WATER) this.src.pause();
    else this.src.resume();
  }

  private refill(rate: number): number {
    const now = Date.now();
    this.tokens = Math.min(this.capacity(rate), this.tokens + ((now - this.lastRefill) * rate) / 1000);
    this.lastRefill = now;
    return Math.floor(this.tokens);
  }

  // The bucket holds at most one slice, so an idle link cannot save up a burst.
  private capacity(rate: number): number {
    return Math.max(1, Math.floor((rate * THROTTLE_SLICE_MS) / 1000));
  }

  private take(max: number): Buffer {
    const parts: Buffer[] = [];
    let n = 0;
    while (n < max && this.queue.length > 0) {
      const head = this.queue[0]!;
      const want = max - n;
      if (head.length <= want) {
        parts.push(head);
        this.queue.shift();
        n += head.length;
      } else {
        parts.push(head.subarray(0, want));
        this.queue[0] = head.subarray(want);
        n += want;
      }
    }
    this.queued -= n;
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
