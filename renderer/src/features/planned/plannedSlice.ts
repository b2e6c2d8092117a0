// Planned runs: people chosen for a scheduled call, invited by the core as soon as it starts.
// The core owns them (they survive restarts); the slice mirrors its list (plannedChanged) and
// keeps the last "call started" notice, shown in the page as the desktop's notification is.
import type { StateCreator } from 'zustand';
import type { PlannedRun, PlannedStarted } from '../../../../shared/domain/planned';
import type { IpcError } from '../../../../shared/ipc/result';
import { bridge } from '../../bridge';
import type { Store } from '../../store';

export interface PlannedSlice {
  plans: PlannedRun[];
  plannedError: IpcError | null;
  /** The plan (or call, while planning) an action is under way for. */
  plannedPending: string | null;
  plannedStarted: PlannedStarted | null;
  loadPlanned(): Promise<void>;
  /** "Invite when it starts": true once planned. */
  planRun(callId: string, personIds: string[]): Promise<boolean>;
  /** The plan's people become exactly these. */
  editPlan(planId: string, personIds: string[]): Promise<boolean>;
  cancelPlan(planId: string): Promise<void>;
  /** The organiser's "send now" for a plan whose call started while Rollcall was closed. */
  sendPlanNow(planId: string): Promise<void>;
  onPlannedChanged(change: { plans: PlannedRun[]; started: PlannedStarted | null }): void;
  dismissPlannedStarted(): void;
  resetPlanned(): void;
}

export const createPlannedSlice: StateCreator<Store, [], [], PlannedSlice> = (set, get) => {
  async function act<T>(key: string, call: () => Promise<{ ok: true; value: T } | { ok: false; error: IpcError }>): Promise<T | null> {
    set({ plannedPending: key, plannedError: null });
    const result = await call();
    set({ plannedPending: null, ...(result.ok ? {} : { plannedError: result.error }) });
    return result.ok ? result.value : null;
  }
  const upsert = (plan: PlannedRun) => set({ plans: [...get().plans.filter((p) => p.id !== plan.id), plan] });

  return {
    plans: [],
    plannedError: null,
    plannedPending: null,
    plannedStarted: null,
    loadPlanned: async () => {
      const result = await bridge.plannedList({});
      if (result.ok) set({ plans: result.value.plans });
      else set({ plannedError: result.error });
    },
    planRun: async (callId, personIds) => {
      const plan = await act(callId, () => bridge.plannedCreate({ callId, personIds }));
      if (!plan) return false;
      upsert(plan);
      // Planning subscribed to the call's start: the calls list says so.
      if (plan.subscribedByRollcall) void get().loadCalls();
      return true;
    },
    editPlan: async (planId, personIds) => {
      const plan = await act(planId, () => bridge.plannedUpdate({ planId, personIds }));
      if (plan) upsert(plan);
      return plan !== null;
    },
    cancelPlan: async (planId) => {
      const plan = get().plans.find((p) => p.id === planId);
      const done = await act(planId, () => bridge.plannedCancel({ planId }));
      if (!done) return;
      set({ plans: get().plans.filter((p) => p.id !== planId) });
      if (plan?.subscribedByRollcall) void get().loadCalls();
    },
    sendPlanNow: async (planId) => {
      const snapshot = await act(planId, () => bridge.plannedSendNow({ planId }));
      if (!snapshot) return;
      set({ plans: get().plans.filter((p) => p.id !== planId) });
      await get().openRun(snapshot.run.id);
    },
    onPlannedChanged: ({ plans, started }) => {
      set({ plans, ...(started ? { plannedStarted: started } : {}) });
      // The call is live now: it moves from the scheduled calls to the live ones.
      if (started) void get().loadCalls();
    },
    dismissPlannedStarted: () => set({ plannedStarted: null }),
    resetPlanned: () => set({ plans: [], plannedError: null, plannedPending: null, plannedStarted: null }),
  };
};
