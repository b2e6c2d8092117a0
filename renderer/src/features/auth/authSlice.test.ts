// @vitest-environment jsdom
import { fake } from '../../testSupport/installFakeBridge';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AuthState } from '../../../../shared/domain/auth';
import { useStore } from '../../store';
import { call, header, signedIn, signedOut } from '../../testSupport/fixtures';
import { failResult, okResult } from '../../testSupport/fakeBridge';
import { freshStore } from '../../testSupport/freshStore';

const codeStep: AuthState = { step: 'code', target: 'telegram', phone: '+441234', deliveredVia: 'app', codeLength: 5, error: null };

beforeEach(freshStore);

describe('authSlice', () => {
  it('item 8: loadAuth asks for the state, is pending meanwhile and mirrors the answer', async () => {
    const release = fake.hold('authState');
    const loading = useStore.getState().loadAuth();
    expect(useStore.getState().authPending).toBe('load');
    release(okResult(signedOut));
    await loading;
    expect(useStore.getState()).toMatchObject({ auth: signedOut, authPending: null, authRequestError: null });
    expect(fake.sent('authState')).toEqual([{}]);
  });

  it('item 8: a failed request keeps its error and the state; the next request clears the error', async () => {
    useStore.setState({ auth: signedOut });
    fake.answer('authExploreSandbox', () => failResult('SANDBOX_FAILED'));
    await useStore.getState().exploreSandbox();
    expect(useStore.getState()).toMatchObject({ auth: signedOut, authPending: null, authRequestError: { code: 'SANDBOX_FAILED' } });

    const release = fake.hold('authExploreSandbox');
    const again = useStore.getState().exploreSandbox();
    expect(useStore.getState()).toMatchObject({ authPending: 'explore', authRequestError: null });
    release(okResult(signedIn()));
    await again;
    expect(useStore.getState().auth?.step).toBe('signedIn');
  });

  it('item 8: each sign-in step sends its own request with what the organiser typed', async () => {
    const steps = [
      ['sendCode', () => useStore.getState().sendCode('+441234'), 'authSendCode', { phone: '+441234' }],
      ['submitCode', () => useStore.getState().submitCode('12345'), 'authSubmitCode', { code: '12345' }],
      ['submitPassword', () => useStore.getState().submitPassword('hunter2'), 'authSubmitPassword', { password: 'hunter2' }],
      ['startQr', () => useStore.getState().startQr(), 'authStartQr', {}],
      ['scanQr', () => useStore.getState().scanQrInSandbox(), 'sandboxScanQr', {}],
      ['cancel', () => useStore.getState().cancelSignIn(), 'authCancel', {}],
    ] as const;
    for (const [action, act, channel, request] of steps) {
      fake.reset();
      const release = fake.hold(channel);
      const done = act();
      expect(useStore.getState().authPending).toBe(action);
      release(okResult(codeStep));
      await done;
      expect(fake.requests).toEqual([{ channel, request }]);
      expect(useStore.getState()).toMatchObject({ auth: codeStep, authPending: null });
    }
  });

  it('item 8: openSignIn opens the form and selects its target; closing it mid-sign-in cancels', async () => {
    fake.answer('authSelectTarget', ({ target }) => okResult({ ...codeStep, target }));
    fake.answer('authCancel', () => okResult({ ...signedOut, target: 'telegram' }));
    await useStore.getState().openSignIn('telegram');
    expect(useStore.getState().signInForm).toBe('telegram');
    expect(fake.sent('authSelectTarget')).toEqual([{ target: 'telegram' }]);

    await useStore.getState().closeSignIn();
    expect(useStore.getState()).toMatchObject({ signInForm: null, auth: { step: 'signedOut' } });
    expect(fake.sent('authCancel')).toEqual([{}]);
  });

  it('item 8: closing the form when nothing is under way sends nothing', async () => {
    useStore.setState({ auth: signedOut, signInForm: 'sandbox' });
    await useStore.getState().closeSignIn();
    expect(useStore.getState().signInForm).toBeNull();
    expect(fake.requests).toEqual([]);
  });

  it('item 8: setAuth entering signedIn loads the calls, the history, the interrupted and the planned runs', () => {
    useStore.setState({ auth: signedOut, signInForm: 'sandbox', view: 'settings' });
    useStore.getState().setAuth(signedIn());
    expect(fake.requests.map((r) => r.channel).sort()).toEqual(['callsList', 'plannedList', 'runsInterrupted', 'runsList']);
    expect(useStore.getState()).toMatchObject({ view: 'calls', signInForm: null });
    // Another signedIn state (a storage warning, say) is not a new sign-in.
    fake.reset();
    useStore.getState().setAuth(signedIn({ storageWarning: 'basicText' }));
    expect(fake.requests).toEqual([]);
  });

  it('item 8: setAuth leaving signedIn forgets the calls and runs of the account', () => {
    useStore.setState({ auth: signedIn(), selectedCall: call(), calls: [call()], run: { header: header(), people: [], index: new Map() }, view: 'run' });
    useStore.getState().setAuth(signedOut);
    expect(useStore.getState()).toMatchObject({ auth: signedOut, selectedCall: null, calls: null, run: null, view: 'calls' });
  });

  it('item 8: signOut sends authSignOut and closes the sign-in form', async () => {
    useStore.setState({ auth: signedIn(), signInForm: 'telegram' });
    fake.answer('authSignOut', () => okResult(signedOut));
    await useStore.getState().signOut();
    expect(fake.sent('authSignOut')).toEqual([{}]);
    expect(useStore.getState()).toMatchObject({ auth: signedOut, signInForm: null, authPending: null });
  });
});
