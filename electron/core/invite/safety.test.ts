// Account safety (issue 9, items 8 and 9) as pure policy, against the in-test Telegram
// (FakeGateway). The same rules through real GramJS and the sandbox: safety.sandbox.test.ts.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunSnapshot } from '../../../shared/domain/invite';
import { AppError } from '../../../shared/ipc/result';
import { ACCOUNT_LIMITS_FILE, PEER_FLOOD_COOLDOWN_MS } from './accountLimits';
import { PACING_FILE } from './pacer';
import type { InviteGateway } from './ports';
import { LONG_FLOOD_SECONDS, type RunNotice } from './sender';
import { CALL_ID, FakeGateway, ids } from './testSupport/fakeGateway';
import { tempDataDir, trackedEngines, virtualClock, type EngineHarness } from './testSupport/harness';

const setup = trackedEngines();
const statuses = (snapshot: RunSnapshot) => Object.fromEntries(snapshot.people.map((p) => [p.personId, p.status]));
const waitFor = async (condition: () => boolean, ms = 10_000) => {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 2));
  }
};
async function runToEnd(h: EngineHarness, people: string[], callId = CALL_ID): Promise<RunSnapshot> {
  return h.engine.settled((await h.engine.start(callId, people)).run.id);
}
const unknown = (raw = 'SOMETHING_NEW_123') => new AppError('TELEGRAM_UNKNOWN', raw);

/** Two calls (two FakeGateways, one account): a gateway that routes by call id. */
function twoCalls(a: FakeGateway, b: FakeGateway, bId = '9002'): InviteGateway {
  b.call = { ...b.call, id: bId };
  const of = (callId: string) => (callId === bId ? b : a);
  return {
    getCall: (callId) => of(callId).getCall(),
    participantIds: (callId) => of(callId).participantIds(),
    self: () => a.self(),
    people: async (personIds) => [...(await a.people(personIds)), ...(await b.people(personIds)).filter((p) => p.kind !== 'self')],
    selfIsMember: (callId) => of(callId).selfIsMember(),
    inviteBatch: (callId, personIds) => of(callId).inviteBatch(CALL_ID, personIds),
    addToChat: (callId, personIds) => of(callId).addToChat(callId, personIds),
    exportInviteLink: (callId, role) => of(callId).exportInviteLink(callId, role),
  };
}

describe('item 8: an error Rollcall does not know', () => {
  it('item 8: on every request, it stops the split after a handful of requests, explained as unknown with its raw code', async () => {
    const gateway = new FakeGateway({ people: ids(1000) });
    gateway.script = () => unknown('FROBNICATE_FORBIDDEN');
    const h = setup(gateway, { window: 4 });
    const done = await runToEnd(h, ids(1000));
    expect(done.run.state).toBe('stopped');
    expect(done.run.stopReason).toMatchObject({ code: 'TELEGRAM_UNKNOWN_STOPPED' });
    expect(done.run.stopReason!.message).toContain('FROBNICATE_FORBIDDEN');
    expect(gateway.requests.length).toBeLessThanOrEqual(6);
    // Nobody is blamed for it: everyone is notSent with the stop's reason.
    expect(done.run.counts.notSent).toBe(1000);
    expect(done.run.counts.failed).toBe(0);
  });

  it('item 8: with one request in flight, both halves failing with the same code stop it', async () => {
    const gateway = new FakeGateway({ people: ids(10) });
    gateway.script = () => unknown();
    const h = setup(gateway, { window: 1 });
    const done = await runToEnd(h, ids(10));
    expect(done.run.stopReason?.code).toBe('TELEGRAM_UNKNOWN_STOPPED');
    expect(done.run.stopReason?.message).toMatch(/^Raw code: SOMETHING_NEW_123\. Telegram gave it to both halves of one request/);
    expect(gateway.requests.map((r) => r.length)).toEqual([10, 5, 5]);
  });

  it('item 8: one person’s unknown error is isolated by the split; everyone else is invited', async () => {
    const gateway = new FakeGateway({ people: ids(40), refusals: { '117': unknown() } });
    const h = setup(gateway, { window: 1 });
    const done = await runToEnd(h, ids(40));
    expect(done.run.state).toBe('done');
    expect(done.people.find((p) => p.personId === '117')).toMatchObject({ status: 'failed', error: { code: 'TELEGRAM_UNKNOWN', message: 'SOMETHING_NEW_123' } });
    expect(done.run.counts.invited).toBe(39);
  });

  it('item 8: with one person a request, two people in a row with the same unknown code stop the run', async () => {
    const gateway = new FakeGateway({ people: ids(20) });
    gateway.script = () => unknown();
    const h = setup(gateway, { window: 1, batchSize: 1 });
    const done = await runToEnd(h, ids(20));
    expect(done.run.stopReason?.code).toBe('TELEGRAM_UNKNOWN_STOPPED');
    expect(gateway.requests).toHaveLength(2);
  });
});

describe('item 8: PEER_FLOOD', () => {
  it('item 8: stops every run of the account at once, and records a cool-down that survives a restart', async () => {
    const a = new FakeGateway({ people: ids(60) });
    const b = new FakeGateway({ people: ids(60, 500) });
    const gateway = twoCalls(a, b);
    let releaseB = () => {};
    const bHeld = new Promise<void>((r) => (releaseB = r));
    b.script = async ({ n }) => {
      if (n === 2) await bHeld; // run B has a request on the wire when A meets PEER_FLOOD
      return 'default' as const;
    };
    a.script = ({ n }) => (n === 3 ? new AppError('PEER_FLOOD', 'PEER_FLOOD') : 'default');
    const clock = virtualClock(0);
    const notices: RunNotice[] = [];
    const h = setup(gateway, { window: 1, now: clock.now, notify: (n) => notices.push(n) });
    const runB = await h.engine.start('9002', ids(60, 500));
    await waitFor(() => b.requests.length === 2);
    const doneA = await runToEnd(h, ids(60));
    expect(doneA.run).toMatchObject({ state: 'stopped', stopReason: { code: 'PEER_FLOOD' } });
    expect(doneA.run.stopReason!.message).toMatch(/sends no invites from it until \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    releaseB();
    const doneB = await h.engine.settled(runB.run.id);
    expect(doneB.run).toMatchObject({ state: 'stopped', stopReason: { code: 'PEER_FLOOD' } });
    expect(b.requests).toHaveLength(2); // nothing more left after the stop
    expect(a.requests).toHaveLength(3);
    expect(notices).toContainEqual({ kind: 'accountLimited', runId: doneA.run.id, code: 'PEER_FLOOD' });

    const file = join(h.dataDir, ACCOUNT_LIMITS_FILE);
    await waitFor(() => {
      try {
        return statSync(file).isFile();
      } catch {
        return false;
      }
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);

    // A restart over the same data folder: new runs (and plans) are refused without a request.
    await h.engine.dispose();
    const fresh = new FakeGateway({ people: ids(10, 900) });
    const restarted = setup(fresh, { now: clock.now }, h.dataDir);
    await expect(restarted.engine.plan(CALL_ID, ids(10, 900))).rejects.toMatchObject({ code: 'ACCOUNT_COOLING_DOWN' });
    await expect(restarted.engine.start(CALL_ID, ids(10, 900))).rejects.toMatchObject({ code: 'ACCOUNT_COOLING_DOWN' });
    await expect(restarted.engine.retry(doneA.run.id, null)).rejects.toMatchObject({ code: 'ACCOUNT_COOLING_DOWN' });
    expect(fresh.requests).toHaveLength(0);

    // Once the cool-down is over, runs start again.
    clock.advance(PEER_FLOOD_COOLDOWN_MS + 1000);
    const later = await runToEnd(restarted, ids(10, 900));
    expect(later.run.counts.invited).toBe(10);
  });
});

describe('item 8: a damaged account-limits.json', () => {
  it('item 8: a damaged account-limits.json is set aside and holds every account for the cool-down, across restarts, until it ends or the file is deleted', async () => {
    const dataDir = tempDataDir();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, ACCOUNT_LIMITS_FILE), '{"version":1,"accounts":{"42":{"since":1,"unt');
    const clock = virtualClock(0);
    const gateway = new FakeGateway({ people: ids(10) });
    const h = setup(gateway, { now: clock.now }, dataDir);

    // Refused before any request, in the catalogue's words, naming the file and how to lift it.
    const refusal = h.engine.start(CALL_ID, ids(10));
    await expect(refusal).rejects.toMatchObject({ code: 'ACCOUNT_LIMITS_DAMAGED' });
    const message = ((await refusal.catch((e: unknown) => e)) as AppError).message;
    expect(message).toContain(join(dataDir, ACCOUNT_LIMITS_FILE));
    expect(message).toMatch(/until \d{4}-\d\d-\d\d \d\d:\d\d UTC, or until you delete account-limits\.json and restart Rollcall/);
    await expect(h.engine.plan(CALL_ID, ids(10))).rejects.toMatchObject({ code: 'ACCOUNT_LIMITS_DAMAGED' });
    expect(gateway.requests).toHaveLength(0);

    // The damaged copy is kept; the new file (0600) holds the hold, so a restart keeps it.
    const kept = readdirSync(dataDir).filter((name) => name.startsWith(`${ACCOUNT_LIMITS_FILE}.damaged-`));
    expect(kept).toHaveLength(1);
    expect(message).toContain(kept[0]);
    expect(readFileSync(join(dataDir, kept[0]!), 'utf8')).toContain('"unt');
    expect(statSync(join(dataDir, ACCOUNT_LIMITS_FILE)).mode & 0o777).toBe(0o600);
    await h.engine.dispose();
    clock.advance(PEER_FLOOD_COOLDOWN_MS - 60_000);
    const restarted = setup(gateway, { now: clock.now }, dataDir);
    await expect(restarted.engine.start(CALL_ID, ids(10))).rejects.toMatchObject({ code: 'ACCOUNT_LIMITS_DAMAGED' });
    expect(gateway.requests).toHaveLength(0);

    // It ends by itself after the cool-down…
    clock.advance(120_000);
    expect((await runToEnd(restarted, ids(10))).run.counts.invited).toBe(10);

    // …and deleting the file (after asking @SpamBot) lifts a fresh hold at the next start.
    await restarted.engine.dispose();
    writeFileSync(join(dataDir, ACCOUNT_LIMITS_FILE), 'not json');
    const again = setup(new FakeGateway({ people: ids(10, 300) }), { now: clock.now }, dataDir);
    await expect(again.engine.start(CALL_ID, ids(10, 300))).rejects.toMatchObject({ code: 'ACCOUNT_LIMITS_DAMAGED' });
    await again.engine.dispose();
    rmSync(join(dataDir, ACCOUNT_LIMITS_FILE));
    const cleared = setup(new FakeGateway({ people: ids(10, 300) }), { now: clock.now }, dataDir);
    expect((await runToEnd(cleared, ids(10, 300))).run.counts.invited).toBe(10);
  });

  it('item 8: a PEER_FLOOD cool-down still refuses with its own words and end', async () => {
    const dataDir = tempDataDir();
    const clock = virtualClock(0);
    mkdirSync(dataDir, { recursive: true });
    const until = clock.now() + 3_600_000;
    const gateway = new FakeGateway({ people: ids(10) });
    const self = (await gateway.self()).id;
    writeFileSync(join(dataDir, ACCOUNT_LIMITS_FILE), JSON.stringify({ version: 1, accounts: { [self]: { since: clock.now(), until, code: 'PEER_FLOOD' } } }));
    const h = setup(gateway, { now: clock.now }, dataDir);
    await expect(h.engine.start(CALL_ID, ids(10))).rejects.toMatchObject({ code: 'ACCOUNT_COOLING_DOWN' });
    expect(readdirSync(dataDir).filter((name) => name.includes('.damaged-'))).toEqual([]);
  });
});

describe('item 8: a long FLOOD_WAIT asks first', () => {
  const longFlood = (seconds: number) => new AppError('FLOOD_WAIT', `FLOOD_WAIT_${seconds}`, seconds);

  it('item 8: the threshold is 15 minutes', () => {
    expect(LONG_FLOOD_SECONDS).toBe(900);
  });

  it('item 8: nothing is sent until the organiser answers; “wait” resumes after the wait and says so', async () => {
    const gateway = new FakeGateway({ people: ids(30) });
    gateway.script = ({ n }) => (n === 2 ? longFlood(20) : 'default');
    const notices: RunNotice[] = [];
    const h = setup(gateway, { ...virtualClock(0), window: 1, longFloodSeconds: 5, notify: (n) => notices.push(n) });
    const started = await h.engine.start(CALL_ID, ids(30));
    await waitFor(() => h.events.some((e) => e.run.floodWait?.question === 'pending'));
    // The wait (20 virtual seconds) passes many times over: still nothing is sent unasked.
    await new Promise((r) => setTimeout(r, 100));
    expect(gateway.requests).toHaveLength(2);
    expect((await h.engine.get(started.run.id)).run).toMatchObject({ state: 'floodWait', floodWait: { question: 'pending', source: 'telegram', seconds: 20 } });
    expect(notices[0]).toMatchObject({ kind: 'floodQuestion', seconds: 20 });
    await h.engine.answerFloodWait(started.run.id, 'wait');
    const done = await h.engine.settled(started.run.id);
    expect(done.run.state).toBe('done');
    expect(done.run.counts.invited).toBe(30);
    expect(notices).toContainEqual({ kind: 'resumedAfterWait', runId: started.run.id });
    await expect(h.engine.answerFloodWait(started.run.id, 'wait')).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('item 8: “stop” ends the run at once; the rest can be retried later', async () => {
    const gateway = new FakeGateway({ people: ids(30) });
    gateway.script = ({ n }) => (n === 2 ? longFlood(21_600) : 'default');
    const h = setup(gateway, { ...virtualClock(5), window: 1 });
    const started = await h.engine.start(CALL_ID, ids(30));
    await waitFor(() => h.events.some((e) => e.run.floodWait?.question === 'pending'));
    const stopped = await h.engine.answerFloodWait(started.run.id, 'stop');
    expect(stopped.run).toMatchObject({ state: 'stopped', stopReason: { code: 'FLOOD_WAIT_LONG' } });
    expect(stopped.run.stopReason!.message).toMatch(/360 minutes/);
    expect(stopped.run.counts).toMatchObject({ invited: 10, notSent: 20 });
    expect(gateway.requests).toHaveLength(2);
  });

  it('item 8: the wait survives a restart: resuming waits out the rest of it, then sends', async () => {
    const gateway = new FakeGateway({ people: ids(30) });
    gateway.script = ({ n }) => (n === 2 ? longFlood(3600) : 'default');
    const clock = virtualClock(5);
    const h = setup(gateway, { ...clock, window: 1 });
    const started = await h.engine.start(CALL_ID, ids(30));
    await waitFor(() => h.events.some((e) => e.run.floodWait?.question === 'pending'));
    const until = h.events.find((e) => e.run.floodWait)!.run.floodWait!.until;
    await h.engine.dispose(); // quit during the wait

    const sentAt: number[] = [];
    const fast = virtualClock(0, clock.now());
    gateway.script = () => {
      sentAt.push(fast.now());
      return 'default';
    };
    const restarted = setup(gateway, { ...fast, window: 1 }, h.dataDir);
    expect((await restarted.engine.get(started.run.id)).run.state).toBe('interrupted');
    await restarted.engine.resume(started.run.id);
    const done = await restarted.engine.settled(started.run.id);
    expect(done.run.state).toBe('done');
    expect(done.run.counts.invited).toBe(30);
    expect(sentAt.length).toBeGreaterThan(0);
    expect(Math.min(...sentAt)).toBeGreaterThanOrEqual(until);
    expect([...gateway.deliveries.values()].every((n) => n === 1)).toBe(true);
  });
});

describe('item 8: pacing', () => {
  it('item 8: the per-hour ceiling holds the run, shown as Rollcall’s own pacing', async () => {
    const gateway = new FakeGateway({ people: ids(25) });
    const clock = virtualClock(0);
    const sentAt: number[] = [];
    gateway.script = () => {
      sentAt.push(clock.now());
      return 'default';
    };
    const h = setup(gateway, { ...clock, window: 2, perHourCeiling: 20 });
    const done = await runToEnd(h, ids(25));
    expect(done.run.counts.invited).toBe(25);
    expect(sentAt).toHaveLength(3);
    expect(sentAt[2]! - sentAt[0]!).toBeGreaterThanOrEqual(60 * 60 * 1000);
    const pacing = h.events.filter((e) => e.run.floodWait?.source === 'pacing');
    expect(pacing.length).toBeGreaterThan(0);
    expect(pacing[0]!.run.floodWait!.question).toBeUndefined();
  });

  it('item 8: a damaged pacing.json counts every account’s hour as full for one hour, then sends', async () => {
    const dataDir = tempDataDir();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, PACING_FILE), '{"version":1,"acc');
    const gateway = new FakeGateway({ people: ids(10) });
    const clock = virtualClock(0);
    const sentAt: number[] = [];
    gateway.script = () => {
      sentAt.push(clock.now());
      return 'default';
    };
    const startedAt = clock.now();
    const h = setup(gateway, { ...clock, window: 1, perHourCeiling: 200 }, dataDir);
    const done = await runToEnd(h, ids(10));
    expect(done.run.counts.invited).toBe(10);
    expect(sentAt).toHaveLength(1);
    expect(sentAt[0]! - startedAt).toBeGreaterThanOrEqual(60 * 60 * 1000);
    expect(h.events.some((e) => e.run.floodWait?.source === 'pacing')).toBe(true);
    await h.engine.dispose();
    expect(statSync(join(dataDir, PACING_FILE)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(dataDir, PACING_FILE), 'utf8'))).toMatchObject({ version: 1 });
  });
});

describe('item 9: errors that mean two things', () => {
  it('item 9: USER_NOT_PARTICIPANT checks the organiser’s own membership first (one request) and stops without blaming anyone', async () => {
    const gateway = new FakeGateway({ people: ids(100) });
    gateway.selfMember = false;
    const h = setup(gateway, { window: 1 });
    const done = await runToEnd(h, ids(100));
    expect(done.run).toMatchObject({ state: 'stopped', stopReason: { code: 'SELF_NOT_PARTICIPANT' } });
    expect(done.run.counts.notMember).toBe(0);
    expect(gateway.requests).toHaveLength(1);
    expect(gateway.membershipChecks).toHaveLength(1);
  });

  it('item 9: when the organiser is a member, the split finds the invitees who are not (one check per run)', async () => {
    const gateway = new FakeGateway({ people: ids(40), nonMembers: ['105', '131'] });
    const h = setup(gateway, { window: 1 });
    const done = await runToEnd(h, ids(40));
    expect(done.run.state).toBe('done');
    expect(done.run.counts).toMatchObject({ notMember: 2, invited: 38 });
    expect(gateway.membershipChecks).toHaveLength(1);
  });

  for (const [what, change, code] of [
    ['ended', (g: FakeGateway) => (g.call = { ...g.call, state: 'ended' }), 'GROUPCALL_FORBIDDEN'],
    ['live, organiser not joined', (g: FakeGateway) => (g.call = { ...g.call, joinAs: { kind: 'notJoined', title: null } }), 'GROUPCALL_JOIN_MISSING'],
    ['live, joined as a channel', (g: FakeGateway) => (g.call = { ...g.call, joinAs: { kind: 'channel', title: 'News' } }), 'GROUPCALL_JOIN_MISSING'],
    ['live, joined as themself', () => {}, 'GROUPCALL_NOT_ALLOWED'],
  ] as const) {
    it(`item 9: GROUPCALL_FORBIDDEN re-reads the call: ${what} → ${code}`, async () => {
      const gateway = new FakeGateway({ people: ids(30) });
      gateway.script = ({ n }) => {
        if (n !== 2) return 'default';
        change(gateway);
        return new AppError('GROUPCALL_FORBIDDEN', 'GROUPCALL_FORBIDDEN');
      };
      const h = setup(gateway, { window: 1 });
      const done = await runToEnd(h, ids(30));
      expect(done.run).toMatchObject({ state: 'stopped', stopReason: { code } });
      expect(done.run.counts).toMatchObject({ invited: 10, notSent: 20 });
      expect(gateway.requests).toHaveLength(2);
    });
  }

  it('item 9: GROUPCALL_JOIN_MISSING from Telegram is a call-level stop', async () => {
    const gateway = new FakeGateway({ people: ids(30) });
    gateway.script = () => new AppError('GROUPCALL_JOIN_MISSING', 'GROUPCALL_JOIN_MISSING');
    const h = setup(gateway, { window: 1 });
    const done = await runToEnd(h, ids(30));
    expect(done.run).toMatchObject({ state: 'stopped', stopReason: { code: 'GROUPCALL_JOIN_MISSING' } });
    expect(gateway.requests).toHaveLength(1);
    expect(statuses(done)['100']).toBe('notSent');
  });

  it('item 9: CHAT_TYPE_INVALID is call-level wherever it arrives (no probe)', async () => {
    const gateway = new FakeGateway({ people: ids(30) });
    gateway.script = ({ n }) => (n === 2 ? new AppError('CHAT_TYPE_INVALID', 'CHAT_TYPE_INVALID') : 'default');
    const h = setup(gateway, { window: 1 });
    const done = await runToEnd(h, ids(30));
    expect(done.run).toMatchObject({ state: 'stopped', stopReason: { code: 'CHAT_TYPE_INVALID' } });
    expect(gateway.requests).toHaveLength(2);
  });
});
