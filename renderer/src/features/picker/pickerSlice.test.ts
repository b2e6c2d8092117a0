// The picker's slice against the real core: the store's bridge goes through the contract's
// dispatcher to a core signed in to the embedded sandbox (real GramJS over loopback MTProto).
// Expected values are worked out here from the core's own replies, person by person.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallSummary, Person } from '../../../../shared/domain/people';
import { createBridge } from '../../../../shared/ipc/bridge';
import type { EventChannel } from '../../../../shared/ipc/channels';
// eslint-disable-next-line no-restricted-imports -- a test only: the real core stands behind the bridge
import { startTestCore, type TestCore } from '../../../../electron/core/testSupport/host';
// eslint-disable-next-line no-restricted-imports -- a test only: the people as the core streams them
import { allPeople } from '../../../../electron/core/testSupport/people';
import type { useStore as UseStore } from '../../store';
import { Selection } from './selection';

let t: TestCore;
let store: typeof UseStore;
let call: CallSummary;
let members: Person[];
let contacts: Person[];
/** Who the plan leaves out of the call (already in it, invited before). */
const planSkips = new Set<string>();
const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();

const state = () => store.getState();
const invitable = (p: Person) => p.kind === 'user' && !planSkips.has(p.id);
const ids = (people: readonly Person[]) => people.map((p) => p.id);
const shownIds = () => {
  const { visible, lists, source } = state();
  const people = lists[source].people;
  return visible ? [...visible].map((row) => people[row].id) : ids(people);
};
const isSelected = (id: string) => state().selectedIds().includes(id);
const contains = (p: Person, q: string) => p.name.toLowerCase().includes(q) || (p.username ?? '').includes(q);

async function settled() {
  await vi.waitFor(() => {
    const s = state();
    expect(s.lists[s.source].status).not.toBe('loading');
    expect(s.planPending).toBe(false);
  }, { timeout: 20_000 });
}

beforeAll(async () => {
  t = await startTestCore({ onEvent: (event, payload) => listeners.get(event)?.forEach((listen) => listen(payload)) });
  await t.ok('authExploreSandbox', {});
  call = (await t.ok('callsList', {})).calls.find((c) => c.chat.title === 'Rust Meetup Berlin')!;
  members = await allPeople(t, { source: 'members', callId: call.id });
  contacts = await allPeople(t, { source: 'contacts' });
  const everyone = [...new Set([...ids(members), ...ids(contacts)])];
  for (const outcome of (await t.ok('invitePlan', { callId: call.id, personIds: everyone })).people) {
    if (outcome.status === 'skipped') planSkips.add(outcome.personId);
  }
  // The renderer's bridge, as the preload would give it. GramJS is loaded by now, so a `window`
  // from here on doesn't make it think it runs in a browser.
  const bridge = createBridge({
    invoke: (channel, request) => t.dispatch(channel, request),
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set.add(listener));
      return () => set.delete(listener);
    },
  });
  vi.stubGlobal('window', Object.assign(globalThis, { rollcall: bridge }));
  ({ useStore: store } = await import('../../store'));
}, 60_000);

afterAll(async () => {
  vi.unstubAllGlobals();
  await t?.close();
});

beforeEach(async () => {
  state().startPicker(call);
  await settled();
});

describe('pickerSlice', () => {
  it('item 8: startPicker loads the call’s members page by page, with every reason the plan gives', () => {
    const s = state();
    expect(s.pickerCallId).toBe(call.id);
    expect(s.source).toBe('members');
    expect(ids(s.lists.members.people)).toEqual(ids(members));
    expect(s.lists.members.total).toBe(members.length);
    expect(s.lists.members.status).toBe('ready');
    expect(s.visible).toBeNull();
    expect(s.selectedCount).toBe(0);
    expect(planSkips.size).toBeGreaterThan(0);
    for (const p of members) expect(s.skips.has(p.id)).toBe(planSkips.has(p.id));
  });

  it('item 8: setSource loads a source the first time and keeps each list; the filter follows the source', async () => {
    state().setQuery('a');
    state().setSource('contacts');
    await settled();
    expect(ids(state().lists.contacts.people)).toEqual(ids(contacts));
    expect(shownIds()).toEqual(ids(contacts.filter((p) => contains(p, 'a'))));
    state().setSource('members');
    expect(state().lists.members.people.length).toBe(members.length);
    expect(shownIds()).toEqual(ids(members.filter((p) => contains(p, 'a'))));
  });

  it('item 8: loadSource fetches a source again (Try again), replacing its list', async () => {
    const before = state().lists.members.version;
    await state().loadSource('members');
    await settled(); // the reply starts the stream; its pages follow as events
    expect(state().lists.members.version).toBeGreaterThan(before);
    expect(ids(state().lists.members.people)).toEqual(ids(members));
  });

  it('item 8: setQuery filters as it grows and shrinks, and an empty query shows everyone', () => {
    for (const typed of ['b', 'be', 'ber', 'berg', 'ber', 'b', 'x', '']) {
      state().setQuery(typed);
      expect(state().query).toBe(typed);
      const want = typed ? ids(members.filter((p) => contains(p, typed))) : ids(members);
      expect(shownIds()).toEqual(want);
    }
    expect(state().visible).toBeNull();
  });

  it('item 8: toggle selects and deselects; people who can’t be invited can’t be selected', () => {
    const [a, b] = members.filter(invitable);
    state().toggle(a.id);
    state().toggle(b.id);
    expect(state().selectedCount).toBe(2);
    expect(isSelected(a.id)).toBe(true);
    expect(state().selectedIds()).toEqual([a.id, b.id]);
    state().toggle(a.id);
    expect(isSelected(a.id)).toBe(false);
    expect(state().selectedIds()).toEqual([b.id]);

    const version = state().selectionVersion;
    for (const p of members.filter((m) => !invitable(m))) state().toggle(p.id);
    state().toggle('123456789'); // nobody the picker has seen
    expect(state().selectedIds()).toEqual([b.id]);
    expect(state().selectionVersion).toBe(version);
  });

  it('item 8: deselect removes one person and ignores someone not selected', () => {
    const [a, b] = members.filter(invitable);
    state().toggle(a.id);
    state().toggle(b.id);
    state().deselect(a.id);
    state().deselect(a.id);
    expect(state().selectedIds()).toEqual([b.id]);
    expect(state().selectedCount).toBe(1);
  });

  it('item 8: selectAllVisible takes only the invitable people shown, and adds to what was selected', () => {
    const first = contacts.find(invitable)!; // from another source: the selection spans them
    state().setSource('contacts');
    return settled().then(() => {
      state().toggle(first.id);
      state().setSource('members');
      state().setQuery('berg');
      state().selectAllVisible();
      const bergs = members.filter((p) => contains(p, 'berg') && invitable(p));
      expect(bergs.length).toBeGreaterThan(0);
      expect(state().selectedIds()).toEqual([first.id, ...ids(bergs).filter((id) => id !== first.id)]);

      state().setQuery('');
      state().selectAllVisible();
      const everyone = new Set([first.id, ...ids(members.filter(invitable))]);
      expect(state().selectedCount).toBe(everyone.size);
      expect(new Set(state().selectedIds())).toEqual(everyone);
    });
  });

  it('item 8: clearSelection selects nobody', () => {
    state().selectAllVisible();
    expect(state().selectedCount).toBeGreaterThan(0);
    state().clearSelection();
    expect(state().selectedCount).toBe(0);
    expect(state().selectedIds()).toEqual([]);
    expect(members.some((p) => isSelected(p.id))).toBe(false);
  });

  it('item 8: selectedIds gives the first few in the order selected', () => {
    const some = members.filter(invitable).slice(0, 5);
    for (const p of [...some].reverse()) state().toggle(p.id);
    expect(state().selectedIds(2)).toEqual([some[4].id, some[3].id]);
    expect(state().selectedIds()).toHaveLength(5);
  });

  it('item 8: skipReasonOf gives the plan’s reason or the kind’s, and null for anyone invitable', () => {
    for (const p of members) {
      const reason = state().skipReasonOf(p);
      if (p.kind !== 'user') expect(reason).toBe(p.kind);
      else if (planSkips.has(p.id)) expect(['inCall', 'invitedBefore']).toContain(reason);
      else expect(reason).toBeNull();
    }
  });

  it('item 8: personById finds anyone from any source the picker has shown', async () => {
    state().setSource('contacts');
    await settled();
    for (const p of [members[0], contacts[contacts.length - 1]]) expect(state().personById(p.id)).toEqual(p);
    expect(state().personById('123456789')).toBeUndefined();
  });

  it('item 8: search and setSearchText: Telegram’s search fills its own list; an empty search empties it', async () => {
    state().setSearchText('radia');
    expect(state().searchText).toBe('radia');
    state().setSource('search');
    await state().search('@radia_stone');
    expect(state().lists.search.people.map((p) => p.username)).toContain('radia_stone');
    await state().search('  ');
    expect(state().lists.search.people).toEqual([]);
    expect(state().lists.search.status).toBe('idle');
  });

  it('item 8: setPasteText and resolvePasted: the people found are listed and selected', async () => {
    state().setPasteText('@radia_stone\nnobody_has_this_name\n@sophie_wilde');
    expect(state().pasteText).toContain('@radia_stone');
    await state().resolvePasted();
    expect(state().pastePending).toBe(false);
    expect(state().pasteLines).toHaveLength(3);
    const found = state().lists.pasted.people;
    expect(found.map((p) => p.username)).toEqual(['radia_stone', 'sophie_wilde']);
    expect(state().selectedIds()).toEqual(ids(found));
  });

  it('item 8: setPasteProgress is kept only while a pasted list is being resolved', async () => {
    const progress = { done: 1, total: 2, waitSeconds: null, waitUntil: null };
    state().setPasteProgress(progress);
    expect(state().pasteProgress).toBeNull();
    state().setPasteText('@radia_stone\n@sophie_wilde');
    const resolving = state().resolvePasted(); // pending from its first step
    state().setPasteProgress(progress);
    expect(state().pasteProgress).toEqual(progress);
    await resolving;
    expect(state().pasteProgress).toBeNull();
  });

  it('item 8: replan asks again and keeps every reason', async () => {
    const before = new Map(state().skips);
    state().replan();
    await settled();
    expect(new Map(state().skips)).toEqual(before);
  });

  it('item 8: resetPicker forgets the call, its lists and the selection', () => {
    state().selectAllVisible();
    state().resetPicker();
    const s = state();
    expect(s.pickerCallId).toBeNull();
    expect(s.lists.members.people).toEqual([]);
    expect(s.selectedCount).toBe(0);
    expect(s.personById(members[0].id)).toBeUndefined();
  });
});

describe('Selection', () => {
  it('item 8: add, has, delete and size; adding twice counts once', () => {
    const selection = new Selection();
    expect(selection.add(3)).toBe(true);
    expect(selection.add(3)).toBe(false);
    expect(selection.add(5000)).toBe(true); // grows past its first size
    expect(selection.has(3) && selection.has(5000) && !selection.has(4)).toBe(true);
    expect(selection.size).toBe(2);
    expect(selection.delete(3)).toBe(true);
    expect(selection.delete(3)).toBe(false);
    expect(selection.size).toBe(1);
  });

  it('item 8: slots keeps the order of selecting, across deselecting, reselecting and compaction', () => {
    const selection = new Selection();
    selection.reserve(1000);
    for (let slot = 0; slot < 300; slot++) selection.add(slot);
    for (let slot = 0; slot < 290; slot++) selection.delete(slot); // compacts on the way
    selection.add(5);
    expect(selection.slots()).toEqual([290, 291, 292, 293, 294, 295, 296, 297, 298, 299, 5]);
    expect(selection.slots(2)).toEqual([290, 291]);
    selection.clear();
    expect(selection.size).toBe(0);
    expect(selection.slots()).toEqual([]);
  });
});
