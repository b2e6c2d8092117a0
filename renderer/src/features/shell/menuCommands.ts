// What a command of the native menu does in the renderer. Pure, so tested without a window.
import type { MenuCommand } from '../../../../shared/ipc/contract';
import type { View } from './shellSlice';

export type MenuCommandAction = { go: View } | { signOut: 'now' | 'confirm' } | 'ignore';

/**
 * New invite starts at the calls; history and settings open theirs. Signing out asks first while
 * a run sends (it would stop the run). Signed out, the workspace's commands have nothing to open.
 */
export function menuCommandAction(command: MenuCommand, state: { signedIn: boolean; sending: boolean }): MenuCommandAction {
  if (!state.signedIn) return 'ignore';
  switch (command) {
    case 'newInvite':
      return { go: 'calls' };
    case 'history':
      return { go: 'history' };
    case 'settings':
      return { go: 'settings' };
    case 'signOut':
      return { signOut: state.sending ? 'confirm' : 'now' };
  }
}
