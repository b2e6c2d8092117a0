// Help › Report a problem: the diagnostic goes to the clipboard, and the organiser is told.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { clipboard, dialog, record, resetElectronStandIn } from './test/electronStandIn';
import { createTranslator } from '../../shared/i18n/translate';
import { createReportProblem } from './reportProblem';

vi.mock('electron', async () => (await import('./test/electronStandIn')).electronModule);

describe('report a problem', () => {
  beforeEach(() => resetElectronStandIn());

  it('item 2: copies the injected diagnostic to the clipboard, then says so over the window', async () => {
    const window = { isDestroyed: () => false };
    await createReportProblem({ buildDiagnostic: async () => 'redacted diagnostic', getWindow: () => window as never, translator: () => createTranslator('en') })();
    expect(record.clipboardText).toBe('redacted diagnostic');
    expect(clipboard.writeText).toHaveBeenCalledOnce();
    expect(dialog.showMessageBox).toHaveBeenCalledWith(window, expect.objectContaining({ message: 'A diagnostic report is on the clipboard' }));
  });

  it('item 1: the dialog is in the organiser\'s language', async () => {
    const pseudo = createTranslator('en-XA');
    await createReportProblem({ buildDiagnostic: () => 'diagnostic', getWindow: () => null, translator: () => pseudo })();
    expect(dialog.showMessageBox).toHaveBeenCalledWith({
      type: 'info',
      message: pseudo.t('main.report.message'),
      detail: pseudo.t('main.report.detail'),
      buttons: [pseudo.t('main.report.ok')],
    });
    expect(pseudo.t('main.report.message')).not.toBe('A diagnostic report is on the clipboard');
  });
});
