// @vitest-environment jsdom
import '../../testSupport/installFakeBridge';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { render } from '../../testSupport/render';
import { createTranslator } from '../../../../shared/i18n/translate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../store';
import { call } from '../../testSupport/fixtures';
import { freshStore } from '../../testSupport/freshStore';
import { MainNav } from './MainNav';

beforeEach(freshStore);
afterEach(cleanup);

describe('MainNav', () => {
  it('item 8: People and Run open only once there is a call or a run; the current view is marked', () => {
    render(<MainNav />);
    expect(screen.getByRole('button', { name: 'People' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Run' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Calls' }).getAttribute('aria-current')).toBe('page');
    act(() => useStore.setState({ selectedCall: call() }));
    fireEvent.click(screen.getByRole('button', { name: 'People' }));
    expect(useStore.getState().view).toBe('people');
    expect(screen.getByRole('button', { name: 'People' }).getAttribute('aria-current')).toBe('page');
  });

  it('item 8: arrow keys move between the available items, wrapping around', () => {
    render(<MainNav />);
    const nav = screen.getByRole('navigation', { name: 'Main' });
    screen.getByRole('button', { name: 'Calls' }).focus();
    fireEvent.keyDown(nav, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'History' }));
    fireEvent.keyDown(nav, { key: 'ArrowLeft' });
    fireEvent.keyDown(nav, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Settings' }));
  });

  it('item 3: right to left (Arabic), the left arrow moves forward; the names are Arabic\'s', () => {
    render(<MainNav />, { locale: 'ar' });
    const ar = createTranslator('ar');
    expect(document.documentElement.dir).toBe('rtl');
    const nav = screen.getByRole('navigation', { name: ar.t('shell.nav.label') });
    screen.getByRole('button', { name: ar.t('shell.nav.calls') }).focus();
    fireEvent.keyDown(nav, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: ar.t('shell.nav.history') }));
    fireEvent.keyDown(nav, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: ar.t('shell.nav.calls') }));
  });
});
