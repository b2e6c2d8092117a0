// The app's SecretStore: Electron's safeStorage (Keychain, DPAPI, libsecret or kwallet), async
// API. On Linux the backend may be 'basic_text', a hard-coded key: the session is then only
// obfuscated, and the core tells the organiser so (AuthState.storageWarning).
import { join } from 'node:path';
import { app, safeStorage } from 'electron';
import { createKeyFileSecretStore, type SecretStore } from '../core/secrets';

export async function createSafeStorageSecretStore(): Promise<SecretStore> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) {
    // No OS encryption at all: keep secrets under a random key in the user's data folder, and say so.
    return createKeyFileSecretStore(join(app.getPath('userData'), 'keys'), 'unavailable');
  }
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  return {
    protection: backend === 'basic_text' ? 'basicText' : 'os',
    encrypt: (text) => safeStorage.encryptStringAsync(text),
    decrypt: async (data) => (await safeStorage.decryptStringAsync(data)).result,
  };
}
