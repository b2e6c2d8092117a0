// @vitest-environment jsdom
import { fake } from '../../testSupport/installFakeBridge';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../store';
import { header, person, signedIn, signedOut } from '../../testSupport/fixtures';
import { okResult } from '../../testSupport/fakeBridge';
import { freshStore } from '../../testSupport/freshStore';
import { render } from '../../testSupport/render';
import { AccountBar } from './AccountBar';

beforeEach(freshStore);
afterEach(cleanup);

describe('AccountBar', () => {
  it('item 8: shows who is signed in, where, and signs out on the button', async () => {
    useStore.setState({ auth: signedIn({ target: 'sandbox', me: person({ id: '1', name: 'Grace Hopper', username: null, phone: '15550001', kind: 'self' }) }) });
    const release = fake.hold('authSignOut');
    render(<AccountBar />);
    expect(screen.getByText(/Signed in to the sandbox as/).parentElement?.textContent).toBe('Signed in to the sandbox as Grace Hopper +15550001');
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(screen.getByRole('button', { name: 'Signing out…' })).toHaveProperty('disabled', true);
    await act(async () => release(okResult(signedOut)));
    expect(fake.sent('authSignOut')).toEqual([{}]);
    expect(screen.queryByRole('button', { name: /Sign out/ })).toBeNull();
  });

  it('item 8: while a run sends, it asks first; "Keep signed in" sends nothing', () => {
    useStore.setState({ auth: signedIn(), run: { header: header({ state: 'running' }), people: [], index: new Map() } });
    render(<AccountBar />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    const question = screen.getByRole('alertdialog', { name: 'Sign out during a run' });
    expect(question.textContent).toMatch(/A run is still sending invites/);
    fireEvent.click(screen.getByRole('button', { name: 'Keep signed in' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(fake.requests).toEqual([]);
  });

  it('item 8: "Sign out anyway" signs out during the run', async () => {
    useStore.setState({ auth: signedIn(), run: { header: header({ state: 'floodWait' }), people: [], index: new Map() } });
    fake.answer('authSignOut', () => okResult(signedOut));
    render(<AccountBar />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign out anyway' })));
    expect(fake.sent('authSignOut')).toEqual([{}]);
  });

  it('item 8: shows nothing signed out', () => {
    useStore.setState({ auth: signedOut });
    const { container } = render(<AccountBar />);
    expect(container.childElementCount).toBe(0);
  });
});
