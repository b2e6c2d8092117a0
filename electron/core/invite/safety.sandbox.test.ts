// Account safety (issue 9, items 8 and 9) end to end: the engine, the core's InviteGateway, the
// real GramJS client and the sandbox over TCP. The request budget is counted AT THE SANDBOX
// (sandbox.stats(), per method, for the organiser's account: everything that reached it, planning
// included). Other tests count gateway calls with a wrapper around the REAL gateway, to say which
// InviteGateway call (e.g. the membership check) was made. The same rules in the strict profile,
// over a 1,000-person run: strict.sandbox.test.ts.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunSnapshot } from '../../../shared/domain/invite';
import type { Person } from '../../../shared/domain/people';
import { ACCOUNT_LIMITS_FILE } from './accountLimits';
import type { InviteEngineOptions } from './engine';
import type { InviteGateway } from './ports';
import type { RunNotice } from './sender';
import { engineFor, virtualClock, type EngineHarness } from './testSupport/harness';
import { IDS, openSandboxSession, type SandboxSession } from './testSupport/sandboxSession';

let s: SandboxSession;
const harnesses: EngineHarness[] = [];

beforeAll(async () => {
  s = await openSandboxSession({ size: { members: 1100, callParticipants: 0 } });
}, 60_000);
afterAll(async () => s?.close());
afterEach(async () => {
  s.resetControls();
  for (const h of harnesses.splice(0)) {
    await h.engine.dispose();
    h.cleanup();
  }
});

/** The real gateway, with every call that reaches Telegram counted (and a hook before each invite). */
function counted(gateway: InviteGateway, beforeInvite: () => void = () => {}) {
  const calls: Record<string, number> = {};
  const count = <A extends unknown[], R>(name: string, method: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      calls[name] = (calls[name] ?? 0) + 1;
      return method(...args);
    };
  const wrapped: InviteGateway = {
    getCall: count('getCall', gateway.getCall),
    participantIds: count('participantIds', gateway.participantIds),
    self: gateway.self, // answered from the session's cache: no request
    people: gateway.people, // likewise
    selfIsMember: count('selfIsMember', gateway.selfIsMember),
    inviteBatch: count('inviteBatch', (callId, ids) => {
      beforeInvite();
      return gateway.inviteBatch(callId, ids);
    }),
    addToChat: count('addToChat', gateway.addToChat),
    exportInviteLink: count('exportInviteLink', gateway.exportInviteLink),
  };
  return { gateway: wrapped, calls, total: () => Object.values(calls).reduce((a, b) => a + b, 0) };
}

const engine = (gateway: InviteGateway, extra: Partial<InviteEngineOptions> = {}) => {
  const h = engineFor(gateway, extra);
  harnesses.push(h);
  return h;
};

async function freshCall(count: number): Promise<{ callId: string; people: string[] }> {
  const callId = await s.freshCall(IDS.rustMeetup);
  const members = await s.members(callId);
  const invitable = members.filter((p: Person) => p.kind === 'user' && p.id !== String(IDS.ada));
  if (invitable.length < count) throw new Error(`only ${invitable.length} invitable members`);
  return { callId, people: invitable.slice(0, count).map((p) => p.id) };
}

/** The organiser's requests that reached the sandbox since the last resetStats(), per method. */
function adaRequests(): { byMethod: Record<string, number>; total: number; invites: number } {
  const byMethod = s.sandbox.stats().byAccount[`user:${IDS.ada}`] ?? {};
  return { byMethod, total: Object.values(byMethod).reduce((a, b) => a + b, 0), invites: byMethod['phone.inviteToGroupCall'] ?? 0 };
}

const deliveries = (callId: string, ids: readonly string[]) => ids.map((id) => s.sandbox.world.deliveries(BigInt(callId), BigInt(id)));
const withStatus = (run: RunSnapshot, status: string) => run.people.filter((p) => p.status === status).map((p) => p.personId);
function expectDeliveredOnce(callId: string, run: RunSnapshot): void {
  const holding = [...withStatus(run, 'invited'), ...withStatus(run, 'alreadyInvited')];
  expect(deliveries(callId, holding)).toEqual(holding.map(() => 1));
  const rest = run.people.map((p) => p.personId).filter((id) => !holding.includes(id));
  expect(deliveries(callId, rest)).toEqual(rest.map(() => 0));
}
const waitFor = async (condition: () => boolean, ms = 10_000) => {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};
const FINAL = ['invited', 'alreadyInvited', 'notMember', 'unconfirmed', 'notSent', 'failed', 'skipped'];

describe('item 8: the request budget', () => {
  it('item 8: 1,000 people with 50 scattered refusals stay within 2k·log2(n/k) + n/10 + c requests', async () => {
    const n = 1000;
    const k = 50;
    const { callId, people } = await freshCall(n);
    // Refusals: 50 people already invited by another Rollcall (its own data folder), one in every 20.
    const refused = people.filter((_, i) => i % 20 === 7);
    expect(refused).toHaveLength(k);
    const elsewhere = engine(s.gateway);
    await elsewhere.engine.settled((await elsewhere.engine.start(callId, refused)).run.id);

    s.sandbox.resetStats();
    const h = engine(s.gateway);
    const done = await h.engine.settled((await h.engine.start(callId, people)).run.id);
    const counted = adaRequests();
    const budget = Math.ceil(2 * k * Math.log2(n / k) + n / 10 + 10);
    console.log(`item 8 budget: n=${n} k=${k}: ${counted.total} requests at the sandbox (${JSON.stringify(counted.byMethod)}), budget ${budget}`);
    expect(done.run.state).toBe('done');
    expect(done.people.every((p) => FINAL.includes(p.status))).toBe(true);
    expect(withStatus(done, 'alreadyInvited').sort()).toEqual([...refused].sort());
    expect(done.run.counts.invited).toBe(n - k);
    expect(counted.total).toBeLessThanOrEqual(budget);
    expectDeliveredOnce(callId, done);
  }, 60_000);

  it('item 8: an unknown error on every invite stops after a handful of requests, its raw code shown', async () => {
    const { callId, people } = await freshCall(1000);
    s.sandbox.controls.failAlways = [{ method: 'phone.inviteToGroupCall', code: 403, message: 'FROBNICATE_FORBIDDEN' }];
    s.sandbox.resetStats();
    const h = engine(s.gateway, { window: 1 });
    const done = await h.engine.settled((await h.engine.start(callId, people)).run.id);
    const counted = adaRequests();
    console.log(`item 8 unknown error on every invite: ${counted.invites} invite requests, ${counted.total} in all at the sandbox`);
    expect(done.run).toMatchObject({ state: 'stopped', stopReason: { code: 'TELEGRAM_UNKNOWN_STOPPED' } });
    expect(done.run.stopReason!.message).toContain('FROBNICATE_FORBIDDEN');
    expect(counted.invites).toBeLessThanOrEqual(4);
    expect(done.run.counts.notSent).toBe(1000);
    expectDeliveredOnce(callId, done);
  }, 60_000);
});

describe('item 8: PEER_FLOOD and long waits', () => {
  it('item 8: PEER_FLOOD stops the run, records a 0600 cool-down, and a restarted engine refuses new runs without a request', async () => {
    const { callId, people } = await freshCall(60);
    s.sandbox.controls.latencyMs = 20;
    const h = engine(s.gateway, { window: 1 });
    const run = await h.engine.start(callId, people);
    await waitFor(() => deliveries(callId, people).filter((d) => d > 0).length >= 20);
    s.sandbox.controls.failNext = { method: 'phone.inviteToGroupCall', code: 400, message: 'PEER_FLOOD' };
    const done = await h.engine.settled(run.run.id);
    expect(done.run).toMatchObject({ state: 'stopped', stopReason: { code: 'PEER_FLOOD' } });
    expect(done.run.stopReason!.message).toMatch(/until \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expectDeliveredOnce(callId, done);
    await waitFor(() => {
      try {
        return statSync(join(h.dataDir, ACCOUNT_LIMITS_FILE)).isFile();
      } catch {
        return false;
      }
    });
    expect(statSync(join(h.dataDir, ACCOUNT_LIMITS_FILE)).mode & 0o777).toBe(0o600);

    await h.engine.dispose();
    const c = counted(s.gateway);
    const restarted = h.restart(c.gateway);
    harnesses.push({ ...restarted, cleanup: () => {} });
    await expect(restarted.engine.start(callId, withStatus(done, 'notSent'))).rejects.toMatchObject({ code: 'ACCOUNT_COOLING_DOWN' });
    await expect(restarted.engine.retry(done.run.id, null)).rejects.toMatchObject({ code: 'ACCOUNT_COOLING_DOWN' });
    expect(c.total()).toBe(0);
  });

  it('item 8: a FLOOD_WAIT over 15 minutes asks; nothing is sent until “wait”, then the run finishes and says so', async () => {
    const { callId, people } = await freshCall(40);
    s.sandbox.controls.latencyMs = 20;
    const notices: RunNotice[] = [];
    const c = counted(s.gateway);
    const h = engine(c.gateway, { ...virtualClock(0), window: 1, notify: (n) => notices.push(n) });
    const run = await h.engine.start(callId, people);
    await waitFor(() => deliveries(callId, people).filter((d) => d > 0).length >= 10);
    s.sandbox.controls.failNext = { method: 'phone.inviteToGroupCall', code: 420, message: 'FLOOD_WAIT_1000' };
    await waitFor(() => h.events.some((e) => e.run.floodWait?.question === 'pending'));
    const asked = c.calls.inviteBatch;
    await new Promise((r) => setTimeout(r, 300)); // the 1,000 virtual seconds pass: still nothing goes
    expect(c.calls.inviteBatch).toBe(asked);
    expect((await h.engine.get(run.run.id)).run.floodWait).toMatchObject({ seconds: 1000, question: 'pending' });
    await h.engine.answerFloodWait(run.run.id, 'wait');
    const done = await h.engine.settled(run.run.id);
    expect(done.run.state).toBe('done');
    expect(done.run.counts.invited).toBe(40);
    expect(notices.map((n) => n.kind)).toEqual(['floodQuestion', 'resumedAfterWait']);
    expectDeliveredOnce(callId, done);
  });
});

describe('item 9: told apart before anyone is blamed', () => {
  it('item 9: USER_NOT_PARTICIPANT because the organiser left: one membership check, the run stops, nobody is marked not a member', async () => {
    const { callId, people } = await freshCall(60);
    s.sandbox.controls.latencyMs = 20;
    const c = counted(s.gateway);
    const h = engine(c.gateway, { window: 1 });
    const run = await h.engine.start(callId, people);
    await waitFor(() => deliveries(callId, people).filter((d) => d > 0).length >= 20);
    // The organiser leaves the group (the sandbox has no "leave" yet: its membership answers say so).
    const world = s.sandbox.world.model;
    const isMember = world.isMember.bind(world);
    const memberEntry = world.memberEntry.bind(world);
    world.isMember = (chatId, userId) => (chatId === IDS.rustMeetup && userId === IDS.ada ? false : isMember(chatId, userId));
    world.memberEntry = (chat, userId) => (chat.id === IDS.rustMeetup && userId === IDS.ada ? undefined : memberEntry(chat, userId));
    try {
      const done = await h.engine.settled(run.run.id);
      expect(done.run).toMatchObject({ state: 'stopped', stopReason: { code: 'SELF_NOT_PARTICIPANT' } });
      expect(done.run.counts.notMember).toBe(0);
      expect(c.calls.selfIsMember).toBe(1);
      expectDeliveredOnce(callId, done);
    } finally {
      world.isMember = isMember;
      world.memberEntry = memberEntry;
    }
  });

  it('item 9: GROUPCALL_FORBIDDEN on a live call re-reads it: joined → not allowed here; not joined → join first, as yourself', async () => {
    for (const [joined, code] of [
      [true, 'GROUPCALL_NOT_ALLOWED'],
      [false, 'GROUPCALL_JOIN_MISSING'],
    ] as const) {
      const { callId, people } = await freshCall(30);
      const call = s.sandbox.world.model.call(BigInt(callId))!;
      if (!joined) call.participants = call.participants.filter((p) => p.userId !== IDS.ada);
      else if (!s.sandbox.world.model.participantOf(call, IDS.ada)) throw new Error('the sandbox’s fresh call should have its starter in it');
      s.sandbox.controls.failNext = { method: 'phone.inviteToGroupCall', code: 403, message: 'GROUPCALL_FORBIDDEN' };
      const h = engine(s.gateway, { window: 1 });
      const done = await h.engine.settled((await h.engine.start(callId, people)).run.id);
      expect(done.run).toMatchObject({ state: 'stopped', stopReason: { code } });
      expect(done.run.counts.notSent).toBe(30);
      s.sandbox.controls.failNext = null;
    }
  });
});
