// @vitest-environment jsdom
import { fake } from '../../testSupport/installFakeBridge';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../store';
import { okResult } from '../../testSupport/fakeBridge';
import { freshStore } from '../../testSupport/freshStore';
import { render } from '../../testSupport/render';
import { UpdateBanner } from './UpdateBanner';

beforeEach(freshStore);
afterEach(cleanup);

describe('UpdateBanner', () => {
  it('item 8: offers the version; "Restart now" asks the main process and says it is restarting', async () => {
    useStore.getState().offerUpdate({ version: '0.2.0' });
    fake.answer('updateRestart', () => okResult({ restarting: true }));
    render(<UpdateBanner />);
    expect(screen.getByRole('region', { name: 'Version 0.2.0 of Rollcall is ready.' })).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Restart now' })));
    expect(fake.sent('updateRestart')).toEqual([{}]);
    expect(screen.getByRole('region', { name: 'Restarting into version 0.2.0…' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Later' })).toHaveProperty('disabled', true);
  });

  it('item 8: a refused restart says the run is sending and the offer will come back', async () => {
    useStore.getState().offerUpdate({ version: '0.2.0' });
    fake.answer('updateRestart', () => okResult({ restarting: false }));
    render(<UpdateBanner />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Restart now' })));
    expect(screen.queryByRole('region')).toBeNull();
    expect(screen.getByRole('status').textContent).toMatch(/won’t restart now. It will offer the update again/);
  });

  it('item 8: "Later" takes the banner away without asking the main process', () => {
    useStore.getState().offerUpdate({ version: '0.2.0' });
    render(<UpdateBanner />);
    fireEvent.click(screen.getByRole('button', { name: 'Later' }));
    expect(screen.queryByRole('region')).toBeNull();
    expect(screen.queryByRole('status')).toBeNull();
    expect(fake.requests).toEqual([]);
  });
});
