import type { StateCreator } from 'zustand';
import type { AppInfo, BackendStatus } from '../../../shared/ipc/contract';
import type { IpcError } from '../../../shared/ipc/result';
import { bridge } from '../bridge';
import type { Store } from './index';

export interface AppSlice {
  appInfo: AppInfo | null;
  appInfoError: IpcError | null;
  loadAppInfo(): Promise<void>;
  setBackendStatus(status: BackendStatus): void;
}

export const createAppSlice: StateCreator<Store, [], [], AppSlice> = (set) => ({
  appInfo: null,
  appInfoError: null,
  loadAppInfo: async () => {
    const result = await bridge.appInfo({});
    if (result.ok) set({ appInfo: result.value, appInfoError: null });
    else set({ appInfoError: result.error });
  },
  setBackendStatus: (status) =>
    set((state) => (state.appInfo ? { appInfo: { ...state.appInfo, backend: status } } : {})),
});
