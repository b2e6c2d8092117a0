// Electron's main process: app lifecycle, the one window, and the host for the core.
import { join } from 'node:path';
import { app, BrowserWindow, Menu, Notification, powerSaveBlocker, safeStorage, Tray } from 'electron';
import { APP_ORIGIN, APP_PAGE_URL, registerAppScheme, serveRenderer } from './appProtocol';
import { createCore } from '../core/core';
import { externalSandbox, externalSandboxDataDir } from '../core/sandboxFile';
import { createSafeStorageSecretStore } from './secrets';
import { createDispatcher, createEventSink } from '../ipc/dispatcher';
import { serveContractOverIpc, sendEventToWindow } from './ipc';
import { hardenAllWebContents, hardenSession } from './security';
import { createMainWindow } from './mainWindow';
import { installLongRuns, type LongRuns } from './longRuns';

const rendererDir = join(__dirname, '../renderer');

let mainWindow: BrowserWindow | null = null;
let longRuns: LongRuns | null = null;

/**
 * `npm start -- --sandbox DIR/sandbox.json` (or ROLLCALL_SANDBOX): a sandbox started on its own,
 * driven from its terminal. Development only: a packaged Rollcall ignores it.
 */
function sandboxFromEnvironment(): ReturnType<typeof externalSandbox> {
  if (app.isPackaged) return undefined;
  try {
    return externalSandbox(undefined, process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

function createWindow(): BrowserWindow {
  const window = createMainWindow(BrowserWindow, { preload: join(__dirname, '../preload/index.js'), packaged: app.isPackaged });
  window.once('ready-to-show', () => window.show());
  longRuns?.watchWindow(window);
  window.on('closed', () => {
    mainWindow = null;
  });
  void window.loadURL(APP_PAGE_URL);
  return window;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  registerAppScheme();
  hardenAllWebContents();

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  void app.whenReady().then(async () => {
    hardenSession(APP_ORIGIN);
    serveRenderer(rendererDir);
    // safeStorage is usable only once the app is ready.
    const secrets = await createSafeStorageSecretStore({
      safeStorage,
      platform: process.platform,
      keyDir: join(app.getPath('userData'), 'keys'),
      warn: (message) => console.warn(message),
    });
    const trayIcon = app.isPackaged ? join(process.resourcesPath, 'tray.png') : join(__dirname, '../../build/icons/32x32.png');
    const shell = installLongRuns({ platform: process.platform, app, powerSaveBlocker, Notification, Tray, Menu, trayIcon }, { window: () => mainWindow, emit: (event, payload) => emit(event, payload) });
    longRuns = shell;
    const emit = createEventSink((event, payload) => {
      shell.observeEvent(event, payload);
      sendEventToWindow(mainWindow, event, payload);
    });
    const external = sandboxFromEnvironment();
    const dataDir = join(app.getPath('userData'), 'data');
    const core = createCore({
      runtime: 'electron',
      appName: app.getName(),
      appVersion: app.getVersion(),
      versions: { node: process.versions.node, electron: process.versions.electron, chrome: process.versions.chrome },
      env: process.env,
      emit,
      dataDir: external ? externalSandboxDataDir(dataDir, external) : dataDir,
      secrets,
      notify: shell.notice,
      closeAnswered: shell.closeAnswered,
      ...(external ? { sandbox: { external } } : {}),
    });
    serveContractOverIpc(createDispatcher(core.handlers), () => mainWindow, APP_PAGE_URL);
    mainWindow = createWindow();

    app.on('before-quit', () => void core.dispose());
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
