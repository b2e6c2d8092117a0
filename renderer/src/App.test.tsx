// @vitest-environment jsdom
import { fake } from './testSupport/installFakeBridge';
import { act, cleanup, screen } from '@testing-library/react';
import { render } from './testSupport/render';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { App } from './App';
import { useStore } from './store';
import { appInfo, header, settings, signedIn, signedOut } from './testSupport/fixtures';
import { okResult } from './testSupport/fakeBridge';
import { freshStore } from './testSupport/freshStore';

beforeAll(() => {
  // jsdom has <dialog> but not its modal methods (the close question uses them).
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
});
beforeEach(() => {
  freshStore();
  fake.answer('settingsGet', () => okResult(settings()));
  fake.answer('appInfo', () => okResult(appInfo()));
  fake.answer('shellNoticesTake', () => okResult({ notices: [] }));
  fake.answer('callsList', () => okResult({ calls: [] }));
  fake.answer('runsList', () => okResult({ runs: [] }));
  fake.answer('runsInterrupted', () => okResult({ runs: [] }));
});
afterEach(cleanup);

describe('App', () => {
  it('item 8: on start it asks who is signed in and the settings; signed out, it welcomes', async () => {
    fake.answer('authState', () => okResult(signedOut));
    await act(async () => render(<App />));
    expect(fake.sent('authState')).toEqual([{}]);
    expect(fake.sent('settingsGet')).toEqual([{}]);
    expect(screen.getByRole('heading', { name: 'Welcome' })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
    expect(screen.queryByRole('note', { name: 'Sandbox' })).toBeNull();
  });

  it('item 8: signed in to the sandbox, it shows the banner, the nav and the calls; the nav’s view picks the screen', async () => {
    fake.answer('authState', () => okResult(signedIn({ target: 'sandbox' })));
    await act(async () => render(<App />));
    expect(screen.getByRole('note', { name: 'Sandbox' })).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Choose a call' })).toBeTruthy();
    await act(async () => useStore.getState().go('history'));
    expect(screen.getByRole('heading', { name: 'History' })).toBeTruthy();
    await act(async () => useStore.getState().go('settings'));
    expect(screen.getByRole('heading', { name: 'Settings' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'About this copy' })).toBeTruthy();
    // The run view without a run falls back to the calls.
    await act(async () => useStore.getState().go('run'));
    expect(screen.getByRole('heading', { name: 'Choose a call' })).toBeTruthy();
  });

  it('item 8: interrupted runs wait above every signed-in screen', async () => {
    fake.answer('authState', () => okResult(signedIn({ target: 'telegram' })));
    fake.answer('runsInterrupted', () => okResult({ runs: [header({ id: 'run-8', state: 'interrupted' })] }));
    await act(async () => render(<App />));
    expect(screen.getByRole('heading', { name: 'Interrupted runs' })).toBeTruthy();
    expect(screen.queryByRole('note', { name: 'Sandbox' })).toBeNull();
  });
});
