// When the window's renderer dies or hangs, the run goes on in the main process: the window is
// reloaded and, once it has loaded, told what happened (a shell notice with a catalogue code).
// crashReporter keeps its dumps on this machine (no upload).
import type { ShellNotice } from '../../shared/ipc/contract';

/** The parts of a BrowserWindow this module uses (a fake in tests). */
export interface CrashWindow {
  isDestroyed(): boolean;
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
  webContents: {
    on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string; exitCode: number }) => void): unknown;
    once(event: 'did-finish-load', listener: () => void): unknown;
    reload(): void;
  };
}

export interface CrashOptions {
  log: { error(message: string, detail?: unknown): void; warn(message: string, detail?: unknown): void; info(message: string, detail?: unknown): void };
  notify(code: ShellNotice['code'], reason: string): void;
  /** How long a hung window may stay unresponsive before it is reloaded. */
  unresponsiveGraceMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export const UNRESPONSIVE_GRACE_MS = 15_000;

export function installCrashHandling(window: CrashWindow, options: CrashOptions): void {
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as NodeJS.Timeout));
  let hung: unknown = null;

  const reload = (code: ShellNotice['code'], reason: string) => {
    if (window.isDestroyed()) return;
    window.webContents.once('did-finish-load', () => options.notify(code, reason));
    window.webContents.reload();
  };

  window.webContents.on('render-process-gone', (_event, details) => {
    // 'clean-exit' is a window closing normally; nothing to reload.
    if (details.reason === 'clean-exit') return;
    options.log.error(`the window's renderer stopped (${details.reason}, exit code ${details.exitCode}); reloading it`);
    reload('WINDOW_CRASHED', details.reason);
  });

  window.on('unresponsive', () => {
    options.log.warn('the window is not responding');
    if (hung !== null) return;
    hung = setTimer(() => {
      hung = null;
      options.log.error('the window stayed unresponsive; reloading it');
      reload('WINDOW_UNRESPONSIVE', 'unresponsive');
    }, options.unresponsiveGraceMs ?? UNRESPONSIVE_GRACE_MS);
  });

  window.on('responsive', () => {
    if (hung === null) return;
    clearTimer(hung);
    hung = null;
    options.log.info('the window is responding again');
  });
}

/** crashReporter.start with uploads off: dumps stay in the app's crashDumps folder. */
export function startLocalCrashReporter(crashReporter: { start(options: { uploadToServer: boolean; submitURL?: string }): void }): void {
  crashReporter.start({ uploadToServer: false });
}
