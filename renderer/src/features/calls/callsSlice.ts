// The live calls the account can see, and the one the organiser chose.
import type { StateCreator } from 'zustand';
import type { CallSummary } from '../../../../shared/domain/people';
import type { IpcError } from '../../../../shared/ipc/result';
import { bridge } from '../../bridge';
import type { Store } from '../../store';

export interface CallsSlice {
  calls: CallSummary[] | null;
  callsLoading: boolean;
  callsError: IpcError | null;
  selectedCall: CallSummary | null;
  callLinkPending: boolean;
  linkError: IpcError | null;
  loadCalls(): Promise<void>;
  chooseCall(call: CallSummary): void;
  openCallLink(link: string): Promise<void>;
  clearLinkError(): void;
  resetCalls(): void;
}

export const createCallsSlice: StateCreator<Store, [], [], CallsSlice> = (set, get) => ({
  calls: null,
  callsLoading: false,
  callsError: null,
  selectedCall: null,
  callLinkPending: false,
  linkError: null,
  loadCalls: async () => {
    set({ callsLoading: true, callsError: null });
    const result = await bridge.callsList({});
    if (!result.ok) {
      set({ callsLoading: false, callsError: result.error });
      return;
    }
    const calls = result.value.calls;
    const selected = get().selectedCall;
    // Keep the chosen call's summary fresh (participants, warnings) when it is still listed.
    const fresh = selected ? calls.find((c) => c.id === selected.id) : undefined;
    set({ calls, callsLoading: false, ...(fresh ? { selectedCall: fresh } : {}) });
  },
  chooseCall: (call) => {
    const previous = get().selectedCall;
    set({ selectedCall: call, view: 'people', linkError: null });
    if (previous?.id !== call.id) {
      set({ inviteBlocked: null, runError: null, inviteLinkError: null });
      get().startPicker(call);
    }
  },
  openCallLink: async (link) => {
    set({ callLinkPending: true, linkError: null });
    const result = await bridge.callsResolveLink({ link: link.trim() });
    if (!result.ok) {
      set({ callLinkPending: false, linkError: result.error });
      return;
    }
    set({ callLinkPending: false });
    get().chooseCall(result.value);
  },
  clearLinkError: () => set({ linkError: null }),
  resetCalls: () => set({ calls: null, callsError: null, selectedCall: null, linkError: null, callLinkPending: false }),
});
