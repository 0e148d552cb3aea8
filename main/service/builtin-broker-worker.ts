// The built-in test broker's own thread: aedes behind a TCP server bound to
// loopback. It runs here, never on the main process's event loop, so the
// broker's work does not show up in the client's figures. It talks to
// BuiltInBroker (builtin-broker.ts) only through the messages typed below.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { Aedes } from 'aedes';

/** What the thread is started with (`workerData`). */
export interface BrokerWorkerData {
  /** Port to try first; 0 lets the OS choose. */
  preferredPort: number;
  /** Address to bind; always loopback. */
  host: string;
}

/** Counters the broker thread keeps. */
export interface BuiltInBrokerStats {
  /** TCP connections open right now, whether or not they have sent CONNECT yet. */
  connectionsOpen: number;
  /** Clients with an open MQTT session right now. */
  clientsConnected: number;
  /** PUBLISH packets received from clients since start (the broker's own $SYS messages excluded). */
  messagesPublished: number;
}

/** Requests the owner sends to the thread. */
export type ToBrokerWorker = { type: 'stats'; requestId: number } | { type: 'stop' };

/** What the thread reports to its owner. */
export type FromBrokerWorker =
  | { type: 'ready'; port: number; address: string; preferredPortTaken: boolean }
  | { type: 'failed'; message: string; code?: string }
  | { type: 'stats'; requestId: number; stats: BuiltInBrokerStats }
  | { type: 'stopped' };

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Taken or forbidden: either way the preferred port is not ours, and any free port will do. */
function isPortUnavailable(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'EADDRINUSE' || code === 'EACCES';
}

async function run(owner: MessagePort, { preferredPort, host }: BrokerWorkerData): Promise<void> {
  const send = (message: FromBrokerWorker): void => owner.postMessage(message);
  const broker = await Aedes.createBroker();
  let messagesPublished = 0;
  broker.on('publish', (_packet, client) => {
    if (client) messagesPublished++;
  });
  // Clients that drop without a DISCONNECT are routine for a test broker;
  // listening here keeps aedes from treating them as unhandled.
  broker.on('clientError', () => {});
  broker.on('connectionError', () => {});

  // server.close() waits for every connection to end, and aedes closes only
  // clients that finished CONNECT; tracking the sockets lets stop() end the
  // rest (say, a port probe) at once.
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    broker.handle(socket);
  });

  let bound: AddressInfo;
  let preferredPortTaken = false;
  try {
    bound = await listen(server, preferredPort, host);
  } catch (error) {
    if (preferredPort === 0 || !isPortUnavailable(error)) throw error;
    preferredPortTaken = true;
    bound = await listen(server, 0, host);
  }

  const stop = async (): Promise<void> => {
    const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await serverClosed;
    send({ type: 'stopped' });
    owner.close();
  };

  owner.on('message', (message: ToBrokerWorker) => {
    switch (message.type) {
      case 'stats':
        send({ type: 'stats', requestId: message.requestId, stats: { connectionsOpen: sockets.size, clientsConnected: broker.connectedClients, messagesPublished } });
        break;
      case 'stop':
        void stop();
        break;
    }
  });
  send({ type: 'ready', port: bound.port, address: bound.address, preferredPortTaken });
}

if (parentPort) {
  const owner = parentPort;
  run(owner, workerData as BrokerWorkerData).catch((error: unknown) => {
    const failure = error instanceof Error ? error : new Error(String(error));
    const code = (failure as NodeJS.ErrnoException).code;
    owner.postMessage({ type: 'failed', message: failure.message, ...(code ? { code } : {}) } satisfies FromBrokerWorker);
  });
}
