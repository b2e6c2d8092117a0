// Help › Report a problem: a diagnostic on the clipboard, and a word that it is there. What the
// diagnostic says is injected: the logs' redacted diagnostic (electron/main/diagnostic.ts).
import { clipboard, dialog, type BrowserWindow } from 'electron';
import type { Translator } from '../../shared/i18n/translate';

export interface ReportProblemDeps {
  /** The redacted text to copy. It stays English: it is read by whoever fixes the problem. */
  buildDiagnostic(): string | Promise<string>;
  getWindow(): BrowserWindow | null;
  /** The dialog's words, in the organiser's language at this moment. */
  translator(): Translator;
}

export function createReportProblem({ buildDiagnostic, getWindow, translator }: ReportProblemDeps): () => Promise<void> {
  return async () => {
    await clipboard.writeText(await buildDiagnostic());
    const { t } = translator();
    const options = {
      type: 'info' as const,
      message: t('main.report.message'),
      detail: t('main.report.detail'),
      buttons: [t('main.report.ok')],
    };
    const window = getWindow();
    await (window && !window.isDestroyed() ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
  };
}
