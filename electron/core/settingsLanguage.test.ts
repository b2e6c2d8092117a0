// Settings › Language at rest: null (follow the OS) by default, also for a settings.json an older
// Rollcall wrote; a choice survives a restart; null again follows the OS.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeyFileSecretStore } from './secrets';
import { SETTINGS_FILE_NAME, SettingsStore, createSettingsHandlers } from './settings';
import { tempDirs } from './testSupport/host';

describe('settings: Language', () => {
  it('item 2: follows the OS by default (also for an older settings.json); a choice is kept across restarts', async () => {
    const { dataDir, keyDir } = tempDirs();
    mkdirSync(dataDir, { recursive: true });
    const secrets = createKeyFileSecretStore(keyDir);
    writeFileSync(
      join(dataDir, SETTINGS_FILE_NAME),
      JSON.stringify({ version: 1, apiId: 4242, apiHash: null, batchSize: 7, target: 'sandbox', checkForUpdates: false }),
    );
    const store = await SettingsStore.open({ dataDir, secrets, env: {} });
    // The older file still loads whole: its other settings are kept, its language follows the OS.
    expect(store.view()).toMatchObject({ apiId: 4242, batchSize: 7, checkForUpdates: false, language: null });

    const handlers = createSettingsHandlers(async () => store, () => {});
    expect((await handlers.settingsSetLanguage({ language: 'ru' })).language).toBe('ru');
    expect(JSON.parse(readFileSync(join(dataDir, SETTINGS_FILE_NAME), 'utf8')).language).toBe('ru');
    expect((await SettingsStore.open({ dataDir, secrets, env: {} })).view()).toMatchObject({ language: 'ru', batchSize: 7 });

    expect((await handlers.settingsSetLanguage({ language: null })).language).toBeNull();
    expect((await SettingsStore.open({ dataDir, secrets, env: {} })).language).toBeNull();
  });

  it('item 2: a language in the file that this Rollcall doesn\'t ship follows the OS, the other settings kept', async () => {
    const { dataDir, keyDir } = tempDirs();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(
      join(dataDir, SETTINGS_FILE_NAME),
      JSON.stringify({ version: 1, apiId: 4242, apiHash: null, batchSize: 3, target: 'sandbox', language: 'tlh' }),
    );
    const store = await SettingsStore.open({ dataDir, secrets: createKeyFileSecretStore(keyDir), env: {} });
    expect(store.view()).toMatchObject({ language: null, apiId: 4242, batchSize: 3 });
  });
});
