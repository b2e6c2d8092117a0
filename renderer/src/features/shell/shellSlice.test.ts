// @vitest-environment jsdom
import { fake } from '../../testSupport/installFakeBridge';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useStore } from '../../store';
import { call, header, signedIn, signedOut } from '../../testSupport/fixtures';
import { failResult, okResult } from '../../testSupport/fakeBridge';
import { freshStore } from '../../testSupport/freshStore';

const sendingRun = { header: header({ state: 'running' }), people: [], index: new Map<string, number>() };

beforeEach(freshStore);

describe('shellSlice: navigation and signing out', () => {
  it('item 8: go shows the view', () => {
    useStore.getState().go('settings');
    expect(useStore.getState().view).toBe('settings');
  });

  it('item 8: requestSignOut signs out at once when no run is sending', async () => {
    useStore.setState({ auth: signedIn(), run: { ...sendingRun, header: header({ state: 'done', finishedAt: 1 }) } });
    fake.answer('authSignOut', () => okResult(signedOut));
    useStore.getState().requestSignOut();
    await vi.waitFor(() => expect(useStore.getState().auth).toEqual(signedOut));
    expect(fake.sent('authSignOut')).toEqual([{}]);
  });

  it('item 8: requestSignOut asks first while a run sends or waits; "keep" sends nothing, "sign out" does', async () => {
    for (const state of ['running', 'floodWait'] as const) {
      freshStore();
      useStore.setState({ auth: signedIn(), run: { ...sendingRun, header: header({ state }) } });
      useStore.getState().requestSignOut();
      expect(useStore.getState().signOutConfirm).toBe(true);
      expect(fake.requests).toEqual([]);
    }
    useStore.getState().answerSignOut(false);
    expect(useStore.getState().signOutConfirm).toBe(false);
    expect(fake.requests).toEqual([]);

    useStore.getState().requestSignOut();
    fake.answer('authSignOut', () => okResult(signedOut));
    useStore.getState().answerSignOut(true);
    expect(useStore.getState().signOutConfirm).toBe(false);
    await vi.waitFor(() => expect(useStore.getState().auth).toEqual(signedOut));
  });

  it('item 8: onMenuCommand opens history with a fresh list, asks before signing out mid-run, ignores commands signed out', () => {
    useStore.setState({ auth: signedIn() });
    useStore.getState().onMenuCommand('history');
    expect(useStore.getState().view).toBe('history');
    expect(fake.sent('runsList')).toEqual([{}]);

    useStore.getState().onMenuCommand('settings');
    expect(useStore.getState().view).toBe('settings');

    useStore.setState({ run: sendingRun });
    useStore.getState().onMenuCommand('signOut');
    expect(useStore.getState().signOutConfirm).toBe(true);
    expect(fake.sent('authSignOut')).toEqual([]);

    freshStore();
    useStore.setState({ auth: signedOut });
    useStore.getState().onMenuCommand('settings');
    expect(useStore.getState().view).toBe('calls');
    expect(fake.requests).toEqual([]);
  });

  it('item 8: onSignedIn shows the calls and loads what the account has; onSignedOut forgets it', () => {
    useStore.setState({ view: 'settings', signInForm: 'sandbox' });
    useStore.getState().onSignedIn();
    expect(useStore.getState()).toMatchObject({ view: 'calls', signInForm: null });
    expect(fake.requests.map((r) => r.channel).sort()).toEqual(['callsList', 'plannedList', 'runsInterrupted', 'runsList']);

    useStore.setState({ selectedCall: call(), run: sendingRun, signOutConfirm: true, view: 'run', history: [], plannedStarted: { planId: 'plan-1', runId: 'run-1', call: 'Friday games', count: 2 } });
    useStore.getState().onSignedOut();
    expect(useStore.getState()).toMatchObject({ selectedCall: null, run: null, history: null, signOutConfirm: false, view: 'calls', plans: [], plannedStarted: null });
  });
});

describe('shellSlice: the close question', () => {
  it('item 8: askClose shows the question; dismissClose takes it away', () => {
    useStore.setState({ closeDone: 'background', closeError: { code: 'INTERNAL', message: '' } });
    useStore.getState().askClose(2);
    expect(useStore.getState()).toMatchObject({ closeQuestion: { sending: 2 }, closeDone: null, closeError: null });
    useStore.getState().dismissClose();
    expect(useStore.getState().closeQuestion).toBeNull();
  });

  it('item 8: answerClose sends the choice once; while it is carried out the question stays', async () => {
    useStore.getState().askClose(1);
    const release = fake.hold('shellCloseAnswer');
    const answering = useStore.getState().answerClose('stop');
    expect(useStore.getState().closePending).toBe('stop');
    const second = useStore.getState().answerClose('quit');
    useStore.getState().dismissClose();
    expect(useStore.getState().closeQuestion).toEqual({ sending: 1 });
    release(okResult({ choice: 'stop' }));
    await Promise.all([answering, second]);
    expect(fake.sent('shellCloseAnswer')).toEqual([{ choice: 'stop' }]);
    expect(useStore.getState()).toMatchObject({ closeQuestion: null, closePending: null, closeDone: 'stop' });
  });

  it('item 8: a refused answer keeps the question with its error', async () => {
    useStore.getState().askClose(1);
    fake.answer('shellCloseAnswer', () => failResult('INTERNAL'));
    await useStore.getState().answerClose('background');
    expect(useStore.getState()).toMatchObject({ closeQuestion: { sending: 1 }, closePending: null, closeDone: null, closeError: { code: 'INTERNAL' } });
  });
});
