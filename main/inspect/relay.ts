// One direction of a forwarded connection: passes every chunk on untouched and stops reading while the other side does not read.
import type { Duplex } from 'node:stream';

/**
 * Moves bytes from one socket to the other, honouring backpressure: when
 * the receiving side's buffer is full (`write()` returns false) the sending
 * side is paused until it drains. So a client that stops reading makes the
 * proxy stop reading from the broker, and the proxy holds at most one
 * socket buffer plus one chunk per direction whatever the clients do. The
 * time spent paused is what "deliveries left unread" measures.
 */
export class Relay {
  /** Monotonic ms since which the receiver has not taken our bytes; null while it does. */
  private blockedSince: number | null = null;
  private blockedTotalMs = 0;

  /** Chunks the observer threw on (forwarded all the same): a bug of the proxy's, shown rather than hidden. */
  observerFaults = 0;

  constructor(
    from: Duplex,
    private readonly to: Duplex,
    observe: (chunk: Buffer) => void,
    private readonly clock: () => number,
  ) {
    from.on('data', (chunk: Buffer) => {
      // Observation must never stop forwarding: a fault in it is the proxy's bug, not the client's.
      try {
        observe(chunk);
      } catch {
        this.observerFaults++;
      }
      if (!to.write(chunk) && this.blockedSince === null) {
        this.blockedSince = clock();
        from.pause();
      }
    });
    to.on('drain', () => {
      if (this.blockedSince === null) return;
      this.blockedTotalMs += clock() - this.blockedSince;
      this.blockedSince = null;
      from.resume();
    });
  }

  /** How long the receiver has not been reading, now (ms); 0 while it reads. */
  blockedMs(): number {
    return this.blockedSince === null ? 0 : this.clock() - this.blockedSince;
  }

  /** All the time spent waiting on the receiver, the current wait included (ms). */
  totalBlockedMs(): number {
    return this.blockedTotalMs + this.blockedMs();
  }

  /** Bytes written but not yet taken by the receiver's socket. */
  waitingBytes(): number {
    return this.to.writableLength;
  }
}
