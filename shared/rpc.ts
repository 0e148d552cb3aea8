// The contract over a message channel (web mode's WebSocket): envelopes and
// a client that turns them back into the GaugeApi the UI uses.
import { COMMAND_NAMES, EVENT_NAMES, type EventName, type EventPayloads, type GaugeApi, type Result } from './contract.js';

/** The largest message either side sends: a 1 MiB payload typed as hex or base64, with room to spare. */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

/** A command sent to the service. */
export interface CallMessage {
  type: 'call';
  id: number;
  command: string;
  payload: unknown;
}

/** The service's answer to one call. */
export interface ResultMessage {
  type: 'result';
  id: number;
  result: Result<unknown>;
}

/** An event pushed by the service. */
export interface EventMessage {
  type: 'event';
  event: EventName;
  payload: unknown;
}

export type ServerMessage = ResultMessage | EventMessage;

/** The least a message channel must offer. */
export interface MessageChannelLike {
  send(text: string): void;
  /** Registers the handler for incoming text. */
  onMessage(handler: (text: string) => void): void;
  /** Registers the handler for the channel closing. */
  onClose(handler: (reason: string) => void): void;
}

/** Builds the GaugeApi over a message channel: one method per command, events by name. */
export function createRpcClient(channel: MessageChannelLike): GaugeApi & { readonly closed: boolean } {
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<EventName, Set<(payload: never) => void>>();

  channel.onMessage((text) => {
    let message: ServerMessage;
    try {
      message = JSON.parse(text) as ServerMessage;
    } catch {
      return;
    }
    if (message.type === 'result') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message.type === 'event' && EVENT_NAMES.includes(message.event)) {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload as never);
    }
  });
  channel.onClose((reason) => {
    closed = true;
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'internal', message: `the connection to the service closed: ${reason}` } });
    pending.clear();
  });

  const call = (command: string, payload: unknown): Promise<Result<unknown>> => {
    if (closed) return Promise.resolve({ ok: false, error: { code: 'internal', message: 'the connection to the service is closed' } });
    const id = nextId++;
    // JSON turns NaN and Infinity into null, which can mean something else
    // entirely ("throttle: null" lifts the throttle): refuse them here.
    // A holder rather than a `let`: the replacer sets it, and control-flow analysis cannot see into the callback.
    const refused: { field: string | null } = { field: null };
    const text = JSON.stringify({ type: 'call', id, command, payload } satisfies CallMessage, function (this: unknown, key: string, value: unknown) {
      if (typeof value === 'number' && !Number.isFinite(value)) refused.field ??= key;
      return value;
    });
    const nonFinite = refused.field;
    if (nonFinite !== null) {
      return Promise.resolve({ ok: false, error: { code: 'invalid-input', field: nonFinite, message: `${nonFinite}: must be a finite number` } });
    }
    // The server would close the socket on an oversized message; refuse it
    // here instead, so one bad request cannot cut the UI off.
    if (text.length > MAX_MESSAGE_BYTES) {
      return Promise.resolve({ ok: false, error: { code: 'invalid-input', message: `the request is ${(text.length / 1048576).toFixed(1)} MiB; at most ${MAX_MESSAGE_BYTES / 1048576} MiB can be sent` } });
    }
    return new Promise((resolve) => {
      pending.set(id, resolve);
      channel.send(text);
    });
  };

  const api = {
    get closed() {
      return closed;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  } as GaugeApi & { readonly closed: boolean };
  for (const command of COMMAND_NAMES) {
    (api as unknown as Record<string, unknown>)[command] = (payload: unknown) => call(command, payload);
  }
  return api;
}
