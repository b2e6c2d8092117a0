// What the desktop shell needs to know about runs, from what the engine already says: its
// inviteProgress events and its RunNotices. A pure reducer (no Electron, no timers) so the
// rules are unit-tested here: which runs are sending (keep the system awake, ask before
// closing, hold an update's restart), their aggregate progress (taskbar, dock badge), and which
// changes deserve an OS notification (finished, stopped with a reason, paused for a long wait).
import type { ErrorCode } from '../../shared/errors/codes';
import type { RunHeader, RunState } from '../../shared/domain/invite';
import type { RunNotice } from './invite/sender';

export interface RunEntry {
  id: string;
  /** The call's title, or its chat's when the call has none. */
  call: string;
  state: RunState;
  /** People with an outcome (neither queued nor in a request), and everyone in the run. */
  done: number;
  total: number;
  invited: number;
}

export interface RunActivityState {
  readonly runs: Readonly<Record<string, RunEntry>>;
}

export type RunActivityInput = { type: 'progress'; run: RunHeader } | { type: 'notice'; notice: RunNotice };

/** Changes worth an OS notification. A run the organiser cancelled themselves is not one. */
export type RunActivityEvent =
  | { kind: 'finished'; runId: string; call: string; invited: number; total: number }
  /** code: the catalogue's error, shown in the organiser's language; reason: its details. */
  | { kind: 'stopped'; runId: string; call: string; code: ErrorCode | null; reason: string }
  | { kind: 'floodPause'; runId: string; call: string; seconds: number; until: number }
  | { kind: 'resumed'; runId: string; call: string }
  | { kind: 'plannedStarted'; runId: string; call: string; count: number };

export const EMPTY_RUN_ACTIVITY: RunActivityState = { runs: {} };

const SENDING: readonly RunState[] = ['running', 'floodWait'];
export const isSendingState = (state: RunState): boolean => SENDING.includes(state);

function entryOf(run: RunHeader): RunEntry {
  const count = (status: keyof RunHeader['counts']) => run.counts[status] ?? 0;
  return {
    id: run.id,
    call: run.call.title ?? run.call.chatTitle,
    state: run.state,
    done: Math.max(0, run.total - count('queued') - count('sending')),
    total: run.total,
    invited: count('invited'),
  };
}

export function reduceRunActivity(state: RunActivityState, input: RunActivityInput): { state: RunActivityState; events: RunActivityEvent[] } {
  if (input.type === 'notice') {
    const { notice } = input;
    const call = state.runs[notice.runId]?.call ?? '';
    // accountLimited needs no notification of its own: the run stops with PEER_FLOOD, and that says it.
    if (notice.kind === 'floodQuestion') {
      return { state, events: [{ kind: 'floodPause', runId: notice.runId, call, seconds: notice.seconds, until: notice.until }] };
    }
    if (notice.kind === 'resumedAfterWait') return { state, events: [{ kind: 'resumed', runId: notice.runId, call }] };
    if (notice.kind === 'plannedStarted') {
      return { state, events: [{ kind: 'plannedStarted', runId: notice.runId, call: notice.call, count: notice.count }] };
    }
    return { state, events: [] };
  }
  const before = state.runs[input.run.id];
  const entry = entryOf(input.run);
  const next: RunActivityState = { runs: { ...state.runs, [entry.id]: entry } };
  // Only the first time a run is seen in an end state: a repeated header does not notify twice.
  if (before?.state === entry.state) return { state: next, events: [] };
  if (entry.state === 'done') {
    return { state: next, events: [{ kind: 'finished', runId: entry.id, call: entry.call, invited: entry.invited, total: entry.total }] };
  }
  if (entry.state === 'stopped') {
    const stop = input.run.stopReason;
    return { state: next, events: [{ kind: 'stopped', runId: entry.id, call: entry.call, code: stop?.code ?? null, reason: stop?.message ?? '' }] };
  }
  return { state: next, events: [] };
}

/** Runs sending now (running, or waiting out a flood wait to go on), oldest first. */
export function sendingRuns(state: RunActivityState): RunEntry[] {
  return Object.values(state.runs)
    .filter((run) => isSendingState(run.state))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

export interface AggregateProgress {
  done: number;
  total: number;
  /** 0..1 for a progress bar. */
  fraction: number;
  /** Every sending run waits out a flood wait: nothing is moving. */
  paused: boolean;
}

/** The sending runs' progress taken together; null when nothing sends. */
export function aggregateProgress(state: RunActivityState): AggregateProgress | null {
  const runs = sendingRuns(state);
  if (runs.length === 0) return null;
  const done = runs.reduce((sum, run) => sum + run.done, 0);
  const total = runs.reduce((sum, run) => sum + run.total, 0);
  return { done, total, fraction: total === 0 ? 0 : Math.min(1, done / total), paused: runs.every((run) => run.state === 'floodWait') };
}

/**
 * The reducer with its state kept: the one object the shell (and anything else that must wait
 * for runs, such as an update's restart prompt) asks "is a run sending?" and listens to.
 */
export interface RunActivity {
  observe(input: RunActivityInput): RunActivityEvent[];
  state(): RunActivityState;
  /** How many runs are sending now. */
  sending(): number;
  isSending(): boolean;
  /** Called after every change of state, with the events it produced. */
  onChange(listener: (state: RunActivityState, events: RunActivityEvent[]) => void): () => void;
}

export function createRunActivity(): RunActivity {
  let current = EMPTY_RUN_ACTIVITY;
  const listeners = new Set<(state: RunActivityState, events: RunActivityEvent[]) => void>();
  return {
    observe(input) {
      const { state, events } = reduceRunActivity(current, input);
      current = state;
      for (const listener of [...listeners]) listener(current, events);
      return events;
    },
    state: () => current,
    sending: () => sendingRuns(current).length,
    isSending: () => sendingRuns(current).length > 0,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
