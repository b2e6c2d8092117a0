// @vitest-environment jsdom
import { fake } from '../../testSupport/installFakeBridge';
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { englishError } from '../../../../shared/i18n/english';
import { appInfo } from '../../testSupport/fixtures';
import { failResult, okResult } from '../../testSupport/fakeBridge';
import { freshStore } from '../../testSupport/freshStore';
import { render } from '../../testSupport/render';
import { AboutPanel } from './AboutPanel';

beforeEach(freshStore);
afterEach(cleanup);

describe('AboutPanel', () => {
  it('item 8: shows the version and the backend’s status, which follows the main process’s events', async () => {
    fake.answer('appInfo', () => okResult(appInfo({ version: '1.4.2' })));
    await act(async () => render(<AboutPanel />));
    expect(screen.getByText('1.4.2')).toBeTruthy();
    expect(screen.getByText('Electron 45.0.0')).toBeTruthy();
    expect(screen.getByRole('status', { name: 'Backend status' }).textContent).toBe('Starting');
    act(() => fake.emit('backendStatus', { target: 'sandbox', credentials: 'none', state: 'ready' }));
    expect(screen.getByRole('status', { name: 'Backend status' }).textContent).toBe('Ready');
  });

  it('item 8: an unreachable background process is said in the catalogue’s words', async () => {
    fake.answer('appInfo', () => failResult('BACKEND_UNREACHABLE'));
    await act(async () => render(<AboutPanel />));
    expect(screen.getByRole('alert').textContent).toContain(englishError('BACKEND_UNREACHABLE').title);
  });
});
