import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

export type BrowserSource = 'PLAYWRIGHT_CHROMIUM_EXECUTABLE' | 'system' | 'Playwright';

/** A Chromium Playwright can drive, and where it came from. */
export interface FoundBrowser {
  path: string;
  source: BrowserSource;
}

/** What the search looks at; tests pass their own. */
export interface BrowserProbe {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  exists(path: string): boolean;
  /** Where Playwright keeps its own Chromium (it may not be downloaded). */
  playwrightChromium(): string | undefined;
}

export const realProbe: BrowserProbe = {
  env: process.env,
  platform: process.platform,
  exists: existsSync,
  playwrightChromium: () => {
    try {
      return chromium.executablePath();
    } catch {
      return undefined;
    }
  },
};

/** Installed Chromium-family browsers, in the order tried. Playwright drives Chrome as well as Chromium. */
export function systemChromiumPaths(probe: Pick<BrowserProbe, 'env' | 'platform'>): string[] {
  if (probe.platform === 'darwin') {
    return [
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    ];
  }
  if (probe.platform === 'win32') {
    const roots = [probe.env.PROGRAMFILES, probe.env['PROGRAMFILES(X86)'], probe.env.LOCALAPPDATA].filter((r): r is string => !!r);
    return roots.map((root) => join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'));
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'];
}

/**
 * The Chromium the UI tests drive: $PLAYWRIGHT_CHROMIUM_EXECUTABLE, else a system Chromium, else
 * Playwright's own if it was downloaded; null when there is none. A variable that names a missing
 * file is an error, not a reason to quietly test another browser.
 */
export function findChromium(probe: BrowserProbe = realProbe): FoundBrowser | null {
  const fromEnv = probe.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (fromEnv) {
    if (!probe.exists(fromEnv)) throw new Error(`PLAYWRIGHT_CHROMIUM_EXECUTABLE names ${fromEnv}, which does not exist.`);
    return { path: fromEnv, source: 'PLAYWRIGHT_CHROMIUM_EXECUTABLE' };
  }
  const system = systemChromiumPaths(probe).find((path) => probe.exists(path));
  if (system) return { path: system, source: 'system' };
  const own = probe.playwrightChromium();
  return own && probe.exists(own) ? { path: own, source: 'Playwright' } : null;
}

/** Flags that keep a headless Chromium off the network it doesn't have here. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
