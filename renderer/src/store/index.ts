// One store, one slice per feature (zustand's slices pattern). Components read it through
// atomic selectors: `useStore((s) => s.appInfo)`, never the whole state.
import { create } from 'zustand';
import { bridge } from '../bridge';
import { createAppSlice, type AppSlice } from './appSlice';

export type Store = AppSlice;

export const useStore = create<Store>()((...args) => ({
  ...createAppSlice(...args),
}));

bridge.subscribe('backendStatus', (status) => useStore.getState().setBackendStatus(status));
