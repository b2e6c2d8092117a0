// Ids, access hashes and phone numbers. Everything derives from the world's secret, so a seeded
// world is the same on every machine and a restart keeps every id and access hash.
import { createHmac } from 'node:crypto';

/** The sandbox is one data centre; Telegram's test numbers carry the DC id (99966XYYYY). */
export const DC_ID = 2;

/** Telegram's test-account convention: the code is the DC digit five times. */
export const LOGIN_CODE = String(DC_ID).repeat(5);

/** A test phone number on this DC: 99966 + DC digit + 4 digits. */
export function testPhone(n: number): string {
  return `99966${DC_ID}${String(n).padStart(4, '0')}`;
}

/** Id ranges: named users, generated users, basic groups and channels never overlap. */
export const NAMED_USER_BASE = 5_000_000_000n;
export const BULK_USER_BASE = 6_000_000_000n;
export const BULK_USER_LIMIT = 1_000_000;
export const BASIC_CHAT_BASE = 4_000_000_000n;
export const CHANNEL_BASE = 1_900_000_000n;

export function isBulkUserId(id: bigint): boolean {
  return id >= BULK_USER_BASE && id < BULK_USER_BASE + BigInt(BULK_USER_LIMIT);
}

/** A signed 64-bit value from the secret and a label; stable across runs. */
export function derive64(secret: string, label: string): bigint {
  const digest = createHmac('sha256', secret).update(label).digest();
  const value = digest.readBigInt64BE(0);
  return value === 0n ? 1n : value;
}

export function deriveHex(secret: string, label: string, bytes = 16): string {
  return createHmac('sha256', secret).update(label).digest('hex').slice(0, bytes * 2);
}

/**
 * Telegram gives each viewer its own access hash for a peer; the sandbox uses one per peer,
 * which clients cannot tell apart (they only echo it back).
 */
export function userAccessHash(secret: string, id: bigint): bigint {
  // A pure function of (secret, id), asked for once per user in every list a method answers
  // (100,000 contacts): remembered instead of an HMAC each time.
  let memo = userHashes.get(secret);
  if (!memo) userHashes.set(secret, (memo = new Map()));
  let hash = memo.get(id);
  if (hash === undefined) {
    if (memo.size >= MAX_REMEMBERED) memo.clear();
    hash = derive64(secret, `user:${id}`);
    memo.set(id, hash);
  }
  return hash;
}

const userHashes = new Map<string, Map<bigint, bigint>>();
/** Enough for the biggest world (a million generated users) and a few named ones. */
const MAX_REMEMBERED = BULK_USER_LIMIT + 10_000;

export function channelAccessHash(secret: string, id: bigint): bigint {
  return derive64(secret, `channel:${id}`);
}
