// Telegram API credentials. The api_hash is write-only: the main process keeps it and tells
// only whether one is set. Input is checked here with the contract's own schema, so the
// organiser hears about a typo before anything is sent.
import type { StateCreator } from 'zustand';
import type { Locale, Pacing, Settings } from '../../../../shared/domain/auth';
import { invokeContract } from '../../../../shared/ipc/contract';
import type { IpcError } from '../../../../shared/ipc/result';
import type { MessageKey } from '../../../../shared/i18n/catalogues';
import { bridge } from '../../bridge';
import { rememberLanguage, rememberedLanguage } from '../../i18n/rememberedLanguage';
import type { T } from '../../i18n/useT';
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
  /** `t`: the window's words, for the mistakes found here before anything is sent. */
  saveCredentials(apiIdText: string, apiHash: string, t: T): Promise<boolean>;
  clearCredentials(): Promise<void>;
  savePacing(pacing: Pacing, t: T): Promise<void>;
  updateChecksError: IpcError | null;
  saveUpdateChecks(checkForUpdates: boolean): Promise<void>;
  /**
   * The window's language: Settings' choice (null follows the system). Until the settings arrive,
   * the one this computer last used, so the first paint after a restart is already in it.
   */
  chosenLanguage: Locale | null;
  languageError: IpcError | null;
  saveLanguage(language: Locale | null): Promise<void>;
}

/** Pacing's bounds (the contract's), for the message that names them. */
const PACING_BOUNDS = {
  batchSize: { label: 'settings.pacing.batchSize.label', min: 1, max: 10 },
  inFlight: { label: 'settings.pacing.inFlight.label', min: 1, max: 4 },
  perHourCeiling: { label: 'settings.pacing.perHourCeiling.label', min: 10, max: 1000 },
} as const satisfies Record<keyof Pacing, { label: MessageKey; min: number; max: number }>;

/** Same rules as the contract's settingsSetCredentials request, with the error on its field. */
export function checkCredentials(apiIdText: string, apiHash: string, t: T): Partial<Record<CredentialField, IpcError>> {
  const trimmed = apiIdText.trim();
  const apiId = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  const parsed = invokeContract.settingsSetCredentials.request.safeParse({ apiId, apiHash: apiHash.trim() });
  const errors: Partial<Record<CredentialField, IpcError>> = {};
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field !== 'apiId' && field !== 'apiHash') continue;
    const message =
      field === 'apiHash'
        ? t('settings.credentials.apiHash.invalid')
        : Number.isNaN(apiId)
          ? t('settings.credentials.apiId.notWhole', { value: trimmed.slice(0, 20) })
          : t('settings.credentials.apiId.outOfRange', { max: 2 ** 31 - 1 });
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
  chosenLanguage: rememberedLanguage(),
  languageError: null,
  saveLanguage: async (language) => {
    const result = await bridge.settingsSetLanguage({ language });
    if (result.ok) {
      set({ settings: result.value, chosenLanguage: result.value.language, languageError: null });
      rememberLanguage(result.value.language);
    } else set({ languageError: result.error });
  },
  saveUpdateChecks: async (checkForUpdates) => {
    const result = await bridge.settingsSetUpdates({ checkForUpdates });
    if (result.ok) set({ settings: result.value, updateChecksError: null });
    else set({ updateChecksError: result.error });
  },
  savePacing: async (pacing, t) => {
    const parsed = invokeContract.settingsSetPacing.request.safeParse(pacing);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path[0] as keyof Pacing;
      const bounds = PACING_BOUNDS[field] ?? PACING_BOUNDS.batchSize;
      const message = t('settings.pacing.outOfRange', { field: t(bounds.label), min: bounds.min, max: bounds.max });
      set({ pacingError: { code: 'INVALID_REQUEST', message }, settingsSaved: null });
      return;
    }
    set({ settingsPending: 'pacing', pacingError: null, settingsSaved: null });
    const result = await bridge.settingsSetPacing(parsed.data);
    if (result.ok) set({ settings: result.value, settingsPending: null, settingsSaved: 'pacing' });
    else set({ settingsPending: null, pacingError: result.error });
  },
  loadSettings: async () => {
    const result = await bridge.settingsGet({});
    if (result.ok) {
      set({ settings: result.value, settingsLoadError: null, chosenLanguage: result.value.language });
      rememberLanguage(result.value.language);
    } else set({ settingsLoadError: result.error });
  },
  saveCredentials: async (apiIdText, apiHash, t) => {
    const local = checkCredentials(apiIdText, apiHash, t);
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
