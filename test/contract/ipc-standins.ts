// Stand-ins for Electron's ipcMain and ipcRenderer, which cannot run without
// Electron's binary. They carry payloads through structuredClone, as
// Electron's IPC does, and tag each call with the frame that made it, so the
// desktop wiring's sender checks are exercised for real.
import type { IpcMainEvent, IpcMainInvokeEvent, IpcRendererEvent } from '../../main/desktop/electron-types.js';
import type { IpcMainLike } from '../../main/desktop/ipc.js';
import type { IpcRendererLike } from '../../main/desktop/preload-api.js';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;
type MainListener = (event: IpcMainEvent, ...args: unknown[]) => void;
type RendererListener = (event: IpcRendererEvent, ...args: unknown[]) => void;

/** A frame that sends IPC: the app's own page, or something that should not be trusted. */
export interface FakeFrame {
  url: string;
}

/** One main process and the renderers talking to it. */
export class FakeIpc {
  private readonly handlers = new Map<string, Handler>();
  private readonly mainListeners = new Map<string, Set<MainListener>>();

  readonly ipcMain: IpcMainLike = {
    handle: (channel: string, handler: Handler) => {
      if (this.handlers.has(channel)) throw new Error(`a handler for ${channel} is already registered`);
      this.handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => {
      this.handlers.delete(channel);
    },
    on: (channel: string, listener: MainListener) => {
      let set = this.mainListeners.get(channel);
      if (!set) this.mainListeners.set(channel, (set = new Set()));
      set.add(listener);
      return this.ipcMain as never;
    },
    removeListener: (channel: string, listener: MainListener) => {
      this.mainListeners.get(channel)?.delete(listener);
      return this.ipcMain as never;
    },
  };

  /** Opens a renderer in `frame`; its ipcRenderer talks to this main process. */
  renderer(frame: FakeFrame): IpcRendererLike {
    const listeners = new Map<string, Set<RendererListener>>();
    const rendererEvent = {} as IpcRendererEvent;
    const sender = {
      isDestroyed: () => false,
      send: (channel: string, ...args: unknown[]) => {
        const cloned = structuredClone(args);
        for (const listener of listeners.get(channel) ?? []) listener(rendererEvent, ...cloned);
      },
    };
    const event = { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent & IpcMainEvent;
    const ipcRenderer = {
      invoke: async (channel: string, ...args: unknown[]) => {
        const handler = this.handlers.get(channel);
        if (!handler) throw new Error(`No handler registered for '${channel}'`);
        return structuredClone(await handler(event, ...structuredClone(args)));
      },
      send: (channel: string, ...args: unknown[]) => {
        const cloned = structuredClone(args);
        for (const listener of this.mainListeners.get(channel) ?? []) listener(event, ...cloned);
      },
      on: (channel: string, listener: RendererListener) => {
        let set = listeners.get(channel);
        if (!set) listeners.set(channel, (set = new Set()));
        set.add(listener);
        return ipcRenderer;
      },
      removeListener: (channel: string, listener: RendererListener) => {
        listeners.get(channel)?.delete(listener);
        return ipcRenderer;
      },
    };
    return ipcRenderer as unknown as IpcRendererLike;
  }
}
