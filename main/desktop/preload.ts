// Runs in the sandboxed renderer before the page: exposes `window.gauge`.
import { contextBridge, ipcRenderer } from 'electron';
import { buildPreloadApi } from './preload-api.js';

contextBridge.exposeInMainWorld('gauge', buildPreloadApi(ipcRenderer));
