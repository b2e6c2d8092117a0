// The journal and what a restart makes of it. A crash is reproduced by copying the data folder
// while a request is in flight (its "send" line is on disk, its answer is not), then starting a
// second engine over the copy: exactly what the next launch would find.
import { appendFileSync, cpSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/ipc/result';
import { JournalFile, journalPath, readJournal } from './journal';
import { CALL_ID, FakeGateway, SELF_ID, ids } from './testSupport/fakeGateway';
import { trackedEngines, tempDataDir, virtualClock } from './testSupport/harness';

const setup = trackedEngines();

const waitFor = async (condition: () => boolean) => {
  const until = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

/** Starts a run whose request number `hangAt` lands at Telegram and then never answers; returns a crash copy. */
async function crashDuring(people: string[], gateway: FakeGateway, hangAt: number) {
  let hung = false;
  gateway.script = ({ ids: batch, n }) => {
    if (n !== hangAt) return 'default';
    gateway.applyRules(batch);
    hung = true;
    return new Promise(() => {});
  };
  const before = setup(gateway, { window: 1 });
  const started = await before.engine.start(CALL_ID, people);
  await waitFor(() => hung);
  // With one request on the wire, the next one's "send" line is written ahead (see sender.ts).
  const path = journalPath(before.dataDir, started.run.id);
  await waitFor(() => readFileSync(path, 'utf8').includes(`"t":"send","req":${hangAt + 1},`));
  const copy = tempDataDir();
  cpSync(before.dataDir, copy, { recursive: true });
  await before.engine.dispose();
  gateway.script = () => 'default';
  return { runId: started.run.id, copy };
}

describe('journal file', () => {
  it('writes concurrent appends in order, each durable before its promise resolves', async () => {
    const dir = tempDataDir();
    const journal = await JournalFile.create(dir, {
      t: 'run', v: 1, id: 'run-x', call: { id: '1', title: null, chatId: '2', chatTitle: 'C', chatKind: 'group' },
      selfId: '3', startedAt: 0, batchSize: 10, people: [],
    });
    await Promise.all(Array.from({ length: 50 }, (_, i) => journal.append({ t: 'resume', at: i })));
    await journal.close();
    const records = await readJournal(journalPath(dir, 'run-x'));
    expect(records.map((r) => (r.t === 'resume' ? r.at : -1))).toEqual([-1, ...Array.from({ length: 50 }, (_, i) => i)]);
  });

  it('skips a line torn by a crash and reads the rest', async () => {
    const gateway = new FakeGateway({ people: ids(3) });
    const h = setup(gateway);
    const run = await h.engine.settled((await h.engine.start(CALL_ID, ids(3))).run.id);
    appendFileSync(journalPath(h.dataDir, run.run.id), '{"t":"outcomes","outco');
    const again = setup(gateway, {}, h.dataDir);
    expect((await again.engine.get(run.run.id)).run).toMatchObject({ state: 'done', counts: { invited: 3 } });
  });

  it('refuses to send when the journal cannot be written (STORAGE_FAILED), and nothing is sent', async () => {
    const gateway = new FakeGateway({ people: ids(3) });
    const dataDir = tempDataDir();
    appendFileSync(`${dataDir}/runs`, 'a file where the runs folder should be');
    const h = setup(gateway, {}, dataDir);
    await expect(h.engine.start(CALL_ID, ids(3))).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    expect(gateway.requests).toEqual([]);
  });
});

describe('a restart mid-run', () => {
  it('finds the run interrupted, resumes it, and nobody is invited twice or lost', async () => {
    const gateway = new FakeGateway({ people: ids(30) });
    const { runId, copy } = await crashDuring(ids(30), gateway, 2);
    const after = setup(gateway, {}, copy);
    const found = await after.engine.get(runId);
    expect(found.run.state).toBe('interrupted');
    // Request 2 was on the wire; request 3, journalled ahead of it, counts as sent too.
    expect(found.run.counts).toMatchObject({ invited: 10, sending: 20, queued: 0 });

    const [resumed] = await after.engine.resumeInterrupted();
    expect(resumed!.run.id).toBe(runId);
    const done = await after.engine.settled(runId);
    expect(done.run.state).toBe('done');
    expect(done.run.counts).toMatchObject({ invited: 20, alreadyInvited: 10 });
    // The request that landed unanswered: Telegram refuses the second try, and says why.
    const landed = done.people.filter((p) => p.status === 'alreadyInvited');
    expect(landed.map((p) => p.personId)).toEqual(ids(10, 110));
    expect(landed.every((p) => p.attempts >= 2 && /earlier request/.test(p.error!.message))).toBe(true);
    expect([...gateway.deliveries.values()]).toEqual(Array(30).fill(1));
    // Its journal now ends the run: a third start finds it done.
    const third = setup(gateway, {}, copy);
    expect((await third.engine.get(runId)).run.state).toBe('done');
  });

  it('does not resume a run started by another account', async () => {
    const gateway = new FakeGateway({ people: ids(12) });
    const { runId, copy } = await crashDuring(ids(12), gateway, 1);
    const other = new FakeGateway({ people: ids(12) });
    other.self = async () => ({ id: '999', name: 'Someone else', username: null, phone: null, kind: 'self', isContact: false });
    const after = setup(other, {}, copy);
    expect(await after.engine.resumeInterrupted()).toEqual([]);
    await expect(after.engine.resume(runId)).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect(other.requests).toEqual([]);
  });

  it('cancelling an interrupted run sends nothing: never-sent people are notSent, journalled ones failed (outcome unknown)', async () => {
    const gateway = new FakeGateway({ people: ids(30) });
    const { runId, copy } = await crashDuring(ids(30), gateway, 1);
    const sentBefore = gateway.requests.length;
    const after = setup(gateway, {}, copy);
    const cancelled = await after.engine.cancel(runId);
    expect(cancelled.run.state).toBe('cancelled');
    // Requests 1 (on the wire) and 2 (journalled ahead) may have reached Telegram as far as the journal knows.
    expect(cancelled.run.counts).toMatchObject({ failed: 20, notSent: 10 });
    expect(cancelled.people[0]!.error?.code).toBe('TIMEOUT');
    expect(cancelled.people[25]!.error?.code).toBe('RUN_CANCELLED');
    expect(gateway.requests.length).toBe(sentBefore);
  });

  it('a flood wait still running at the crash is waited out before sending again', async () => {
    const gateway = new FakeGateway({ people: ids(20) });
    gateway.script = ({ n }) => (n === 2 ? new AppError('FLOOD_WAIT', 'FLOOD_WAIT_30', 30) : 'default');
    const before = setup(gateway, { window: 1 });
    const started = await before.engine.start(CALL_ID, ids(20));
    await waitFor(() => before.events.some((e) => e.run.state === 'floodWait'));
    const copy = tempDataDir();
    cpSync(before.dataDir, copy, { recursive: true });
    await before.engine.cancel(started.run.id);
    gateway.script = () => 'default';

    const clock = virtualClock(0, Date.now());
    const startedWaiting = clock.now();
    let firstSendAt = 0;
    gateway.script = () => {
      firstSendAt ||= clock.now();
      return 'default';
    };
    const after = setup(gateway, { ...clock }, copy);
    await after.engine.resume(started.run.id);
    const done = await after.engine.settled(started.run.id);
    expect(done.run.counts.invited).toBe(20);
    expect(firstSendAt - startedWaiting).toBeGreaterThanOrEqual(29_000);
  });

  it('keeps the journal append-only: one JSON record a line, the run first', async () => {
    const gateway = new FakeGateway({ people: ids(15) });
    const h = setup(gateway);
    const run = await h.engine.settled((await h.engine.start(CALL_ID, [SELF_ID, ...ids(15)])).run.id);
    const lines = readFileSync(journalPath(h.dataDir, run.run.id), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { t: string });
    expect(lines.map((l) => l.t)).toEqual(['run', 'send', 'send', 'reply', 'reply', 'end']);
  });
});
