// A client of a running web mode (`mqtt-gauge web`), over the same contract
// and WebSocket the dashboard uses: for drills and exports from another shell.
import { WebSocket } from 'ws';
import type { GaugeApi } from '../../shared/contract.js';
import { createRpcClient } from '../../shared/rpc.js';
import { messageText } from '../web/message-text.js';
import { UsageError } from './args.js';
import { phrase, WordedError } from './messages.js';

/** Could not reach the web mode: exit code 2. */
export class RemoteUnreachable extends WordedError {
  constructor(url: string, why: string) {
    super(phrase('cli.remote.unreachable', { url, why }));
    this.name = 'RemoteUnreachable';
  }
}

const OPEN_TIMEOUT_MS = 5000;

/** Opens the contract of the web mode at `address` (http://host:port/?token=…, as `web` prints it). */
export async function openRemote(address: string): Promise<{ api: GaugeApi; close(): void }> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new UsageError('cli.remote.badUrl', { url: address });
  }
  const token = url.searchParams.get('token');
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !token) throw new UsageError('cli.remote.badUrl', { url: address });
  const socketUrl = `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}/api?token=${encodeURIComponent(token)}`;
  const socket = new WebSocket(socketUrl, { origin: `${url.protocol}//${url.host}`, handshakeTimeout: OPEN_TIMEOUT_MS });
  const api = createRpcClient({
    send: (text) => socket.send(text),
    onMessage: (handler) => socket.on('message', (data) => handler(messageText(data))),
    onClose: (handler) => socket.on('close', (code, reason) => handler(reason.toString() || `code ${code}`)),
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_request, response) => reject(new RemoteUnreachable(address, `HTTP ${response.statusCode}`)));
    socket.once('error', (error) => reject(new RemoteUnreachable(address, error.message)));
  });
  return { api, close: () => socket.close() };
}
