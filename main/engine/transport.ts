// Opens the byte stream to the broker (TCP, TLS, WebSocket) and turns its failures into ConnectionErrors that name the cause.
import { connect as netConnect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { WebSocket, createWebSocketStream } from 'ws';
import { ConnectionError, type ConnectionFault } from './errors.js';
import type { ResolvedOptions } from './options.js';

/** An open byte stream to the broker, whatever carries it. */
export interface TransportStream {
  stream: Duplex;
  /** A human description for logs: "tcp 127.0.0.1:1883". */
  describe: string;
}

/** Opens the transport the options ask for, failing with a ConnectionError naming the cause. */
export function openTransport(options: ResolvedOptions): Promise<TransportStream> {
  const describe = `${options.transport} ${options.host}:${options.port}`;
  return new Promise<TransportStream>((resolve, reject) => {
    let settled = false;
    let stream: Duplex;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stream?.destroy();
      reject(toConnectionError(error, describe));
    };
    const timer = setTimeout(
      () => fail(new ConnectionError('timeout', `no connection to ${describe} within ${options.connectTimeoutMs} ms`)),
      options.connectTimeoutMs,
    );
    const ready = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stream.removeListener('error', fail);
      resolve({ stream, describe });
    };
    try {
      switch (options.transport) {
        case 'tcp': {
          const socket: Socket = netConnect({ host: options.host, port: options.port });
          socket.setNoDelay(true);
          stream = socket;
          socket.once('connect', ready);
          break;
        }
        case 'tls': {
          const socket: TLSSocket = tlsConnect({
            host: options.host,
            port: options.port,
            servername: options.tls.servername ?? (isIpAddress(options.host) ? undefined : options.host),
            ca: options.tls.ca,
            cert: options.tls.cert,
            key: options.tls.key,
            rejectUnauthorized: options.tls.rejectUnauthorized !== false,
          });
          socket.setNoDelay(true);
          stream = socket;
          socket.once('secureConnect', ready);
          break;
        }
        case 'ws':
        case 'wss': {
          const path = options.wsPath.startsWith('/') ? options.wsPath : `/${options.wsPath}`;
          const host = options.host.includes(':') ? `[${options.host}]` : options.host;
          const socket = new WebSocket(`${options.transport}://${host}:${options.port}${path}`, 'mqtt', {
            ca: options.tls.ca,
            cert: options.tls.cert,
            key: options.tls.key,
            rejectUnauthorized: options.tls.rejectUnauthorized !== false,
            perMessageDeflate: false,
          });
          stream = createWebSocketStream(socket);
          socket.once('open', ready);
          socket.once('unexpected-response', (_req, res) =>
            fail(new ConnectionError('network', `the WebSocket endpoint ${describe}${path} answered HTTP ${res.statusCode}`)),
          );
          break;
        }
      }
      stream!.on('error', fail);
    } catch (error) {
      fail(error);
    }
  });
}

function isIpAddress(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}

const TLS_CODES = /^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|HOSTNAME_MISMATCH|ERR_OSSL)/;

/** True for errors of the network or TLS (ECONNRESET, a certificate failure), false for programming errors such as ERR_INVALID_ARG_TYPE. */
export function isTransportError(error: unknown): boolean {
  const err = error as NodeJS.ErrnoException | undefined;
  const code = err?.code;
  if (typeof code !== 'string') return false;
  return typeof err?.syscall === 'string' || /^E[A-Z]+$/.test(code) || TLS_CODES.test(code) || code.startsWith('WS_ERR_');
}

/** Turns a socket error into a ConnectionError whose message says what a person can check. */
export function toConnectionError(error: unknown, describe: string): ConnectionError {
  if (error instanceof ConnectionError) return error;
  const err = error as NodeJS.ErrnoException;
  const code = err?.code ?? '';
  if (TLS_CODES.test(code) || /certificate|ssl|tls/i.test(err?.message ?? '')) {
    return new ConnectionError('tls', `TLS handshake with ${describe} failed: ${err.message}`, undefined, { cause: error });
  }
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused (is the broker running on that port?)',
    ENOTFOUND: 'host not found (check the host name)',
    EAI_AGAIN: 'host name lookup failed (DNS)',
    ETIMEDOUT: 'timed out',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    ECONNRESET: 'connection reset by the peer',
    EPIPE: 'connection closed by the peer while writing',
  };
  const reason = reasons[code] ?? err?.message ?? String(error);
  const fault: ConnectionFault =
    code === 'ECONNRESET' || code === 'EPIPE' ? 'closed-by-peer' : code === 'ETIMEDOUT' ? 'timeout' : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'dns' : 'network';
  return new ConnectionError(fault, `${describe}: ${reason}`, undefined, { cause: error });
}
