// The API the preload exposes to the renderer, built over ipcRenderer. Kept
// apart from preload.ts (which touches contextBridge) so the contract tests
// can run it against stand-ins for Electron's IPC.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { COMMAND_NAMES, EVENT_NAMES, type EventName, type EventPayloads, type GaugeApi } from '../../shared/contract.js';

/** Channel names; main registers exactly these. */
export const IPC = {
  command: (name: string) => `gauge:command:${name}`,
  event: 'gauge:event',
  ready: 'gauge:ready',
} as const;

/** What the preload needs of ipcRenderer. */
export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener' | 'send'>;

/**
 * One named method per command, and a subscribe per event; never a raw
 * `send` the page could aim at any channel. The first subscription tells
 * main the renderer is ready, so no event is pushed before anyone listens.
 */
export function buildPreloadApi(ipc: IpcRendererLike): GaugeApi {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let readySent = false;
  ipc.on(IPC.event, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
    if (typeof name !== 'string' || !EVENT_NAMES.includes(name as EventName)) return;
    for (const listener of listeners.get(name as EventName) ?? []) listener(payload as never);
  });
  const api: Record<string, unknown> = {
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
      if (!EVENT_NAMES.includes(event)) throw new Error(`unknown event ${String(event)}`);
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      if (!readySent) {
        readySent = true;
        // After the current task, so all of a component's subscriptions are in place.
        setTimeout(() => ipc.send(IPC.ready), 0);
      }
      return () => set.delete(listener);
    },
  };
  for (const name of COMMAND_NAMES) api[name] = (payload: unknown) => ipc.invoke(IPC.command(name), payload);
  return api as unknown as GaugeApi;
}
