// The Electron main process: owns the service (and so the engine, its
// channel and event loop) and shows it in one window.
import { app, BrowserWindow, ipcMain, safeStorage } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GaugeService } from '../service/index.js';
import { wireIpc } from './ipc.js';
import { installMenu } from './menu.js';
import { createDesktopSecretStore } from './secret-store.js';
import { createMainWindow } from './window.js';

// Bundled to dist/desktop/main.mjs; the renderer is built to dist/renderer.
const distDir = join(dirname(fileURLToPath(import.meta.url)), '..');

// Tests (and people with several setups) can point the app at another data folder.
if (process.env.MQTT_GAUGE_DATA_DIR) app.setPath('userData', process.env.MQTT_GAUGE_DATA_DIR);

if (!app.requestSingleInstanceLock()) app.quit();

void app.whenReady().then(async () => {
  const dataDir = app.getPath('userData');
  const secrets = createDesktopSecretStore(safeStorage, dataDir, (line) => console.warn(line));
  // The system's language as Electron sees it: the window's navigator.language may differ.
  const service = new GaugeService({ version: app.getVersion(), dataDir, autoConnect: true, secrets, systemLocale: app.getLocale() });
  await service.start();
  installMenu();

  let window: BrowserWindow | null = null;
  let unwire: (() => void) | null = null;
  const open = () => {
    const created = createMainWindow(distDir);
    window = created.window;
    unwire = wireIpc(ipcMain, service, created.isTrusted, (line) => console.warn(line));
    created.window.on('closed', () => {
      unwire?.();
      unwire = null;
      window = null;
    });
  };
  open();

  app.on('second-instance', () => {
    if (!window) return open();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  // macOS keeps the app running without windows; clicking the dock icon reopens one.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let stopping = false;
  app.on('before-quit', (event) => {
    if (stopping) return;
    stopping = true;
    event.preventDefault();
    unwire?.();
    void service.stop().finally(() => app.exit(0));
  });
});
