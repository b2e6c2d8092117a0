// @vitest-environment jsdom
import { fake } from '../../testSupport/installFakeBridge';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InvitePlan } from '../../../../shared/domain/invite';
import { useStore } from '../../store';
import { header, outcome, snapshot } from '../../testSupport/fixtures';
import { failResult, okResult } from '../../testSupport/fakeBridge';
import { freshStore } from '../../testSupport/freshStore';

const plan = (over: Partial<InvitePlan> = {}): InvitePlan => ({
  callId: '9001', callProblem: null, preflight: [], people: [], toSend: 2, batches: 1, ...over,
});
const ada = outcome({ personId: '101', name: 'Ada', status: 'queued', updatedAt: 10 });
const alan = outcome({ personId: '102', name: 'Alan', username: 'alan', status: 'queued', updatedAt: 10 });
const running = snapshot({ id: 'run-1' }, [ada, alan]);

/** Shows `snap` as the current run, the way opening it does. */
async function show(snap = running) {
  fake.answer('runGet', () => okResult(snap));
  await useStore.getState().openRun(snap.run.id);
  fake.reset();
}

beforeEach(freshStore);
afterEach(() => vi.restoreAllMocks());

describe('runsSlice: starting a run', () => {
  it('item 8: invite plans, then starts the run and shows it', async () => {
    fake.answer('invitePlan', () => okResult(plan()));
    const releaseStart = fake.hold('inviteStart');
    const inviting = useStore.getState().invite('9001', ['101', '102']);
    await vi.waitFor(() => expect(useStore.getState().runPending).toBe('start'));
    releaseStart(okResult(running));
    await inviting;
    expect(fake.requests).toEqual([
      { channel: 'invitePlan', request: { callId: '9001', personIds: ['101', '102'] } },
      { channel: 'inviteStart', request: { callId: '9001', personIds: ['101', '102'] } },
    ]);
    const { run, view, runPending } = useStore.getState();
    expect({ view, runPending, id: run?.header.id, people: run?.people.map((p) => p.personId) }).toEqual({
      view: 'run', runPending: null, id: 'run-1', people: ['101', '102'],
    });
    expect(run?.index.get('102')).toBe(1);
  });

  it('item 8: invite with nobody sends nothing', async () => {
    await useStore.getState().invite('9001', []);
    expect(fake.requests).toEqual([]);
  });

  it('item 8: a plan with a call-level problem blocks the run; nothing is started', async () => {
    fake.answer('invitePlan', () => okResult(plan({ callProblem: { code: 'GROUPCALL_FORBIDDEN', message: 'the call ended' } })));
    await useStore.getState().invite('9001', ['101']);
    expect(useStore.getState()).toMatchObject({ run: null, runPending: null, inviteBlocked: { code: 'GROUPCALL_FORBIDDEN' } });
    expect(fake.sent('inviteStart')).toEqual([]);
  });

  it('item 8: a plan that fails keeps its error; nothing is started', async () => {
    fake.answer('invitePlan', () => failResult('NOT_SIGNED_IN'));
    await useStore.getState().invite('9001', ['101']);
    expect(useStore.getState()).toMatchObject({ run: null, runPending: null, runError: { code: 'NOT_SIGNED_IN' } });
    expect(fake.sent('inviteStart')).toEqual([]);
  });

  it('item 8: progress that overtakes the start’s reply is applied when the run arrives', async () => {
    fake.answer('invitePlan', () => okResult(plan()));
    const releaseStart = fake.hold('inviteStart');
    const inviting = useStore.getState().invite('9001', ['101', '102']);
    await vi.waitFor(() => expect(useStore.getState().runPending).toBe('start'));
    fake.emit('inviteProgress', {
      run: header({ id: 'run-1', total: 2, batches: { done: 1, total: 1 }, counts: { invited: 1 } }),
      changed: [{ ...ada, status: 'invited', updatedAt: 20 }],
    });
    releaseStart(okResult(running));
    await inviting;
    const run = useStore.getState().run!;
    expect(run.people.map((p) => p.status)).toEqual(['invited', 'queued']);
    expect(run.header.batches.done).toBe(1);
  });
});

describe('runsSlice: progress', () => {
  it('item 8: applyProgress keeps the newer outcome of each person and appends new people', async () => {
    await show();
    fake.emit('inviteProgress', {
      run: header({ id: 'run-1', total: 3, batches: { done: 1, total: 2 } }),
      changed: [
        { ...ada, status: 'invited', updatedAt: 30 },
        { ...alan, status: 'sending', updatedAt: 5 }, // older than what is shown: ignored
        outcome({ personId: '103', name: 'Grace', status: 'sending', updatedAt: 30 }),
      ],
    });
    const run = useStore.getState().run!;
    expect(run.people.map((p) => `${p.personId}:${p.status}`)).toEqual(['101:invited', '102:queued', '103:sending']);
    expect(run.index.get('103')).toBe(2);
    expect(run.header.batches.done).toBe(1);
  });

  it('item 8: a stale header does not undo a finished one', async () => {
    await show(snapshot({ id: 'run-1', state: 'done', finishedAt: 2_000, batches: { done: 1, total: 1 } }, [ada]));
    useStore.getState().applyProgress({ run: header({ id: 'run-1', state: 'running', batches: { done: 1, total: 1 } }), changed: [] });
    expect(useStore.getState().run?.header.state).toBe('done');
  });

  it('item 8: progress of another run updates the history and leaves the shown run alone', async () => {
    await show();
    useStore.setState({ history: [header({ id: 'run-0' })] });
    const other = header({ id: 'run-2', state: 'done', finishedAt: 3_000 });
    useStore.getState().applyProgress({ run: other, changed: [outcome({ personId: '900' })] });
    expect(useStore.getState().history?.map((h) => h.id)).toEqual(['run-2', 'run-0']);
    expect(useStore.getState().run?.people.map((p) => p.personId)).toEqual(['101', '102']);
  });

  it('item 8: a resumed run’s progress takes it off the interrupted list', () => {
    useStore.setState({ interrupted: [header({ id: 'run-1', state: 'interrupted' }), header({ id: 'run-9', state: 'interrupted' })] });
    useStore.getState().applyProgress({ run: header({ id: 'run-1', state: 'running' }), changed: [] });
    expect(useStore.getState().interrupted.map((h) => h.id)).toEqual(['run-9']);
  });
});

describe('runsSlice: acting on the shown run', () => {
  it('item 8: without a run shown, cancel, answer, retry, add and export send nothing', async () => {
    const s = useStore.getState();
    await Promise.all([s.cancelRun(), s.answerFlood('wait'), s.retryRun(), s.addToGroup(['101']), s.exportCsv('en')]);
    expect(fake.requests).toEqual([]);
  });

  it('item 8: cancel, flood answers, retry and add to group send the run’s id and show the run they return', async () => {
    await show();
    const cases = [
      ['cancel', () => useStore.getState().cancelRun(), 'inviteCancel', { runId: 'run-1' }],
      ['wait', () => useStore.getState().answerFlood('wait'), 'inviteFloodAnswer', { runId: 'run-1', answer: 'wait' }],
      ['stop', () => useStore.getState().answerFlood('stop'), 'inviteFloodAnswer', { runId: 'run-1', answer: 'stop' }],
      ['retry', () => useStore.getState().retryRun(), 'inviteRetry', { runId: 'run-1', personIds: null }],
      ['addToGroup', () => useStore.getState().addToGroup(['102']), 'inviteAddToGroup', { runId: 'run-1', personIds: ['102'] }],
    ] as const;
    for (const [action, act, channel, request] of cases) {
      fake.reset();
      const release = fake.hold(channel);
      const done = act();
      expect(useStore.getState().runPending).toBe(action);
      release(okResult(running));
      await done;
      expect(fake.requests).toEqual([{ channel, request }]);
      expect(useStore.getState()).toMatchObject({ runPending: null, runError: null, view: 'run' });
    }
  });

  it('item 8: adding nobody to the group sends nothing; a refused action keeps its error', async () => {
    await show();
    await useStore.getState().addToGroup([]);
    expect(fake.requests).toEqual([]);
    fake.answer('inviteRetry', () => failResult('RUN_ALREADY_ACTIVE'));
    await useStore.getState().retryRun();
    expect(useStore.getState()).toMatchObject({ runPending: null, runError: { code: 'RUN_ALREADY_ACTIVE' } });
    expect(useStore.getState().run?.header.id).toBe('run-1');
  });

  it('item 8: exportLink keeps each link by call and role, and returns it', async () => {
    fake.answer('inviteExportLink', ({ role }) => okResult({ link: `https://t.me/rust?voicechat=${role}` }));
    expect(await useStore.getState().exportLink('9001', 'speaker')).toBe('https://t.me/rust?voicechat=speaker');
    await useStore.getState().exportLink('9001', 'listener');
    expect(useStore.getState().links).toEqual({
      '9001:speaker': 'https://t.me/rust?voicechat=speaker',
      '9001:listener': 'https://t.me/rust?voicechat=listener',
    });
    expect(fake.sent('inviteExportLink')).toEqual([{ callId: '9001', role: 'speaker' }, { callId: '9001', role: 'listener' }]);
  });

  it('item 8: a refused exportLink returns null and keeps its error', async () => {
    fake.answer('inviteExportLink', () => failResult('CHAT_ADMIN_REQUIRED'));
    expect(await useStore.getState().exportLink('9001', 'speaker')).toBeNull();
    expect(useStore.getState()).toMatchObject({ linkPending: null, links: {}, inviteLinkError: { code: 'CHAT_ADMIN_REQUIRED' } });
  });

  it('item 8: exportCsv downloads the file the main process wrote, under its name, its reasons in the window’s language', async () => {
    await show();
    fake.answer('runExportCsv', () => okResult({ fileName: 'rollcall-run-1.csv', csv: 'name,status\nAda,invited\n' }));
    // Blob URLs and downloads are the browser's; jsdom has neither, so they are watched here.
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:csv');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const downloads: string[] = [];
    const onClick = (event: MouseEvent) => {
      const anchor = event.target as HTMLAnchorElement;
      downloads.push(`${anchor.download} ${anchor.href}`);
      event.preventDefault();
    };
    document.addEventListener('click', onClick);
    await useStore.getState().exportCsv('ru');
    document.removeEventListener('click', onClick);
    expect(fake.sent('runExportCsv')).toEqual([{ runId: 'run-1', language: 'ru' }]);
    expect(downloads).toEqual(['rollcall-run-1.csv blob:csv']);
    expect(await createObjectURL.mock.calls[0][0].text()).toBe('name,status\nAda,invited\n');
    expect(useStore.getState()).toMatchObject({ runPending: null, csvSaved: 'rollcall-run-1.csv' });
  });
});

describe('runsSlice: history and interrupted runs', () => {
  it('item 8: loadHistory lists the runs, or keeps the error', async () => {
    fake.answer('runsList', () => okResult({ runs: [header({ id: 'run-1' })] }));
    await useStore.getState().loadHistory();
    expect(useStore.getState()).toMatchObject({ history: [{ id: 'run-1' }], historyLoading: false, historyError: null });
    fake.answer('runsList', () => failResult('STORAGE_FAILED'));
    await useStore.getState().loadHistory();
    expect(useStore.getState()).toMatchObject({ history: [{ id: 'run-1' }], historyError: { code: 'STORAGE_FAILED' } });
  });

  it('item 8: openRun fetches the run, shows it and puts it in the history', async () => {
    useStore.setState({ history: [header({ id: 'run-0' })], csvSaved: 'old.csv' });
    fake.answer('runGet', () => okResult(running));
    await useStore.getState().openRun('run-1');
    expect(fake.sent('runGet')).toEqual([{ runId: 'run-1' }]);
    expect(useStore.getState()).toMatchObject({ view: 'run', csvSaved: null, run: { header: { id: 'run-1' } } });
    expect(useStore.getState().history?.map((h) => h.id)).toEqual(['run-1', 'run-0']);
  });

  it('item 8: loadInterrupted lists the interrupted runs, or keeps the error', async () => {
    fake.answer('runsInterrupted', () => okResult({ runs: [header({ id: 'run-7', state: 'interrupted' })] }));
    await useStore.getState().loadInterrupted();
    expect(useStore.getState().interrupted.map((h) => h.id)).toEqual(['run-7']);
    fake.answer('runsInterrupted', () => failResult('STORAGE_FAILED'));
    await useStore.getState().loadInterrupted();
    expect(useStore.getState()).toMatchObject({ interrupted: [{ id: 'run-7' }], interruptedError: { code: 'STORAGE_FAILED' } });
  });

  it('item 8: resumeRun resumes the run, takes it off the interrupted list and shows it', async () => {
    useStore.setState({ interrupted: [header({ id: 'run-1', state: 'interrupted' })] });
    const release = fake.hold('inviteResume');
    const resuming = useStore.getState().resumeRun('run-1');
    expect(useStore.getState()).toMatchObject({ runPending: 'resume', interruptedPending: 'run-1' });
    release(okResult(running));
    await resuming;
    expect(fake.sent('inviteResume')).toEqual([{ runId: 'run-1' }]);
    expect(useStore.getState()).toMatchObject({ interrupted: [], interruptedPending: null, runPending: null, view: 'run' });
  });

  it('item 8: endInterrupted cancels the run without sending; a failure keeps it listed', async () => {
    const interrupted = header({ id: 'run-1', state: 'interrupted' });
    useStore.setState({ interrupted: [interrupted] });
    fake.answer('inviteCancel', () => failResult('RUN_NOT_FOUND'));
    await useStore.getState().endInterrupted('run-1');
    expect(useStore.getState()).toMatchObject({ interrupted: [interrupted], interruptedError: { code: 'RUN_NOT_FOUND' }, run: null });

    fake.answer('inviteCancel', () => okResult(snapshot({ id: 'run-1', state: 'cancelled', finishedAt: 5_000 }, [ada])));
    await useStore.getState().endInterrupted('run-1');
    expect(fake.sent('inviteCancel')).toEqual([{ runId: 'run-1' }, { runId: 'run-1' }]);
    expect(useStore.getState()).toMatchObject({ interrupted: [], run: { header: { state: 'cancelled' } } });
  });

  it('item 8: resetRuns forgets the run, links, history and interrupted runs', async () => {
    await show();
    useStore.setState({ links: { '9001:speaker': 'x' }, history: [], interrupted: [header()], runError: { code: 'INTERNAL', message: '' } });
    useStore.getState().resetRuns();
    expect(useStore.getState()).toMatchObject({ run: null, links: {}, history: null, interrupted: [], runError: null, runPending: null });
  });
});
