import { describe, expect, it } from 'vitest';
import type { RunHeader, RunState } from '../../shared/domain/invite';
import { english } from '../../shared/i18n/english';
import { EMPTY_RUN_ACTIVITY, aggregateProgress, createRunActivity, reduceRunActivity, sendingRuns, type RunActivityState } from './runActivity';

function header(id: string, state: RunState, counts: Partial<RunHeader['counts']> = {}, extra: Partial<RunHeader> = {}): RunHeader {
  const full = { queued: 0, sending: 0, invited: 0, alreadyInvited: 0, notMember: 0, unconfirmed: 0, notSent: 0, failed: 0, skipped: 0, ...counts };
  return {
    id,
    call: { id: '1', title: 'Rust Meetup Berlin', chatId: '2', chatTitle: 'Rustaceans', chatKind: 'supergroup' },
    startedAt: 0,
    finishedAt: null,
    state,
    floodWait: null,
    stopReason: null,
    batches: { done: 0, total: 3 },
    counts: full,
    total: Object.values(full).reduce((a, b) => a + b, 0),
    ...extra,
  };
}

const feed = (runs: RunHeader[], from: RunActivityState = EMPTY_RUN_ACTIVITY) => {
  let state = from;
  const events = [];
  for (const run of runs) {
    const out = reduceRunActivity(state, { type: 'progress', run });
    state = out.state;
    events.push(...out.events);
  }
  return { state, events };
};

describe('runActivity', () => {
  it('item 4: a running run is sending; its done count is everyone with an outcome', () => {
    const { state, events } = feed([header('run-a', 'running', { queued: 10, sending: 5, invited: 15 })]);
    expect(events).toEqual([]);
    expect(sendingRuns(state).map((r) => r.id)).toEqual(['run-a']);
    expect(aggregateProgress(state)).toEqual({ done: 15, total: 30, fraction: 0.5, paused: false });
  });

  it('item 4: a run waiting out a flood wait still counts as sending (the system stays awake)', () => {
    const { state } = feed([header('run-a', 'floodWait', { queued: 10, invited: 20 })]);
    expect(sendingRuns(state)).toHaveLength(1);
    expect(aggregateProgress(state)).toMatchObject({ done: 20, total: 30, paused: true });
  });

  it('item 4: progress adds up over several sending runs; paused only when all of them wait', () => {
    const { state } = feed([
      header('run-a', 'floodWait', { queued: 10, invited: 10 }),
      header('run-b', 'running', { queued: 30, invited: 10 }),
    ]);
    expect(aggregateProgress(state)).toEqual({ done: 20, total: 60, fraction: 1 / 3, paused: false });
  });

  it('item 4: nothing sends once every run has ended; progress is null', () => {
    const { state } = feed([header('run-a', 'running', { queued: 1 }), header('run-a', 'done', { invited: 1 })]);
    expect(sendingRuns(state)).toEqual([]);
    expect(aggregateProgress(state)).toBeNull();
  });

  it('item 4: a finished run notifies once, with the people invited', () => {
    const running = header('run-a', 'running', { queued: 30 });
    const done = header('run-a', 'done', { invited: 28, failed: 2 });
    const { events } = feed([running, done, done]);
    expect(events).toEqual([{ kind: 'finished', runId: 'run-a', call: 'Rust Meetup Berlin', invited: 28, total: 30 }]);
  });

  it('item 4: a stopped run notifies with its reason', () => {
    const stopped = header('run-a', 'stopped', { invited: 5, notSent: 25 }, { stopReason: { code: 'GROUPCALL_INVALID', message: 'The call has ended.' } });
    const { events } = feed([header('run-a', 'running', { queued: 30 }), stopped]);
    expect(events).toEqual([{ kind: 'stopped', runId: 'run-a', call: 'Rust Meetup Berlin', code: 'GROUPCALL_INVALID', reason: 'The call has ended.' }]);
  });

  it('item 4: a run the organiser cancelled, or one interrupted, does not notify', () => {
    const { events, state } = feed([
      header('run-a', 'running', { queued: 30 }),
      header('run-a', 'cancelled', { invited: 5, notSent: 25 }),
      header('run-b', 'interrupted', { queued: 30 }),
    ]);
    expect(events).toEqual([]);
    expect(sendingRuns(state)).toEqual([]);
  });

  it('item 4: a long flood wait asked about notifies the pause, naming the run; its end notifies the restart', () => {
    const { state } = feed([header('run-a', 'floodWait', { queued: 10, invited: 20 })]);
    const asked = reduceRunActivity(state, { type: 'notice', notice: { kind: 'floodQuestion', runId: 'run-a', until: 5000, seconds: 3600 } });
    expect(asked.events).toEqual([{ kind: 'floodPause', runId: 'run-a', call: 'Rust Meetup Berlin', seconds: 3600, until: 5000 }]);
    const resumed = reduceRunActivity(asked.state, { type: 'notice', notice: { kind: 'resumedAfterWait', runId: 'run-a' } });
    expect(resumed.events).toEqual([{ kind: 'resumed', runId: 'run-a', call: 'Rust Meetup Berlin' }]);
  });

  it('item 4: PEER_FLOOD notifies once, through the stopped run, not through the notice too', () => {
    const { state } = feed([header('run-a', 'running', { queued: 10 })]);
    const notice = reduceRunActivity(state, { type: 'notice', notice: { kind: 'accountLimited', runId: 'run-a', code: 'PEER_FLOOD' } });
    expect(notice.events).toEqual([]);
    const stopped = feed([header('run-a', 'stopped', { notSent: 10 }, { stopReason: { code: 'PEER_FLOOD', message: 'limited' } })], notice.state);
    expect(stopped.events).toEqual([expect.objectContaining({ kind: 'stopped', reason: 'limited' })]);
  });

  it('issue 12 item 4: a planned run whose scheduled call started notifies "Friday games started: inviting 12 people."', () => {
    const started = reduceRunActivity(EMPTY_RUN_ACTIVITY, { type: 'notice', notice: { kind: 'plannedStarted', runId: 'run-p', call: 'Friday games', count: 12 } });
    expect(started.events).toEqual([{ kind: 'plannedStarted', runId: 'run-p', call: 'Friday games', count: 12 }]);
    expect(english('main.notify.plannedStarted.title')).toBe('Scheduled call started');
    expect(english('main.notify.plannedStarted.body', { call: 'Friday games', count: 12 })).toBe('Friday games started: inviting 12 people.');
  });

  it('item 4: a call without a title is named by its chat', () => {
    const run = header('run-a', 'done', { invited: 1 });
    run.call.title = null;
    expect(feed([run]).events).toEqual([expect.objectContaining({ call: 'Rustaceans' })]);
  });

  it('item 4: the tracker answers "is a run sending?" and tells listeners of every change', () => {
    const activity = createRunActivity();
    const seen: number[] = [];
    const stop = activity.onChange((state) => seen.push(sendingRuns(state).length));
    expect(activity.isSending()).toBe(false);
    activity.observe({ type: 'progress', run: header('run-a', 'running', { queued: 3 }) });
    expect(activity.isSending()).toBe(true);
    expect(activity.sending()).toBe(1);
    const events = activity.observe({ type: 'progress', run: header('run-a', 'done', { invited: 3 }) });
    expect(events).toMatchObject([{ kind: 'finished' }]);
    expect(activity.isSending()).toBe(false);
    stop();
    activity.observe({ type: 'progress', run: header('run-b', 'running', { queued: 3 }) });
    expect(seen).toEqual([1, 0]);
  });
});
