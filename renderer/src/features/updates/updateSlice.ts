// The "Version X is ready" prompt. The main process decides when to offer it (never while a run
// sends); this slice only shows it and carries the person's answer back.
import type { StateCreator } from 'zustand';
import type { UpdateReady } from '../../../../shared/ipc/contract';
import { bridge } from '../../bridge';
import type { Store } from '../../store';

export interface UpdateSlice {
  /** The update on offer, until the person answers. */
  updateReady: UpdateReady | null;
  /** 'refused': a run began sending, so the main process will offer the restart again when it ends. */
  updateAnswer: 'restarting' | 'refused' | null;
  offerUpdate(ready: UpdateReady): void;
  restartForUpdate(): Promise<void>;
  postponeUpdate(): void;
}

export const createUpdateSlice: StateCreator<Store, [], [], UpdateSlice> = (set) => ({
  updateReady: null,
  updateAnswer: null,
  offerUpdate: (ready) => set({ updateReady: ready, updateAnswer: null }),
  restartForUpdate: async () => {
    const result = await bridge.updateRestart({});
    if (result.ok && result.value.restarting) set({ updateAnswer: 'restarting' });
    else set({ updateReady: null, updateAnswer: 'refused' });
  },
  postponeUpdate: () => set({ updateReady: null, updateAnswer: null }),
});
