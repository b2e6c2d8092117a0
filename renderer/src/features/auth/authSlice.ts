// Sign-in. The main process owns the state machine (AuthState); this slice mirrors it, remembers
// which form the organiser opened, and keeps the failure of a request that never reached it.
import type { StateCreator } from 'zustand';
import type { AuthState, Target } from '../../../../shared/domain/auth';
import type { IpcError, Result } from '../../../../shared/ipc/result';
import { bridge } from '../../bridge';
import type { Store } from '../../store';

export type AuthAction = 'load' | 'explore' | 'select' | 'sendCode' | 'submitCode' | 'submitPassword' | 'startQr' | 'scanQr' | 'cancel' | 'signOut';

export interface AuthSlice {
  auth: AuthState | null;
  /** The sign-in form the organiser opened from the welcome screen (null: the welcome choices). */
  signInForm: Target | null;
  /** A request that failed before (or instead of) changing the AuthState. */
  authRequestError: IpcError | null;
  authPending: AuthAction | null;
  loadAuth(): Promise<void>;
  setAuth(state: AuthState): void;
  exploreSandbox(): Promise<void>;
  openSignIn(target: Target): Promise<void>;
  closeSignIn(): Promise<void>;
  sendCode(phone: string): Promise<void>;
  submitCode(code: string): Promise<void>;
  submitPassword(password: string): Promise<void>;
  startQr(): Promise<void>;
  /** Sandbox only: the sandbox plays the phone that scans the code. */
  scanQrInSandbox(): Promise<void>;
  cancelSignIn(): Promise<void>;
  signOut(): Promise<void>;
}

export const createAuthSlice: StateCreator<Store, [], [], AuthSlice> = (set, get) => {
  /** One auth request: marks it pending, applies the state it returns, or keeps its error. */
  async function run(action: AuthAction, call: () => Promise<Result<AuthState>>): Promise<boolean> {
    set({ authPending: action, authRequestError: null });
    const result = await call();
    if (result.ok) {
      get().setAuth(result.value);
      set({ authPending: null });
      return true;
    }
    set({ authPending: null, authRequestError: result.error });
    return false;
  }

  return {
    auth: null,
    signInForm: null,
    authRequestError: null,
    authPending: null,
    loadAuth: async () => {
      await run('load', () => bridge.authState({}));
    },
    setAuth: (state) => {
      const previous = get().auth;
      set({ auth: state });
      if (state.step === 'signedIn' && previous?.step !== 'signedIn') get().onSignedIn();
      if (state.step !== 'signedIn' && previous?.step === 'signedIn') get().onSignedOut();
    },
    exploreSandbox: async () => {
      await run('explore', () => bridge.authExploreSandbox({}));
    },
    openSignIn: async (target) => {
      set({ signInForm: target });
      await run('select', () => bridge.authSelectTarget({ target }));
    },
    closeSignIn: async () => {
      const step = get().auth?.step;
      set({ signInForm: null, authRequestError: null });
      if (step && step !== 'signedOut' && step !== 'signedIn') await run('cancel', () => bridge.authCancel({}));
    },
    sendCode: async (phone) => {
      await run('sendCode', () => bridge.authSendCode({ phone }));
    },
    submitCode: async (code) => {
      await run('submitCode', () => bridge.authSubmitCode({ code }));
    },
    submitPassword: async (password) => {
      await run('submitPassword', () => bridge.authSubmitPassword({ password }));
    },
    startQr: async () => {
      await run('startQr', () => bridge.authStartQr({}));
    },
    scanQrInSandbox: async () => {
      await run('scanQr', () => bridge.sandboxScanQr({}));
    },
    cancelSignIn: async () => {
      await run('cancel', () => bridge.authCancel({}));
    },
    signOut: async () => {
      await run('signOut', () => bridge.authSignOut({}));
      set({ signInForm: null });
    },
  };
};
