/**
 * A scripted fake MQTT broker: it never answers on its own. The test reads
 * what the client sent and decides what (if anything) goes back, so it can
 * withhold a CONNACK, send a malformed packet, or drop the connection at the
 * worst moment, which a real broker will not do on request.
 */
import { createServer, type Socket } from 'node:net';
import { generate, parser, type Packet, type PacketCmd } from 'mqtt-packet';

/** MQTT protocol versions the fake broker speaks. */
export type FakeProtocolVersion = 3 | 4 | 5;

/** Options for {@link startFakeBroker}. */
export interface FakeBrokerOptions {
  /** Version assumed until a connection's CONNECT says otherwise; default 4. */
  protocolVersion?: 4 | 5;
}

/** A listening fake broker; connections are handed out in arrival order. */
export interface FakeBroker {
  readonly port: number;
  /** The next client connection not yet handed out; waits up to `timeoutMs` (default 5000). */
  nextConnection(timeoutMs?: number): Promise<FakeConnection>;
  /** Stops listening and destroys every connection. */
  close(): Promise<void>;
}

/** Fields for a CONNACK sent by {@link FakeConnection.connack}. */
export interface ConnackOptions {
  sessionPresent?: boolean;
  /** Return code (v3.1.1) or reason code (v5); default 0, accepted. */
  returnCode?: number;
  /** MQTT 5 CONNACK properties; ignored by v3.1.1 clients' encoding. */
  properties?: object;
}

/** A packet to send: a typed mqtt-packet packet or a loose object for deliberately odd ones. */
export type OutgoingPacket = Packet | { cmd: PacketCmd; [field: string]: unknown };

/** One client connection to the fake broker. */
export interface FakeConnection {
  /** Every packet parsed from the client so far, in order. */
  readonly packets: Packet[];
  /** Parse errors on the client's bytes; recorded here, never thrown. */
  readonly errors: Error[];
  /** Socket errors (e.g. ECONNRESET); recorded here, never thrown. */
  readonly socketErrors: Error[];
  /** Version in use: from the client's CONNECT once seen, else the broker's default. */
  readonly protocolVersion: FakeProtocolVersion;
  /** Resolves when the socket has closed, for whatever reason. */
  readonly closed: Promise<void>;
  /**
   * The next packet not yet returned by an earlier call. With `cmd`, packets
   * of other kinds are skipped (and consumed). Waits up to `timeoutMs`
   * (default 5000); rejects if the connection closes first.
   */
  nextPacket(cmd?: PacketCmd, timeoutMs?: number): Promise<Packet>;
  /** Encodes `packet` for this connection's protocol version and writes it; no-op once closed. */
  send(packet: OutgoingPacket): void;
  /** Writes bytes as-is; no-op once closed. */
  sendRaw(bytes: Buffer | Uint8Array | number[]): void;
  /** Sends a CONNACK; defaults to accepted, no session present. */
  connack(opts?: ConnackOptions): void;
  /** Drops the connection without a DISCONNECT. */
  destroy(): void;
}

const DEFAULT_TIMEOUT_MS = 5_000;

/** Starts a fake broker on a free loopback port. */
export async function startFakeBroker(opts: FakeBrokerOptions = {}): Promise<FakeBroker> {
  const defaultVersion = opts.protocolVersion ?? 4;
  const all = new Set<Connection>();
  const unclaimed: Connection[] = [];
  const waiters: Array<{ resolve: (c: Connection) => void; reject: (e: Error) => void }> = [];
  let closing = false;

  const server = createServer((socket) => {
    const conn = new Connection(socket, defaultVersion);
    all.add(conn);
    void conn.closed.then(() => all.delete(conn));
    const waiter = waiters.shift();
    if (waiter) waiter.resolve(conn);
    else unclaimed.push(conn);
  });
  server.on('error', () => {});

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('unexpected fake broker address');

  return {
    port: addr.port,
    nextConnection(timeoutMs = DEFAULT_TIMEOUT_MS) {
      const ready = unclaimed.shift();
      if (ready) return Promise.resolve(ready);
      if (closing) return Promise.reject(new Error('fake broker is closed'));
      return new Promise<FakeConnection>((resolve, reject) => {
        const waiter = {
          resolve: (c: Connection) => {
            clearTimeout(timer);
            resolve(c);
          },
          reject: (e: Error) => {
            clearTimeout(timer);
            reject(e);
          },
        };
        const timer = setTimeout(() => {
          const i = waiters.indexOf(waiter);
          if (i >= 0) waiters.splice(i, 1);
          reject(new Error(`fake broker: no connection within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    async close() {
      closing = true;
      for (const w of waiters.splice(0)) w.reject(new Error('fake broker closed while waiting for a connection'));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const c of all) c.destroy();
      await closed;
    },
  };
}

interface PacketWaiter {
  cmd: PacketCmd | undefined;
  resolve: (p: Packet) => void;
  reject: (e: Error) => void;
}

class Connection implements FakeConnection {
  readonly packets: Packet[] = [];
  readonly errors: Error[] = [];
  readonly socketErrors: Error[] = [];
  readonly closed: Promise<void>;
  protocolVersion: FakeProtocolVersion;
  private cursor = 0;
  private waiters: PacketWaiter[] = [];
  private isClosed = false;

  constructor(
    private readonly socket: Socket,
    defaultVersion: FakeProtocolVersion,
  ) {
    this.protocolVersion = defaultVersion;
    // mqtt-packet's parser switches itself to the CONNECT's version; we
    // track it too so what we send is encoded the same way.
    const p = parser({ protocolVersion: defaultVersion });
    p.on('packet', (packet: Packet) => {
      if (packet.cmd === 'connect' && packet.protocolVersion !== undefined) {
        this.protocolVersion = packet.protocolVersion;
      }
      this.packets.push(packet);
      this.serve();
    });
    p.on('error', (err: unknown) => {
      this.errors.push(err instanceof Error ? err : new Error(String(err)));
    });
    socket.on('data', (chunk: Buffer) => {
      // The parser reports bad input through 'error', but guard against a
      // throw too: a misbehaving client must not take the test process down.
      try {
        p.parse(chunk);
      } catch (err) {
        this.errors.push(err instanceof Error ? err : new Error(String(err)));
      }
    });
    socket.on('error', (err) => this.socketErrors.push(err));
    this.closed = new Promise<void>((resolve) => {
      socket.once('close', () => {
        this.isClosed = true;
        for (const w of this.waiters.splice(0)) {
          w.reject(new Error(`connection closed while waiting for ${w.cmd ?? 'a packet'}; seen: ${this.seen()}`));
        }
        resolve();
      });
    });
  }

  nextPacket(cmd?: PacketCmd, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Packet> {
    return new Promise<Packet>((resolve, reject) => {
      const waiter: PacketWaiter = {
        cmd,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new Error(`no ${cmd ?? 'packet'} within ${timeoutMs} ms; seen: ${this.seen()}`));
      }, timeoutMs);
      this.waiters.push(waiter);
      this.serve();
      if (this.isClosed && this.waiters.includes(waiter)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.reject(new Error(`connection closed; no ${cmd ?? 'packet'} left; seen: ${this.seen()}`));
      }
    });
  }

  send(packet: OutgoingPacket): void {
    const bytes = generate(packet as Packet, { protocolVersion: this.protocolVersion });
    this.sendRaw(bytes);
  }

  sendRaw(bytes: Buffer | Uint8Array | number[]): void {
    if (this.socket.destroyed || this.socket.writableEnded) return;
    this.socket.write(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes));
  }

  connack(opts: ConnackOptions = {}): void {
    const code = opts.returnCode ?? 0;
    const packet: { cmd: 'connack'; [field: string]: unknown } = {
      cmd: 'connack',
      sessionPresent: opts.sessionPresent ?? false,
      // mqtt-packet reads returnCode for v3.1.1 and reasonCode for v5.
      returnCode: code,
      reasonCode: code,
    };
    if (opts.properties !== undefined && this.protocolVersion === 5) packet.properties = opts.properties;
    this.send(packet);
  }

  destroy(): void {
    this.socket.destroy();
  }

  // Hands packets to waiters in call order. Like reading a stream: a packet a
  // waiter skips (wrong cmd) is consumed, not offered to later waiters.
  private serve(): void {
    while (this.waiters.length > 0 && this.cursor < this.packets.length) {
      const packet = this.packets[this.cursor++]!;
      const waiter = this.waiters[0]!;
      if (waiter.cmd === undefined || packet.cmd === waiter.cmd) {
        this.waiters.shift();
        waiter.resolve(packet);
      }
    }
  }

  private seen(): string {
    return this.packets.map((p) => p.cmd).join(', ') || 'nothing';
  }
}
