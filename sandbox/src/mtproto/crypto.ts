// MTProto 2.0 message encryption, server side (https://core.telegram.org/mtproto/description).
// The client encrypts with x = 0 and the server with x = 8 in both the msg_key and the KDF.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { IGE } from 'telegram/crypto/IGE';

export function sha1(...parts: Buffer[]): Buffer {
  const h = createHash('sha1');
  for (const p of parts) h.update(p);
  return h.digest();
}

export function sha256(...parts: Buffer[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

/** AES-256-IGE; `data` must already be a multiple of 16 bytes. */
export function igeEncrypt(data: Buffer, key: Buffer, iv: Buffer): Buffer {
  return Buffer.from(new IGE(key, iv).encryptIge(data));
}

export function igeDecrypt(data: Buffer, key: Buffer, iv: Buffer): Buffer {
  return Buffer.from(new IGE(key, iv).decryptIge(data));
}

/** auth_key_id: the 64 lower-order bits of SHA1(auth_key), as the 8 bytes sent on the wire. */
export function authKeyIdOf(authKey: Buffer): Buffer {
  return sha1(authKey).subarray(12, 20);
}

function kdf(authKey: Buffer, msgKey: Buffer, x: 0 | 8): { key: Buffer; iv: Buffer } {
  const a = sha256(msgKey, authKey.subarray(x, x + 36));
  const b = sha256(authKey.subarray(40 + x, 76 + x), msgKey);
  return {
    key: Buffer.concat([a.subarray(0, 8), b.subarray(8, 24), a.subarray(24, 32)]),
    iv: Buffer.concat([b.subarray(0, 8), a.subarray(8, 24), b.subarray(24, 32)]),
  };
}

/**
 * Decrypts a client message (everything after auth_key_id). Returns the plaintext
 * (salt, session_id, msg_id, seq_no, length, body, padding) or null when the msg_key,
 * the length or the padding is wrong, which the caller treats as a protocol violation.
 */
export function decryptFromClient(authKey: Buffer, encrypted: Buffer): Buffer | null {
  if (encrypted.length < 16 + 32) return null;
  const msgKey = encrypted.subarray(0, 16);
  const cipherText = encrypted.subarray(16, 16 + ((encrypted.length - 16) & ~15));
  const { key, iv } = kdf(authKey, msgKey, 0);
  const plain = igeDecrypt(cipherText, key, iv);
  if (!sha256(authKey.subarray(88, 120), plain).subarray(8, 24).equals(msgKey)) return null;
  const bodyLength = plain.readInt32LE(28);
  const padding = plain.length - 32 - bodyLength;
  if (bodyLength < 0 || bodyLength % 4 !== 0 || padding < 12 || padding > 1024) return null;
  return plain;
}

/** Encrypts a server message: plaintext = salt + session_id + msg_id + seq_no + length + body. */
export function encryptForClient(authKey: Buffer, authKeyId: Buffer, plaintext: Buffer): Buffer {
  // 12..1024 bytes of random padding bringing the total to a multiple of 16.
  const minimum = 12 + ((16 - ((plaintext.length + 12) % 16)) % 16);
  const padding = randomBytes(minimum + 16 * randomInt(0, 4));
  const padded = Buffer.concat([plaintext, padding]);
  const msgKey = sha256(authKey.subarray(96, 128), padded).subarray(8, 24);
  const { key, iv } = kdf(authKey, msgKey, 8);
  return Buffer.concat([authKeyId, msgKey, igeEncrypt(padded, key, iv)]);
}
