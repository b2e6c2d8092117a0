// The "Check for updates" switch at rest: on by default (also for a settings.json an older
// Rollcall wrote), kept across restarts, and reported to the desktop's updater when it changes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeyFileSecretStore } from './secrets';
import { SETTINGS_FILE_NAME, SettingsStore, createSettingsHandlers } from './settings';
import { tempDirs } from './testSupport/host';

describe('settings: Check for updates', () => {
  it('item 7: on by default, also for an older settings.json; off survives a restart', async () => {
    const { dataDir, keyDir } = tempDirs();
    mkdirSync(dataDir, { recursive: true });
    const secrets = createKeyFileSecretStore(keyDir);
    writeFileSync(
      join(dataDir, SETTINGS_FILE_NAME),
      JSON.stringify({ version: 1, apiId: null, apiHash: null, batchSize: 10, target: 'sandbox' }),
    );
    const store = await SettingsStore.open({ dataDir, secrets, env: {} });
    expect(store.view().checkForUpdates).toBe(true);

    const changes: boolean[] = [];
    const handlers = createSettingsHandlers(async () => store, () => {}, (enabled) => changes.push(enabled));
    expect((await handlers.settingsSetUpdates({ checkForUpdates: false })).checkForUpdates).toBe(false);
    expect(changes).toEqual([false]);
    expect(JSON.parse(readFileSync(join(dataDir, SETTINGS_FILE_NAME), 'utf8')).checkForUpdates).toBe(false);

    const reopened = await SettingsStore.open({ dataDir, secrets, env: {} });
    expect(reopened.view().checkForUpdates).toBe(false);
  });
});
