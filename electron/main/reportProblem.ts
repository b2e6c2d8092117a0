// Help › Report a problem: a diagnostic on the clipboard, and a word that it is there. What the
// diagnostic says is injected (the logs' redacted diagnostic where there is one); the fallback
// holds versions and the OS only, nothing from the session or the logs.
import { release } from 'node:os';
import { app, clipboard, dialog, type BrowserWindow } from 'electron';

export interface ReportProblemDeps {
  /** The redacted text to copy. */
  buildDiagnostic(): string | Promise<string>;
  getWindow(): BrowserWindow | null;
}

export function createReportProblem({ buildDiagnostic, getWindow }: ReportProblemDeps): () => Promise<void> {
  return async () => {
    await clipboard.writeText(await buildDiagnostic());
    const options = {
      type: 'info' as const,
      message: 'A diagnostic report is on the clipboard',
      detail: 'Paste it into your message or issue. It holds what helps find the problem (versions, recent errors), never your session, codes or passwords.',
      buttons: ['OK'],
    };
    const window = getWindow();
    await (window && !window.isDestroyed() ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
  };
}

/** Versions and the OS: what a report needs at the least, and nothing private. */
export function basicDiagnostic(): string {
  return [
    `${app.getName()} ${app.getVersion()}${app.isPackaged ? '' : ' (development)'}`,
    `Electron ${process.versions.electron}, Chrome ${process.versions.chrome}, Node ${process.versions.node}`,
    `${process.platform} ${process.arch} ${release()}`,
  ].join('\n');
}
