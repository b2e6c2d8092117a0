// One store, one slice per feature (zustand's slices pattern). Components read it through
// atomic selectors — `useStore((s) => s.selectedCall)`, never the whole state — and derived
// arrays through useShallow.
import { create } from 'zustand';
import { bridge } from '../bridge';
import { createAudiencesSlice, type AudiencesSlice } from '../features/audiences/audiencesSlice';
import { createAuthSlice, type AuthSlice } from '../features/auth/authSlice';
import { createCallsSlice, type CallsSlice } from '../features/calls/callsSlice';
import { createPickerSlice, type PickerSlice } from '../features/picker/pickerSlice';
import { createPlannedSlice, type PlannedSlice } from '../features/planned/plannedSlice';
import { createRunsSlice, type RunsSlice } from '../features/runs/runsSlice';
import { createPhoneRegionSlice, type PhoneRegionSlice } from '../features/settings/phoneRegionSlice';
import { createSettingsSlice, type SettingsSlice } from '../features/settings/settingsSlice';
import { createShellSlice, type ShellSlice } from '../features/shell/shellSlice';
import { createUpdateSlice, type UpdateSlice } from '../features/updates/updateSlice';
import { createAppSlice, type AppSlice } from './appSlice';

export type Store = AppSlice & ShellSlice & AuthSlice & SettingsSlice & CallsSlice & PickerSlice & RunsSlice & PhoneRegionSlice & UpdateSlice & AudiencesSlice & PlannedSlice;

export const useStore = create<Store>()((...args) => ({
  ...createAppSlice(...args),
  ...createShellSlice(...args),
  ...createAuthSlice(...args),
  ...createSettingsSlice(...args),
  ...createCallsSlice(...args),
  ...createPickerSlice(...args),
  ...createRunsSlice(...args),
  ...createPhoneRegionSlice(...args),
  ...createUpdateSlice(...args),
  ...createAudiencesSlice(...args),
  ...createPlannedSlice(...args),
}));

bridge.subscribe('backendStatus', (status) => useStore.getState().setBackendStatus(status));
bridge.subscribe('authChanged', (state) => useStore.getState().setAuth(state));
bridge.subscribe('inviteProgress', (progress) => useStore.getState().applyProgress(progress));
bridge.subscribe('peopleStreamPage', (page) => useStore.getState().onPeoplePage(page));
bridge.subscribe('peopleResolveProgress', (progress) => useStore.getState().setPasteProgress(progress));
bridge.subscribe('menuCommand', (command) => useStore.getState().onMenuCommand(command));
bridge.subscribe('updateReady', (ready) => useStore.getState().offerUpdate(ready));
bridge.subscribe('closeRequested', ({ sending }) => useStore.getState().askClose(sending));
bridge.subscribe('plannedChanged', (change) => useStore.getState().onPlannedChanged(change));
bridge.subscribe('openRun', ({ runId }) => void useStore.getState().openRun(runId));
