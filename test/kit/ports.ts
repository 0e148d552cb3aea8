/**
 * Loopback port helpers: finding ports nobody listens on, and probing whether
 * somebody does.
 */
import { connect, createServer, type Server } from 'node:net';

/**
 * Returns `count` distinct loopback ports that were free a moment ago.
 *
 * Programs like mosquitto cannot bind port 0 and report back, so we let the
 * kernel pick: bind to port 0, read the port, close. All servers stay open
 * until every port is read, so the kernel cannot hand out the same port twice.
 * Another process may still grab a port before the caller binds it; callers
 * must be ready to retry.
 */
export async function getFreePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, host, () => resolve());
      });
      const addr = server.address();
      if (addr === null || typeof addr === 'string') throw new Error('unexpected server address');
      ports.push(addr.port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

/** Resolves true if a TCP connection to host:port succeeds within `timeoutMs`, false otherwise. */
export function canConnect(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      socket.removeAllListeners();
      // Keep a listener: destroy() can still surface a late error.
      socket.on('error', () => {});
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
