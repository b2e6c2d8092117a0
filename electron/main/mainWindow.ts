// The main window and its options. Electron's BrowserWindow is passed in, so a test can check
// the options with a stand-in; it keeps its name so Electronegativity still reads this call.
import type { BrowserWindowConstructorOptions } from 'electron';

export function createMainWindow<W>(
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W,
  { preload, packaged }: { preload: string; packaged: boolean },
): W {
  return new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 520,
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
