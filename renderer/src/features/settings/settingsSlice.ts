// Telegram API credentials. The api_hash is write-only: the main process keeps it and tells
// only whether one is set. Input is checked here with the contract's own schema, so the
// organiser hears about a typo before anything is sent.
import type { StateCreator } from 'zustand';
import type { Pacing, Settings } from '../../../../shared/domain/auth';
import { invokeContract } from '../../../../shared/ipc/contract';
import type { IpcError } from '../../../../shared/ipc/result';
import { bridge } from '../../bridge';
import type { Store } from '../../store';

export type CredentialField = 'apiId' | 'apiHash';

export interface SettingsSlice {
  settings: Settings | null;
  settingsLoadError: IpcError | null;
  /** Errors next to each field (client-side checks or the main process's answer). */
  credentialErrors: Partial<Record<CredentialField | 'form', IpcError>>;
  settingsPending: 'save' | 'clear' | 'pacing' | null;
  /** Set after a successful save or clear, for a short confirmation. */
  settingsSaved: 'saved' | 'cleared' | 'pacing' | null;
  pacingError: IpcError | null;
  loadSettings(): Promise<void>;
  saveCredentials(apiIdText: string, apiHash: string): Promise<boolean>;
  clearCredentials(): Promise<void>;
  savePacing(pacing: Pacing): Promise<void>;
  updateChecksError: IpcError | null;
  saveUpdateChecks(checkForUpdates: boolean): Promise<void>;
}

/** Same rules as the contract's settingsSetCredentials request, with the error on its field. */
export function checkCredentials(apiIdText: string, apiHash: string): Partial<Record<CredentialField, IpcError>> {
  const trimmed = apiIdText.trim();
  const apiId = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  const parsed = invokeContract.settingsSetCredentials.request.safeParse({ apiId, apiHash: apiHash.trim() });
  const errors: Partial<Record<CredentialField, IpcError>> = {};
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field !== 'apiId' && field !== 'apiHash') continue;
    const what = field === 'apiId' ? 'api_id' : 'api_hash';
    const message =
      field === 'apiId' && Number.isNaN(apiId)
        ? `api_id: “${trimmed.slice(0, 20)}” is not a whole number`
        : `${what}: ${issue.message}`;
    errors[field] ??= { code: 'CREDENTIALS_INVALID', message };
  }
  return errors;
}

/** Which field a server-side credentials error belongs to. */
function fieldOf(error: IpcError): CredentialField | 'form' {
  if (/api_?hash/i.test(error.message)) return 'apiHash';
  if (/api_?id/i.test(error.message)) return 'apiId';
  return 'form';
}

export const createSettingsSlice: StateCreator<Store, [], [], SettingsSlice> = (set) => ({
  settings: null,
  settingsLoadError: null,
  credentialErrors: {},
  settingsPending: null,
  settingsSaved: null,
  pacingError: null,
  updateChecksError: null,
  saveUpdateChecks: async (checkForUpdates) => {
    const result = await bridge.settingsSetUpdates({ checkForUpdates });
    if (result.ok) set({ settings: result.value, updateChecksError: null });
    else set({ updateChecksError: result.error });
  },
  savePacing: async (pacing) => {
    const parsed = invokeContract.settingsSetPacing.request.safeParse(pacing);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      set({ pacingError: { code: 'INVALID_REQUEST', message: `${String(issue?.path[0] ?? 'pacing')}: ${issue?.message ?? 'not valid'}` }, settingsSaved: null });
      return;
    }
    set({ settingsPending: 'pacing', pacingError: null, settingsSaved: null });
    const result = await bridge.settingsSetPacing(parsed.data);
    if (result.ok) set({ settings: result.value, settingsPending: null, settingsSaved: 'pacing' });
    else set({ settingsPending: null, pacingError: result.error });
  },
  loadSettings: async () => {
    const result = await bridge.settingsGet({});
    if (result.ok) set({ settings: result.value, settingsLoadError: null });
    else set({ settingsLoadError: result.error });
  },
  saveCredentials: async (apiIdText, apiHash) => {
    const local = checkCredentials(apiIdText, apiHash);
    if (Object.keys(local).length > 0) {
      set({ credentialErrors: local, settingsSaved: null });
      return false;
    }
    set({ settingsPending: 'save', credentialErrors: {}, settingsSaved: null });
    const result = await bridge.settingsSetCredentials({ apiId: Number(apiIdText.trim()), apiHash: apiHash.trim() });
    if (result.ok) {
      set({ settings: result.value, settingsPending: null, settingsSaved: 'saved' });
      return true;
    }
    set({ settingsPending: null, credentialErrors: { [fieldOf(result.error)]: result.error } });
    return false;
  },
  clearCredentials: async () => {
    set({ settingsPending: 'clear', credentialErrors: {}, settingsSaved: null });
    const result = await bridge.settingsClearCredentials({});
    if (result.ok) set({ settings: result.value, settingsPending: null, settingsSaved: 'cleared' });
    else set({ settingsPending: null, credentialErrors: { form: result.error } });
  },
});
