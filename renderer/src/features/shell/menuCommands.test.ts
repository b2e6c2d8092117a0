import { describe, expect, it } from 'vitest';
import { menuCommandAction } from './menuCommands';

describe('menu commands in the renderer', () => {
  const signedIn = { signedIn: true, sending: false };

  it('item 2: new invite, history and settings navigate', () => {
    expect(menuCommandAction('newInvite', signedIn)).toEqual({ go: 'calls' });
    expect(menuCommandAction('history', signedIn)).toEqual({ go: 'history' });
    expect(menuCommandAction('settings', signedIn)).toEqual({ go: 'settings' });
  });

  it('item 2: sign out asks first while a run is sending, and not otherwise', () => {
    expect(menuCommandAction('signOut', signedIn)).toEqual({ signOut: 'now' });
    expect(menuCommandAction('signOut', { signedIn: true, sending: true })).toEqual({ signOut: 'confirm' });
  });

  it('item 2: signed out, the commands do nothing', () => {
    for (const command of ['newInvite', 'history', 'settings', 'signOut'] as const) {
      expect(menuCommandAction(command, { signedIn: false, sending: false })).toBe('ignore');
    }
  });
});
