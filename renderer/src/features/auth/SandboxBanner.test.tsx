// @vitest-environment jsdom
import '../../testSupport/installFakeBridge';
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../store';
import { signedIn, signedOut } from '../../testSupport/fixtures';
import { freshStore } from '../../testSupport/freshStore';
import { render } from '../../testSupport/render';
import { SandboxBanner } from './SandboxBanner';

beforeEach(freshStore);
afterEach(cleanup);

describe('SandboxBanner', () => {
  it('item 8: shows from the moment the sandbox is chosen, and never for Telegram', () => {
    useStore.setState({ auth: { ...signedOut, target: 'telegram' } });
    render(<SandboxBanner />);
    const banner = () => screen.queryByRole('note', { name: 'Sandbox' });
    expect(banner()).toBeNull();
    act(() => useStore.setState({ authPending: 'explore' }));
    expect(banner()).not.toBeNull();
    act(() => useStore.setState({ authPending: null, signInForm: 'sandbox' }));
    expect(banner()).not.toBeNull();
    act(() => useStore.setState({ signInForm: null, auth: signedIn({ target: 'sandbox' }) }));
    expect(banner()).not.toBeNull();
    act(() => useStore.setState({ auth: signedIn({ target: 'telegram' }) }));
    expect(banner()).toBeNull();
    act(() => useStore.setState({ auth: signedOut }));
    expect(banner()).toBeNull();
  });
});
