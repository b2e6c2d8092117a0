// @vitest-environment jsdom
import { fake } from '../testSupport/installFakeBridge';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useStore } from './index';
import { appInfo, header, outcome, signedIn, snapshot } from '../testSupport/fixtures';
import { failResult, okResult } from '../testSupport/fakeBridge';
import { freshStore } from '../testSupport/freshStore';

beforeEach(freshStore);

describe('appSlice', () => {
  it('item 8: loadAppInfo shows the app’s versions, or keeps the error', async () => {
    fake.answer('appInfo', () => okResult(appInfo()));
    await useStore.getState().loadAppInfo();
    expect(useStore.getState()).toMatchObject({ appInfo: appInfo(), appInfoError: null });
    fake.answer('appInfo', () => failResult('BACKEND_UNREACHABLE'));
    await useStore.getState().loadAppInfo();
    expect(useStore.getState()).toMatchObject({ appInfo: appInfo(), appInfoError: { code: 'BACKEND_UNREACHABLE' } });
  });

  it('item 8: setBackendStatus updates the shown backend, and waits for the app info', () => {
    const ready = { target: 'telegram', credentials: 'settings', state: 'ready' } as const;
    useStore.getState().setBackendStatus(ready);
    expect(useStore.getState().appInfo).toBeNull();
    useStore.setState({ appInfo: appInfo() });
    useStore.getState().setBackendStatus(ready);
    expect(useStore.getState().appInfo?.backend).toEqual(ready);
  });
});

describe('the store listens to the main process', () => {
  it('item 8: backendStatus and authChanged events reach their slices', () => {
    useStore.setState({ appInfo: appInfo() });
    fake.emit('backendStatus', { target: 'sandbox', credentials: 'none', state: 'failed' });
    expect(useStore.getState().appInfo?.backend.state).toBe('failed');
    fake.emit('authChanged', signedIn());
    expect(useStore.getState().auth?.step).toBe('signedIn');
  });

  it('item 8: inviteProgress updates the shown run', () => {
    useStore.setState({ run: { header: header(), people: [outcome()], index: new Map([['101', 0]]) } });
    fake.emit('inviteProgress', { run: header({ counts: { invited: 1 } }), changed: [outcome({ status: 'invited', updatedAt: 2_000 })] });
    expect(useStore.getState().run?.people[0].status).toBe('invited');
  });

  it('item 8: menu commands, update offers and close questions reach the shell', () => {
    useStore.setState({ auth: signedIn() });
    fake.emit('menuCommand', 'settings');
    expect(useStore.getState().view).toBe('settings');
    fake.emit('updateReady', { version: '1.2.3' });
    expect(useStore.getState().updateReady).toEqual({ version: '1.2.3' });
    fake.emit('closeRequested', { sending: 3 });
    expect(useStore.getState().closeQuestion).toEqual({ sending: 3 });
  });

  it('item 8: a clicked notification opens its run', async () => {
    fake.answer('runGet', () => okResult(snapshot({ id: 'run-5' })));
    fake.emit('openRun', { runId: 'run-5' });
    await vi.waitFor(() => expect(useStore.getState().run?.header.id).toBe('run-5'));
    expect(fake.sent('runGet')).toEqual([{ runId: 'run-5' }]);
  });
});
