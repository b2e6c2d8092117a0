// Encryption at rest for the Telegram session and the api_hash. The host injects the store:
// Electron's safeStorage in the app (electron/main/secrets.ts), and in Node (web preview, tests)
// AES-256-GCM with a random key kept in its own folder, so the data folder alone reveals nothing.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../shared/ipc/result';
import { PRIVATE_FILE_MODE, ensurePrivateDir, fsReason } from './files';

/**
 * How well secrets are protected: 'os' (keychain, DPAPI, libsecret, kwallet); 'basicText'
 * (a key stored beside the user's files: obfuscation, not protection); 'unavailable' (no OS
 * storage: a key file); 'unknownBackend' (a backend Rollcall does not know); 'backendChanged'
 * (a secret was written with another backend than the one in use now).
 */
export type Protection = 'os' | 'basicText' | 'unavailable' | 'unknownBackend' | 'backendChanged';

export interface Decrypted {
  text: string;
  /** Encrypt the text again and save it: the OS rotated its key, or the secret predates the backend record. */
  reEncrypt: boolean;
}

export interface SecretStore {
  encrypt(text: string): Promise<Buffer>;
  decrypt(data: Buffer): Promise<Decrypted>;
  /** May change once a secret is read (to 'backendChanged'). */
  readonly protection: Protection;
}

const MAGIC = Buffer.from('RCS1');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
export const KEY_FILE_NAME = 'rollcall-secret.key';

async function loadOrCreateKey(keyDir: string): Promise<Buffer> {
  const path = join(keyDir, KEY_FILE_NAME);
  await ensurePrivateDir(keyDir);
  try {
    // 'wx' fails if another process created the key first; then that key is read below.
    await writeFile(path, randomBytes(KEY_BYTES), { flag: 'wx', mode: PRIVATE_FILE_MODE });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  await chmod(path, PRIVATE_FILE_MODE);
  const key = await readFile(path);
  if (key.length !== KEY_BYTES) throw new AppError('STORAGE_FAILED', `The secret key file ${KEY_FILE_NAME} is not a ${KEY_BYTES}-byte key.`);
  return key;
}

/** AES-256-GCM with a random key in `keyDir` (mode 0600, folder 0700), created on first use. */
export function createKeyFileSecretStore(
  keyDir: string,
  protection: Protection = 'basicText',
): SecretStore {
  let key: Promise<Buffer> | null = null;
  const getKey = () => {
    key ??= loadOrCreateKey(keyDir).catch((error: unknown) => {
      key = null;
      // The key folder lies outside the data folder: name the file only, never its path.
      throw error instanceof AppError ? error : new AppError('STORAGE_FAILED', `The secret key file ${KEY_FILE_NAME} is not usable: ${fsReason(error)}.`);
    });
    return key;
  };
  return {
    protection,
    async encrypt(text) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', await getKey(), iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
    },
    async decrypt(data) {
      const head = MAGIC.length;
      if (data.length < head + IV_BYTES + TAG_BYTES || !data.subarray(0, head).equals(MAGIC)) {
        throw new AppError('STORAGE_FAILED', 'The encrypted data is not in Rollcall’s format.');
      }
      const iv = data.subarray(head, head + IV_BYTES);
      const tag = data.subarray(head + IV_BYTES, head + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', await getKey(), iv);
      decipher.setAuthTag(tag);
      try {
        const text = Buffer.concat([decipher.update(data.subarray(head + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
        return { text, reEncrypt: false };
      } catch {
        throw new AppError('STORAGE_FAILED', 'The encrypted data can’t be read with this key (another key, or the file was changed).');
      }
    },
  };
}
