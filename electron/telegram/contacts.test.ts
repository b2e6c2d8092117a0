// Issue 11, item 3: the account's contacts, one contacts.getContacts reply read by the real GramJS
// client over TCP from the sandbox, handed on in chunks as each is kept in the peer cache, and
// kept all the same when nobody wants the rest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../shared/domain/people';
import { IDS, openSandboxSession, type SandboxSession } from '../core/invite/testSupport/sandboxSession';
import { CONTACTS_CHUNK, streamContacts } from './directory';

const CONTACTS = CONTACTS_CHUNK * 2 + 123;

let s: SandboxSession;
/** Every contact of the organiser, in the order the sandbox writes them into its reply. */
let contactIds: string[];
beforeAll(async () => {
  s = await openSandboxSession({ size: { contacts: CONTACTS } });
  const { world } = s.sandbox;
  contactIds = world.model.contactIds(IDS.ada).filter((id) => world.model.user(id) !== undefined).map(String);
});
afterAll(async () => s?.close());

describe('item 3: the contacts, handed on chunk by chunk', () => {
  it('item 3: every contact once, in chunks of CONTACTS_CHUNK, each kept (addressable) by the time its chunk is handed on', async () => {
    s.link.cache.clear();
    const chunks: Person[][] = [];
    const totals: (number | null)[] = [];
    await streamContacts({
      link: s.link,
      onPage: ({ people, total }) => {
        // Kept before being handed on: an invite to someone on screen must be able to address them.
        for (const person of people) expect(s.link.cache.canAddress(person.id), person.id).toBe(true);
        chunks.push(people);
        totals.push(total);
      },
    });
    expect(contactIds.length).toBeGreaterThanOrEqual(CONTACTS);
    expect(chunks.map((c) => c.length)).toEqual([CONTACTS_CHUNK, CONTACTS_CHUNK, contactIds.length - 2 * CONTACTS_CHUNK]);
    expect(totals.every((total) => total === contactIds.length)).toBe(true);
    expect(chunks.flat().map((p) => p.id)).toEqual(contactIds);
    // The people handed on are the ones the cache keeps, not copies of them.
    expect(chunks[0]![0]).toBe(s.link.cache.person(contactIds[0]!));
  });

  it('item 3: stopped after the first chunk, nothing more is handed on, and the rest are kept all the same (their reply came)', async () => {
    s.link.cache.clear();
    const controller = new AbortController();
    const chunks: Person[][] = [];
    await streamContacts({
      link: s.link,
      signal: controller.signal,
      onPage: ({ people }) => {
        chunks.push(people);
        controller.abort();
      },
    });
    expect(chunks).toHaveLength(1);
    expect(contactIds.every((id) => s.link.cache.canAddress(id))).toBe(true);
  });
});
