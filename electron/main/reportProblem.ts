// Help › Report a problem: a diagnostic on the clipboard, and a word that it is there. What the
// diagnostic says is injected: the logs' redacted diagnostic (electron/main/diagnostic.ts).
import { clipboard, dialog, type BrowserWindow } from 'electron';

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
