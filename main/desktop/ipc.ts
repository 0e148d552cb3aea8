// Wires the service to ipcMain. Every handler first checks that the call
// comes from our own window's main frame: any other frame (an injected
// iframe, a navigated page) is refused, whatever it sends.
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { COMMAND_NAMES, EVENT_NAMES, type Result } from '../../shared/contract.js';
import type { GaugeService } from '../service/index.js';
import { IPC } from './preload-api.js';

/** What the wiring needs of ipcMain. */
export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeListener'>;

/** Decides whether an IPC event comes from the app's own window and frame. */
export type SenderCheck = (event: IpcMainInvokeEvent | IpcMainEvent) => boolean;

/** Connects the service's commands and events to IPC; returns the function that undoes it. */
export function wireIpc(ipc: IpcMainLike, service: GaugeService, isTrusted: SenderCheck, log: (line: string) => void = () => {}): () => void {
  let target: WebContents | null = null;
  for (const name of COMMAND_NAMES) {
    ipc.handle(IPC.command(name), async (event, payload: unknown): Promise<Result<unknown>> => {
      if (!isTrusted(event)) {
        log(`ipc: refused ${name} from an untrusted frame (${event.senderFrame?.url ?? 'unknown'})`);
        return { ok: false, error: { code: 'invalid-input', message: 'refused: the call did not come from the MQTT Gauge window' } };
      }
      return service.handle(name, payload);
    });
  }
  const onReady = (event: IpcMainEvent) => {
    if (isTrusted(event)) target = event.sender;
  };
  ipc.on(IPC.ready, onReady);
  const unsubscribe = EVENT_NAMES.map((name) =>
    service.on(name, (payload) => {
      // Events wait for the renderer's ready signal, then go to that window only.
      if (target && !target.isDestroyed()) target.send(IPC.event, name, payload);
    }),
  );
  return () => {
    for (const name of COMMAND_NAMES) ipc.removeHandler(IPC.command(name));
    ipc.removeListener(IPC.ready, onReady);
    unsubscribe.forEach((stop) => stop());
  };
}
