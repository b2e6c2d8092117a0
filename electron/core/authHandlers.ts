// The sign-in channels of the contract, served by the AuthService state machine.
import type { Handlers } from '../ipc/dispatcher';
import type { AuthService } from './auth';

export type AuthHandlers = Pick<
  Handlers,
  | 'authState'
  | 'authExploreSandbox'
  | 'authSelectTarget'
  | 'authSendCode'
  | 'authSubmitCode'
  | 'authSubmitPassword'
  | 'authStartQr'
  | 'sandboxScanQr'
  | 'authCancel'
  | 'authSignOut'
>;

export function createAuthHandlers(auth: AuthService): AuthHandlers {
  return {
    authState: async () => auth.current(),
    authExploreSandbox: () => auth.exploreSandbox(),
    authSelectTarget: ({ target }) => auth.selectTarget(target),
    authSendCode: ({ phone }) => auth.sendCode(phone),
    authSubmitCode: ({ code }) => auth.submitCode(code),
    authSubmitPassword: ({ password }) => auth.submitPassword(password),
    authStartQr: () => auth.startQr(),
    sandboxScanQr: () => auth.sandboxScanQr(),
    authCancel: () => auth.cancel(),
    authSignOut: () => auth.signOut(),
  };
}
