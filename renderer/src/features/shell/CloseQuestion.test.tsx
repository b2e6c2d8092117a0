// @vitest-environment jsdom
import { fake } from '../../testSupport/installFakeBridge';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { render } from '../../testSupport/render';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { englishError } from '../../../../shared/i18n/english';
import { useStore } from '../../store';
import { failResult, okResult } from '../../testSupport/fakeBridge';
import { freshStore } from '../../testSupport/freshStore';
import { CloseQuestion } from './CloseQuestion';

beforeAll(() => {
  // jsdom has <dialog> but not its modal methods: open and close it the way a browser would.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false;
  };
});
beforeEach(freshStore);
afterEach(cleanup);

describe('CloseQuestion', () => {
  it('item 8: asks about the runs still sending, by name, with three choices and Cancel', () => {
    act(() => useStore.getState().askClose(2));
    render(<CloseQuestion />);
    const dialog = screen.getByRole('dialog', { name: '2 runs are still sending invites' });
    expect(dialog).toHaveProperty('open', true);
    for (const name of ['Keep running in the background', 'Stop after the requests in flight', 'Quit now and resume later', 'Cancel']) {
      expect(screen.getByRole('button', { name })).toBeTruthy();
    }
  });

  it('item 8: a choice is sent, the buttons wait meanwhile, and the status says what was done', async () => {
    act(() => useStore.getState().askClose(1));
    const release = fake.hold('shellCloseAnswer');
    render(<CloseQuestion />);
    expect(screen.getByRole('dialog', { name: 'A run is still sending invites' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Stop after the requests in flight' }));
    expect(screen.getByText('Stopping after the requests in flight…').getAttribute('role')).toBe('status');
    for (const button of screen.getAllByRole('button')) expect(button).toHaveProperty('disabled', true);
    await act(async () => release(okResult({ choice: 'stop' })));
    expect(fake.sent('shellCloseAnswer')).toEqual([{ choice: 'stop' }]);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByText('The runs stopped after the requests in flight. Rollcall is quitting.').getAttribute('role')).toBe('status');
  });

  it('item 8: a refused choice shows the catalogue’s error in the question', async () => {
    act(() => useStore.getState().askClose(1));
    fake.answer('shellCloseAnswer', () => failResult('INTERNAL', 'could not stop'));
    render(<CloseQuestion />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Quit now and resume later' })));
    expect(screen.getByRole('alert').textContent).toContain(englishError('INTERNAL').title);
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('item 8: Cancel and Escape close the question without an answer', () => {
    act(() => useStore.getState().askClose(1));
    render(<CloseQuestion />);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    act(() => useStore.getState().askClose(1));
    fireEvent(screen.getByRole('dialog'), new Event('cancel', { cancelable: true }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.requests).toEqual([]);
  });
});
