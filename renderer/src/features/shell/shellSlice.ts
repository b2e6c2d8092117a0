// Which screen is showing, and what happens to the other slices when the account changes.
import type { StateCreator } from 'zustand';
import type { MenuCommand } from '../../../../shared/ipc/contract';
import type { CloseChoice } from '../../../../shared/ipc/contract';
import type { ShownError } from '../../components/ErrorNotice';
import { bridge } from '../../bridge';
import type { Store } from '../../store';
import { menuCommandAction } from './menuCommands';

export type View = 'calls' | 'people' | 'run' | 'history' | 'settings';

export interface ShellSlice {
  view: View;
  go(view: View): void;
  /** Sign-out is waiting for the organiser to confirm it (a run is sending). */
  signOutConfirm: boolean;
  /** Signs out, asking first while a run is sending. */
  requestSignOut(): void;
  answerSignOut(signOut: boolean): void;
  /** A command of the native menu (main → renderer `menuCommand` event). */
  onMenuCommand(command: MenuCommand): void;
  onSignedIn(): void;
  onSignedOut(): void;
  /** The desktop window's close was tried while runs send (closeRequested): the question shown. */
  closeQuestion: { sending: number } | null;
  /** The choice being carried out (stopping waits for the requests in flight). */
  closePending: CloseChoice | null;
  /** The choice carried out, for the status line (the desktop app hides or quits right after). */
  closeDone: CloseChoice | null;
  closeError: ShownError | null;
  askClose(sending: number): void;
  dismissClose(): void;
  answerClose(choice: CloseChoice): Promise<void>;
}

/** A run is sending (or waiting out a flood wait before sending more): signing out would stop it. */
const sending = (store: Store) => store.run?.header.state === 'running' || store.run?.header.state === 'floodWait';

export const createShellSlice: StateCreator<Store, [], [], ShellSlice> = (set, get) => ({
  view: 'calls',
  go: (view) => set({ view }),
  signOutConfirm: false,
  requestSignOut: () => {
    if (sending(get())) set({ signOutConfirm: true });
    else void get().signOut();
  },
  answerSignOut: (signOut) => {
    set({ signOutConfirm: false });
    if (signOut) void get().signOut();
  },
  onMenuCommand: (command) => {
    const action = menuCommandAction(command, { signedIn: get().auth?.step === 'signedIn', sending: sending(get()) });
    if (action === 'ignore') return;
    if ('go' in action) {
      get().go(action.go);
      if (action.go === 'history') void get().loadHistory();
    } else if (action.signOut === 'confirm') set({ signOutConfirm: true });
    else void get().signOut();
  },
  closeQuestion: null,
  closePending: null,
  closeDone: null,
  closeError: null,
  askClose: (sending) => set({ closeQuestion: { sending }, closeError: null, closeDone: null }),
  dismissClose: () => {
    if (get().closePending) return;
    set({ closeQuestion: null, closeError: null });
  },
  answerClose: async (choice) => {
    if (get().closePending) return;
    set({ closePending: choice, closeError: null });
    const result = await bridge.shellCloseAnswer({ choice });
    if (result.ok) set({ closePending: null, closeQuestion: null, closeDone: choice });
    else set({ closePending: null, closeError: result.error });
  },
  onSignedIn: () => {
    set({ view: 'calls', signInForm: null });
    void get().loadCalls();
    void get().loadHistory();
    void get().loadInterrupted();
    void get().loadPlanned();
  },
  onSignedOut: () => {
    get().resetCalls();
    get().resetPicker();
    get().resetRuns();
    get().resetPlanned();
    set({ view: 'calls', signOutConfirm: false });
  },
});
