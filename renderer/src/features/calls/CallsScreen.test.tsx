// @vitest-environment jsdom
import { fake } from '../../testSupport/installFakeBridge';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { englishError } from '../../../../shared/i18n/english';
import { useStore } from '../../store';
import { call } from '../../testSupport/fixtures';
import { failResult, okResult } from '../../testSupport/fakeBridge';
import { describedError } from '../../testSupport/describedError';
import { freshStore } from '../../testSupport/freshStore';
import { render } from '../../testSupport/render';
import { CallsScreen } from './CallsScreen';

const meetup = call();
const bookClub = call({ id: '9002', chat: { id: '501', title: 'Book club', kind: 'group', username: null }, title: null });

beforeEach(freshStore);
afterEach(cleanup);

describe('CallsScreen', () => {
  it('item 8: each "Choose" button carries its call’s name, and choosing opens the people', () => {
    useStore.setState({ calls: [meetup, bookClub] });
    render(<CallsScreen />);
    fireEvent.click(screen.getByRole('button', { name: 'Choose Book club' }));
    expect(useStore.getState()).toMatchObject({ selectedCall: bookClub, view: 'people' });
    expect(screen.getByRole('button', { name: 'Continue Book club' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Choose Rust Meetup Berlin — Monthly meetup' })).toBeTruthy();
  });

  it('item 8: no live calls says how to start one; Refresh asks again', async () => {
    useStore.setState({ calls: [] });
    fake.answer('callsList', () => okResult({ calls: [meetup] }));
    render(<CallsScreen />);
    expect(screen.getByText(/No live calls right now/)).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Refresh' })));
    expect(screen.getByRole('list', { name: 'Live calls' })).toBeTruthy();
  });

  it('item 8: a call’s link opens it; a bad link marks the field with the catalogue’s error', async () => {
    fake.answer('callsResolveLink', () => failResult('LINK_NOT_A_CALL'));
    render(<CallsScreen />);
    const field = screen.getByRole('textbox', { name: 'Call link' });
    expect(screen.getByRole('button', { name: 'Open call' })).toHaveProperty('disabled', true);
    fireEvent.change(field, { target: { value: 'https://t.me/rustberlin' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Open call' })));
    expect(fake.sent('callsResolveLink')).toEqual([{ link: 'https://t.me/rustberlin' }]);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(describedError(field)?.textContent).toContain(englishError('LINK_NOT_A_CALL').title);

    fake.answer('callsResolveLink', () => okResult(meetup));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Open call' })));
    expect(useStore.getState()).toMatchObject({ selectedCall: meetup, view: 'people' });
  });
});
