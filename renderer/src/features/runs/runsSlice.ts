// Invite runs: starting one, following its progress events, what to do afterwards (retry, add
// non-members to the group, invite links, CSV), and the history of past runs.
import type { StateCreator } from 'zustand';
import type { PersonOutcome, RunHeader, RunSnapshot } from '../../../../shared/domain/invite';
import type { InviteProgress } from '../../../../shared/ipc/contract';
import type { UiLocale } from '../../../../shared/i18n/locales';
import type { IpcError, Result } from '../../../../shared/ipc/result';
import { bridge } from '../../bridge';
import { saveCsv } from '../../lib/saveCsv';
import type { Store } from '../../store';

export interface ShownRun {
  header: RunHeader;
  people: PersonOutcome[];
  /** personId → index in `people`. */
  index: Map<string, number>;
}

export type RunAction = 'plan' | 'start' | 'cancel' | 'retry' | 'addToGroup' | 'csv' | 'open' | 'resume' | 'end' | 'wait' | 'stop';
export type LinkRole = 'listener' | 'speaker';

export interface RunsSlice {
  run: ShownRun | null;
  runPending: RunAction | null;
  runError: IpcError | null;
  /** The plan's call-level refusal that kept a run from starting. */
  inviteBlocked: { code: IpcError['code']; message: string } | null;
  /** Exported invite links by `${callId}:${role}`. */
  links: Record<string, string>;
  linkPending: LinkRole | null;
  inviteLinkError: IpcError | null;
  csvSaved: string | null;
  history: RunHeader[] | null;
  historyError: IpcError | null;
  historyLoading: boolean;
  /**
   * Runs a crash or quit interrupted, of the signed-in account. They send nothing until the
   * organiser resumes them (or ends them without sending).
   */
  interrupted: RunHeader[];
  interruptedError: IpcError | null;
  /** The interrupted run being resumed or ended. */
  interruptedPending: string | null;

  invite(callId: string, personIds: string[]): Promise<void>;
  cancelRun(): Promise<void>;
  /** Answers the run's question about a long pause: wait it out, or stop now. */
  answerFlood(answer: 'wait' | 'stop'): Promise<void>;
  retryRun(): Promise<void>;
  addToGroup(personIds: string[]): Promise<void>;
  exportLink(callId: string, role: LinkRole): Promise<string | null>;
  /** The CSV's reasons in the window's language. */
  exportCsv(language: UiLocale): Promise<void>;
  loadHistory(): Promise<void>;
  openRun(runId: string): Promise<void>;
  loadInterrupted(): Promise<void>;
  resumeRun(runId: string): Promise<void>;
  endInterrupted(runId: string): Promise<void>;
  applyProgress(progress: InviteProgress): void;
  resetRuns(): void;
}

const isFinal = (state: RunHeader['state']) => state === 'done' || state === 'stopped' || state === 'cancelled';

function toShown(snapshot: RunSnapshot): ShownRun {
  return { header: snapshot.run, people: snapshot.people, index: new Map(snapshot.people.map((p, i) => [p.personId, i])) };
}

/** A later header wins; equal progress keeps the one with more news (a final state, more batches). */
function newerHeader(a: RunHeader, b: RunHeader): RunHeader {
  if (a.finishedAt !== null && b.finishedAt === null) return a;
  if (b.finishedAt !== null && a.finishedAt === null) return b;
  return b.batches.done >= a.batches.done ? b : a;
}

function merge(run: ShownRun, progress: InviteProgress): ShownRun {
  let people = run.people;
  let index = run.index;
  for (const outcome of progress.changed) {
    const at = index.get(outcome.personId);
    if (at === undefined) {
      if (people === run.people) people = people.slice();
      if (index === run.index) index = new Map(index);
      index.set(outcome.personId, people.length);
      people.push(outcome);
    } else if (outcome.updatedAt >= people[at].updatedAt) {
      if (people === run.people) people = people.slice();
      people[at] = outcome;
    }
  }
  return { header: newerHeader(run.header, progress.run), people, index };
}

export const createRunsSlice: StateCreator<Store, [], [], RunsSlice> = (set, get) => {
  /** Progress for runs whose snapshot hasn't arrived yet (events can overtake the reply). */
  let early: InviteProgress[] = [];

  function show(snapshot: RunSnapshot) {
    let run = toShown(snapshot);
    for (const progress of early) if (progress.run.id === run.header.id) run = merge(run, progress);
    early = [];
    set({ run, view: 'run', inviteLinkError: null, csvSaved: null });
    upsertHistory(run.header);
  }

  function upsertHistory(header: RunHeader) {
    const history = get().history;
    if (!history) return;
    const at = history.findIndex((h) => h.id === header.id);
    const next = at === -1 ? [header, ...history] : history.map((h, i) => (i === at ? newerHeader(h, header) : h));
    set({ history: next });
  }

  async function runRequest(action: RunAction, call: () => Promise<Result<RunSnapshot>>) {
    set({ runPending: action, runError: null });
    const result = await call();
    if (result.ok) {
      set({ runPending: null });
      show(result.value);
    } else {
      set({ runPending: null, runError: result.error });
    }
  }

  /** Resumes or ends an interrupted run, then shows it. */
  async function settleInterrupted(action: 'resume' | 'end', runId: string, call: () => Promise<Result<RunSnapshot>>) {
    early = [];
    set({ runPending: action, runError: null, interruptedPending: runId, interruptedError: null });
    const result = await call();
    set({ runPending: null, interruptedPending: null });
    if (!result.ok) {
      set({ interruptedError: result.error });
      return;
    }
    set({ interrupted: get().interrupted.filter((r) => r.id !== runId) });
    show(result.value);
  }

  return {
    run: null,
    runPending: null,
    runError: null,
    inviteBlocked: null,
    links: {},
    linkPending: null,
    inviteLinkError: null,
    csvSaved: null,
    history: null,
    historyError: null,
    historyLoading: false,
    interrupted: [],
    interruptedError: null,
    interruptedPending: null,

    invite: async (callId, personIds) => {
      if (personIds.length === 0) return;
      set({ runPending: 'plan', runError: null, inviteBlocked: null });
      const plan = await bridge.invitePlan({ callId, personIds });
      if (!plan.ok) {
        set({ runPending: null, runError: plan.error });
        return;
      }
      if (plan.value.callProblem) {
        set({ runPending: null, inviteBlocked: plan.value.callProblem });
        return;
      }
      early = [];
      await runRequest('start', () => bridge.inviteStart({ callId, personIds }));
    },
    cancelRun: async () => {
      const run = get().run;
      if (!run) return;
      await runRequest('cancel', () => bridge.inviteCancel({ runId: run.header.id }));
    },
    answerFlood: async (answer) => {
      const run = get().run;
      if (!run) return;
      await runRequest(answer, () => bridge.inviteFloodAnswer({ runId: run.header.id, answer }));
    },
    retryRun: async () => {
      const run = get().run;
      if (!run) return;
      early = [];
      await runRequest('retry', () => bridge.inviteRetry({ runId: run.header.id, personIds: null }));
    },
    addToGroup: async (personIds) => {
      const run = get().run;
      if (!run || personIds.length === 0) return;
      early = [];
      await runRequest('addToGroup', () => bridge.inviteAddToGroup({ runId: run.header.id, personIds }));
    },
    exportLink: async (callId, role) => {
      set({ linkPending: role, inviteLinkError: null });
      const result = await bridge.inviteExportLink({ callId, role });
      if (!result.ok) {
        set({ linkPending: null, inviteLinkError: result.error });
        return null;
      }
      set({ linkPending: null, links: { ...get().links, [`${callId}:${role}`]: result.value.link } });
      return result.value.link;
    },
    exportCsv: async (language) => {
      const run = get().run;
      if (!run) return;
      set({ runPending: 'csv', runError: null, csvSaved: null });
      const result = await bridge.runExportCsv({ runId: run.header.id, language });
      if (!result.ok) {
        set({ runPending: null, runError: result.error });
        return;
      }
      const { fileName, csv } = result.value;
      saveCsv(fileName, csv);
      set({ runPending: null, csvSaved: fileName });
    },
    loadHistory: async () => {
      set({ historyLoading: true, historyError: null });
      const result = await bridge.runsList({});
      if (result.ok) set({ history: result.value.runs, historyLoading: false });
      else set({ historyError: result.error, historyLoading: false });
    },
    openRun: async (runId) => {
      early = [];
      await runRequest('open', () => bridge.runGet({ runId }));
    },
    loadInterrupted: async () => {
      const result = await bridge.runsInterrupted({});
      if (result.ok) set({ interrupted: result.value.runs, interruptedError: null });
      else set({ interruptedError: result.error });
    },
    resumeRun: (runId) => settleInterrupted('resume', runId, () => bridge.inviteResume({ runId })),
    endInterrupted: (runId) => settleInterrupted('end', runId, () => bridge.inviteCancel({ runId })),
    applyProgress: (progress) => {
      const { run, runPending, interrupted } = get();
      if (progress.run.state !== 'interrupted' && interrupted.some((r) => r.id === progress.run.id)) {
        set({ interrupted: interrupted.filter((r) => r.id !== progress.run.id) });
      }
      upsertHistory(progress.run);
      if (run && run.header.id === progress.run.id) {
        const next = merge(run, progress);
        set({ run: next });
        if (isFinal(next.header.state) && !isFinal(run.header.state)) get().replan();
      } else if (runPending === 'start' || runPending === 'retry' || runPending === 'addToGroup' || runPending === 'open' || runPending === 'resume' || runPending === 'end') {
        early.push(progress);
      }
    },
    resetRuns: () => {
      early = [];
      set({
        run: null, runPending: null, runError: null, inviteBlocked: null, links: {}, linkPending: null,
        inviteLinkError: null, csvSaved: null, history: null, historyError: null, historyLoading: false,
        interrupted: [], interruptedError: null, interruptedPending: null,
      });
    },
  };
};
