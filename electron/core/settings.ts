// Settings at rest (DATA/settings.json): api_id in clear, api_hash encrypted through the
// SecretStore, the batch size, the language, and the sign-in target last chosen. Environment credentials
// (TELEGRAM_API_ID / TELEGRAM_API_HASH) win over stored ones and are never written.
import { z } from 'zod';
import { Locale, Target, type Pacing, type Settings } from '../../shared/domain/auth';
import { AppError } from '../../shared/ipc/result';
import type { Handlers } from '../ipc/dispatcher';
import { readTelegramCredentials, type TelegramCredentials } from './credentials';
import { readFileIfExists, writeFileAtomic } from './files';
import type { SecretStore } from './secrets';
import { logSecrets } from './log';

// Pacing defaults (README "How Rollcall protects your account"; shown with these reasons in Settings):
//  - 10 people a request: what official clients send (tdesktop kMaxInvitePerSlice, TDLib "at most
//    10"); more is refused or cut short by Telegram in ways nobody documents.
//  - 2 requests in flight: every request in flight when a limit hits comes back refused too, so a
//    low number throws fewer requests at an account Telegram is already slowing down (engine.ts
//    measured 54 requests at 1, 62 at 4 for 500 people under a limit); 2 keeps most of the speed.
//  - 200 invitations an hour: Telegram publishes no limit for this method; reports of accounts
//    limited for adding members start at a few hundred a day, and the sandbox's strict profile
//    answers PEER_FLOOD after 300 an hour. 200 stays well under it; the organiser can raise it.
export const DEFAULT_BATCH_SIZE = 10;
export const DEFAULT_IN_FLIGHT = 2;
export const DEFAULT_PER_HOUR_CEILING = 200;
export const SETTINGS_FILE_NAME = 'settings.json';

const StoredSettings = z.object({
  version: z.literal(1),
  apiId: z.number().int().positive().nullable(),
  /** base64 of SecretStore.encrypt(api_hash). */
  apiHash: z.string().nullable(),
  batchSize: z.number().int().min(1).max(10),
  inFlight: z.number().int().min(1).max(4).default(DEFAULT_IN_FLIGHT),
  perHourCeiling: z.number().int().min(10).max(1000).default(DEFAULT_PER_HOUR_CEILING),
  target: Target,
  /** On unless the person turned it off; a dev build never checks whatever it says. */
  checkForUpdates: z.boolean().default(true),
  /**
   * Settings › Language; null (and a file from before it existed) follows the OS. A language this
   * Rollcall doesn't ship (a newer one wrote it) follows the OS too, keeping the other settings.
   */
  language: Locale.nullable().default(null).catch(null),
});
type StoredSettings = z.infer<typeof StoredSettings>;

const EMPTY: StoredSettings = {
  version: 1,
  apiId: null,
  apiHash: null,
  batchSize: DEFAULT_BATCH_SIZE,
  inFlight: DEFAULT_IN_FLIGHT,
  perHourCeiling: DEFAULT_PER_HOUR_CEILING,
  target: 'sandbox',
  checkForUpdates: true,
  language: null,
};

export class SettingsStore {
  private constructor(
    private readonly dataDir: string,
    private readonly secrets: SecretStore,
    private readonly fromEnvironment: TelegramCredentials | null,
    private stored: StoredSettings,
  ) {}

  static async open(options: {
    dataDir: string;
    secrets: SecretStore;
    env: Readonly<Record<string, string | undefined>>;
  }): Promise<SettingsStore> {
    const bytes = await readFileIfExists(options.dataDir, SETTINGS_FILE_NAME);
    let stored = EMPTY;
    if (bytes) {
      // A damaged file falls back to defaults rather than locking the organiser out.
      const parsed = StoredSettings.safeParse(safeJson(bytes.toString('utf8')));
      if (parsed.success) stored = parsed.data;
    }
    return new SettingsStore(options.dataDir, options.secrets, readTelegramCredentials(options.env), stored);
  }

  view(): Settings {
    const env = this.fromEnvironment;
    return {
      apiId: env ? env.apiId : this.stored.apiId,
      apiHashSet: env !== null || this.stored.apiHash !== null,
      credentialsSource: this.credentialsSource(),
      batchSize: this.stored.batchSize,
      inFlight: this.stored.inFlight,
      perHourCeiling: this.stored.perHourCeiling,
      checkForUpdates: this.stored.checkForUpdates,
      language: this.stored.language,
    };
  }

  credentialsSource(): Settings['credentialsSource'] {
    if (this.fromEnvironment) return 'environment';
    return this.stored.apiId !== null && this.stored.apiHash !== null ? 'settings' : 'none';
  }

  /** api_id/api_hash for real Telegram; the hash is decrypted only here, when a client needs it. */
  async credentials(): Promise<TelegramCredentials | null> {
    if (this.fromEnvironment) return this.fromEnvironment;
    const { apiId, apiHash } = this.stored;
    if (apiId === null || apiHash === null) return null;
    const { text, reEncrypt } = await this.secrets.decrypt(Buffer.from(apiHash, 'base64'));
    // Best effort: the old copy still reads, so a failed write costs nothing now.
    logSecrets.add(text, 'api-hash');
    if (reEncrypt) await this.setCredentials(apiId, text).catch(() => {});
    return { apiId, apiHash: text, source: 'settings' };
  }

  get batchSize(): number {
    return this.stored.batchSize;
  }

  get inFlight(): number {
    return this.stored.inFlight;
  }

  get perHourCeiling(): number {
    return this.stored.perHourCeiling;
  }

  async setPacing(pacing: Pacing): Promise<Settings> {
    await this.save({ ...this.stored, ...pacing });
    return this.view();
  }

  get checkForUpdates(): boolean {
    return this.stored.checkForUpdates;
  }

  async setCheckForUpdates(checkForUpdates: boolean): Promise<Settings> {
    if (checkForUpdates !== this.stored.checkForUpdates) await this.save({ ...this.stored, checkForUpdates });
    return this.view();
  }

  get language(): Locale | null {
    return this.stored.language;
  }

  async setLanguage(language: Locale | null): Promise<Settings> {
    if (language !== this.stored.language) await this.save({ ...this.stored, language });
    return this.view();
  }

  get target(): Target {
    return this.stored.target;
  }

  async setTarget(target: Target): Promise<void> {
    if (target !== this.stored.target) await this.save({ ...this.stored, target });
  }

  async setCredentials(apiId: number, apiHash: string): Promise<Settings> {
    const encrypted = await this.secrets.encrypt(apiHash.toLowerCase());
    await this.save({ ...this.stored, apiId, apiHash: encrypted.toString('base64') });
    return this.view();
  }

  async clearCredentials(): Promise<Settings> {
    await this.save({ ...this.stored, apiId: null, apiHash: null });
    return this.view();
  }

  private async save(next: StoredSettings): Promise<void> {
    await writeFileAtomic(this.dataDir, SETTINGS_FILE_NAME, `${JSON.stringify(next, null, 2)}\n`);
    this.stored = next;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

type SettingsHandlers = Pick<
  Handlers,
  'settingsGet' | 'settingsSetCredentials' | 'settingsClearCredentials' | 'settingsSetPacing' | 'settingsSetUpdates' | 'settingsSetLanguage'
>;

export function createSettingsHandlers(
  settings: () => Promise<SettingsStore>,
  onCredentialsChanged: () => void,
  onUpdateChecksChanged: (enabled: boolean) => void = () => {},
): SettingsHandlers {
  return {
    settingsGet: async () => (await settings()).view(),
    settingsSetCredentials: async ({ apiId, apiHash }) => {
      logSecrets.add(apiHash, 'api-hash');
      const store = await settings();
      if (!/^[0-9a-f]{32}$/i.test(apiHash)) throw new AppError('CREDENTIALS_INVALID', 'The api_hash must be 32 characters of 0–9 and a–f.');
      const view = await store.setCredentials(apiId, apiHash);
      onCredentialsChanged();
      return view;
    },
    settingsSetPacing: async (pacing) => (await settings()).setPacing(pacing),
    settingsSetUpdates: async ({ checkForUpdates }) => {
      const view = await (await settings()).setCheckForUpdates(checkForUpdates);
      onUpdateChecksChanged(view.checkForUpdates);
      return view;
    },
    settingsSetLanguage: async ({ language }) => (await settings()).setLanguage(language),
    settingsClearCredentials: async () => {
      const view = await (await settings()).clearCredentials();
      onCredentialsChanged();
      return view;
    },
  };
}
