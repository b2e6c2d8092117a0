// Electron's main process: app lifecycle, the one window, and the host for the core.
import { join } from 'node:path';
import { app, BrowserWindow, Menu, Notification, powerSaveBlocker, safeStorage, Tray } from 'electron';
import { APP_ORIGIN, APP_PAGE_URL, registerAppScheme, serveRenderer } from './appProtocol';
import { createCore } from '../core/core';
import { exploreSandboxOptions } from '../core/embeddedSandbox';
import { externalSandbox, externalSandboxDataDir } from '../core/sandboxFile';
import { createSafeStorageSecretStore } from './secrets';
import { createDispatcher, createEventSink } from '../ipc/dispatcher';
import { serveContractOverIpc, sendEventToWindow } from './ipc';
import { hardenAllWebContents, hardenSession } from './security';
import type { BackendStatus } from '../../shared/ipc/contract';
import { createMainWindow } from './mainWindow';
import { startObservability } from './observability';
import { installAppMenu } from './menu';
import { createReportProblem } from './reportProblem';
import { loadWindowPlacement, type WindowPlacement } from './windowState';
import { autoUpdater } from 'electron-updater';
import { createUpdates } from './updates';
import { installLongRuns, type LongRuns } from './longRuns';
import { createMainLanguage } from './language';
import type { Handlers } from '../ipc/dispatcher';

const rendererDir = join(__dirname, '../renderer');

let mainWindow: BrowserWindow | null = null;
const observability = startObservability();
/** The last backend status sent to the window: Help › Report a problem puts it in the diagnostic. */
let lastBackendStatus: BackendStatus | null = null;
let shellNotice: ((...args: Parameters<ReturnType<typeof createCore>['shellNotice']>) => void) | null = null;
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

function createWindow(placement: WindowPlacement): BrowserWindow {
  const window = createMainWindow(BrowserWindow, { preload: join(__dirname, '../preload/index.js'), packaged: app.isPackaged, bounds: placement.bounds() });
  placement.track(window);
  window.once('ready-to-show', () => window.show());
  observability.watchWindow(window, (code, reason) => shellNotice?.(code, reason));
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
      warn: (message) => observability.logger.warn(message),
    });
    // The menu, notifications, tray and dialogs speak Settings' language, else the OS's.
    const language = createMainLanguage(() => app.getPreferredSystemLanguages());
    const trayIcon = app.isPackaged ? join(process.resourcesPath, 'tray.png') : join(__dirname, '../../build/icons/32x32.png');
    const shell = installLongRuns({ platform: process.platform, app, powerSaveBlocker, Notification, Tray, Menu, trayIcon }, { window: () => mainWindow, emit: (event, payload) => emit(event, payload), translator: language.translator });
    longRuns = shell;
    const updates = createUpdates({
      packaged: app.isPackaged,
      updater: () => autoUpdater,
      showPrompt: (ready) => emit('updateReady', ready),
      log: (message, error) => observability.logger.warn(message, error),
    });
    const emit = createEventSink(
      (event, payload) => {
        if (event === 'backendStatus') lastBackendStatus = payload as BackendStatus;
        shell.observeEvent(event, payload);
        updates.observe(event, payload);
        sendEventToWindow(mainWindow, event, payload);
      },
      { logError: observability.logger.error },
    );
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
      logger: observability.logger,
      updates,
      notify: shell.notice,
      closeAnswered: shell.closeAnswered,
      sandbox: external ? { external } : exploreSandboxOptions(),
    });
    shellNotice = core.shellNotice;
    const handlers: Handlers = {
      ...core.handlers,
      settingsSetLanguage: async (request) => {
        const settings = await core.handlers.settingsSetLanguage(request);
        language.choose(settings.language);
        return settings;
      },
    };
    serveContractOverIpc(createDispatcher(handlers, { logError: observability.logger.error }), () => mainWindow, APP_PAGE_URL);
    const reportProblem = createReportProblem({
      buildDiagnostic: () => observability.diagnostic(lastBackendStatus),
      getWindow: () => mainWindow,
      translator: language.translator,
    });
    const rebuildMenu = installAppMenu({ getWindow: () => mainWindow, sendCommand: (command) => emit('menuCommand', command), reportProblem, translator: language.translator });
    language.onChange(rebuildMenu);
    const placement = await loadWindowPlacement(app.getPath('userData'));
    mainWindow = createWindow(placement);
    void core.handlers.settingsGet({}).then(
      (settings) => {
        language.choose(settings.language);
        updates.start(settings.checkForUpdates);
      },
      () => updates.start(true),
    );

    app.on('before-quit', () => {
      updates.dispose();
      void core.dispose();
    });
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow(placement);
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
