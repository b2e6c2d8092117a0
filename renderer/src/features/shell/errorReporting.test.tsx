// @vitest-environment jsdom
import { fake } from '../../testSupport/installFakeBridge';
import { act, cleanup, screen } from '@testing-library/react';
import { render } from '../../testSupport/render';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { englishError } from '../../../../shared/i18n/english';
import { createTranslator } from '../../../../shared/i18n/translate';
import type { ShellNotice } from '../../../../shared/ipc/contract';
import { okResult } from '../../testSupport/fakeBridge';
import { ErrorBoundary, ShellNotices, installRendererErrorReporting, reportRendererError } from './errorReporting';

beforeEach(() => {
  fake.reset();
  fake.answer('logRendererError', () => okResult({ logged: true }));
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** A component that fails to render, for the error boundary. */
function Broken(): never {
  throw new Error('render failed');
}

describe('renderer error reporting', () => {
  it('item 8: reportRendererError sends the error’s name, message and stack, bounded', () => {
    const error = new TypeError('x is undefined');
    reportRendererError('error', error);
    reportRendererError('unhandledrejection', 'y'.repeat(3000));
    const [first, second] = fake.sent('logRendererError');
    expect(first).toEqual({ source: 'error', message: 'TypeError: x is undefined', stack: error.stack });
    expect(second).toEqual({ source: 'unhandledrejection', message: 'y'.repeat(2000), stack: null });
  });

  it('item 8: installRendererErrorReporting sends window errors and unhandled rejections', () => {
    const target = new EventTarget() as Window;
    installRendererErrorReporting(target);
    target.dispatchEvent(Object.assign(new Event('error'), { error: new Error('boom'), message: 'boom' }));
    target.dispatchEvent(Object.assign(new Event('unhandledrejection'), { reason: 'nope' }));
    expect(fake.sent('logRendererError').map((r) => [r.source, r.message])).toEqual([
      ['error', 'Error: boom'],
      ['unhandledrejection', 'nope'],
    ]);
  });

  it('item 8: the error boundary shows the catalogue’s fallback and reports what it caught', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}); // React logs the caught error too
    render(
      <ErrorBoundary>
        <Broken />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('alert').textContent).toContain(englishError('INTERNAL').title);
    expect(screen.getByRole('button', { name: 'Reload the window' })).toBeTruthy();
    const [report] = fake.sent('logRendererError');
    expect(report).toMatchObject({ source: 'boundary', message: 'Error: render failed' });
  });

  it('item 8: ShellNotices takes the waiting notices, and more when one is announced', async () => {
    let notices: ShellNotice[] = [{ id: 1, code: 'WINDOW_CRASHED', reason: 'oom', at: 1 }];
    fake.answer('shellNoticesTake', () => okResult({ notices }));
    render(<ShellNotices />);
    expect((await screen.findByRole('alert')).textContent).toContain(englishError('WINDOW_CRASHED').title);
    expect(screen.getByRole('alert').textContent).toContain('Reason: oom.');
    notices = [{ id: 2, code: 'WINDOW_UNRESPONSIVE', reason: 'hung', at: 2 }];
    await act(async () => fake.emit('shellNotice', notices[0]));
    await vi.waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Reason: hung.'));
    expect(fake.sent('shellNoticesTake')).toHaveLength(2);
  });

  it('item 1: the boundary\'s fallback speaks the window\'s language', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <ErrorBoundary>
        <Broken />
      </ErrorBoundary>,
      { locale: 'en-XA' },
    );
    const pseudo = createTranslator('en-XA');
    expect(screen.getByRole('button', { name: pseudo.t('shell.boundary.reload') })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain(pseudo.t('shell.boundary.message'));
    expect(screen.getByRole('alert').textContent).toContain(pseudo.t('errors.INTERNAL.title'));
  });
});
