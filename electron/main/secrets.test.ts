// safeStorage's logic with a stand-in for Electron's module: which backends count as protection,
// the backend recorded with each secret, and re-encryption when Electron asks for it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SessionStore } from '../core/sessionStore';
import { SettingsStore } from '../core/settings';
import { createSafeStorageSecretStore, type SafeStorageApi } from './secrets';

type Backend = ReturnType<SafeStorageApi['getSelectedStorageBackend']> | 'some_future_store';

/** A stand-in for Electron's safeStorage: "encrypts" behind a 3-byte prefix that changes each time. */
function fakeSafeStorage(backend: Backend, options: { available?: boolean; shouldReEncrypt?: boolean } = {}) {
  let count = 0;
  return {
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    getSelectedStorageBackend: () => backend as ReturnType<SafeStorageApi['getSelectedStorageBackend']>,
    encryptStringAsync: async (text: string) => Buffer.from(`v1${count++ % 10}${Buffer.from(text).toString('base64')}`),
    decryptStringAsync: async (data: Buffer) => ({
      result: Buffer.from(data.subarray(3).toString(), 'base64').toString(),
      shouldReEncrypt: options.shouldReEncrypt ?? false,
    }),
  } satisfies SafeStorageApi;
}

const dir = () => mkdtempSync(join(tmpdir(), 'rollcall-safe-storage-'));

function store(platform: NodeJS.Platform, backend: Backend, options?: Parameters<typeof fakeSafeStorage>[1]) {
  const warn = vi.fn();
  const secrets = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(backend, options), platform, keyDir: dir(), warn });
  return { secrets, warn };
}

describe('the safeStorage secret store', () => {
  it.each([
    ['darwin', 'unknown', 'os'],
    ['win32', 'unknown', 'os'],
    ['linux', 'gnome_libsecret', 'os'],
    ['linux', 'kwallet', 'os'],
    ['linux', 'kwallet5', 'os'],
    ['linux', 'kwallet6', 'os'],
    ['linux', 'basic_text', 'basicText'],
    ['linux', 'unknown', 'unknownBackend'],
    ['linux', 'some_future_store', 'unknownBackend'],
    ['freebsd', 'gnome_libsecret', 'unknownBackend'],
  ] as const)('item 7: on %s, backend %s is %s; only OS backends pass without a warning', async (platform, backend, protection) => {
    const { secrets, warn } = store(platform, backend);
    expect((await secrets).protection).toBe(protection);
    expect(warn).toHaveBeenCalledTimes(protection === 'os' ? 0 : 1);
  });

  it('falls back to a key file, and says so, where the OS offers no encryption', async () => {
    const { secrets, warn } = store('linux', 'gnome_libsecret', { available: false });
    const fallback = await secrets;
    expect(fallback.protection).toBe('unavailable');
    expect((await fallback.decrypt(await fallback.encrypt('x'))).text).toBe('x');
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('item 7: records the backend a secret was written with, and warns when it changes', async () => {
    const before = await store('linux', 'kwallet5').secrets;
    const blob = await before.encrypt('session');
    expect(blob.toString('latin1')).toContain('kwallet5');
    expect(await before.decrypt(blob)).toEqual({ text: 'session', reEncrypt: false });
    expect(before.protection).toBe('os');

    const { secrets, warn } = store('linux', 'gnome_libsecret');
    const after = await secrets;
    expect(await after.decrypt(blob)).toEqual({ text: 'session', reEncrypt: true });
    expect(after.protection).toBe('backendChanged');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"kwallet5" was read with "gnome_libsecret"'));
  });

  it('item 7: reads a secret written before the record, and asks for it to be written again', async () => {
    const secrets = await store('darwin', 'unknown').secrets;
    expect(await secrets.decrypt(Buffer.from(`v11${Buffer.from('old').toString('base64')}`))).toEqual({ text: 'old', reEncrypt: true });
    expect(secrets.protection).toBe('os');
  });

  it('item 7: honours shouldReEncrypt: the session and the api_hash are written again', async () => {
    const secrets = await store('win32', 'unknown', { shouldReEncrypt: true }).secrets;
    expect((await secrets.decrypt(await secrets.encrypt('x'))).reEncrypt).toBe(true);

    const dataDir = dir();
    const sessions = new SessionStore(dataDir, secrets);
    await sessions.save('telegram', 'session-string');
    const first = readFileSync(join(dataDir, 'session.bin'));
    const reEncrypt = vi.spyOn(secrets, 'encrypt');
    expect(await sessions.load()).toMatchObject({ target: 'telegram', session: 'session-string' });
    expect(reEncrypt).toHaveBeenCalledTimes(1);
    expect(readFileSync(join(dataDir, 'session.bin')).equals(first)).toBe(false);
    expect(await sessions.load()).toMatchObject({ session: 'session-string' });

    const settings = await SettingsStore.open({ dataDir, secrets, env: {} });
    await settings.setCredentials(4242, '0123456789abcdef0123456789abcdef');
    reEncrypt.mockClear();
    expect(await settings.credentials()).toMatchObject({ apiHash: '0123456789abcdef0123456789abcdef' });
    expect(reEncrypt).toHaveBeenCalledTimes(1);
  });
});
