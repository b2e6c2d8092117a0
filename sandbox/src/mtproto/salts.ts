// Server salts (https://core.telegram.org/mtproto/description#server-salt). Each auth key gets a
// new salt every SALT_PERIOD seconds, derived from a secret kept with the keys, so nothing per
// salt needs storing and a restarted sandbox accepts the salts it handed out before.
import { createHmac } from 'node:crypto';
import type { AuthKeyRecord } from './keystore';

export const SALT_PERIOD = 1800;

export function saltAt(secret: Buffer, keyId: string, slot: number): bigint {
  return createHmac('sha256', secret).update(`${keyId}:${slot}`).digest().readBigInt64LE(0);
}

export function currentSalt(secret: Buffer, record: AuthKeyRecord, now = Date.now() / 1000): bigint {
  return saltAt(secret, record.id, Math.floor(now / SALT_PERIOD));
}

/** The current and the previous period's salt are accepted, and the key exchange's for 30 minutes. */
export function isValidSalt(secret: Buffer, record: AuthKeyRecord, salt: bigint, now = Date.now() / 1000): boolean {
  const slot = Math.floor(now / SALT_PERIOD);
  if (salt === saltAt(secret, record.id, slot) || salt === saltAt(secret, record.id, slot - 1)) return true;
  return salt === record.initialSalt && now - record.createdAt < 1800;
}

/** For get_future_salts: `count` salts starting with the current one. */
export function futureSalts(secret: Buffer, record: AuthKeyRecord, count: number, now = Date.now() / 1000) {
  const first = Math.floor(now / SALT_PERIOD);
  return Array.from({ length: Math.max(1, Math.min(count, 64)) }, (_, i) => ({
    validSince: (first + i) * SALT_PERIOD,
    // Valid one period past its own, since the previous period's salt is still accepted.
    validUntil: (first + i + 2) * SALT_PERIOD,
    salt: saltAt(secret, record.id, first + i),
  }));
}
