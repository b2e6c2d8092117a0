// The picker's search index, in Node: what a typed filter finds, and that the shortcuts (narrowing
// an earlier result, the one-character cache, appending a page) find exactly what a plain search
// over the whole list finds.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Person } from '../../../../shared/domain/people';
import { EMPTY_INDEX, buildIndex, extendIndex, filterIndices, fold, indexPeople, normaliseQuery, searchKey, warmSingles, type SearchIndex } from './peopleIndex';

let nextId = 1;
const person = (name: string, username: string | null = null, phone: string | null = null): Person => ({
  id: String(nextId++),
  name,
  username,
  phone,
  kind: 'user',
  isContact: true,
});

const PEOPLE: Person[] = [
  person('Zófia Kowalczyk', 'zofia_k', '48600100200'),
  person('José Álvarez', null, '34911222333'),
  person('Ярослав Петренко', 'yaroslav'),
  person('محمد الأحمد', 'mohammed'),
  person('Łukasz Nowak', 'lnowak'),
  person('İlknur Şahin', null),
  person('Amara Okafor', 'amara', '2348012345678'),
  person('Lena Müller', 'lena_m', '491701234567'),
  person('Zofia Berg', 'zberg'),
];

/** The names of the people a typed filter finds, in list order. */
function find(index: SearchIndex, people: readonly Person[], typed: string, within: Int32Array | null = null): string[] | null {
  const rows = filterIndices(index, normaliseQuery(typed), within);
  return rows && [...rows].map((row) => people[row].name);
}

describe('peopleIndex', () => {
  const index = indexPeople(PEOPLE);

  it('item 8: finds names by any part, in any case', () => {
    expect(find(index, PEOPLE, 'BERG')).toEqual(['Zofia Berg']);
    expect(find(index, PEOPLE, 'ena m')).toEqual(['Lena Müller']);
    expect(find(index, PEOPLE, 'nobody')).toEqual([]);
  });

  it('item 8: an empty or blank query means everyone (null), not nobody', () => {
    expect(find(index, PEOPLE, '')).toBeNull();
    expect(find(index, PEOPLE, '   ')).toBeNull();
  });

  it('item 8: diacritics are folded both ways: "zofia" finds "Zófia", "jose" finds "José", "lukasz" finds "Łukasz"', () => {
    expect(find(index, PEOPLE, 'zofia')).toEqual(['Zófia Kowalczyk', 'Zofia Berg']);
    expect(find(index, PEOPLE, 'Zófia')).toEqual(['Zófia Kowalczyk', 'Zofia Berg']);
    expect(find(index, PEOPLE, 'jose alvarez')).toEqual(['José Álvarez']);
    expect(find(index, PEOPLE, 'muller')).toEqual(['Lena Müller']);
    expect(find(index, PEOPLE, 'lukasz')).toEqual(['Łukasz Nowak']);
    expect(find(index, PEOPLE, 'ilknur sahin')).toEqual(['İlknur Şahin']);
  });

  it('item 8: names in Cyrillic and Arabic scripts are found, Cyrillic in either case', () => {
    expect(find(index, PEOPLE, 'ЯРОСЛАВ')).toEqual(['Ярослав Петренко']);
    expect(find(index, PEOPLE, 'петренко')).toEqual(['Ярослав Петренко']);
    expect(find(index, PEOPLE, 'الأحمد')).toEqual(['محمد الأحمد']);
  });

  it('item 8: usernames are found with or without the @', () => {
    expect(find(index, PEOPLE, '@zofia_k')).toEqual(['Zófia Kowalczyk']);
    expect(find(index, PEOPLE, 'zofia_k')).toEqual(['Zófia Kowalczyk']);
    expect(find(index, PEOPLE, '@LENA_')).toEqual(['Lena Müller']);
  });

  it('item 8: phone numbers are found by their digits, typed with +, spaces, dashes or brackets', () => {
    expect(find(index, PEOPLE, '+48 600 100')).toEqual(['Zófia Kowalczyk']);
    expect(find(index, PEOPLE, '(34) 911-222')).toEqual(['José Álvarez']);
    expect(find(index, PEOPLE, '4917012')).toEqual(['Lena Müller']);
    // A person whose phone Telegram stored with its + still matches by digits.
    const plus = [person('Kofi Mensah', null, '+233 20 123 4567')];
    expect(find(indexPeople(plus), plus, '233201234')).toEqual(['Kofi Mensah']);
  });

  it('item 8: a query never spans two fields of one person, nor two people', () => {
    // "okafor" + "amara" (name, username) and "müller" + the next person's name.
    expect(find(index, PEOPLE, 'okaforamara')).toEqual([]);
    expect(find(index, PEOPLE, 'mullerzofia')).toEqual([]);
  });

  it('item 8: narrowing with `within` finds exactly what a search of everyone finds', () => {
    const wide = filterIndices(index, normaliseQuery('a'))!;
    for (const q of ['am', 'ama', 'ar', 'ow', 'zz']) {
      expect(find(index, PEOPLE, q, wide)).toEqual(find(index, PEOPLE, q));
    }
    // `within` limits the search: rows outside it are not returned even if they match.
    const onlyFirst = Int32Array.of(0);
    expect(find(index, PEOPLE, 'zofia', onlyFirst)).toEqual(['Zófia Kowalczyk']);
  });

  it('item 8: narrowing over a big earlier result (the scan path) finds the same as a fresh search', () => {
    const many = Array.from({ length: 25_000 }, (_, i) => person(`Person ${i} ${i % 7 === 0 ? 'Zófia' : 'Anna'}`));
    const big = indexPeople(many);
    const wide = filterIndices(big, 'a')!;
    expect(wide.length).toBeGreaterThan(20_000); // above the re-check limit: the narrowing scans the text
    const narrowed = filterIndices(big, 'zofia', wide)!;
    expect([...narrowed]).toEqual([...filterIndices(big, 'zofia')!]);
    expect(narrowed.length).toBe(Math.ceil(25_000 / 7));
  });

  it('item 8: the one-character cache answers with what it holds, and is filled while idle for big lists', async () => {
    const cached = buildIndex(['x', 'y']);
    cached.singles.set('x', Int32Array.of(1));
    expect([...filterIndices(cached, 'x')!]).toEqual([1]); // from the cache, not the text

    vi.stubGlobal('window', globalThis);
    const many = Array.from({ length: 6_000 }, (_, i) => person(`Name ${i}`, i % 2 ? 'odd' : null));
    const big = indexPeople(many);
    const stop = warmSingles(big);
    await vi.waitFor(() => expect(big.singles.size).toBeGreaterThanOrEqual(36));
    stop();
    for (const c of ['a', 'o', 'd', '5', 'q']) {
      expect([...big.singles.get(c)!]).toEqual([...filterIndices({ ...big, singles: new Map() }, c)!]);
    }
    // A small list isn't worth it.
    const small = indexPeople(PEOPLE);
    warmSingles(small)();
    expect(small.singles.size).toBe(0);
  });

  it('item 8: extendIndex of pages equals indexPeople of the whole list', () => {
    const pages = [PEOPLE.slice(0, 3), PEOPLE.slice(3, 4), [], PEOPLE.slice(4)];
    let grown = EMPTY_INDEX;
    for (const page of pages) grown = extendIndex(grown, page);
    const whole = indexPeople(PEOPLE);
    expect(grown.keys).toEqual(whole.keys);
    expect(grown.text).toBe(whole.text);
    expect([...grown.starts]).toEqual([...whole.starts]);
    for (const q of ['zofia', 'a', '@lena', '+48', 'ярослав']) expect(find(grown, PEOPLE, q)).toEqual(find(whole, PEOPLE, q));
  });

  it('item 8: extendIndex leaves the index it grew from as it was', () => {
    const first = indexPeople(PEOPLE.slice(0, 2));
    const before = { keys: [...first.keys], text: first.text, starts: [...first.starts] };
    extendIndex(first, PEOPLE.slice(2));
    expect({ keys: first.keys, text: first.text, starts: [...first.starts] }).toEqual(before);
  });

  it('item 8: searchKey holds the folded name, the username and the phone digits', () => {
    expect(searchKey(person('José\nÁlvarez', 'JoseA', '+34 911'))).toBe('jose alvarez\u0000josea\u000034911');
    expect(searchKey(person('Ada', null, null))).toBe('ada\u0000\u0000');
  });

  it('item 8: fold lower-cases and drops accents, leaving other scripts readable', () => {
    expect(fold('Zófia ĆWIK')).toBe('zofia cwik');
    expect(fold('Øyvind Straße')).toBe('oyvind strasse');
    expect(fold('İSTANBUL')).toBe('istanbul');
    expect(fold('Ярослав')).toBe('ярослав');
    expect(fold('محمد')).toBe('محمد');
  });

  it('item 8: normaliseQuery trims, folds, drops a leading @ and reads a phone number as digits', () => {
    expect(normaliseQuery('  @Zófia_K ')).toBe('zofia_k');
    expect(normaliseQuery('+44 20 7946-0000')).toBe('442079460000');
    expect(normaliseQuery('(0) 123')).toBe('0123');
    expect(normaliseQuery('agent 007')).toBe('agent 007');
    expect(normaliseQuery('+')).toBe('+');
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});
