import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createMainWindow } from './mainWindow';

/** Stands in for Electron's BrowserWindow: keeps the options it was built with. */
class FakeWindow {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}

const preferences = (packaged: boolean) => createMainWindow(FakeWindow, { preload: '/p.js', packaged }).options.webPreferences;

describe('the main window', () => {
  it('item 11: DevTools only in development, never in a packaged build', () => {
    expect(preferences(true)).toMatchObject({ devTools: false });
    expect(preferences(false)).toMatchObject({ devTools: true });
  });

  it('keeps the renderer sandboxed and isolated', () => {
    expect(preferences(true)).toMatchObject({
      preload: '/p.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });
});

describe('the main window’s place', () => {
  it('item 5: opens where window state says, at least the minimum size', () => {
    const options = createMainWindow(FakeWindow, { preload: '/p.js', packaged: true, bounds: { x: 40, y: 30, width: 1000, height: 700 } }).options;
    expect(options).toMatchObject({ x: 40, y: 30, width: 1000, height: 700, minWidth: 720, minHeight: 520 });
    expect(createMainWindow(FakeWindow, { preload: '/p.js', packaged: true }).options).toMatchObject({ width: 1200, height: 800 });
  });
});
