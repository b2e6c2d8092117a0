// Which screen is showing, and what happens to the other slices when the account changes.
import type { StateCreator } from 'zustand';
import type { Store } from '../../store';

export type View = 'calls' | 'people' | 'run' | 'history' | 'settings';

export interface ShellSlice {
  view: View;
  go(view: View): void;
  onSignedIn(): void;
  onSignedOut(): void;
}

export const createShellSlice: StateCreator<Store, [], [], ShellSlice> = (set, get) => ({
  view: 'calls',
  go: (view) => set({ view }),
  onSignedIn: () => {
    set({ view: 'calls', signInForm: null });
    void get().loadCalls();
    void get().loadHistory();
    void get().loadInterrupted();
  },
  onSignedOut: () => {
    get().resetCalls();
    get().resetPicker();
    get().resetRuns();
    set({ view: 'calls' });
  },
});
