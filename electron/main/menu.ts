// The native menu: the app's own commands with their accelerators, the usual Edit/View/Window
// menus, and Help. Instead of Electron's default menu (Reload, Toggle DevTools, electronjs.org
// links): nothing that reloads the page or opens DevTools in a packaged build. The template is
// pure, so each OS and build is tested without Electron; the installer only wires it up.
import { mkdir } from 'node:fs/promises';
import { app, Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/ipc/contract';

/** What the menu's own items do. */
export interface MenuActions {
  /** An app command, carried out by the renderer (it navigates, or asks before signing out). */
  command(command: MenuCommand): void;
  openLogsFolder(): void;
  reportProblem(): void;
  about(): void;
}

export interface MenuTemplateOptions {
  platform: NodeJS.Platform;
  packaged: boolean;
  appName: string;
  commands: MenuActions;
}

/**
 * Accelerators, chosen not to clash with the OS: Cmd+Shift+Q is macOS's "Log Out", so signing
 * out has none (it is rare, and it asks first while a run sends); Ctrl+Y is Redo on Windows, so
 * history is Shift+H; Cmd+, is the macOS settings convention, kept on every OS.
 */
export const ACCELERATORS = {
  newInvite: 'CmdOrCtrl+N',
  history: 'CmdOrCtrl+Shift+H',
  settings: 'CmdOrCtrl+,',
} as const satisfies Partial<Record<MenuCommand, string>>;

const separator: MenuItemConstructorOptions = { type: 'separator' };

export function buildMenuTemplate({ platform, packaged, appName, commands }: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const send = (command: MenuCommand) => () => commands.command(command);
  // Each command's id is its name: the Electron specs find an item by it and click it.
  const newInvite: MenuItemConstructorOptions = { id: 'newInvite', label: 'New Invite', accelerator: ACCELERATORS.newInvite, click: send('newInvite') };
  const history: MenuItemConstructorOptions = { id: 'history', label: 'History', accelerator: ACCELERATORS.history, click: send('history') };
  const settings: MenuItemConstructorOptions = {
    id: 'settings',
    label: mac ? 'Settings…' : 'Settings',
    accelerator: ACCELERATORS.settings,
    click: send('settings'),
  };
  const signOut: MenuItemConstructorOptions = { id: 'signOut', label: 'Sign Out…', click: send('signOut') };
  const about: MenuItemConstructorOptions = { label: `About ${appName}`, click: () => commands.about() };

  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      about,
      separator,
      settings,
      separator,
      signOut,
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };
  const fileMenu: MenuItemConstructorOptions = {
    label: 'File',
    submenu: mac
      ? [newInvite, history, separator, { role: 'close' }]
      : [newInvite, history, separator, settings, separator, signOut, separator, { role: 'quit' }],
  };
  const editMenu: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  };
  // Reload would drop the page's state mid-run and DevTools would let anyone at the keyboard
  // drive the signed-in session: both for development only.
  const developer: MenuItemConstructorOptions[] = packaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator];
  const viewMenu: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [...developer, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' }],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: 'Window',
    role: 'window',
    submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  };
  const helpMenu: MenuItemConstructorOptions = {
    label: 'Help',
    role: 'help',
    submenu: [
      { label: 'Open Logs Folder', click: () => commands.openLogsFolder() },
      { label: 'Report a Problem…', click: () => commands.reportProblem() },
      ...(mac ? [] : [separator, about]),
    ],
  };
  return [...(mac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}

export interface AppMenuOptions {
  /** The window the app's commands go to; shown and focused first. */
  getWindow(): BrowserWindow | null;
  /** Sends a command to the renderer (the `menuCommand` event). */
  sendCommand(command: MenuCommand): void;
  /** Help › Report a problem: puts a redacted diagnostic on the clipboard, and says so. */
  reportProblem(): Promise<void>;
  /** Where failures of the menu's own actions are reported. */
  logError?: (message: string, error?: unknown) => void;
}

/** Replaces Electron's default menu with Rollcall's. Call once the app is ready. */
export function installAppMenu(options: AppMenuOptions): void {
  const logError = options.logError ?? ((message: string, error?: unknown) => console.error(message, error));
  app.setAboutPanelOptions({
    applicationName: app.getName(),
    applicationVersion: app.getVersion(),
    copyright: 'Copyright © 2026 Rollcall team',
  });
  const template = buildMenuTemplate({
    platform: process.platform,
    packaged: app.isPackaged,
    appName: app.getName(),
    commands: {
      command: (command) => {
        const window = options.getWindow();
        if (!window || window.isDestroyed()) return;
        if (window.isMinimized()) window.restore();
        window.show();
        window.focus();
        options.sendCommand(command);
      },
      openLogsFolder: () => void openLogsFolder().catch((error: unknown) => logError('Opening the logs folder failed', error)),
      reportProblem: () => void options.reportProblem().catch((error: unknown) => logError('Reporting a problem failed', error)),
      about: () => app.showAboutPanel(),
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** Opens the OS log folder (it may not exist before the first log line). */
async function openLogsFolder(): Promise<void> {
  const folder = app.getPath('logs');
  await mkdir(folder, { recursive: true });
  const failure = await shell.openPath(folder);
  if (failure) throw new Error(failure);
}
