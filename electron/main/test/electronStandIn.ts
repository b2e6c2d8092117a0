// A typed stand-in for the parts of the `electron` module that electron/main uses, for unit
// tests where the Electron binary is absent. Each part is typed against Electron's own
// declarations (a Pick of the real interface), so a change in how the code calls Electron that
// the stand-in does not follow fails the typecheck. Use it with
//   vi.mock('electron', async () => (await import('./test/electronStandIn')).electronModule);
// and call resetElectronStandIn() before each test.
import { EventEmitter } from 'node:events';
import type * as Electron from 'electron';
import { vi } from 'vitest';

type Handler = (event: Electron.IpcMainInvokeEvent, ...args: unknown[]) => unknown;
type ProtocolHandler = (request: Request) => Response | Promise<Response>;

/** What the stand-in recorded: the handlers the code installed, the menu it set. */
export interface StandInRecord {
  ipcHandlers: Map<string, Handler>;
  protocolHandlers: Map<string, ProtocolHandler>;
  privilegedSchemes: Electron.CustomScheme[];
  permissionRequestHandler: Parameters<Electron.Session['setPermissionRequestHandler']>[0];
  permissionCheckHandler: Parameters<Electron.Session['setPermissionCheckHandler']>[0];
  devicePermissionHandler: Parameters<Electron.Session['setDevicePermissionHandler']>[0];
  applicationMenu: FakeMenu | null;
  clipboardText: string | null;
}

/** Menu.buildFromTemplate's result: the template, and a way to find an item and click it. */
export class FakeMenu {
  constructor(readonly template: Electron.MenuItemConstructorOptions[]) {}

  /** The item with this label, at any depth. */
  item(label: string): Electron.MenuItemConstructorOptions {
    const walk = (items: Electron.MenuItemConstructorOptions[]): Electron.MenuItemConstructorOptions | undefined => {
      for (const item of items) {
        if (item.label === label) return item;
        if (Array.isArray(item.submenu)) {
          const found = walk(item.submenu);
          if (found) return found;
        }
      }
      return undefined;
    };
    const found = walk(this.template);
    if (!found) throw new Error(`No menu item labelled ${label}`);
    return found;
  }

  click(label: string): void {
    const click = this.item(label).click;
    if (!click) throw new Error(`Menu item ${label} has no click`);
    click({} as Electron.MenuItem, undefined, {} as Electron.KeyboardEvent);
  }
}

export const record: StandInRecord = {
  ipcHandlers: new Map(),
  protocolHandlers: new Map(),
  privilegedSchemes: [],
  permissionRequestHandler: null,
  permissionCheckHandler: null,
  devicePermissionHandler: null,
  applicationMenu: null,
  clipboardText: null,
};

const appEvents = new EventEmitter();
const sessionEvents = new EventEmitter();

type AppMethods = Pick<Electron.App, 'getName' | 'getVersion' | 'getPath' | 'setAboutPanelOptions' | 'showAboutPanel'>;

/** Electron's app: its methods typed as Electron's; events on an EventEmitter; isPackaged settable. */
export const app = {
  on: (event: string, listener: (...args: never[]) => void) => {
    appEvents.on(event, listener as (...args: unknown[]) => void);
    return app;
  },
  emit: (event: string, ...args: unknown[]) => appEvents.emit(event, ...args),
  getName: vi.fn<AppMethods['getName']>(() => 'Rollcall'),
  getVersion: vi.fn<AppMethods['getVersion']>(() => '0.1.0'),
  getPath: vi.fn<AppMethods['getPath']>((name) => `/stand-in/${name}`),
  setAboutPanelOptions: vi.fn<AppMethods['setAboutPanelOptions']>(),
  showAboutPanel: vi.fn<AppMethods['showAboutPanel']>(),
  isPackaged: false as boolean,
};

export const ipcMain = {
  handle: vi.fn((channel: string, listener: Handler) => {
    record.ipcHandlers.set(channel, listener);
  }),
} satisfies Pick<Electron.IpcMain, 'handle'>;

export const protocol = {
  registerSchemesAsPrivileged: vi.fn((schemes: Electron.CustomScheme[]) => {
    record.privilegedSchemes.push(...schemes);
  }),
  handle: vi.fn((scheme: string, handler: ProtocolHandler) => {
    record.protocolHandlers.set(scheme, handler);
  }),
} satisfies Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle'>;

type SessionPart = Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'on'>;

const defaultSession: SessionPart & { emit: EventEmitter['emit'] } = {
  setPermissionRequestHandler: vi.fn((handler: StandInRecord['permissionRequestHandler']) => {
    record.permissionRequestHandler = handler;
  }),
  setPermissionCheckHandler: vi.fn((handler: StandInRecord['permissionCheckHandler']) => {
    record.permissionCheckHandler = handler;
  }),
  setDevicePermissionHandler: vi.fn((handler: StandInRecord['devicePermissionHandler']) => {
    record.devicePermissionHandler = handler;
  }),
  on: ((event: string, listener: (...args: unknown[]) => void) => {
    sessionEvents.on(event, listener);
    return defaultSession;
  }) as SessionPart['on'],
  emit: (event: string, ...args: unknown[]) => sessionEvents.emit(event, ...args),
};

export const session = { defaultSession };

export const shell = {
  openExternal: vi.fn(async (_url: string) => {}),
  openPath: vi.fn(async (_path: string) => ''),
} satisfies Pick<Electron.Shell, 'openExternal' | 'openPath'>;

export const Menu = {
  buildFromTemplate: vi.fn((template: Electron.MenuItemConstructorOptions[]) => new FakeMenu(template)),
  setApplicationMenu: vi.fn((menu: FakeMenu | null) => {
    record.applicationMenu = menu;
  }),
};

export const clipboard = {
  writeText: vi.fn(async (text: string) => {
    record.clipboardText = text;
  }),
} satisfies Pick<Electron.Clipboard, 'writeText'>;

export const dialog = {
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })),
};

export const screen = {
  getAllDisplays: vi.fn(() => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }]),
  getPrimaryDisplay: vi.fn(() => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } })),
};

/** What vi.mock('electron', …) returns. */
export const electronModule = { app, ipcMain, protocol, session, shell, Menu, clipboard, dialog, screen };

/** A WebContents stand-in for security.ts: its events, and the window-open handler it was given. */
export class FakeWebContents extends EventEmitter {
  windowOpenHandler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0] | null = null;
  setWindowOpenHandler(handler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0]): void {
    this.windowOpenHandler = handler;
  }
}

/** An event whose default can be prevented, as Electron passes to will-navigate and friends. */
export function preventable(): { preventDefault: () => void; prevented: () => boolean } {
  let prevented = false;
  return { preventDefault: () => void (prevented = true), prevented: () => prevented };
}

export function resetElectronStandIn(): void {
  record.ipcHandlers.clear();
  record.protocolHandlers.clear();
  record.privilegedSchemes.length = 0;
  record.permissionRequestHandler = null;
  record.permissionCheckHandler = null;
  record.devicePermissionHandler = null;
  record.applicationMenu = null;
  record.clipboardText = null;
  appEvents.removeAllListeners();
  sessionEvents.removeAllListeners();
  app.isPackaged = false;
  vi.clearAllMocks();
}
