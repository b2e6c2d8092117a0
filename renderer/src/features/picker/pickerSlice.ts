// The people picker: five sources (contacts, the call's chat members, a Telegram search, a
// pasted list, a saved audience), one instant filter, one selection that spans the sources, and the engine's plan
// saying who can't or needn't be invited and why.
import type { StateCreator } from 'zustand';
import type { InvitePlan, SkipReason } from '../../../../shared/domain/invite';
import type { CallSummary, Person } from '../../../../shared/domain/people';
import type { ResolvedLine, ResolveProgress } from '../../../../shared/ipc/contract';
import type { IpcError } from '../../../../shared/ipc/result';
import { bridge } from '../../bridge';
import { kindSkipReason } from '../../lib/labels';
import type { Store } from '../../store';
import { EMPTY_INDEX, extendIndex, filterIndices, indexPeople, normaliseQuery, warmSingles, type SearchIndex } from './peopleIndex';

export type Source = 'members' | 'contacts' | 'search' | 'pasted' | 'audience';
export const SOURCES: readonly Source[] = ['members', 'contacts', 'search', 'pasted', 'audience'];

export interface SourceList {
  status: 'idle' | 'loading' | 'ready' | 'error';
  people: Person[];
  /** The people's search keys, row for row. */
  index: SearchIndex;
  /** How many there are in all, when the source says (members are paged). */
  total: number | null;
  error: IpcError | null;
  /** Bumped whenever `people` changes, so a cached filter knows it is stale. */
  version: number;
}

const emptyList = (): SourceList => ({ status: 'idle', people: [], index: EMPTY_INDEX, total: null, error: null, version: 0 });

const MEMBERS_PAGE = 1000;
const PLAN_CHUNK = 5000;

export interface PickerSlice {
  pickerCallId: string | null;
  source: Source;
  lists: Record<Source, SourceList>;
  /** The filter as typed. */
  query: string;
  /** Indices into the current source's people that match the filter; null: everyone. */
  visible: Int32Array | null;
  /** Ids in the order they were selected. */
  selected: ReadonlySet<string>;
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
  /** The audience source's list: loading, its people as found for this call, or why not. */
  showAudience(shown: { status: 'loading' } | { status: 'ready'; people: Person[] } | { status: 'error'; error: IpcError }): void;
  /** Asks the plan again for everyone shown so far (after a run, people may be invited now). */
  replan(): void;
  /** Why this person can't be selected, or null. */
  skipReasonOf(person: Person): SkipReason | null;
  personById(id: string): Person | undefined;
}

export const createPickerSlice: StateCreator<Store, [], [], PickerSlice> = (set, get) => {
  // Not state: bookkeeping that no component renders.
  const known = new Map<string, Person>();
  let planned = new Set<string>();
  let planQueue: string[] = [];
  let planning = false;
  let generation = 0;
  let planGeneration = 0;
  let searchSeq = 0;
  let filterCache: { source: Source; version: number; query: string; result: Int32Array | null } | null = null;

  const remember = (people: readonly Person[]) => {
    for (const p of people) known.set(p.id, p);
  };

  /** Re-filters the current source (incrementally when the query only grew). */
  function computeVisible(source: Source, query: string): Int32Array | null {
    const list = get().lists[source];
    const q = normaliseQuery(query);
    const reuse =
      filterCache && filterCache.source === source && filterCache.version === list.version && q.includes(filterCache.query)
        ? filterCache
        : null;
    const result = reuse && reuse.query === q ? reuse.result : filterIndices(list.index, q, reuse?.result ?? null);
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

  function appendPeople(source: Source, people: Person[], patch: Partial<SourceList> = {}) {
    remember(people);
    const list = get().lists[source];
    updateList(source, {
      people: list.people.length ? list.people.concat(people) : people,
      index: list.people.length ? extendIndex(list.index, people) : indexPeople(people),
      version: list.version + 1,
      ...patch,
    });
    plan(people.map((p) => p.id));
  }

  function replaceList(source: Source, people: Person[], patch: Partial<SourceList> = {}) {
    remember(people);
    updateList(source, { people, index: indexPeople(people), version: get().lists[source].version + 1, ...patch });
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
        if (found.length > 0) {
          const skips = new Map(get().skips);
          for (const [id, reason] of found) skips.set(id, reason);
          patch.skips = skips;
          const selected = get().selected;
          if (found.some(([id]) => selected.has(id))) {
            const next = new Set(selected);
            for (const [id] of found) next.delete(id);
            patch.selected = next;
          }
        }
        set(patch);
      }
    } finally {
      if (gen === planGeneration) {
        planning = false;
        set({ planPending: false });
      }
    }
  }

  async function loadMembers(callId: string, gen: number) {
    let offset: string | null = null;
    updateList('members', { status: 'loading', error: null });
    do {
      const result = await bridge.peopleMembers({ callId, offset, limit: MEMBERS_PAGE });
      if (gen !== generation) return;
      if (!result.ok) {
        updateList('members', { status: 'error', error: result.error });
        return;
      }
      const page = result.value;
      offset = page.nextOffset;
      appendPeople('members', page.people, { total: page.total, status: offset ? 'loading' : 'ready' });
    } while (offset);
  }

  async function loadContacts(gen: number) {
    updateList('contacts', { status: 'loading', error: null });
    const result = await bridge.peopleContacts({});
    performance.mark('rollcall:contacts-received');
    if (gen !== generation) return;
    if (!result.ok) {
      updateList('contacts', { status: 'error', error: result.error });
      return;
    }
    replaceList('contacts', result.value.people, { status: 'ready', total: result.value.people.length });
  }

  const initial = {
    pickerCallId: null,
    source: 'members' as Source,
    lists: { members: emptyList(), contacts: emptyList(), search: emptyList(), pasted: emptyList(), audience: emptyList() },
    query: '',
    visible: null,
    selected: new Set<string>(),
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
  };

  return {
    ...initial,
    startPicker: (call) => {
      forgetBookkeeping();
      set({ ...initial, selected: new Set(), skips: new Map(), pickerCallId: call.id });
      void get().loadSource('members');
    },
    resetPicker: () => {
      forgetBookkeeping();
      known.clear();
      set({ ...initial, selected: new Set(), skips: new Map() });
    },
    setSource: (source) => {
      set({ source, visible: computeVisible(source, get().query) });
      if (get().lists[source].status === 'idle') void get().loadSource(source);
    },
    loadSource: async (source) => {
      const callId = get().pickerCallId;
      if (!callId) return;
      const gen = generation;
      if (source === 'members') {
        updateList('members', { people: [], index: EMPTY_INDEX, total: null, version: get().lists.members.version + 1 });
        await loadMembers(callId, gen);
      } else if (source === 'contacts') {
        await loadContacts(gen);
      }
    },
    setQuery: (text) => set({ query: text, visible: computeVisible(get().source, text) }),
    toggle: (id) => {
      const person = known.get(id);
      if (!person || get().skipReasonOf(person)) return;
      const next = new Set(get().selected);
      if (!next.delete(id)) next.add(id);
      set({ selected: next });
    },
    deselect: (id) => {
      if (!get().selected.has(id)) return;
      const next = new Set(get().selected);
      next.delete(id);
      set({ selected: next });
    },
    selectAllVisible: () => {
      const { source, lists, visible, selected, skips } = get();
      const people = lists[source].people;
      const next = new Set(selected);
      const add = (p: Person) => {
        if (!skips.has(p.id) && !kindSkipReason(p.kind)) next.add(p.id);
      };
      if (visible) for (let j = 0; j < visible.length; j++) add(people[visible[j]]);
      else for (let i = 0; i < people.length; i++) add(people[i]);
      if (next.size !== selected.size) set({ selected: next });
    },
    clearSelection: () => set({ selected: new Set() }),
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
      if (!result.ok) updateList('search', { status: 'error', error: result.error, people: [], index: EMPTY_INDEX, version: get().lists.search.version + 1 });
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
      const next = new Set(get().selected);
      for (const p of people) if (!get().skipReasonOf(p)) next.add(p.id);
      set({ selected: next });
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
    personById: (id) => known.get(id),
  };
};
