import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY_FILE_NAME, createKeyFileSecretStore } from './secrets';
import { SettingsStore } from './settings';

const dir = () => mkdtempSync(join(tmpdir(), 'rollcall-secrets-'));

describe('the key-file secret store', () => {
  it('round-trips, with a fresh IV each time, under a 0600 key in a 0700 folder', async () => {
    const keyDir = join(dir(), 'key');
    const store = createKeyFileSecretStore(keyDir);
    const a = await store.encrypt('session-secret');
    const b = await store.encrypt('session-secret');
    expect(a.equals(b)).toBe(false);
    expect(a.toString('latin1')).not.toContain('session-secret');
    expect(await store.decrypt(a)).toEqual({ text: 'session-secret', reEncrypt: false });
    expect(statSync(join(keyDir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
    expect(statSync(keyDir).mode & 0o777).toBe(0o700);
    expect((await createKeyFileSecretStore(keyDir).decrypt(b)).text).toBe('session-secret');
  });

  it('refuses another key, a changed byte, or foreign data', async () => {
    const secret = await createKeyFileSecretStore(join(dir(), 'key')).encrypt('x');
    await expect(createKeyFileSecretStore(join(dir(), 'key')).decrypt(secret)).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    const keyDir = join(dir(), 'key');
    const store = createKeyFileSecretStore(keyDir);
    const tampered = await store.encrypt('hello');
    tampered[tampered.length - 1]! ^= 1;
    await expect(store.decrypt(tampered)).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    await expect(store.decrypt(Buffer.from('plain text'))).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
  });

  it('refuses a key file of the wrong size', async () => {
    const keyDir = dir();
    writeFileSync(join(keyDir, KEY_FILE_NAME), 'short');
    await expect(createKeyFileSecretStore(keyDir).encrypt('x')).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
  });
});

describe('settings at rest', () => {
  const HASH = '0123456789abcdef0123456789abcdef';

  it('keeps api_id in clear and the api_hash encrypted', async () => {
    const dataDir = dir();
    const secrets = createKeyFileSecretStore(join(dir(), 'key'));
    const store = await SettingsStore.open({ dataDir, secrets, env: {} });
    await store.setCredentials(4242, HASH);
    const text = readFileSync(join(dataDir, 'settings.json'), 'utf8');
    expect(text).toContain('4242');
    expect(text).not.toContain(HASH);
    const again = await SettingsStore.open({ dataDir, secrets, env: {} });
    expect(await again.credentials()).toEqual({ apiId: 4242, apiHash: HASH, source: 'settings' });
  });

  it('lets the environment win, and survives a damaged file', async () => {
    const dataDir = dir();
    const secrets = createKeyFileSecretStore(join(dir(), 'key'));
    writeFileSync(join(dataDir, 'settings.json'), '{not json');
    const store = await SettingsStore.open({ dataDir, secrets, env: { TELEGRAM_API_ID: '99', TELEGRAM_API_HASH: HASH } });
    expect(store.view()).toEqual({ apiId: 99, apiHashSet: true, credentialsSource: 'environment', batchSize: 10, inFlight: 2, perHourCeiling: 200, checkForUpdates: true, language: null });
    await store.setCredentials(1, 'f'.repeat(32));
    expect((await store.credentials())?.source).toBe('environment');
  });
});
