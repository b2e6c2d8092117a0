// The engine's logic against a small in-test Telegram (FakeGateway). The same paths run through
// GramJS and the sandbox in electron/core/invite/sandbox.test.ts.
import { describe, expect, it } from 'vitest';
import type { RunSnapshot } from '../../../shared/domain/invite';
import { AppError } from '../../../shared/ipc/result';
import { CALL_ID, FakeGateway, ids } from './testSupport/fakeGateway';
import { trackedEngines, virtualClock, type EngineHarness } from './testSupport/harness';

const setup = trackedEngines();

const statuses = (snapshot: RunSnapshot) => Object.fromEntries(snapshot.people.map((p) => [p.personId, p.status]));
const delivered = (gateway: FakeGateway) => [...gateway.deliveries.values()];

async function runToEnd(h: EngineHarness, people: string[]): Promise<RunSnapshot> {
  const started = await h.engine.start(CALL_ID, people);
  return h.engine.settled(started.run.id);
}

describe('sending', () => {
  it('invites everyone in batches of at most batchSize, each once', async () => {
    const gateway = new FakeGateway({ people: ids(25) });
    const h = setup(gateway, { batchSize: 10 });
    const done = await runToEnd(h, ids(25));
    expect(done.run).toMatchObject({ state: 'done', total: 25, batches: { done: 3, total: 3 } });
    expect(done.run.counts.invited).toBe(25);
    expect(gateway.requests.map((r) => r.length)).toEqual([10, 10, 5]);
    expect(delivered(gateway)).toEqual(Array(25).fill(1));
    expect(done.people.every((p) => p.attempts === 1 && p.error === null)).toBe(true);
  });

  it('never has more than `window` requests in flight', async () => {
    const gateway = new FakeGateway({ people: ids(60) });
    let inFlight = 0;
    let most = 0;
    gateway.script = async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight -= 1;
      return 'default' as const;
    };
    const h = setup(gateway, { batchSize: 5, window: 3 });
    await runToEnd(h, ids(60));
    expect(most).toBe(3);
  });

  it('a reply that itemises nobody leaves the batch unconfirmed, never invited', async () => {
    const gateway = new FakeGateway({ people: ids(12) });
    gateway.shape = 'unitemised';
    const h = setup(gateway);
    const done = await runToEnd(h, ids(12));
    expect(done.run.counts.unconfirmed).toBe(12);
    expect(done.run.counts.invited).toBe(0);
  });

  it('the split finds exactly the already-invited people and invites the rest', async () => {
    const already = ['103', '107', '118'];
    const gateway = new FakeGateway({ people: ids(20), alreadyInvited: already });
    const h = setup(gateway);
    const done = await runToEnd(h, ids(20));
    const s = statuses(done);
    expect(Object.keys(s).filter((id) => s[id] === 'alreadyInvited').sort()).toEqual(already);
    expect(done.run.counts.invited).toBe(17);
    expect(done.people.find((p) => p.personId === '103')!.error).toEqual({ code: 'USER_ALREADY_INVITED', message: 'USER_ALREADY_INVITED' });
    // 20 people, 3 refusals: 2 batches + the splits (each refused batch of n costs at most 2·log2(n) more).
    expect(gateway.requests.length).toBeLessThanOrEqual(2 + 3 * 2 * Math.ceil(Math.log2(10)));
    expect(delivered(gateway)).toEqual(Array(17).fill(1));
  });

  it('person-level refusals touch only that person: not a member, privacy', async () => {
    const gateway = new FakeGateway({
      people: ids(10),
      nonMembers: ['102'],
      refusals: { '105': new AppError('USER_PRIVACY_RESTRICTED', 'USER_PRIVACY_RESTRICTED') },
    });
    const h = setup(gateway);
    const done = await runToEnd(h, ids(10));
    const byId = Object.fromEntries(done.people.map((p) => [p.personId, p]));
    expect(byId['102']).toMatchObject({ status: 'notMember', error: { code: 'USER_NOT_PARTICIPANT' } });
    expect(byId['105']).toMatchObject({ status: 'failed', error: { code: 'USER_PRIVACY_RESTRICTED' } });
    expect(done.run.counts.invited).toBe(8);
  });

  it('someone in a batch but not in the service message is asked about alone', async () => {
    const gateway = new FakeGateway({ people: ids(4) });
    // The first request's reply lists all but 101 (Telegram left them out without saying why).
    gateway.script = ({ ids: batch, n }) => {
      if (n === 1) {
        const listed = batch.filter((id) => id !== '101');
        listed.forEach((id) => gateway.invited.add(id));
        listed.forEach((id) => gateway.deliveries.set(id, 1));
        gateway.inCall.add('101'); // ...because they had joined the call meanwhile.
        return { kind: 'itemised', invitedIds: listed };
      }
      return 'default';
    };
    const h = setup(gateway);
    const done = await runToEnd(h, ids(4));
    expect(gateway.requests).toEqual([ids(4), ['101']]);
    expect(done.people.find((p) => p.personId === '101')).toMatchObject({ status: 'skipped', skipReason: 'inCall' });
    expect(done.run.counts.invited).toBe(3);
  });

  it('alone, not listed and not in the call: unconfirmed', async () => {
    const gateway = new FakeGateway({ people: ids(1) });
    gateway.script = () => ({ kind: 'itemised', invitedIds: [] });
    const h = setup(gateway);
    const done = await runToEnd(h, ids(1));
    expect(statuses(done)).toEqual({ '100': 'unconfirmed' });
  });

  it('emits only changed people, at most about 20 events a second', async () => {
    const gateway = new FakeGateway({ people: ids(300) });
    gateway.script = async () => {
      await new Promise((r) => setTimeout(r, 2));
      return 'default' as const;
    };
    const h = setup(gateway, { batchSize: 1, window: 4 });
    const startedAt = Date.now();
    await runToEnd(h, ids(300));
    const seconds = (Date.now() - startedAt) / 1000;
    expect(h.events.length).toBeLessThanOrEqual(Math.ceil(seconds * 20) + 2);
    const last = h.events.at(-1)!;
    expect(last.run.state).toBe('done');
    // Every person's final status reached the renderer.
    const seen = new Map<string, string>();
    for (const e of h.events) for (const p of e.changed) seen.set(p.personId, p.status);
    expect([...seen.values()].every((s) => s === 'invited')).toBe(true);
    expect(seen.size).toBe(300);
  });
});

describe('flood waits', () => {
  it('pause the whole run with a countdown and resume by themselves', async () => {
    const gateway = new FakeGateway({ people: ids(30) });
    gateway.script = ({ n }) => (n === 2 ? new AppError('FLOOD_WAIT', 'FLOOD_WAIT_3', 3) : 'default');
    const clock = virtualClock(60);
    const h = setup(gateway, { ...clock, window: 1 });
    const done = await runToEnd(h, ids(30));
    expect(done.run.state).toBe('done');
    expect(done.run.counts.invited).toBe(30);
    const waiting = h.events.filter((e) => e.run.state === 'floodWait');
    expect(waiting.length).toBeGreaterThanOrEqual(3); // one per second of the wait
    expect(waiting[0]!.run.floodWait).toMatchObject({ seconds: 3 });
    expect(delivered(gateway)).toEqual(Array(30).fill(1));
  });

  it('refusals of requests already in flight do not push the wait out; a longer limit does', async () => {
    for (const [laterSeconds, expectedWaitMs] of [[2, 2000], [10, 10_300]] as const) {
      const gateway = new FakeGateway({ people: ids(20) });
      const clock = virtualClock(50); // a virtual second takes 50 real ms: the second refusal lands mid-wait
      const t0 = clock.now();
      const sentAt: number[] = [];
      let secondSent = () => {};
      const bothInFlight = new Promise<void>((resolve) => (secondSent = resolve));
      gateway.script = async ({ n }) => {
        sentAt.push(clock.now() - t0);
        if (n === 1) {
          await bothInFlight;
          return new AppError('FLOOD_WAIT', 'FLOOD_WAIT_2', 2);
        }
        if (n === 2) {
          secondSent();
          await new Promise((r) => setTimeout(r, 20)); // the first refusal lands first...
          clock.advance(300); // ...and this one 300 ms after it
          return new AppError('FLOOD_WAIT', `FLOOD_WAIT_${laterSeconds}`, laterSeconds);
        }
        return 'default';
      };
      const h = setup(gateway, { ...clock, window: 2 });
      const done = await runToEnd(h, ids(20));
      expect(done.run.counts.invited).toBe(20);
      expect(sentAt.slice(0, 2)).toEqual([0, 0]);
      expect(sentAt[2]).toBe(expectedWaitMs);
    }
  });

  it('can be cancelled during the wait: the rest is notSent (RUN_CANCELLED)', async () => {
    const gateway = new FakeGateway({ people: ids(30) });
    gateway.script = ({ n }) => (n === 2 ? new AppError('FLOOD_WAIT', 'FLOOD_WAIT_600', 600) : 'default');
    const h = setup(gateway, { window: 1 });
    const started = await h.engine.start(CALL_ID, ids(30));
    await waitFor(() => h.events.some((e) => e.run.state === 'floodWait'));
    const cancelled = await h.engine.cancel(started.run.id);
    expect(cancelled.run.state).toBe('cancelled');
    expect(cancelled.run.counts.invited).toBe(10);
    expect(cancelled.run.counts.notSent).toBe(20);
    expect(cancelled.people.filter((p) => p.status === 'notSent').every((p) => p.error?.code === 'RUN_CANCELLED')).toBe(true);
  });
});

describe('call-level errors', () => {
  it('stop the run: requests in flight land, everyone else is notSent with the reason', async () => {
    const gateway = new FakeGateway({ people: ids(50) });
    gateway.script = ({ n }) => {
      if (n === 3) gateway.call = { ...gateway.call, state: 'ended' };
      return 'default';
    };
    const h = setup(gateway, { window: 1 });
    const done = await runToEnd(h, ids(50));
    expect(done.run.state).toBe('stopped');
    expect(done.run.stopReason?.code).toBe('GROUPCALL_FORBIDDEN');
    expect(done.run.counts.invited).toBe(20);
    expect(done.run.counts.notSent).toBe(30);
    expect(done.people.filter((p) => p.status === 'notSent').every((p) => p.error?.code === 'GROUPCALL_FORBIDDEN')).toBe(true);
  });

  for (const code of ['GROUPCALL_INVALID', 'INVITE_FORBIDDEN_WITH_JOINAS', 'CHAT_TYPE_INVALID', 'AUTH_KEY_UNREGISTERED', 'SESSION_REVOKED', 'NOT_SIGNED_IN', 'PEER_FLOOD'] as const) {
    it(`${code} stops the run`, async () => {
      const gateway = new FakeGateway({ people: ids(20) });
      gateway.script = ({ n }) => (n === 2 ? new AppError(code, code) : 'default');
      const h = setup(gateway, { window: 1 });
      const done = await runToEnd(h, ids(20));
      expect(done.run).toMatchObject({ state: 'stopped', stopReason: { code } });
      expect(done.run.counts).toMatchObject({ invited: 10, notSent: 10 });
    });
  }

  it('a plan with a call problem refuses to start and sends nothing', async () => {
    const gateway = new FakeGateway({ people: ids(5) });
    gateway.call = { ...gateway.call, joinAs: { kind: 'channel', title: 'Pod' }, warnings: ['joinedAsChannel'] };
    const h = setup(gateway);
    const plan = await h.engine.plan(CALL_ID, ids(5));
    expect(plan.callProblem?.code).toBe('INVITE_FORBIDDEN_WITH_JOINAS');
    await expect(h.engine.start(CALL_ID, ids(5))).rejects.toMatchObject({ code: 'INVITE_FORBIDDEN_WITH_JOINAS' });
    expect(gateway.requests).toEqual([]);
    expect(await h.engine.list()).toEqual([]);
  });
});

describe('network failures', () => {
  it('send the request again; a second invitation is refused, so nobody gets two', async () => {
    const gateway = new FakeGateway({ people: ids(10) });
    // The first request reaches Telegram but its answer is lost.
    gateway.script = async ({ ids: batch, n }) => {
      if (n !== 1) return 'default';
      gateway.applyRules(batch);
      return new AppError('TIMEOUT', 'timed out');
    };
    const h = setup(gateway, { retryBackoffMs: 1 });
    const done = await runToEnd(h, ids(10));
    expect(done.run.state).toBe('done');
    expect(done.run.counts.alreadyInvited).toBe(10);
    const first = done.people[0]!;
    expect(first.error?.code).toBe('USER_ALREADY_INVITED');
    expect(first.error?.message).toMatch(/earlier request.*most likely delivered it/);
    expect(delivered(gateway)).toEqual(Array(10).fill(1));
  });

  it('when retries run out, the unanswered batch is failed (outcome unknown) and the run stops', async () => {
    const gateway = new FakeGateway({ people: ids(20) });
    gateway.script = ({ n }) => (n >= 2 ? new AppError('NETWORK_UNREACHABLE', 'ECONNREFUSED') : 'default');
    const h = setup(gateway, { window: 1, networkRetries: 2, retryBackoffMs: 1 });
    const done = await runToEnd(h, ids(20));
    expect(done.run).toMatchObject({ state: 'stopped', stopReason: { code: 'NETWORK_UNREACHABLE' } });
    expect(done.run.counts).toMatchObject({ invited: 10, failed: 10 });
    expect(done.people[15]!.error?.message).toMatch(/may or may not have reached them/);
    expect(gateway.requests.length).toBe(1 + 3);
  });

  it('a request that never answers times out like a lost answer', async () => {
    const gateway = new FakeGateway({ people: ids(3) });
    gateway.script = ({ n }) => (n === 1 ? new Promise(() => {}) : 'default');
    const h = setup(gateway, { requestTimeoutMs: 50, retryBackoffMs: 1 });
    const done = await runToEnd(h, ids(3));
    expect(done.run.counts.invited).toBe(3);
    expect(done.people[0]!.attempts).toBe(2);
  });
});

describe('runs', () => {
  it('one run per call at a time', async () => {
    const gateway = new FakeGateway({ people: ids(20) });
    gateway.script = () => new Promise((r) => setTimeout(() => r('default'), 20));
    const h = setup(gateway);
    const first = await h.engine.start(CALL_ID, ids(10));
    await expect(h.engine.start(CALL_ID, ids(10, 110))).rejects.toMatchObject({ code: 'RUN_ALREADY_ACTIVE' });
    await h.engine.settled(first.run.id);
  });

  it('a later run skips the people an earlier run invited (invitedBefore)', async () => {
    const gateway = new FakeGateway({ people: ids(10) });
    const h = setup(gateway);
    await runToEnd(h, ids(5));
    const plan = await h.engine.plan(CALL_ID, ids(10));
    expect(plan.people.filter((p) => p.skipReason === 'invitedBefore').map((p) => p.personId)).toEqual(ids(5));
    expect(plan.toSend).toBe(5);
  });

  it('retry starts a new run with the retryable people only', async () => {
    const gateway = new FakeGateway({
      people: ids(6),
      refusals: { '101': new AppError('USER_PRIVACY_RESTRICTED', 'USER_PRIVACY_RESTRICTED') },
    });
    // Request 1 (100-102) is refused for 101's privacy and split; request 2 (100-101) hits a
    // call-level error (not PEER_FLOOD: that one holds the account for a cool-down, see "item 8").
    gateway.script = ({ n }) => (n === 2 ? new AppError('INTERNAL', 'a failure inside Rollcall') : 'default');
    const h = setup(gateway, { batchSize: 3, window: 1 });
    const first = await runToEnd(h, ids(6));
    expect(first.run).toMatchObject({ state: 'stopped', stopReason: { code: 'INTERNAL' } });
    expect(first.run.counts.notSent).toBe(6);
    gateway.script = () => 'default';
    const second = await h.engine.settled((await h.engine.retry(first.run.id, null)).run.id);
    expect(statuses(second)).toEqual({ '100': 'invited', '101': 'failed', '102': 'invited', '103': 'invited', '104': 'invited', '105': 'invited' });
    // Privacy refusals are not retryable (the catalogue says so): nobody is left to retry.
    await expect(h.engine.retry(second.run.id, null)).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    expect(delivered(gateway)).toEqual(Array(5).fill(1));
  });

  it('adds notMember people to the group, then invites them in a new run', async () => {
    const gateway = new FakeGateway({ people: ids(4), nonMembers: ['101', '103'] });
    const h = setup(gateway);
    const first = await runToEnd(h, ids(4));
    expect(first.run.counts.notMember).toBe(2);
    const second = await h.engine.addToGroup(first.run.id, ['101', '103', '100']);
    const done = await h.engine.settled(second.run.id);
    expect(gateway.added).toEqual(['101', '103']);
    expect(statuses(done)).toEqual({ '101': 'invited', '103': 'invited' });
    expect(delivered(gateway)).toEqual([1, 1, 1, 1]);
  });

  it('history lists runs newest first and exports a run as CSV', async () => {
    const gateway = new FakeGateway({ people: ids(3) });
    const h = setup(gateway);
    const a = await runToEnd(h, ['100']);
    const b = await runToEnd(h, ['101', '102']);
    const list = await h.engine.list();
    expect(list.map((r) => r.id)).toEqual([b.run.id, a.run.id]);
    const csv = await h.engine.exportCsv(b.run.id);
    expect(csv.fileName).toBe(`rollcall-test-group-${b.run.id}.csv`);
    expect(csv.csv.split('\r\n')[0]).toBe('name,username,id,status,reason code,reason text,attempts,updated at,joined_at,left_at,minutes_after_invite');
    await expect(h.engine.get('run-nope')).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
  });

  it('exports listener and speaker links', async () => {
    const h = setup(new FakeGateway({ people: [] }));
    expect(await h.engine.exportLink(CALL_ID, 'speaker')).toMatch(/videochat=/);
    expect(await h.engine.exportLink(CALL_ID, 'listener')).toBe('https://t.me/test_group?videochat');
  });
});

async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
