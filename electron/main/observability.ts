// The Electron host's logs and crash handling in one place, so index.ts adds a few lines only:
// electron-log in the OS log folder, process failures logged, local-only crash dumps, crash
// handling per window, and the text for Help › Report a problem.
import electronLog from 'electron-log/main';
import { app, crashReporter } from 'electron';
import type { BackendStatus } from '../../shared/ipc/contract';
import { installCrashHandling, startLocalCrashReporter, type CrashWindow } from './crash';
import { buildDiagnostic, recentLogLines } from './diagnostic';
import { setUpElectronLogging, type ElectronLogging } from './logging';

export interface Observability extends ElectronLogging {
  /** Crash and hang handling for a window; `notify` tells its renderer after the reload. */
  watchWindow(window: CrashWindow, notify: Parameters<typeof installCrashHandling>[1]['notify']): void;
  /** Help › Report a problem's text (redacted; no secrets, no names). */
  diagnostic(backendStatus: BackendStatus | null): string;
}

/** Call once, early (before app ready): crashReporter must start before windows exist. */
export function startObservability(): Observability {
  startLocalCrashReporter(crashReporter);
  const logging = setUpElectronLogging(electronLog, { packaged: app.isPackaged, logsDir: app.getPath('logs') });
  logging.logger.info(`Rollcall ${app.getVersion()} starting (${process.platform} ${process.arch}, Electron ${process.versions.electron})`);
  return {
    ...logging,
    watchWindow: (window, notify) => installCrashHandling(window, { log: logging.logger, notify }),
    diagnostic: (backendStatus) =>
      buildDiagnostic({
        appVersion: app.getVersion(),
        versions: { electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node },
        platform: `${process.platform} ${process.arch}`,
        backendStatus,
        recentLogLines: recentLogLines(logging.file()),
      }),
  };
}
