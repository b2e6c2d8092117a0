// Search over up to 100,000 people within a frame. Each person's lower-case search key is built
// once when the list arrives, and all keys are joined into one string, so a query is a run of
// native indexOf calls over that string (no per-person call), mapped back to rows with a cursor
// that only moves forward. A query that extends the previous one only re-checks earlier matches.
// Keys and queries are folded the same way: lower case, accents dropped ("zofia" finds "Zófia").
import type { Person } from '../../../../shared/domain/people';

export interface SearchIndex {
  /** One key per person: name, username and phone in lower case. */
  keys: string[];
  /** Every key, each followed by a newline. */
  text: string;
  /** Where each key starts in `text`; starts[n] is text.length. */
  starts: Int32Array;
  /**
   * Matches of one-character queries, filled while the page is idle: a first keystroke matches
   * most of a big list, so it is the one worth having ready.
   */
  singles: Map<string, Int32Array>;
}

/** Letters that carry their accent without a combining mark, so NFD leaves them whole. */
const UNDECOMPOSED: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ħ: 'h', ı: 'i', ß: 'ss', æ: 'ae', œ: 'oe' };

/**
 * Lower case without accents: "Zófia" → "zofia", "İlknur" → "ilknur", "Ярослав" → "ярослав".
 * Lower-casing first, so a capital's decomposition (İ → i + dot) loses its mark too.
 */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  // Most keys are plain ASCII: skip the normalisation for them.
  // eslint-disable-next-line no-control-regex -- the ASCII range itself
  if (!/[^\u0000-\u007f]/.test(lower)) return lower;
  return lower
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[łøđħıßæœ]/g, (c) => UNDECOMPOSED[c]);
}

/** Name, username and phone, folded; NUL separators so a query never spans two fields. */
export function searchKey(person: Person): string {
  // Newlines separate keys in the joined text; a name never carries NUL (Telegram strips it).
  const name = fold(person.name).replaceAll('\n', ' ');
  return `${name}\u0000${person.username?.toLowerCase() ?? ''}\u0000${person.phone?.replace(/\D/g, '') ?? ''}`;
}

export const EMPTY_INDEX: SearchIndex = { keys: [], text: '', starts: new Int32Array(1), singles: new Map() };

export function buildIndex(keys: string[]): SearchIndex {
  const starts = new Int32Array(keys.length + 1);
  let at = 0;
  for (let i = 0; i < keys.length; i++) {
    starts[i] = at;
    at += keys[i].length + 1;
  }
  starts[keys.length] = at;
  return { keys, text: keys.length ? `${keys.join('\n')}\n` : '', starts, singles: new Map() };
}

export const indexPeople = (people: readonly Person[]): SearchIndex => buildIndex(people.map(searchKey));

/**
 * The index of the people so far plus `people` (a page that arrived), without re-reading the
 * earlier keys: their text is joined to the new page's (a rope until the next search flattens it
 * once) and their starts copied as one block. Equal to indexPeople of the whole list.
 */
export function extendIndex(index: SearchIndex, people: readonly Person[]): SearchIndex {
  if (people.length === 0) return index;
  if (index.keys.length === 0) return indexPeople(people);
  const added = people.map(searchKey);
  const n = index.keys.length;
  const starts = new Int32Array(n + added.length + 1);
  starts.set(index.starts);
  let at = index.starts[n];
  for (let i = 0; i < added.length; i++) {
    starts[n + i] = at;
    at += added[i].length + 1;
  }
  starts[n + added.length] = at;
  return { keys: index.keys.concat(added), text: `${index.text}${added.join('\n')}\n`, starts, singles: new Map() };
}

/**
 * What the organiser typed, in the keys' terms: folded, no leading @, and a phone number
 * ("+420 000 123", "(420) 000-123") as its digits.
 */
export function normaliseQuery(text: string): string {
  const q = fold(text.trim()).replace(/^@/, '').replace(/\n/g, ' ');
  if (/^\+?[\d\s().-]+$/.test(q) && /\d/.test(q)) return q.replace(/\D/g, '');
  return q;
}

/** Re-checking earlier matches one by one beats a scan of the whole text below this many. */
const NARROW_LIMIT = 20_000;

/**
 * Where matches are gathered before being copied out at their real size: one buffer reused,
 * instead of one as long as the list per keystroke (garbage, and kept alive by a subarray).
 */
let scratch = new Int32Array(0);
function gather(n: number): Int32Array {
  if (scratch.length < n) scratch = new Int32Array(Math.max(n, scratch.length * 2));
  return scratch;
}

/**
 * Indices of the people whose key contains `query`. `within` (earlier matches of a query this one
 * contains) narrows the work. Returns null for "everyone" (an empty query).
 */
export function filterIndices(index: SearchIndex, query: string, within: Int32Array | null = null): Int32Array | null {
  if (query === '') return null;
  const cached = query.length === 1 ? index.singles.get(query) : undefined;
  if (cached) return cached;
  const { keys, text, starts } = index;
  if (within && within.length <= NARROW_LIMIT) {
    const out = gather(within.length);
    let count = 0;
    for (let j = 0; j < within.length; j++) {
      const i = within[j];
      if (keys[i].includes(query)) out[count++] = i;
    }
    return out.slice(0, count);
  }
  const out = gather(within ? within.length : keys.length);
  let count = 0;
  let row = 0;
  let at = text.indexOf(query);
  while (at !== -1) {
    while (starts[row + 1] <= at) row++;
    out[count++] = row;
    at = text.indexOf(query, starts[row + 1]);
  }
  return out.slice(0, count);
}

/** Characters people start a search with: letters and digits. */
const FIRST_CHARACTERS = 'aeinorstlmdkhcubgjpvyzfwxq0123456789';
const WARM_ABOVE = 5_000;

/**
 * Fills `singles` for a big list, one character per idle slot, so no slot blocks input for long.
 * Returns a function that stops it (the list was replaced).
 */
export function warmSingles(index: SearchIndex): () => void {
  if (index.keys.length < WARM_ABOVE) return () => {};
  let next = 0;
  let handle = 0;
  const step = () => {
    const c = FIRST_CHARACTERS[next++];
    if (c === undefined) return;
    if (!index.singles.has(c)) {
      const result = filterIndices(index, c);
      if (result) index.singles.set(c, result);
    }
    handle = window.setTimeout(step, 0);
  };
  handle = window.setTimeout(step, 0);
  return () => window.clearTimeout(handle);
}
