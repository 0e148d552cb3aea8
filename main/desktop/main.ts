// The Electron main process: owns the service (and so the engine, its
// channel and event loop) and shows it in one window.
import { app, BrowserWindow, ipcMain } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GaugeService } from '../service/index.js';
import { wireIpc } from './ipc.js';
import { installMenu } from './menu.js';
import { createMainWindow } from './window.js';

// Bundled to dist/desktop/main.cjs; the renderer is built to dist/renderer.
const distDir = join(typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url)), '..');

if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(async () => {
  const service = new GaugeService({ version: app.getVersion(), dataDir: app.getPath('userData'), autoConnect: true });
  await service.start();
  installMenu();
  const { window, isTrusted } = createMainWindow(distDir);
  const unwire = wireIpc(ipcMain, service, isTrusted, (line) => console.warn(line));
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  let stopping = false;
  app.on('before-quit', (event) => {
    if (stopping) return;
    stopping = true;
    event.preventDefault();
    unwire();
    void service.stop().finally(() => app.exit(0));
  });
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(distDir);
  });
});
