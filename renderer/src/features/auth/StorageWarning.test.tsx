// @vitest-environment jsdom
import '../../testSupport/installFakeBridge';
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../store';
import { signedIn } from '../../testSupport/fixtures';
import { freshStore } from '../../testSupport/freshStore';
import { render } from '../../testSupport/render';
import { StorageWarning } from './StorageWarning';

beforeEach(freshStore);
afterEach(cleanup);

describe('StorageWarning', () => {
  it('item 8: says how the session is stored when it is weaker than it should be, and nothing otherwise', () => {
    useStore.setState({ auth: signedIn({ storageWarning: 'basicText' }) });
    const { rerender } = render(<StorageWarning />);
    expect(screen.getByRole('note', { name: 'How your session is stored' }).textContent).toMatch(/basic_text/);
    useStore.setState({ auth: signedIn({ storageWarning: null }) });
    rerender(<StorageWarning />);
    expect(screen.queryByRole('note')).toBeNull();
  });
});
