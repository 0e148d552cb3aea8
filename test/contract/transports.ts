// Opens the service over each transport the product has: Electron IPC (via
// stand-ins) and web mode's WebSocket (for real). The contract suite runs
// the same tests over both.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import type { GaugeApi } from '../../shared/contract.js';
import { createRpcClient } from '../../shared/rpc.js';
import { wireIpc } from '../../main/desktop/ipc.js';
import { buildPreloadApi } from '../../main/desktop/preload-api.js';
import { GaugeService } from '../../main/service/index.js';
import { messageText } from '../../main/web/message-text.js';
import { startWebServer, type WebServer } from '../../main/web/server.js';
import { FakeIpc } from './ipc-standins.js';

/** The service behind one transport, and the API a renderer would hold. */
export interface OpenTransport {
  api: GaugeApi;
  service: GaugeService;
  close(): Promise<void>;
}

export const APP_FRAME = { url: 'file:///app/dist/renderer/index.html' };

async function newService(): Promise<GaugeService> {
  const service = new GaugeService({ version: 'test', dataDir: await mkdtemp(join(tmpdir(), 'gauge-contract-')) });
  await service.start();
  return service;
}

/** The desktop path: preload API → ipcRenderer stand-in → ipcMain stand-in → wiring → service. */
export async function openIpc(): Promise<OpenTransport & { ipc: FakeIpc; log: string[] }> {
  const service = await newService();
  const ipc = new FakeIpc();
  const log: string[] = [];
  const unwire = wireIpc(ipc.ipcMain, service, (event) => event.senderFrame?.url === APP_FRAME.url, (line) => log.push(line));
  const api = buildPreloadApi(ipc.renderer(APP_FRAME));
  return {
    api,
    service,
    ipc,
    log,
    async close() {
      unwire();
      await service.stop();
    },
  };
}

/** Opens a WebSocket client of web mode's contract. */
export function connectWeb(url: string, origin?: string): Promise<GaugeApi & { closed: boolean }> {
  const socket = new WebSocket(url, origin ? { origin } : {});
  return new Promise((resolve, reject) => {
    const api = createRpcClient({
      send: (text) => socket.send(text),
      onMessage: (handler) => socket.on('message', (data) => handler(messageText(data))),
      onClose: (handler) => socket.on('close', (code, reason) => handler(reason.toString() || `code ${code}`)),
    });
    socket.once('open', () => resolve(api));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    socket.once('error', reject);
  });
}

/** The web path: a real HTTP server and WebSocket on loopback. */
export async function openWeb(): Promise<OpenTransport & { server: WebServer; log: string[] }> {
  const service = await newService();
  const log: string[] = [];
  const server = await startWebServer({ service, staticDir: join(tmpdir(), 'no-renderer-here'), log: (line) => log.push(line) });
  const api = await connectWeb(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, `http://127.0.0.1:${server.port}`);
  return {
    api,
    service,
    server,
    log,
    async close() {
      await server.close();
      await service.stop();
    },
  };
}
