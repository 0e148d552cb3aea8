// The desktop app's menu bar: the platform's standard menus, by role.
import { app, Menu, type MenuItemConstructorOptions } from 'electron';

/** The usual menus, by role, so keyboard shortcuts and platform conventions work. */
export function installMenu(): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: `MQTT Gauge ${app.getVersion()}`, enabled: false }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
