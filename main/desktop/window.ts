// The desktop app's main window, with Electron's security settings on and a check that IPC comes from it.
import { BrowserWindow, shell, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Creates the main window with Electron's security settings on, and a check for its own frame. */
export function createMainWindow(distDir: string): { window: BrowserWindow; isTrusted: (event: IpcMainInvokeEvent | IpcMainEvent) => boolean } {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'MQTT Gauge',
    show: false,
    webPreferences: {
      preload: join(distDir, 'desktop', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  const indexUrl = pathToFileURL(join(distDir, 'renderer', 'index.html')).toString();
  // The app never opens other windows or navigates away; links go to the system browser.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadURL(indexUrl);

  const isTrusted = (event: IpcMainInvokeEvent | IpcMainEvent): boolean => {
    // Only our own window's main frame, showing our own page.
    const frame = event.senderFrame;
    return BrowserWindow.fromWebContents(event.sender) === window && frame !== null && frame === window.webContents.mainFrame && frame.url === indexUrl;
  };
  return { window, isTrusted };
}
