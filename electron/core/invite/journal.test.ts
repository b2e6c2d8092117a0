// The journal and what a restart makes of it. A crash is reproduced by copying the data folder
// while a request is in flight (its "send" line is on disk, its answer is not), then starting a
// second engine over the copy: exactly what the next launch would find.
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
    const records = await readJournal(journalPath(dir, 'run-x'), 'run-x');
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

describe('a new run', () => {
  it('item 5: every request reaches Telegram with its people already in the journal; the first window’s lines come with the run record', async () => {
    const gateway = new FakeGateway({ people: ids(75) });
    const h = setup(gateway, { window: 4, batchSize: 10 });
    const runsFolder = join(h.dataDir, 'runs');
    const seen: { n: number; onDisk: boolean; sendsBefore: number }[] = [];
    gateway.script = ({ ids: batch, n }) => {
      const [name] = readdirSync(runsFolder).filter((f) => f.endsWith('.jsonl'));
      const lines = readFileSync(join(runsFolder, name!), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { t: string; ids?: string[] });
      const sends = lines.filter((r) => r.t === 'send');
      seen.push({ n, onDisk: sends.some((r) => JSON.stringify(r.ids) === JSON.stringify(batch)), sendsBefore: sends.length });
      return 'default';
    };
    const started = await h.engine.start(CALL_ID, ids(75));
    const path = journalPath(h.dataDir, started.run.id);
    // start() resolved with the run record and the first window's four lines on disk (read now, before any other turn).
    const atStart = readFileSync(path, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { t: string; req?: number });
    expect(atStart.slice(0, 5).map((r) => r.req ?? r.t)).toEqual(['run', 1, 2, 3, 4]);
    const done = await h.engine.settled(started.run.id);
    expect(done.run).toMatchObject({ state: 'done', counts: { invited: 75 }, batches: { done: 8, total: 8 } });
    expect(seen).toHaveLength(8);
    expect(seen.every((s) => s.onDisk)).toBe(true);
    // The first request left with the run record and the first window's four lines already on disk.
    expect(seen[0]!.sendsBefore).toBeGreaterThanOrEqual(4);
    const final = await readJournal(path, started.run.id);
    expect(final.filter((r) => r.t === 'send').map((r) => (r.t === 'send' ? r.req : 0))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...gateway.deliveries.values()]).toEqual(Array(75).fill(1));
  });
});

describe('a start refused after planning', () => {
  it('item 5: leaves no journal behind: the file made while the plan was read is removed, and nothing is sent', async () => {
    const gateway = new FakeGateway({ people: ids(3) });
    gateway.call = { ...gateway.call, state: 'ended' };
    const h = setup(gateway);
    await expect(h.engine.start(CALL_ID, ids(3))).rejects.toBeInstanceOf(AppError);
    const runsFolder = join(h.dataDir, 'runs');
    expect(existsSync(runsFolder) ? readdirSync(runsFolder).filter((name) => name.endsWith('.jsonl')) : []).toEqual([]);
    expect(await h.engine.list()).toEqual([]);
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

    expect((await after.engine.interrupted()).map((r) => r.id)).toEqual([runId]);
    const resumed = await after.engine.resume(runId);
    expect(resumed.run.id).toBe(runId);
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
    expect(await after.engine.interrupted()).toEqual([]);
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

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const name = join(prefix, entry.name);
    return entry.isDirectory() ? filesUnder(dir, name) : [name];
  });
}

/** Rewrites the run record (the first line) of a journal. */
function editRunRecord(path: string, change: (record: Record<string, unknown>) => void): void {
  const lines = readFileSync(path, 'utf8').split('\n');
  const first = JSON.parse(lines[0]!) as Record<string, unknown>;
  change(first);
  lines[0] = JSON.stringify(first);
  writeFileSync(path, lines.join('\n'));
}

describe('journals that are not what they claim', () => {
  it('item 3: a journal whose id escapes runs/ is set aside and nothing is written outside the data folder', async () => {
    const gateway = new FakeGateway({ people: ids(30) });
    const { runId, copy } = await crashDuring(ids(30), gateway, 2);
    const sentBefore = gateway.requests.length;
    // The data folder two levels down, so that "../../escaped" from runs/ stays inside `outside`.
    const outside = tempDataDir();
    const dataDir = join(outside, 'home', 'data');
    mkdirSync(join(outside, 'home'));
    cpSync(copy, dataDir, { recursive: true });
    editRunRecord(journalPath(dataDir, runId), (record) => (record.id = '../../escaped'));
    const before = filesUnder(outside).sort();
    try {
      const h = setup(gateway, {}, dataDir);
      const runs = await h.engine.list();
      // Whatever the history offers to resume is resumed, as the organiser's "Resume" would.
      for (const run of runs.filter((r) => r.state === 'interrupted')) {
        await h.engine.retry(run.id, null).then((s) => h.engine.settled(s.run.id)).catch(() => {});
      }
      expect(runs).toEqual([]);
      expect(gateway.requests.length).toBe(sentBefore);
      await expect(h.engine.get('../../escaped')).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
      await h.engine.dispose();
      // The journal moved, whole, to runs/set-aside/; nothing new appeared anywhere.
      const setAside = `runs/set-aside/${runId}.jsonl`;
      expect(filesUnder(outside).sort()).toEqual(before.map((f) => (f === join('home', 'data', 'runs', `${runId}.jsonl`) ? join('home', 'data', setAside) : f)).sort());
      expect(existsSync(join(outside, 'home', 'escaped.jsonl'))).toBe(false);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('item 3: a journal whose id is a valid run id but not its file name is set aside, with the reason logged', async () => {
    const gateway = new FakeGateway({ people: ids(12) });
    const { runId, copy } = await crashDuring(ids(12), gateway, 1);
    editRunRecord(journalPath(copy, runId), (record) => (record.id = 'run-someone-else'));
    const logged: string[] = [];
    const h = setup(gateway, { log: (m) => logged.push(m) }, copy);
    expect(await h.engine.list()).toEqual([]);
    expect(readdirSync(join(copy, 'runs', 'set-aside'))).toEqual([`${runId}.jsonl`]);
    expect(logged.join('\n')).toMatch(/set aside.*does not match its file name/);
    // A restart does not see it again.
    const again = setup(gateway, {}, copy);
    expect(await again.engine.list()).toEqual([]);
  });

  it('item 3: journalPath refuses anything but a run id', () => {
    expect(() => journalPath('/data', '../../escaped')).toThrow();
    expect(() => journalPath('/data', 'a/b')).toThrow();
    expect(() => journalPath('/data', '')).toThrow();
    expect(journalPath('/data', 'run-20250101-abc_1')).toBe(join('/data', 'runs', 'run-20250101-abc_1.jsonl'));
  });

  it('item 3: an interrupted run sends nothing after a restart until it is resumed, and only for its own account', async () => {
    const gateway = new FakeGateway({ people: ids(30) });
    const { runId, copy } = await crashDuring(ids(30), gateway, 2);
    const sentBefore = gateway.requests.length;
    const after = setup(gateway, {}, copy);
    const waiting = await after.engine.interrupted();
    expect(waiting.map((r) => r.id)).toEqual([runId]);
    expect(waiting[0]!.counts).toMatchObject({ invited: 10, sending: 20 });
    expect(gateway.requests.length).toBe(sentBefore);
    expect((await after.engine.get(runId)).run.state).toBe('interrupted');

    const other = new FakeGateway({ people: ids(30) });
    other.self = async () => ({ id: '999', name: 'Someone else', username: null, phone: null, kind: 'self', isContact: false });
    expect(await setup(other, {}, copy).engine.interrupted()).toEqual([]);

    await after.engine.resume(runId);
    const done = await after.engine.settled(runId);
    expect(done.run.counts).toMatchObject({ invited: 20, alreadyInvited: 10 });
    expect([...gateway.deliveries.values()]).toEqual(Array(30).fill(1));
    expect(await after.engine.interrupted()).toEqual([]);
  });

  it('item 9: a journal over the size cap (a sparse 2 GB file) is set aside without being read', async () => {
    const gateway = new FakeGateway({ people: ids(3) });
    const h = setup(gateway);
    const run = await h.engine.settled((await h.engine.start(CALL_ID, ids(3))).run.id);
    const path = journalPath(h.dataDir, run.run.id);
    truncateSync(path, 2 * 1024 ** 3);
    const logged: string[] = [];
    const startedAt = performance.now();
    const again = setup(gateway, { log: (m) => logged.push(m) }, h.dataDir);
    expect(await again.engine.list()).toEqual([]);
    const ms = performance.now() - startedAt;
    const setAside = join(h.dataDir, 'runs', 'set-aside', `${run.run.id}.jsonl`);
    expect(statSync(setAside).size).toBe(2 * 1024 ** 3);
    expect(existsSync(path)).toBe(false);
    expect(logged.join('\n')).toMatch(/set aside.*larger than/);
    console.log(`item 9: a 2 GB journal set aside in ${ms.toFixed(0)} ms`);
  });

  it('item 9: a hostile journal with one endless line (under the size cap) is set aside, read line by line', async () => {
    const gateway = new FakeGateway({ people: ids(3) });
    const h = setup(gateway);
    const run = await h.engine.settled((await h.engine.start(CALL_ID, ids(3))).run.id);
    const path = journalPath(h.dataDir, run.run.id);
    // A valid run record, then 200 MB without a line break (a sparse hole of zero bytes).
    const firstLine = readFileSync(path, 'utf8').split('\n')[0]!;
    writeFileSync(path, `${firstLine}\n`);
    truncateSync(path, 200 * 1024 ** 2);
    const logged: string[] = [];
    const startedAt = performance.now();
    const again = setup(gateway, { log: (m) => logged.push(m) }, h.dataDir);
    expect(await again.engine.list()).toEqual([]);
    const ms = performance.now() - startedAt;
    expect(existsSync(join(h.dataDir, 'runs', 'set-aside', `${run.run.id}.jsonl`))).toBe(true);
    expect(logged.join('\n')).toMatch(/set aside.*line longer than/);
    console.log(`item 9: a 200 MB one-line journal set aside in ${ms.toFixed(0)} ms`);
  });

  it('item 9: a journal that is not a plain file (a folder, a link) is set aside, not followed', async () => {
    const gateway = new FakeGateway({ people: ids(3) });
    const dataDir = tempDataDir();
    mkdirSync(join(dataDir, 'runs', 'run-folder.jsonl'), { recursive: true });
    const h = setup(gateway, {}, dataDir);
    expect(await h.engine.list()).toEqual([]);
    expect(readdirSync(join(dataDir, 'runs', 'set-aside'))).toEqual(['run-folder.jsonl']);
  });
});
