// The people picker: five sources (contacts, the call's chat members, a Telegram search, a
// pasted list, a saved audience), one instant filter, one selection that spans the sources, and the engine's plan
// saying who can't or needn't be invited and why.
import type { StateCreator } from 'zustand';
import type { InvitePlan, SkipReason } from '../../../../shared/domain/invite';
import type { CallSummary, Person } from '../../../../shared/domain/people';
import type { PeopleStreamPage, PeopleStreamSource, ResolvedLine, ResolveProgress } from '../../../../shared/ipc/contract';
import type { IpcError } from '../../../../shared/ipc/result';
import { bridge } from '../../bridge';
import { kindSkipReason } from '../../lib/labels';
import type { Store } from '../../store';
import { EMPTY_INDEX, extendIndex, filterIndices, indexPeople, normaliseQuery, warmSingles, type SearchIndex } from './peopleIndex';
import { Selection } from './selection';

export type Source = 'members' | 'contacts' | 'search' | 'pasted' | 'audience';
export const SOURCES: readonly Source[] = ['members', 'contacts', 'search', 'pasted', 'audience'];

export interface SourceList {
  status: 'idle' | 'loading' | 'ready' | 'error';
  people: Person[];
  /** The people's search keys, row for row. */
  index: SearchIndex;
  /** The people's selection slots, row for row. */
  slots: Int32Array;
  /** How many there are in all, once the source says (members and contacts arrive in pages). */
  total: number | null;
  error: IpcError | null;
  /** Bumped whenever `people` changes, so a cached filter knows it is stale. */
  version: number;
}

const NO_SLOTS = new Int32Array(0);
/** Why a slot can't be selected (bits of `unselectable`). */
const KIND = 1;
const PLANNED_OUT = 2;
const emptyList = (): SourceList => ({ status: 'idle', people: [], index: EMPTY_INDEX, slots: NO_SLOTS, total: null, error: null, version: 0 });

/** Filter results kept per list: enough for a word typed and erased. */
const RECENT_QUERIES = 32;
const PLAN_CHUNK = 5000;

export interface PickerSlice {
  pickerCallId: string | null;
  source: Source;
  lists: Record<Source, SourceList>;
  /** The filter as typed. */
  query: string;
  /** Indices into the current source's people that match the filter; null: everyone. */
  visible: Int32Array | null;
  /** Who is selected, changed in place: read it through the functions below. */
  selection: Selection;
  /** Bumped on every change of `selection`, so subscribers re-read it. */
  selectionVersion: number;
  selectedCount: number;
  /** Why the engine will leave someone out (from invitePlan), by id. */
  skips: ReadonlyMap<string, SkipReason>;
  /** A refusal the plan predicts for the whole call (ended, joined as a channel). */
  callProblem: { code: IpcError['code']; message: string } | null;
  /** The plan's pre-flight findings (broadcast channel, can't send messages, not joined). */
  preflight: InvitePlan['preflight'];
  planError: IpcError | null;
  /** invitePlan requests are still out: some reasons may not be known yet. */
  planPending: boolean;
  searchText: string;
  pasteText: string;
  pasteLines: ResolvedLine[] | null;
  pastePending: boolean;
  pasteError: IpcError | null;
  /** While a pasted list is being resolved: how far, and Telegram's pause if it asked for one. */
  pasteProgress: ResolveProgress | null;

  startPicker(call: CallSummary): void;
  resetPicker(): void;
  setSource(source: Source): void;
  loadSource(source: Source): Promise<void>;
  setQuery(text: string): void;
  toggle(id: string): void;
  deselect(id: string): void;
  selectAllVisible(): void;
  clearSelection(): void;
  search(text: string): Promise<void>;
  setSearchText(text: string): void;
  setPasteText(text: string): void;
  resolvePasted(): Promise<void>;
  setPasteProgress(progress: ResolveProgress): void;
  /** A page of a people stream (peopleStreamPage): grows the list it belongs to, if it is still wanted. */
  onPeoplePage(page: PeopleStreamPage): void;
  /** The audience source's list: loading, its people as found for this call, or why not. */
  showAudience(shown: { status: 'loading' } | { status: 'ready'; people: Person[] } | { status: 'error'; error: IpcError }): void;
  /** Asks the plan again for everyone shown so far (after a run, people may be invited now). */
  replan(): void;
  /** Why this person can't be selected, or null. */
  skipReasonOf(person: Person): SkipReason | null;
  personById(id: string): Person | undefined;
  /** The selected ids in the order they were selected, the first `limit` of them. */
  selectedIds(limit?: number): string[];
  isSelected(id: string): boolean;
}

export const createPickerSlice: StateCreator<Store, [], [], PickerSlice> = (set, get) => {
  // Not state: bookkeeping that no component renders.
  // Every person seen gets a slot for the selection; `unselectable` says, by slot, who can't be
  // selected: KIND (a bot, a deleted account, the account itself) or PLANNED_OUT (the plan
  // leaves them out of this call).
  const slotOf = new Map<string, number>();
  const bySlot: Person[] = [];
  let unselectable = new Uint8Array(1024);
  let planned = new Set<string>();
  let planQueue: string[] = [];
  let planning = false;
  let generation = 0;
  let planGeneration = 0;
  let searchSeq = 0;
  let streamSeq = 0;
  // Stream ids are this page's own: the web preview sends every event to each of its pages.
  const streamPrefix = `picker-${Math.random().toString(36).slice(2, 10)}`;
  /** The stream each streamed source is loading from, while it runs. */
  const streams: Partial<Record<Source, string>> = {};
  let filterCache: { source: Source; version: number; query: string; result: Int32Array | null } | null = null;
  /** Results of the last few queries on the current list: a Backspace goes back to one of them. */
  let recent: { source: Source; version: number; results: Map<string, Int32Array | null> } | null = null;

  /** Gives each person a slot (the one they have, if seen before); returns them row for row. */
  const remember = (people: readonly Person[]): Int32Array => {
    const slots = new Int32Array(people.length);
    for (let i = 0; i < people.length; i++) {
      const p = people[i];
      let slot = slotOf.get(p.id);
      if (slot === undefined) {
        slot = bySlot.length;
        slotOf.set(p.id, slot);
      }
      bySlot[slot] = p;
      slots[i] = slot;
    }
    if (bySlot.length > unselectable.length) unselectable = grow(unselectable, Math.max(bySlot.length, unselectable.length * 2));
    for (let i = 0; i < people.length; i++) {
      const slot = slots[i];
      unselectable[slot] = (unselectable[slot] & PLANNED_OUT) | (kindSkipReason(people[i].kind) ? KIND : 0);
    }
    get().selection.reserve(bySlot.length);
    return slots;
  };

  const slotsOf = (source: Source): Int32Array => get().lists[source].slots;

  /** Publishes an in-place change of the selection. */
  const selectionChanged = (patch: Partial<PickerSlice> = {}) =>
    set({ ...patch, selectionVersion: get().selectionVersion + 1, selectedCount: get().selection.size });

  /** Re-filters the current source (incrementally when the query only grew). */
  function computeVisible(source: Source, query: string): Int32Array | null {
    const list = get().lists[source];
    const q = normaliseQuery(query);
    const reuse =
      filterCache && filterCache.source === source && filterCache.version === list.version && q.includes(filterCache.query)
        ? filterCache
        : null;
    if (!recent || recent.source !== source || recent.version !== list.version) recent = { source, version: list.version, results: new Map() };
    let result = reuse && reuse.query === q ? reuse.result : recent.results.get(q);
    if (result === undefined) {
      result = filterIndices(list.index, q, reuse?.result ?? null);
      if (recent.results.size >= RECENT_QUERIES) recent.results.delete(recent.results.keys().next().value as string);
      recent.results.set(q, result);
    }
    filterCache = { source, version: list.version, query: q, result };
    return result;
  }

  const stopWarming: Partial<Record<Source, () => void>> = {};

  function updateList(source: Source, patch: Partial<SourceList>) {
    const lists = { ...get().lists, [source]: { ...get().lists[source], ...patch } };
    set({ lists });
    if (patch.index || patch.status === 'ready') {
      stopWarming[source]?.();
      const list = lists[source];
      if (list.status === 'ready') stopWarming[source] = warmSingles(list.index);
    }
    if (get().source === source) set({ visible: computeVisible(source, get().query) });
  }

  /** `planNow` false: the caller plans them later (the whole list at once). */
  function appendPeople(source: Source, people: Person[], patch: Partial<SourceList> = {}, planNow = true) {
    const slots = remember(people);
    const list = get().lists[source];
    updateList(source, {
      people: list.people.length ? list.people.concat(people) : people,
      index: list.people.length ? extendIndex(list.index, people) : indexPeople(people),
      slots: list.people.length ? concatSlots(list.slots, slots) : slots,
      version: list.version + 1,
      ...patch,
    });
    if (planNow) plan(people.map((p) => p.id));
  }

  function replaceList(source: Source, people: Person[], patch: Partial<SourceList> = {}) {
    const slots = remember(people);
    updateList(source, { people, index: indexPeople(people), slots, version: get().lists[source].version + 1, ...patch });
    plan(people.map((p) => p.id));
  }

  /** Queues ids for invitePlan; one request at a time, PLAN_CHUNK ids each. */
  function plan(ids: readonly string[]) {
    for (const id of ids) {
      if (planned.has(id)) continue;
      planned.add(id);
      planQueue.push(id);
    }
    if (!planning) void drainPlanQueue();
  }

  async function drainPlanQueue() {
    const callId = get().pickerCallId;
    const gen = planGeneration;
    if (!callId) return;
    planning = true;
    set({ planPending: true });
    try {
      while (planQueue.length > 0 && gen === planGeneration) {
        const chunk = planQueue.slice(0, PLAN_CHUNK);
        planQueue = planQueue.slice(PLAN_CHUNK);
        const result = await bridge.invitePlan({ callId, personIds: chunk });
        if (gen !== planGeneration) return;
        if (!result.ok) {
          set({ planError: result.error });
          continue;
        }
        const found: [string, SkipReason][] = [];
        for (const outcome of result.value.people) {
          if (outcome.status === 'skipped' && outcome.skipReason) found.push([outcome.personId, outcome.skipReason]);
        }
        const patch: Partial<PickerSlice> = { planError: null, callProblem: result.value.callProblem, preflight: result.value.preflight };
        let deselected = false;
        if (found.length > 0) {
          const skips = new Map(get().skips);
          const selection = get().selection;
          for (const [id, reason] of found) {
            skips.set(id, reason);
            const slot = slotOf.get(id);
            if (slot === undefined) continue;
            unselectable[slot] |= PLANNED_OUT;
            if (selection.delete(slot)) deselected = true;
          }
          patch.skips = skips;
        }
        if (deselected) selectionChanged(patch);
        else set(patch);
      }
    } finally {
      if (gen === planGeneration) {
        planning = false;
        set({ planPending: false });
      }
    }
  }

  /** Nobody needs this source's pages any more: the core stops asking Telegram for them. */
  function stopStream(source: Source) {
    const streamId = streams[source];
    if (!streamId) return;
    delete streams[source];
    void bridge.peopleStreamStop({ streamId });
  }

  const stopStreams = () => SOURCES.forEach(stopStream);

  /** Starts loading a source afresh: its pages arrive as peopleStreamPage events (onPeoplePage). */
  async function startStream(source: Source, from: PeopleStreamSource) {
    stopStream(source);
    const streamId = `${streamPrefix}-${++streamSeq}`;
    streams[source] = streamId;
    updateList(source, { status: 'loading', error: null, people: [], index: EMPTY_INDEX, slots: NO_SLOTS, total: null, version: get().lists[source].version + 1 });
    const result = await bridge.peopleStreamStart({ streamId, from });
    if (!result.ok && streams[source] === streamId) {
      delete streams[source];
      updateList(source, { status: 'error', error: result.error });
    }
  }

  const initial = {
    pickerCallId: null,
    source: 'members' as Source,
    lists: { members: emptyList(), contacts: emptyList(), search: emptyList(), pasted: emptyList(), audience: emptyList() },
    query: '',
    visible: null,
    selection: new Selection(),
    selectionVersion: 0,
    selectedCount: 0,
    skips: new Map<string, SkipReason>(),
    callProblem: null,
    preflight: [],
    planError: null,
    planPending: false,
    searchText: '',
    pasteText: '',
    pasteLines: null,
    pastePending: false,
    pasteError: null,
    pasteProgress: null,
  };

  /** Drops what the previous call's lists and plans left behind; answers still on the way are ignored. */
  const forgetBookkeeping = () => {
    generation += 1;
    planGeneration += 1;
    planned = new Set();
    planQueue = [];
    planning = false;
    filterCache = null;
    recent = null;
    for (let slot = 0; slot < unselectable.length; slot++) unselectable[slot] &= KIND;
  };

  return {
    ...initial,
    startPicker: (call) => {
      stopStreams();
      forgetBookkeeping();
      set({ ...initial, selection: new Selection(), skips: new Map(), pickerCallId: call.id });
      get().selection.reserve(bySlot.length);
      void get().loadSource('members');
    },
    resetPicker: () => {
      stopStreams();
      forgetBookkeeping();
      slotOf.clear();
      bySlot.length = 0;
      set({ ...initial, selection: new Selection(), skips: new Map() });
    },
    setSource: (source) => {
      // Members half loaded: stop asking for more pages; coming back loads them afresh. (Contacts
      // come in one reply: once asked, stopping would only throw it away.)
      if (source !== 'members' && streams.members) {
        stopStream('members');
        updateList('members', { status: 'idle' });
      }
      set({ source, visible: computeVisible(source, get().query) });
      if (get().lists[source].status === 'idle') void get().loadSource(source);
    },
    loadSource: async (source) => {
      const callId = get().pickerCallId;
      if (!callId) return;
      if (source === 'members') await startStream('members', { source: 'members', callId });
      else if (source === 'contacts') {
        performance.mark('rollcall:contacts-asked');
        await startStream('contacts', { source: 'contacts' });
      }
    },
    onPeoplePage: (page) => {
      const source = SOURCES.find((s) => streams[s] === page.streamId);
      if (!source) return;
      if (page.done) delete streams[source];
      const status = page.error ? 'error' : page.done ? 'ready' : 'loading';
      const patch: Partial<SourceList> = { status, error: page.error, total: page.total };
      // Contacts are planned once all are in: asked ahead, nobody looks at them while they load,
      // and planning chunk by chunk would compete with building the rest.
      const planLater = source === 'contacts';
      if (page.people.length > 0) appendPeople(source, page.people, patch, !planLater);
      else updateList(source, patch);
      if (planLater && page.done && !page.error) plan(get().lists.contacts.people.map((p) => p.id));
      // For the bench: every contact received, built and indexed.
      if (source === 'contacts' && status === 'ready') performance.mark('rollcall:contacts-ready');
      // Contacts are asked for ahead, once the members are in, as Telegram's own clients load them
      // at start: their one big reply takes GramJS seconds to read, far more than the moment
      // between opening the picker and clicking Contacts, and the request is the same one a click
      // would send. After the members, so it never holds up their pages.
      if (source === 'members' && page.done && !page.error && get().lists.contacts.status === 'idle') void get().loadSource('contacts');
    },
    setQuery: (text) => set({ query: text, visible: computeVisible(get().source, text) }),
    toggle: (id) => {
      const slot = slotOf.get(id);
      if (slot === undefined) return;
      const selection = get().selection;
      if (selection.delete(slot) || (unselectable[slot] === 0 && selection.add(slot))) selectionChanged();
    },
    deselect: (id) => {
      const slot = slotOf.get(id);
      if (slot !== undefined && get().selection.delete(slot)) selectionChanged();
    },
    selectAllVisible: () => {
      const { source, visible, selection } = get();
      const before = selection.size;
      selection.addAll(slotsOf(source), visible, unselectable);
      if (selection.size !== before) selectionChanged();
    },
    clearSelection: () => {
      if (get().selection.size === 0) return;
      get().selection.clear();
      selectionChanged();
    },
    setSearchText: (text) => set({ searchText: text }),
    search: async (text) => {
      const query = text.trim().replace(/^@/, '').slice(0, 64);
      const seq = ++searchSeq;
      if (!query) {
        replaceList('search', [], { status: 'idle', error: null, total: null });
        return;
      }
      updateList('search', { status: 'loading', error: null });
      const result = await bridge.peopleSearch({ query });
      if (seq !== searchSeq) return;
      if (!result.ok) updateList('search', { status: 'error', error: result.error, people: [], index: EMPTY_INDEX, slots: NO_SLOTS, version: get().lists.search.version + 1 });
      else replaceList('search', result.value.people, { status: 'ready', total: result.value.people.length });
    },
    setPasteText: (text) => set({ pasteText: text }),
    resolvePasted: async () => {
      const text = get().pasteText;
      if (!text.trim()) return;
      const gen = generation;
      set({ pastePending: true, pasteError: null, pasteProgress: null });
      updateList('pasted', { status: 'loading', error: null });
      const result = await bridge.peopleResolveList({ text, region: get().phoneRegion });
      if (gen !== generation) return;
      set({ pasteProgress: null });
      if (!result.ok) {
        set({ pastePending: false, pasteError: result.error });
        updateList('pasted', { status: 'error', error: result.error });
        return;
      }
      const lines = result.value.lines;
      const seen = new Set<string>();
      const people: Person[] = [];
      for (const line of lines) {
        if (line.person && !seen.has(line.person.id)) {
          seen.add(line.person.id);
          people.push(line.person);
        }
      }
      set({ pastePending: false, pasteLines: lines });
      replaceList('pasted', people, { status: 'ready', total: people.length });
      // Pasting a list means "these people": select the ones who can be invited.
      get().selection.addAll(slotsOf('pasted'), null, unselectable);
      selectionChanged();
    },
    setPasteProgress: (progress) => {
      if (get().pastePending) set({ pasteProgress: progress });
    },
    showAudience: (shown) => {
      if (shown.status === 'ready') replaceList('audience', shown.people, { status: 'ready', total: shown.people.length, error: null });
      else if (shown.status === 'error') updateList('audience', { status: 'error', error: shown.error });
      else updateList('audience', { status: 'loading', error: null });
    },
    replan: () => {
      const ids = [...planned];
      planned = new Set();
      planQueue = [];
      planGeneration += 1;
      planning = false;
      // Reasons only accumulate here: someone invited since is now left out; the rare person who
      // left the call stays disabled until the call is chosen again.
      plan(ids);
    },
    skipReasonOf: (person) => get().skips.get(person.id) ?? kindSkipReason(person.kind),
    personById: (id) => {
      const slot = slotOf.get(id);
      return slot === undefined ? undefined : bySlot[slot];
    },
    selectedIds: (limit) => get().selection.slots(limit).map((slot) => bySlot[slot].id),
    isSelected: (id) => {
      const slot = slotOf.get(id);
      return slot !== undefined && get().selection.has(slot);
    },
  };
};

function grow(bytes: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  out.set(bytes);
  return out;
}

function concatSlots(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
