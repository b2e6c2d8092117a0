// Issue 9, "Must show": the strict profile. A 1,000-person group in a sandbox started with
// `profile: 'strict'` (every unknown of Telegram's in its harshest plausible form, see
// sandbox/README.md "Behaviours"), the real GramJS client over TCP, the core's InviteGateway and
// the engine; nothing mocked. Five scenarios: 50 refusals, the organiser not joined, an unknown
// error on every invite, PEER_FLOOD after 300 invites, a 6-hour flood wait.
//
// Requests are counted AT THE SANDBOX (sandbox.stats(), per method, for the organiser's account):
// everything the run sent, planning included, and whatever GramJS sent on its own meanwhile.
// Each count is printed with its budget and asserted within it:
//   - a run that finishes: 2k·log2(n/k) + n/10 + c, k the refusals, c = BUDGET_CONSTANT;
//   - a run that must stop: A_HANDFUL requests, plus n/10 for the people it could invite first.
//
// Each scenario has a sandbox of its own (the strict PEER_FLOOD counts the account's invitations of
// the last hour, and a 6-hour flood wait refuses the account for 6 hours), and switches on the
// strict rules it is about, each a sandbox control: the profile's 30-requests-a-minute limit and
// its 300-an-hour PEER_FLOOD are lifted where they are not the subject, so a 1,000-person run
// can finish and the test is fast. No timing assertions: every check is a count or a state.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSnapshot } from '../../../shared/domain/invite';
import type { Person } from '../../../shared/domain/people';
import type { SandboxOptions } from '../../../sandbox/src/index';
import { STRICT_FLOOD_WAIT_SECONDS } from '../../../sandbox/src/controls';
import type { InviteEngineOptions } from './engine';
import type { RunNotice } from './sender';
import { engineFor, type EngineHarness } from './testSupport/harness';
import { IDS, openSandboxSession, type SandboxSession } from './testSupport/sandboxSession';

const N = 1000;
/** The small constant of the budget: planning (the call, its participants) and a few re-asks. */
const BUDGET_CONSTANT = 10;
/** "A handful": what a run that must stop may spend before it does (planning, the requests in flight, one check). */
const A_HANDFUL = 10;
const ADA = `user:${IDS.ada}`;
const FINAL = ['invited', 'alreadyInvited', 'notMember', 'unconfirmed', 'notSent', 'failed', 'skipped'];
const INVITE = 'phone.inviteToGroupCall';

const sessions: SandboxSession[] = [];
const harnesses: EngineHarness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) {
    await h.engine.dispose();
    h.cleanup();
  }
  for (const s of sessions.splice(0)) await s.close();
});

/**
 * A strict sandbox with a 1,000-person group, these controls over the profile's. `keepFloodWaits:
 * false` lifts the profile's rate limits (startSandbox merges rateLimits method by method, so an
 * empty object would keep them: they are replaced after the start).
 */
async function strictSandbox(controls: SandboxOptions['controls'] = {}, keepFloodWaits = false): Promise<SandboxSession> {
  const s = await openSandboxSession({ profile: 'strict', size: { members: N + 100, callParticipants: 0 }, controls });
  sessions.push(s);
  if (!keepFloodWaits) s.sandbox.controls.rateLimits = {};
  return s;
}
/** The profile's 300-an-hour PEER_FLOOD lifted (the scenario about it puts it back). */
const lifted = { strict: { peerFloodAfterInvitesPerHour: null } } as const;

function engine(s: SandboxSession, extra: Partial<InviteEngineOptions> = {}): EngineHarness {
  const h = engineFor(s.gateway, extra);
  harnesses.push(h);
  return h;
}

async function freshCall(s: SandboxSession, starter = IDS.ada): Promise<{ callId: string; people: string[] }> {
  const callId = await s.freshCall(IDS.rustMeetup, starter);
  const members = await s.members(callId);
  const people = members.filter((p: Person) => p.kind === 'user' && p.id !== String(IDS.ada) && p.id !== String(starter)).map((p) => p.id);
  if (people.length < N) throw new Error(`only ${people.length} invitable members`);
  return { callId, people: people.slice(0, N) };
}

/** The organiser's requests since the last resetStats(), per method, at the sandbox. */
function requests(s: SandboxSession): { byMethod: Record<string, number>; total: number; invites: number } {
  const byMethod = s.sandbox.stats().byAccount[ADA] ?? {};
  return { byMethod, total: Object.values(byMethod).reduce((a, b) => a + b, 0), invites: byMethod[INVITE] ?? 0 };
}

function report(label: string, counted: ReturnType<typeof requests>, budget: number, how: string): void {
  console.log(`strict: ${label}: ${counted.total} requests at the sandbox (${JSON.stringify(counted.byMethod)}), budget ${budget} (${how})`);
}

const budgetFor = (n: number, k: number) => Math.ceil(2 * k * Math.log2(n / k) + n / 10 + BUDGET_CONSTANT);
const withStatus = (run: RunSnapshot, status: string) => run.people.filter((p) => p.status === status).map((p) => p.personId);

/** Everyone in a final status; nobody delivered twice; only invited/alreadyInvited people delivered at all. */
function expectSettledOnce(s: SandboxSession, callId: string, run: RunSnapshot): void {
  expect(run.people.filter((p) => !FINAL.includes(p.status))).toEqual([]);
  const counts = s.sandbox.world.deliveryCounts(BigInt(callId));
  expect([...counts.values()].every((n) => n <= 1)).toBe(true);
  const holding = new Set([...withStatus(run, 'invited'), ...withStatus(run, 'alreadyInvited')]);
  const strays = [...counts.entries()].filter(([id, n]) => n > 0 && !holding.has(String(id))).map(([id]) => String(id));
  expect(strays).toEqual([]);
  expect([...holding].filter((id) => (counts.get(BigInt(id)) ?? 0) !== 1)).toEqual([]);
}

describe('must show: the strict profile, a 1,000-person run', () => {
  it('must show: 50 refusals: everyone final, nobody twice, requests within 2k·log2(n/k) + n/10 + c', async () => {
    const s = await strictSandbox(lifted);
    const { callId, people } = await freshCall(s);
    const k = 50;
    // The refusals: 50 people already invited (USER_ALREADY_INVITED) by another Rollcall of the
    // same account (its own data folder, so this run's planning doesn't know), one in every 20.
    const refused = people.filter((_, i) => i % 20 === 7);
    const elsewhere = engine(s);
    await elsewhere.engine.settled((await elsewhere.engine.start(callId, refused)).run.id);

    s.sandbox.resetStats();
    const h = engine(s);
    const done = await h.engine.settled((await h.engine.start(callId, people)).run.id);
    const counted = requests(s);
    const budget = budgetFor(N, k);
    report(`n=${N} k=${k}`, counted, budget, `2k·log2(n/k) + n/10 + ${BUDGET_CONSTANT}`);
    expect(done.run.state).toBe('done');
    expect(withStatus(done, 'alreadyInvited').sort()).toEqual([...refused].sort());
    expect(done.run.counts.invited).toBe(N - k);
    expect(counted.total).toBeLessThanOrEqual(budget);
    expectSettledOnce(s, callId, done);
  }, 90_000);

  it('must show: the organiser not joined (strict inviteRequiresJoin): the run stops with “join the call first, as yourself” after a handful of requests', async () => {
    const s = await strictSandbox({ ...lifted, strict: { ...lifted.strict, inviteRequiresJoin: 'GROUPCALL_FORBIDDEN' } });
    // Grace starts the call; Ada, a member of the group, is not in it.
    const { callId, people } = await freshCall(s, IDS.grace);
    const h = engine(s);
    const plan = await h.engine.plan(callId, people);
    expect(plan.preflight.map((f) => f.code)).toContain('PREFLIGHT_NOT_JOINED');

    s.sandbox.resetStats();
    const done = await h.engine.settled((await h.engine.start(callId, people)).run.id);
    const counted = requests(s);
    report('organiser not joined', counted, A_HANDFUL, 'a handful');
    expect(done.run).toMatchObject({ state: 'stopped', stopReason: { code: 'GROUPCALL_JOIN_MISSING' } });
    expect(done.run.counts.notSent).toBe(N);
    expect(s.sandbox.stats().errors[INVITE]).toHaveProperty(['403 GROUPCALL_FORBIDDEN']);
    expect(counted.total).toBeLessThanOrEqual(A_HANDFUL);
    expectSettledOnce(s, callId, done);
  }, 60_000);

  it('must show: an unknown error on every invite (controls.failAlways): the run stops as unknown, raw code shown, after a handful of requests', async () => {
    const s = await strictSandbox({ ...lifted, failAlways: [{ method: INVITE, code: 403, message: 'FROBNICATE_FORBIDDEN' }] });
    const { callId, people } = await freshCall(s);
    s.sandbox.resetStats();
    const h = engine(s);
    const done = await h.engine.settled((await h.engine.start(callId, people)).run.id);
    const counted = requests(s);
    report('unknown error on every invite', counted, A_HANDFUL, 'a handful');
    expect(done.run).toMatchObject({ state: 'stopped', stopReason: { code: 'TELEGRAM_UNKNOWN_STOPPED' } });
    expect(done.run.stopReason!.message).toContain('FROBNICATE_FORBIDDEN');
    expect(done.run.counts.notSent).toBe(N);
    expect(counted.total).toBeLessThanOrEqual(A_HANDFUL);
    expectSettledOnce(s, callId, done);
  }, 60_000);

  it('must show: PEER_FLOOD after 300 invites: every run of the account stops at once, 300 invited, 700 not sent, a restart refuses without a request', async () => {
    const s = await strictSandbox({ strict: { peerFloodAfterInvitesPerHour: 300 } });
    const { callId, people } = await freshCall(s);
    s.sandbox.resetStats();
    const h = engine(s);
    const done = await h.engine.settled((await h.engine.start(callId, people)).run.id);
    const counted = requests(s);
    const budget = 300 / 10 + A_HANDFUL;
    report('PEER_FLOOD after 300 invites', counted, budget, '300 invited / 10 + a handful');
    expect(done.run).toMatchObject({ state: 'stopped', stopReason: { code: 'PEER_FLOOD' } });
    expect(done.run.counts.invited).toBe(300);
    expect(done.run.counts.notSent).toBe(N - 300);
    expect(counted.total).toBeLessThanOrEqual(budget);
    expectSettledOnce(s, callId, done);

    // A restarted engine over the same data folder refuses the rest before anything leaves.
    await h.engine.dispose();
    s.sandbox.resetStats();
    const restarted = h.restart(s.gateway);
    harnesses.push({ ...restarted, cleanup: () => {} });
    await expect(restarted.engine.start(callId, withStatus(done, 'notSent'))).rejects.toMatchObject({ code: 'ACCOUNT_COOLING_DOWN' });
    expect(requests(s).invites).toBe(0);
  }, 60_000);

  it('must show: a 6-hour flood wait asks; “stop” ends the run; a run waiting survives a restart and sends nothing', async () => {
    // The profile's own limit: 30 invite requests a minute, then FLOOD_WAIT_21600 for 6 hours.
    const s = await strictSandbox(lifted, true);
    expect(s.sandbox.controls.rateLimits[INVITE]).toMatchObject({ requests: 30, waitSeconds: STRICT_FLOOD_WAIT_SECONDS });
    const { callId, people } = await freshCall(s);
    const notices: RunNotice[] = [];
    s.sandbox.resetStats();
    const h = engine(s, { notify: (n) => notices.push(n) });
    const first = await h.engine.start(callId, people);
    await waitFor(() => h.events.some((e) => e.run.id === first.run.id && e.run.floodWait?.question === 'pending'));
    expect((await h.engine.get(first.run.id)).run.floodWait).toMatchObject({ seconds: STRICT_FLOOD_WAIT_SECONDS, question: 'pending' });
    await h.engine.answerFloodWait(first.run.id, 'stop');
    const stopped = await h.engine.settled(first.run.id);
    const counted = requests(s);
    const budget = 300 / 10 + A_HANDFUL;
    report('6-hour flood wait, answered “stop”', counted, budget, '300 invited / 10 + a handful');
    expect(stopped.run).toMatchObject({ state: 'stopped', stopReason: { code: 'FLOOD_WAIT_LONG' } });
    expect(stopped.run.counts.invited).toBe(300);
    expect(stopped.run.counts.notSent).toBe(N - 300);
    expect(notices.map((n) => n.kind)).toEqual(['floodQuestion']);
    expect(counted.total).toBeLessThanOrEqual(budget);
    expectSettledOnce(s, callId, stopped);

    // The rest, later: the sandbox still refuses the account (its 6 hours run), so the first
    // request meets the wait and the run asks again. One request in flight, so when the question
    // shows, nothing else is on the wire.
    const rest = withStatus(stopped, 'notSent');
    const second = await h.engine.start(callId, rest);
    await waitFor(() => h.events.some((e) => e.run.id === second.run.id && e.run.floodWait?.question === 'pending'));
    const waitingUntil = (await h.engine.get(second.run.id)).run.floodWait!.until;

    // Restart while it waits: the journal has the wait; the restarted engine sends nothing by
    // itself, and a resumed run waits out the same wait without sending.
    s.sandbox.resetStats();
    await h.engine.dispose();
    const restarted = h.restart(s.gateway);
    harnesses.push({ ...restarted, cleanup: () => {} });
    expect((await restarted.engine.interrupted()).map((r) => r.id)).toEqual([second.run.id]);
    const resumed = await restarted.engine.resume(second.run.id);
    expect(resumed.run.state).toBe('floodWait');
    // The same wait, read back from the journal (the sender counts it again in whole seconds).
    expect(resumed.run.floodWait).toMatchObject({ source: 'telegram' });
    expect(resumed.run.floodWait!.until).toBeGreaterThanOrEqual(waitingUntil);
    expect(resumed.run.floodWait!.until).toBeLessThan(waitingUntil + 1000);
    const ended = await restarted.engine.cancel(second.run.id);
    expect(ended.run.state).toBe('cancelled');
    expect(requests(s).invites).toBe(0);
    console.log(`strict: 6-hour flood wait, restart while waiting: ${requests(s).total} requests at the sandbox (${JSON.stringify(requests(s).byMethod)}), ${requests(s).invites} invites`);
    expectSettledOnce(s, callId, { ...ended, people: [...stopped.people.filter((p) => !rest.includes(p.personId)), ...ended.people] });
  }, 60_000);
});

// Waits for a state the run reaches by itself (an event), never for an amount of time.
async function waitFor(condition: () => boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
