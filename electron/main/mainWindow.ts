// The main window and its options. Electron's BrowserWindow is passed in, so a test can check
// the options with a stand-in; it keeps its name so Electronegativity still reads this call.
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

export const DEFAULT_SIZE = { width: 1200, height: 800 } as const;
export const MIN_SIZE = { width: 720, height: 520 } as const;

export function createMainWindow<W>(
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W,
  { preload, packaged, bounds }: { preload: string; packaged: boolean; bounds?: Rectangle },
): W {
  return new BrowserWindow({
    // Where it was last time (windowState.ts clamps it to the screens there are); else centred.
    ...(bounds ?? DEFAULT_SIZE),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Rollcall',
    backgroundColor: '#0f1720',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // DevTools would let anyone at the keyboard drive the signed-in session: development only.
      devTools: !packaged,
    },
  });
}
