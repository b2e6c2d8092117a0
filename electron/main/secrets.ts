// The app's SecretStore: Electron's safeStorage, async API. Only backends known to keep the key
// in the OS count as protection (Keychain, DPAPI, libsecret, kwallet); 'basic_text' is a
// hard-coded key, and anything else (including 'unknown') is unknown: the core tells the
// organiser (AuthState.storageWarning). Each secret carries the name of the backend that wrote
// it, so a later change of backend (another keyring, or a forced --password-store) is noticed.
import type { SafeStorage } from 'electron';
import { createKeyFileSecretStore, type Protection, type SecretStore } from '../core/secrets';

export type SafeStorageApi = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptStringAsync' | 'decryptStringAsync'
>;

export interface SafeStorageDeps {
  safeStorage: SafeStorageApi;
  platform: NodeJS.Platform;
  /** Where the key file goes when the OS offers no encryption at all. */
  keyDir: string;
  warn: (message: string) => void;
}

/** Backends that keep the key in the OS. getSelectedStorageBackend exists on Linux only. */
const OS_BACKENDS = new Set(['keychain', 'dpapi', 'gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

export function storageBackend(platform: NodeJS.Platform, safeStorage: Pick<SafeStorageApi, 'getSelectedStorageBackend'>): string {
  if (platform === 'darwin') return 'keychain';
  if (platform === 'win32') return 'dpapi';
  if (platform === 'linux') return safeStorage.getSelectedStorageBackend();
  return 'unknown';
}

export function protectionOf(backend: string): Protection {
  if (OS_BACKENDS.has(backend)) return 'os';
  return backend === 'basic_text' ? 'basicText' : 'unknownBackend';
}

// RCB1, one byte of length, the backend's name, then safeStorage's own bytes.
const MAGIC = Buffer.from('RCB1');

function withBackend(backend: string, encrypted: Buffer): Buffer {
  const name = Buffer.from(backend, 'latin1');
  return Buffer.concat([MAGIC, Buffer.from([name.length]), name, encrypted]);
}

/** The backend recorded with a secret (null for one written before the record existed) and safeStorage's bytes. */
function readBackend(data: Buffer): { backend: string | null; encrypted: Buffer } {
  if (data.length <= MAGIC.length || !data.subarray(0, MAGIC.length).equals(MAGIC)) return { backend: null, encrypted: data };
  const start = MAGIC.length + 1;
  const end = start + data[MAGIC.length]!;
  return { backend: data.subarray(start, end).toString('latin1'), encrypted: data.subarray(end) };
}

export async function createSafeStorageSecretStore(deps: SafeStorageDeps): Promise<SecretStore> {
  const { safeStorage, warn } = deps;
  if (!(await safeStorage.isAsyncEncryptionAvailable())) {
    warn('safeStorage: no OS encryption; secrets are kept under a key file in the user data folder');
    return createKeyFileSecretStore(deps.keyDir, 'unavailable');
  }
  const backend = storageBackend(deps.platform, safeStorage);
  let protection = protectionOf(backend);
  if (protection !== 'os') warn(`safeStorage: backend "${backend}" does not protect secrets with the OS`);
  return {
    get protection() {
      return protection;
    },
    encrypt: async (text) => withBackend(backend, await safeStorage.encryptStringAsync(text)),
    decrypt: async (data) => {
      const recorded = readBackend(data);
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(recorded.encrypted);
      const changed = recorded.backend !== null && recorded.backend !== backend;
      if (changed) {
        warn(`safeStorage: a secret written with "${recorded.backend}" was read with "${backend}"`);
        protection = 'backendChanged';
      }
      // Written again, it records the backend in use now and takes any new OS key.
      return { text: result, reEncrypt: shouldReEncrypt || changed || recorded.backend === null };
    },
  };
}
