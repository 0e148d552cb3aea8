// Electron's IPC event types, for code outside this folder that must name
// them (the contract tests' stand-ins): only main/desktop imports electron.
export type { IpcMainEvent, IpcMainInvokeEvent, IpcRendererEvent } from 'electron';
