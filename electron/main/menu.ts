// The native menu: the app's own commands with their accelerators, the usual Edit/View/Window
// menus, and Help. Instead of Electron's default menu (Reload, Toggle DevTools, electronjs.org
// links): nothing that reloads the page or opens DevTools in a packaged build. The template is
// pure, so each OS and build is tested without Electron; the installer only wires it up. Every
// label is the organiser's language's, the OS's own roles (Copy, Zoom In…) included: Electron
// labels those in English on Windows and Linux.
import { mkdir } from 'node:fs/promises';
import { app, Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/ipc/contract';
import type { MessageKey } from '../../shared/i18n/catalogues';
import type { Translator } from '../../shared/i18n/translate';

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
  /** The words, in the organiser's language. */
  t: Translator['t'];
}

type Role = NonNullable<MenuItemConstructorOptions['role']>;

/** The labels of the OS's own items; quit's depends on the OS (below). */
const ROLE_LABEL = {
  services: 'main.menu.services',
  hide: 'main.menu.hide',
  hideOthers: 'main.menu.hideOthers',
  unhide: 'main.menu.unhide',
  close: 'main.menu.closeWindow',
  undo: 'main.menu.undo',
  redo: 'main.menu.redo',
  cut: 'main.menu.cut',
  copy: 'main.menu.copy',
  paste: 'main.menu.paste',
  pasteAndMatchStyle: 'main.menu.pasteAndMatchStyle',
  delete: 'main.menu.delete',
  selectAll: 'main.menu.selectAll',
  reload: 'main.menu.reload',
  forceReload: 'main.menu.forceReload',
  toggleDevTools: 'main.menu.toggleDevTools',
  resetZoom: 'main.menu.resetZoom',
  zoomIn: 'main.menu.zoomIn',
  zoomOut: 'main.menu.zoomOut',
  togglefullscreen: 'main.menu.toggleFullScreen',
  minimize: 'main.menu.minimize',
  zoom: 'main.menu.zoom',
  front: 'main.menu.front',
} as const satisfies Partial<Record<Role, MessageKey>>;

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

export function buildMenuTemplate({ platform, packaged, appName, commands, t }: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const send = (command: MenuCommand) => () => commands.command(command);
  const role = (name: keyof typeof ROLE_LABEL): MenuItemConstructorOptions => ({
    role: name,
    label: name === 'hide' ? t(ROLE_LABEL.hide, { appName }) : t(ROLE_LABEL[name]),
  });
  const quit: MenuItemConstructorOptions = {
    role: 'quit',
    label: mac ? t('main.menu.quitApp', { appName }) : platform === 'win32' ? t('main.menu.exit') : t('main.menu.quit'),
  };
  // Each command's id is its name: the Electron specs find an item by it and click it.
  const newInvite: MenuItemConstructorOptions = { id: 'newInvite', label: t('main.menu.newInvite'), accelerator: ACCELERATORS.newInvite, click: send('newInvite') };
  const history: MenuItemConstructorOptions = { id: 'history', label: t('main.menu.history'), accelerator: ACCELERATORS.history, click: send('history') };
  const settings: MenuItemConstructorOptions = {
    id: 'settings',
    label: mac ? t('main.menu.settingsMac') : t('main.menu.settings'),
    accelerator: ACCELERATORS.settings,
    click: send('settings'),
  };
  const signOut: MenuItemConstructorOptions = { id: 'signOut', label: t('main.menu.signOut'), click: send('signOut') };
  const about: MenuItemConstructorOptions = { label: t('main.menu.about', { appName }), click: () => commands.about() };

  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      about,
      separator,
      settings,
      separator,
      signOut,
      separator,
      role('services'),
      separator,
      role('hide'),
      role('hideOthers'),
      role('unhide'),
      separator,
      quit,
    ],
  };
  const fileMenu: MenuItemConstructorOptions = {
    label: t('main.menu.file'),
    submenu: mac
      ? [newInvite, history, separator, role('close')]
      : [newInvite, history, separator, settings, separator, signOut, separator, quit],
  };
  const editMenu: MenuItemConstructorOptions = {
    label: t('main.menu.edit'),
    submenu: [
      role('undo'),
      role('redo'),
      separator,
      role('cut'),
      role('copy'),
      role('paste'),
      ...(mac ? [role('pasteAndMatchStyle')] : []),
      role('delete'),
      separator,
      role('selectAll'),
    ],
  };
  // Reload would drop the page's state mid-run and DevTools would let anyone at the keyboard
  // drive the signed-in session: both for development only.
  const developer: MenuItemConstructorOptions[] = packaged
    ? []
    : [role('reload'), role('forceReload'), role('toggleDevTools'), separator];
  const viewMenu: MenuItemConstructorOptions = {
    label: t('main.menu.view'),
    submenu: [...developer, role('resetZoom'), role('zoomIn'), role('zoomOut'), separator, role('togglefullscreen')],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: t('main.menu.window'),
    role: 'window',
    submenu: mac ? [role('minimize'), role('zoom'), separator, role('front')] : [role('minimize'), role('close')],
  };
  const helpMenu: MenuItemConstructorOptions = {
    label: t('main.menu.help'),
    role: 'help',
    submenu: [
      { label: t('main.menu.openLogs'), click: () => commands.openLogsFolder() },
      { label: t('main.menu.reportProblem'), click: () => commands.reportProblem() },
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
  /** The words, in the organiser's language at this moment. */
  translator(): Translator;
}

/**
 * Replaces Electron's default menu with Rollcall's. Call once the app is ready; call the returned
 * function when the language changes (the menu is built again in it).
 */
export function installAppMenu(options: AppMenuOptions): () => void {
  const logError = options.logError ?? ((message: string, error?: unknown) => console.error(message, error));
  const commands: MenuActions = {
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
  };
  const build = () => {
    const { t } = options.translator();
    app.setAboutPanelOptions({
      applicationName: app.getName(),
      applicationVersion: app.getVersion(),
      copyright: t('main.about.copyright', { year: 2026 }),
    });
    const template = buildMenuTemplate({ platform: process.platform, packaged: app.isPackaged, appName: app.getName(), commands, t });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  build();
  return build;
}

/** Opens the OS log folder (it may not exist before the first log line). */
async function openLogsFolder(): Promise<void> {
  const folder = app.getPath('logs');
  await mkdir(folder, { recursive: true });
  const failure = await shell.openPath(folder);
  if (failure) throw new Error(failure);
}
