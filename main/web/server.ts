// Web mode's server: the renderer over HTTP, the contract over a WebSocket, both behind a token on loopback.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { EVENT_NAMES } from '../../shared/contract.js';
import { MAX_MESSAGE_BYTES, type CallMessage, type ServerMessage } from '../../shared/rpc.js';
import type { GaugeService } from '../service/index.js';
import { messageText } from './message-text.js';
import { createGaugeMetrics } from './metrics.js';
import { serveStatic } from './static-files.js';

/** How web mode is set up. */
export interface WebServerOptions {
  service: GaugeService;
  /** The built renderer. */
  staticDir: string;
  /** 127.0.0.1 unless asked otherwise: web mode is not meant to be reachable from other machines. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** A fixed token (tests); random per start otherwise. */
  token?: string;
  /**
   * A second token that opens /metrics and nothing else, for a scraper that
   * must not be able to drive the client. The main token opens /metrics too.
   */
  metricsToken?: string;
  log?: (line: string) => void;
}

/** A running web-mode server. */
export interface WebServer {
  url: string;
  port: number;
  token: string;
  /** The Prometheus endpoint, without a token: send one as `?token=` or `Authorization: Bearer`. */
  metricsUrl: string;
  /** Open WebSocket clients. */
  clients(): number;
  close(): Promise<void>;
}

/** A client that reads this far behind gets no more samples until it catches up. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * Serves the built renderer over HTTP and carries the contract over a
 * WebSocket at /api. The WebSocket requires the per-start token, and a
 * browser's Origin must be this server itself; refusals are logged.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const log = options.log ?? (() => {});
  const service = options.service;

  const metrics = createGaugeMetrics(() => {
    const snapshot = service.snapshotNow();
    return { sample: snapshot.sample, alerts: snapshot.alerts, version: snapshot.version, inspect: snapshot.inspect, reports: snapshot.reports };
  });
  const metricsTokens = [token, ...(options.metricsToken ? [options.metricsToken] : [])];

  const http: Server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    if (new URL(request.url ?? '/', 'http://localhost').pathname === '/metrics') {
      void serveMetrics(request, response);
      return;
    }
    void serveStatic(options.staticDir, request.url ?? '/', response);
  });

  async function serveMetrics(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const refusal = checkToken(givenToken(request), metricsTokens);
    if (refusal) {
      log(`web: refused a metrics scrape from ${request.socket.remoteAddress ?? 'unknown'}: ${refusal}`);
      response.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="mqtt-gauge"' }).end(`${refusal}\n`);
      return;
    }
    try {
      const body = await metrics.render();
      response.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' }).end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      log(`web: metrics failed: ${(error as Error).message}`);
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics failed\n');
    }
  }
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const displayHost = host.includes(':') ? `[${host}]` : host;
  const allowedOrigins = new Set([`http://${displayHost}:${port}`, `http://localhost:${port}`, `http://127.0.0.1:${port}`]);

  http.on('upgrade', (request, socket, head) => {
    const refusal = checkUpgrade(request, token, allowedOrigins);
    if (refusal) {
      log(`web: refused a WebSocket from ${request.socket.remoteAddress ?? 'unknown'}: ${refusal}`);
      socket.end(`HTTP/1.1 ${refusal.startsWith('origin') ? '403 Forbidden' : '401 Unauthorized'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });

  sockets.on('connection', (ws: WebSocket) => {
    const unsubscribe = EVENT_NAMES.map((event) =>
      service.on(event, (payload) => {
        if (ws.readyState !== ws.OPEN) return;
        // Samples are replaced by the next one; a client that cannot keep up skips some.
        if (event === 'sample' && ws.bufferedAmount > MAX_BUFFERED_BYTES) return;
        ws.send(JSON.stringify({ type: 'event', event, payload } satisfies ServerMessage));
      }),
    );
    ws.on('message', (data, isBinary) => {
      void answer(ws, isBinary ? null : messageText(data));
    });
    ws.on('close', () => unsubscribe.forEach((stop) => stop()));
    ws.on('error', () => {});
  });

  async function answer(ws: WebSocket, text: string | null): Promise<void> {
    const call = parseCall(text);
    const result = call.ok ? await service.handle(call.message.command, call.message.payload) : { ok: false as const, error: call.error };
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'result', id: call.ok ? call.message.id : call.id, result } satisfies ServerMessage));
  }

  return {
    url: `http://${displayHost}:${port}/?token=${token}`,
    port,
    token,
    metricsUrl: `http://${displayHost}:${port}/metrics`,
    clients: () => sockets.clients.size,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
    },
  };
}

/** Why an upgrade is refused, or null when it may proceed. */
function checkUpgrade(request: IncomingMessage, token: string, allowedOrigins: Set<string>): string | null {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname !== '/api') return 'not the API path';
  const tokenProblem = checkToken(url.searchParams.get('token') ?? '', [token]);
  if (tokenProblem) return tokenProblem;
  // Browsers always send an Origin with a WebSocket; a page from another
  // site must not drive the service even if it learned the token.
  const origin = request.headers.origin;
  if (origin !== undefined && !allowedOrigins.has(origin)) return `origin ${origin} is not allowed`;
  return null;
}

/** The token a request carries: `Authorization: Bearer …` or `?token=…`. */
function givenToken(request: IncomingMessage): string {
  const header = request.headers.authorization;
  const bearer = header?.match(/^Bearer\s+(\S+)\s*$/i);
  if (bearer) return bearer[1]!;
  return new URL(request.url ?? '/', 'http://localhost').searchParams.get('token') ?? '';
}

/** Why a token is refused, or null when it is one of `accepted`; compared in constant time. */
function checkToken(token: string, accepted: string[]): string | null {
  if (token.length === 0) return 'missing token';
  const given = Buffer.from(token);
  const matches = accepted.some((candidate) => {
    const expected = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? null : 'wrong token';
}

type ParsedCall = { ok: true; message: CallMessage } | { ok: false; id: number; error: { code: 'invalid-input'; message: string } };

function parseCall(text: string | null): ParsedCall {
  const bad = (message: string, id = 0): ParsedCall => ({ ok: false, id, error: { code: 'invalid-input', message } });
  if (text === null) return bad('binary messages are not part of the contract');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return bad('the message is not JSON');
  }
  const message = value as Partial<CallMessage>;
  const id = typeof message?.id === 'number' && Number.isSafeInteger(message.id) ? message.id : 0;
  if (typeof message !== 'object' || message === null || message.type !== 'call') return bad('the message is not a call', id);
  if (id === 0) return bad('a call needs a positive whole-number id');
  if (typeof message.command !== 'string') return bad('a call needs a command name', id);
  return { ok: true, message: { type: 'call', id, command: message.command, payload: message.payload } };
}
