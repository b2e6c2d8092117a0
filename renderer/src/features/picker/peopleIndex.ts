// Search over up to 100,000 people within a frame: each person's lower-case search key is built
// once when the list arrives, and a query is one pass of String.includes over those keys. A query
// that extends the previous one only looks at the previous matches.
import type { Person } from '../../../../shared/domain/people';

/** Name, username and phone in lower case; NUL separators so a query never spans two fields. */
export function searchKey(person: Person): string {
  return `${person.name.toLowerCase()}\u0000${person.username?.toLowerCase() ?? ''}\u0000${person.phone ?? ''}`;
}

export const searchKeys = (people: readonly Person[]): string[] => people.map(searchKey);

/** What the organiser typed, in the keys' terms: lower case, no leading @, phone digits only. */
export function normaliseQuery(text: string): string {
  const q = text.trim().toLowerCase().replace(/^@/, '');
  if (/^\+?[\d\s()-]+$/.test(q) && /\d/.test(q)) return q.replace(/\D/g, '');
  return q;
}

/**
 * Indices of the keys containing `query`. `within` narrows the pass to earlier matches (valid
 * when the new query contains the old one). Returns null for "everyone" (an empty query).
 */
export function filterIndices(keys: readonly string[], query: string, within: Int32Array | null = null): Int32Array | null {
  if (query === '') return null;
  const candidates = within ? within.length : keys.length;
  const out = new Int32Array(candidates);
  let count = 0;
  if (within) {
    for (let j = 0; j < candidates; j++) {
      const i = within[j];
      if (keys[i].includes(query)) out[count++] = i;
    }
  } else {
    for (let i = 0; i < candidates; i++) if (keys[i].includes(query)) out[count++] = i;
  }
  return out.subarray(0, count);
}
