// Generated users for benchmarks: 100,000 contacts, a group of 10,000. They are computed from
// their index when asked for, never stored, so a big world starts as fast as a small one.
import { BULK_USER_BASE, BULK_USER_LIMIT, isBulkUserId } from './ids';
import type { UserRecord, WorldSize } from './types';

export const SIZES = {
  /** Enough to page through (channels.getParticipants returns at most 200 at a time). */
  small: { contacts: 40, members: 260, callParticipants: 24 },
  /** The benchmark world of issue 3. */
  big: { contacts: 100_000, members: 10_000, callParticipants: 500 },
} satisfies Record<string, WorldSize>;

export type SizeName = keyof typeof SIZES;

export function resolveSize(size: SizeName | Partial<WorldSize> | undefined, current?: WorldSize): WorldSize {
  if (size === undefined) return current ?? SIZES.small;
  const base = typeof size === 'string' ? SIZES[size] : { ...SIZES.small, ...size };
  if (!base) throw new Error(`unknown world size ${String(size)} (small or big)`);
  for (const [key, value] of Object.entries(base)) {
    if (!Number.isInteger(value) || value < 0 || value > BULK_USER_LIMIT) {
      throw new Error(`world size ${key} must be an integer from 0 to ${BULK_USER_LIMIT}`);
    }
  }
  return { ...base };
}

const FIRST = [
  'Amara', 'Bruno', 'Chiara', 'Dmitri', 'Elif', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas',
  'Kemal', 'Lena', 'Mateo', 'Nadia', 'Oskar', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tala',
  'Umar', 'Vera', 'Wen', 'Ximena', 'Yusuf', 'Zofia', 'Anton', 'Bea', 'Cyrus', 'Dalia',
  'Emil', 'Fatima', 'Gustav', 'Hana', 'Ivo', 'Jana', 'Karim', 'Lotte', 'Milan', 'Noor',
];
const LAST = [
  'Adler', 'Berg', 'Costa', 'Duarte', 'Eriksen', 'Fischer', 'Gallo', 'Horvat', 'Ivanova', 'Jansen',
  'Kovac', 'Larsen', 'Moreau', 'Novak', 'Olsen', 'Petrov', 'Quinn', 'Rossi', 'Silva', 'Tanaka',
  'Urban', 'Vogel', 'Weber', 'Xu', 'Yilmaz', 'Zima', 'Arslan', 'Brandt', 'Celik', 'Dietz',
  'Engel', 'Falk', 'Graf', 'Haas', 'Iqbal', 'Jung', 'Keller', 'Lang', 'Mayer', 'Nagy',
];

export function bulkUserId(index: number): bigint {
  return BULK_USER_BASE + BigInt(index);
}

export function bulkIndex(id: bigint): number | null {
  return isBulkUserId(id) ? Number(id - BULK_USER_BASE) : null;
}

/**
 * Generated user number `index`. Phones use +42, a country code the ITU never assigned, so no
 * real person has one; usernames are unique by the index.
 */
export function bulkUser(index: number, createdAt: number): UserRecord {
  const first = FIRST[index % FIRST.length]!;
  const last = LAST[Math.floor(index / FIRST.length) % LAST.length]!;
  return {
    id: bulkUserId(index),
    kind: 'person',
    firstName: first,
    lastName: last,
    username: `${first}_${last}_${index}`.toLowerCase(),
    phone: `42${String(index).padStart(9, '0')}`,
    lastSeen: createdAt - 600 - (index % 5000) * 60,
  };
}
