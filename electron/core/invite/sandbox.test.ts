// The must-show paths of the invite engine, end to end: the engine, the core's InviteGateway,
// the real GramJS client, and the sandbox over TCP. Every test starts a fresh call, so nobody
// is invited to it yet, and ends by checking the sandbox's delivery counts: one per person
// Telegram holds an invitation for, never two.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InviteStatus, RunSnapshot } from '../../../shared/domain/invite';
import type { Person } from '../../../shared/domain/people';
import { streamContacts } from '../../telegram/directory';
import type { InviteEngineOptions } from './engine';
import { journalPath, readJournal } from './journal';
import { engineFor, type EngineHarness } from './testSupport/harness';
import type { KillableRunConfig } from './testSupport/killableRun';
import { IDS, openSandboxSession, type SandboxSession } from './testSupport/sandboxSession';

let s: SandboxSession;
const harnesses: EngineHarness[] = [];

beforeAll(async () => {
  s = await openSandboxSession();
});
afterAll(async () => s?.close());
afterEach(async () => {
  s.resetControls();
  s.onLog = null;
  for (const h of harnesses.splice(0)) {
    await h.engine.dispose();
    h.cleanup();
  }
});

const engine = (extra: Partial<InviteEngineOptions> = {}) => {
  const h = engineFor(s.gateway, extra);
  harnesses.push(h);
  return h;
};

/** A fresh call in Rust Meetup Berlin and `count` of its members who can be invited. */
async function freshCall(count: number): Promise<{ callId: string; people: string[] }> {
  const callId = await s.freshCall(IDS.rustMeetup);
  const members = await s.members(callId);
  const invitable = members.filter((p: Person) => p.kind === 'user' && p.id !== String(IDS.ada));
  if (invitable.length < count) throw new Error(`only ${invitable.length} invitable members`);
  return { callId, people: invitable.slice(0, count).map((p) => p.id) };
}

const statusOf = (run: RunSnapshot) => Object.fromEntries(run.people.map((p) => [p.personId, p.status]));
const withStatus = (run: RunSnapshot, status: InviteStatus) => run.people.filter((p) => p.status === status).map((p) => p.personId);
const deliveries = (callId: string, ids: readonly string[]) => ids.map((id) => s.sandbox.world.deliveries(BigInt(callId), BigInt(id)));
/** Everyone who holds an invitation holds exactly one; nobody else holds any. */
function expectDeliveredOnce(callId: string, run: RunSnapshot): void {
  const holding = [...withStatus(run, 'invited'), ...withStatus(run, 'alreadyInvited')];
  expect(deliveries(callId, holding)).toEqual(holding.map(() => 1));
  const rest = run.people.map((p) => p.personId).filter((id) => !holding.includes(id));
  expect(deliveries(callId, rest)).toEqual(rest.map(() => 0));
}
/** Waits until the sandbox itself has delivered at least n invitations (no event throttling in between). */
const delivered = (callId: string, people: readonly string[], n: number, ms?: number) =>
  waitFor(() => deliveries(callId, people).filter((d) => d > 0).length >= n, ms);
const waitFor = async (condition: () => boolean, ms = 10_000) => {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('starting', () => {
  it('item 5: the call and its chat are read together before the first invite (one round trip, not two)', async () => {
    const { callId, people } = await freshCall(12);
    const h = engine();
    const holds = s.sandbox.controls.holds;
    holds.hold('channels.getFullChannel');
    holds.hold('phone.getGroupCall');
    const starting = h.engine.start(callId, people);
    // Both are on the sandbox's desk at once: neither waited for the other's answer.
    await holds.until('channels.getFullChannel', 1);
    await holds.until('phone.getGroupCall', 1);
    holds.unhold();
    holds.release();
    const done = await h.engine.settled((await starting).run.id);
    expect(done.run).toMatchObject({ state: 'done', total: 12 });
    expectDeliveredOnce(callId, done);
  });
});

describe('statuses', () => {
  it('invites 45 people in batches of 10, each once, and exports the run as CSV', async () => {
    const { callId, people } = await freshCall(45);
    const h = engine();
    const done = await h.engine.settled((await h.engine.start(callId, people)).run.id);
    expect(done.run).toMatchObject({ state: 'done', total: 45, batches: { done: 5, total: 5 } });
    expect(done.run.counts.invited).toBe(45);
    expectDeliveredOnce(callId, done);
    const { csv, fileName } = await h.engine.exportCsv(done.run.id);
    expect(fileName).toBe(`rollcall-rust-meetup-berlin-${done.run.id}.csv`);
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(46);
    expect(lines[1]).toMatch(/^[^,]+,\w+,\d+,invited,,,1,\d{4}-\d\d-\d\dT/);
  });

  it('skips self, bots, deleted accounts, people in the call and people invited in an earlier run', async () => {
    const { callId, people } = await freshCall(6);
    s.sandbox.world.model.call(BigInt(callId))!.participants.push({
      userId: BigInt(people[0]!), peer: { type: 'user', id: BigInt(people[0]!) }, date: 0, source: 77, muted: true,
    });
    const h = engine();
    await h.engine.settled((await h.engine.start(callId, [people[1]!])).run.id);
    const plan = await h.engine.plan(callId, [String(IDS.ada), String(IDS.helperBot), String(IDS.deleted), ...people]);
    const reasons = Object.fromEntries(plan.people.map((p) => [p.personId, p.skipReason ?? p.status]));
    expect(reasons).toEqual({
      [String(IDS.ada)]: 'self',
      [String(IDS.helperBot)]: 'bot',
      [String(IDS.deleted)]: 'deleted',
      [people[0]!]: 'inCall',
      [people[1]!]: 'invitedBefore',
      [people[2]!]: 'queued',
      [people[3]!]: 'queued',
      [people[4]!]: 'queued',
      [people[5]!]: 'queued',
    });
    expect(plan).toMatchObject({ toSend: 4, batches: 1, callProblem: null });
  });

  for (const shape of ['updates', 'updatesCombined', 'updateShort', 'updatesTooLong', 'updateShortMessage', 'updateShortChatMessage', 'updateShortSentMessage'] as const) {
    const expected = ['updates', 'updatesCombined', 'updateShort'].includes(shape) ? 'invited' : 'unconfirmed';
    it(`a reply in ${shape} leaves everyone ${expected}`, async () => {
      const { callId, people } = await freshCall(12);
      s.sandbox.controls.inviteUpdatesShape = shape;
      const h = engine();
      const done = await h.engine.settled((await h.engine.start(callId, people)).run.id);
      expect(done.run.state).toBe('done');
      expect(done.run.counts[expected]).toBe(12);
      const reasons = new Set(done.people.map((p) => p.error?.code ?? null));
      expect(reasons).toEqual(new Set([expected === 'invited' ? null : 'INVITE_UNCONFIRMED']));
      // Unconfirmed people did get the invitation: the sandbox says so, the reply did not.
      expect(deliveries(callId, people)).toEqual(people.map(() => 1));
    });
  }

  it('the split finds exactly the already-invited people and invites the rest', async () => {
    const { callId, people } = await freshCall(40);
    const already = [people[2]!, people[9]!, people[10]!, people[27]!, people[39]!];
    // Invited by another Rollcall (its own data folder): this engine has no record of it.
    const elsewhere = engine();
    await elsewhere.engine.settled((await elsewhere.engine.start(callId, already)).run.id);
    const h = engine();
    const done = await h.engine.settled((await h.engine.start(callId, people)).run.id);
    expect(withStatus(done, 'alreadyInvited').sort()).toEqual([...already].sort());
    expect(withStatus(done, 'invited')).toHaveLength(35);
    expect(done.people.find((p) => p.personId === already[0])!.error).toEqual({ code: 'USER_ALREADY_INVITED', message: 'USER_ALREADY_INVITED' });
    expectDeliveredOnce(callId, done);
  });

  it('when Telegram invites the rest of a batch and leaves someone out, asking about them alone finds why', async () => {
    const { callId, people } = await freshCall(30);
    const already = [people[4]!, people[17]!];
    const elsewhere = engine();
    await elsewhere.engine.settled((await elsewhere.engine.start(callId, already)).run.id);
    s.sandbox.controls.invite.batchPolicy = 'inviteRest';
    const h = engine();
    const done = await h.engine.settled((await h.engine.start(callId, people)).run.id);
    expect(withStatus(done, 'alreadyInvited').sort()).toEqual([...already].sort());
    expect(withStatus(done, 'invited')).toHaveLength(28);
    expect(done.run.batches.done).toBe(3 + already.length); // 3 batches, then one request for each left out
    expectDeliveredOnce(callId, done);
  });

  it('not a member → added to the group → invited in a new run', async () => {
    const { callId, people } = await freshCall(3);
    await streamContacts({ link: s.link, onPage: () => {} }); // Mira and Omar are contacts, not members
    const outsiders = [String(IDS.mira), String(IDS.omar)];
    const h = engine();
    const first = await h.engine.settled((await h.engine.start(callId, [...people, ...outsiders])).run.id);
    expect(withStatus(first, 'notMember').sort()).toEqual(outsiders.sort());
    expect(first.people.find((p) => p.personId === outsiders[0])!.error?.code).toBe('USER_NOT_PARTICIPANT');
    expect(withStatus(first, 'invited')).toHaveLength(3);

    const second = await h.engine.settled((await h.engine.addToGroup(first.run.id, outsiders)).run.id);
    expect(statusOf(second)).toEqual(Object.fromEntries(outsiders.map((id) => [id, 'invited'])));
    expect(outsiders.every((id) => s.sandbox.world.isMember(IDS.rustMeetup, BigInt(id)))).toBe(true);
    expect(deliveries(callId, outsiders)).toEqual([1, 1]);
  });

  it('a person Telegram refuses (privacy) is failed; nobody else is touched', async () => {
    const { callId, people } = await freshCall(1);
    s.sandbox.controls.failNext = { method: 'phone.inviteToGroupCall', code: 403, message: 'USER_PRIVACY_RESTRICTED' };
    const h = engine();
    const done = await h.engine.settled((await h.engine.start(callId, people)).run.id);
    expect(done.people[0]).toMatchObject({ status: 'failed', error: { code: 'USER_PRIVACY_RESTRICTED' }, attempts: 1 });
    expectDeliveredOnce(callId, done);
  });

  it('invite links for the rest: listener and speaker', async () => {
    const { callId } = await freshCall(0);
    const h = engine();
    expect(await h.engine.exportLink(callId, 'listener')).toBe('https://t.me/rust_meetup_berlin?videochat');
    expect(await h.engine.exportLink(callId, 'speaker')).toMatch(/\?videochat=\w+$/);
  });
});

describe('call-level errors', () => {
  it('predicted before sending: an ended call, an account joined as a channel', async () => {
    const owls = String(s.sandbox.world.callOf(IDS.nightOwls)!.id);
    const owlMembers = (await s.members(owls)).map((p) => p.id);
    const h = engine();
    expect((await h.engine.plan(owls, owlMembers)).callProblem?.code).toBe('INVITE_FORBIDDEN_WITH_JOINAS');
    await expect(h.engine.start(owls, owlMembers)).rejects.toMatchObject({ code: 'INVITE_FORBIDDEN_WITH_JOINAS' });
    expect(deliveries(owls, owlMembers).every((n) => n === 0)).toBe(true);

    const { callId, people } = await freshCall(5);
    s.sandbox.world.endCall(BigInt(callId));
    expect((await h.engine.plan(callId, people)).callProblem?.code).toBe('GROUPCALL_FORBIDDEN');
    await expect(h.engine.start(callId, people)).rejects.toMatchObject({ code: 'GROUPCALL_FORBIDDEN' });
  });

  it('the call ends mid-run: the run stops, the rest is notSent (GROUPCALL_FORBIDDEN)', async () => {
    const { callId, people } = await freshCall(50);
    s.sandbox.controls.latencyMs = 20;
    const h = engine({ window: 1 });
    const run = await h.engine.start(callId, people);
    await delivered(callId, people, 20);
    s.sandbox.world.endCall(BigInt(callId));
    const done = await h.engine.settled(run.run.id);
    expect(done.run).toMatchObject({ state: 'stopped', stopReason: { code: 'GROUPCALL_FORBIDDEN' } });
    expect(done.run.counts.invited + done.run.counts.notSent).toBe(50);
    expect(done.run.counts.notSent).toBeGreaterThanOrEqual(10);
    expect(done.people.filter((p) => p.status === 'notSent').every((p) => p.error?.code === 'GROUPCALL_FORBIDDEN')).toBe(true);
    expectDeliveredOnce(callId, done);
  });

  for (const [code, message] of [
    [400, 'GROUPCALL_INVALID'],
    [400, 'INVITE_FORBIDDEN_WITH_JOINAS'],
    [403, 'CHAT_TYPE_INVALID'],
    [400, 'PEER_FLOOD'],
    [401, 'AUTH_KEY_UNREGISTERED'],
    [401, 'SESSION_REVOKED'],
  ] as const) {
    it(`${message} mid-run stops the run and nothing more is sent`, async () => {
      const { callId, people } = await freshCall(30);
      s.sandbox.controls.latencyMs = 20;
      const h = engine({ window: 1 });
      const run = await h.engine.start(callId, people);
      await delivered(callId, people, 10);
      s.sandbox.controls.failNext = { method: 'phone.inviteToGroupCall', code, message };
      const done = await h.engine.settled(run.run.id);
      expect(done.run).toMatchObject({ state: 'stopped', stopReason: { code: message } });
      expect(done.run.counts.notSent).toBeGreaterThanOrEqual(10);
      expect(done.run.counts.invited + done.run.counts.notSent).toBe(30);
      expectDeliveredOnce(callId, done);
    });
  }
});

describe('flood waits', () => {
  it('pause the run with a countdown, then it resumes by itself and finishes', async () => {
    const { callId, people } = await freshCall(40);
    s.sandbox.controls.rateLimits = { 'phone.inviteToGroupCall': { requests: 2, windowSeconds: 2 } };
    const h = engine({ window: 2 });
    const startedAt = Date.now();
    const done = await h.engine.settled((await h.engine.start(callId, people)).run.id);
    expect(done.run.state).toBe('done');
    expect(done.run.counts.invited).toBe(40);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1500);
    const waits = h.events.filter((e) => e.run.state === 'floodWait');
    expect(waits.length).toBeGreaterThanOrEqual(2); // the pause and at least one countdown tick
    expect(waits[0]!.run.floodWait!.seconds).toBeGreaterThanOrEqual(1);
    expect(waits[0]!.run.floodWait!.until).toBeGreaterThan(waits[0]!.run.startedAt);
    expectDeliveredOnce(callId, done);
  });

  it('item 5: past what Telegram took between two waits, the next request goes alone: one refusal a wait, not a window of them', async () => {
    const { callId, people } = await freshCall(90);
    // 18 requests of 5, 3 taken a second: 5 waits at least.
    s.sandbox.controls.rateLimits = { 'phone.inviteToGroupCall': { requests: 3, windowSeconds: 1 } };
    s.sandbox.controls.latencyMs = 50; // the window full, not waiting on the journal's disk
    s.sandbox.resetStats();
    const window = 3;
    const h = engine({ window, batchSize: 5 });
    const done = await h.engine.settled((await h.engine.start(callId, people)).run.id);
    expect(done.run.state).toBe('done');
    expect(done.run.counts.invited).toBe(90);
    expectDeliveredOnce(callId, done);
    const journal = (await readJournal(journalPath(h.dataDir, done.run.id), done.run.id)).map((r) => r.t);
    const waits = journal.filter((t) => t === 'flood').length;
    expect(waits).toBeGreaterThanOrEqual(5);
    // Sending after a wait doesn't wait for the "resume" line's sync, but no "send" line comes before it.
    const afterWaits = journal.filter((t) => t === 'flood' || t === 'resume' || t === 'send').join(' ');
    expect(afterWaits).not.toMatch(/flood (flood )*send/);
    expect(journal.filter((t) => t === 'resume').length).toBe(waits);
    const refused = Object.entries(s.sandbox.stats().errors['phone.inviteToGroupCall'] ?? {})
      .filter(([error]) => error.startsWith('420 FLOOD_WAIT_'))
      .reduce((sum, [, n]) => sum + n, 0);
    // Before the first wait nothing is known, so the whole window may be refused; after it, only the one sent alone.
    expect(refused).toBeGreaterThanOrEqual(waits);
    expect(refused).toBeLessThanOrEqual(waits + window - 1);
  });

  it('item 2: the run keeps each of Telegram’s flood waits as a span, live, in its header and after a restart', async () => {
    const { callId, people } = await freshCall(60);
    s.sandbox.controls.rateLimits = { 'phone.inviteToGroupCall': { requests: 3, windowSeconds: 1 } };
    s.sandbox.controls.latencyMs = 50;
    const h = engine({ window: 3, batchSize: 5 });
    const done = await h.engine.settled((await h.engine.start(callId, people)).run.id);
    expect(done.run.state).toBe('done');
    const floods = (await readJournal(journalPath(h.dataDir, done.run.id), done.run.id)).flatMap((r) => (r.t === 'flood' ? [r] : []));
    expect(floods.length).toBeGreaterThanOrEqual(3);
    const spans = done.run.floodWaits!;
    // In order, apart, each as long as a wait Telegram asked for, and every wait asked inside one.
    expect(spans.length).toBeGreaterThanOrEqual(3);
    spans.forEach((span, i) => {
      expect(span.to).toBeGreaterThan(span.from);
      if (i > 0) expect(span.from).toBeGreaterThan(spans[i - 1]!.to);
      expect(floods.some((f) => f.at === span.from && f.until <= span.to)).toBe(true);
    });
    for (const f of floods) expect(spans.some((span) => span.from <= f.at && f.until <= span.to)).toBe(true);
    expect(spans.at(-1)!.to).toBeLessThanOrEqual(done.run.finishedAt!);
    // Live: while the run waited, its header already had the wait's span, ending when the wait does.
    const waiting = h.events.find((e) => e.run.state === 'floodWait' && e.run.floodWait?.source === 'telegram')!;
    expect(waiting.run.floodWaits!.at(-1)!.to).toBe(waiting.run.floodWait!.until);
    // History: replayed from the journal, the same spans.
    await h.engine.dispose();
    const again = h.restart(s.gateway);
    harnesses.push({ ...again, cleanup: () => {} });
    expect((await again.engine.get(done.run.id)).run.floodWaits).toEqual(spans);
  });

  it('item 2: a flood wait the run ends during is cut at the run’s end', async () => {
    const { callId, people } = await freshCall(20);
    s.sandbox.controls.latencyMs = 20;
    const h = engine({ window: 1 });
    const run = await h.engine.start(callId, people);
    await delivered(callId, people, 5);
    s.sandbox.controls.failNext = { method: 'phone.inviteToGroupCall', code: 420, message: 'FLOOD_WAIT_30' };
    await waitFor(() => h.events.some((e) => e.run.state === 'floodWait'));
    const asked = h.events.find((e) => e.run.state === 'floodWait')!.run.floodWait!;
    const cancelled = await h.engine.cancel(run.run.id);
    const [span] = cancelled.run.floodWaits!;
    expect(cancelled.run.floodWaits).toHaveLength(1);
    expect(span!.to).toBe(cancelled.run.finishedAt);
    expect(span!.to).toBeLessThan(asked.until);
    await h.engine.dispose();
    const again = h.restart(s.gateway);
    harnesses.push({ ...again, cleanup: () => {} });
    expect((await again.engine.get(run.run.id)).run.floodWaits).toEqual([span]);
  });

  it('can be cancelled during the wait: the rest is notSent (RUN_CANCELLED) at once', async () => {
    const { callId, people } = await freshCall(30);
    s.sandbox.controls.latencyMs = 20;
    const h = engine({ window: 1 });
    const run = await h.engine.start(callId, people);
    await delivered(callId, people, 10);
    s.sandbox.controls.failNext = { method: 'phone.inviteToGroupCall', code: 420, message: 'FLOOD_WAIT_30' };
    await waitFor(() => h.events.some((e) => e.run.state === 'floodWait'));
    // Cancel does not wait the flood out: the wait is 30 s, as long as the test's timeout, so a
    // cancel that waited would time the test out; no clock is read.
    const cancelled = await h.engine.cancel(run.run.id);
    expect(cancelled.run.state).toBe('cancelled');
    expect(cancelled.run.counts.invited + cancelled.run.counts.notSent).toBe(30);
    expect(cancelled.people.filter((p) => p.status === 'notSent').every((p) => p.error?.code === 'RUN_CANCELLED')).toBe(true);
    expectDeliveredOnce(callId, cancelled);

    // Retry invites the rest in a new run, and nobody twice.
    s.sandbox.controls.failNext = null;
    const retried = await h.engine.settled((await h.engine.retry(run.run.id, null)).run.id);
    expect(retried.people.map((p) => p.personId).sort()).toEqual(withStatus(cancelled, 'notSent').sort());
    expect(retried.run.counts.invited).toBe(retried.run.total);
    expect(deliveries(callId, people)).toEqual(people.map(() => 1));
  });
});

describe('lost answers, dropped connections, a killed engine', () => {
  it('an answer that never comes is a timeout: sent again, and Telegram’s refusal proves the first one landed', async () => {
    const { callId, people } = await freshCall(10);
    s.sandbox.controls.latencyMs = 1500;
    const h = engine({ requestTimeoutMs: 400, retryBackoffMs: 50 });
    const run = await h.engine.start(callId, people);
    await waitFor(() => deliveries(callId, people).every((n) => n === 1));
    s.sandbox.controls.latencyMs = 0;
    const done = await h.engine.settled(run.run.id);
    expect(done.run.state).toBe('done');
    expect(done.run.counts.alreadyInvited).toBe(10);
    expect(done.people[0]!.error!.message).toMatch(/earlier request, whose answer was lost, most likely delivered it/);
    expectDeliveredOnce(callId, done);
  });

  it('Telegram gone for good: retries run out, the unanswered batch is failed (outcome unknown), the rest notSent', async () => {
    const own = await openSandboxSession();
    try {
      const callId = await own.freshCall(IDS.rustMeetup);
      const people = (await own.members(callId)).filter((p) => p.kind === 'user' && p.id !== String(IDS.ada)).slice(0, 40).map((p) => p.id);
      own.sandbox.controls.latencyMs = 20;
      const h = engineFor(own.gateway, { window: 1, requestTimeoutMs: 1000, networkRetries: 1, retryBackoffMs: 50 });
      harnesses.push(h);
      const run = await h.engine.start(callId, people);
      await waitFor(() => people.filter((id) => own.sandbox.world.deliveries(BigInt(callId), BigInt(id)) > 0).length >= 10);
      await own.sandbox.close();
      const done = await h.engine.settled(run.run.id);
      expect(done.run.state).toBe('stopped');
      expect(['TIMEOUT', 'NETWORK_UNREACHABLE']).toContain(done.run.stopReason?.code);
      const failed = done.people.filter((p) => p.status === 'failed');
      expect(failed.length).toBeGreaterThan(0);
      expect(failed.every((p) => /may or may not have reached them/.test(p.error!.message))).toBe(true);
      expect(done.run.counts.invited + done.run.counts.failed + done.run.counts.notSent).toBe(40);
      expect(done.run.counts.notSent).toBeGreaterThan(0);
    } finally {
      await own.close();
    }
  });

  it('a connection dropped mid-run: every person ends final, each invited once', async () => {
    const { callId, people } = await freshCall(60);
    s.sandbox.controls.latencyMs = 10;
    let drops = 0;
    s.onLog = (line) => {
      if (!line.includes('dropConnectionAfterRequests')) return;
      drops += 1;
      s.sandbox.controls.dropConnectionAfterRequests = null;
    };
    const h = engine({ window: 2 });
    const run = await h.engine.start(callId, people);
    await delivered(callId, people, 20);
    s.sandbox.controls.dropConnectionAfterRequests = 1;
    const done = await h.engine.settled(run.run.id);
    expect(drops).toBe(1);
    expect(done.run.state).toBe('done');
    expect(done.run.counts.invited + done.run.counts.alreadyInvited).toBe(60);
    expectDeliveredOnce(callId, done);
  });

  it('an engine killed mid-run and started again over the same data: every person final, each invited once', async () => {
    const { callId, people } = await freshCall(120);
    // Four requests are answered; from the fifth on the sandbox carries requests out and holds
    // their answers, so the kill lands with both of the window's requests unanswered.
    const holds = s.sandbox.controls.holds;
    holds.hold('phone.inviteToGroupCall', { skip: 4 });
    const h = engine({ window: 2 });
    const config: KillableRunConfig = { endpoint: s.endpoint, dataDir: h.dataDir, callId, personIds: people, window: 2 };
    // tsx as a loader, not its CLI: the CLI runs the script in a grandchild that SIGKILL would miss.
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'testSupport/killableRun.ts'), JSON.stringify(config)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const held = await holds.until('phone.inviteToGroupCall', 2, 20_000);
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(output).toMatch(/^started run-/);
    expect(output).not.toMatch(/finished/);
    // Six requests of ten reached the sandbox: four answered, two carried out and unanswered.
    expect(deliveries(callId, people).filter((n) => n > 0)).toHaveLength(60);
    // The held requests' users, as the sandbox read them (InputUser objects).
    const unanswered = held.flatMap((h) => (h.request as { users: { userId: unknown }[] }).users.map((u) => String(u.userId)));
    expect(unanswered).toHaveLength(20);
    holds.unhold();
    holds.release();
    const runId = /started (run-[\w-]+)/.exec(output)![1]!;

    const restarted = engineFor(s.gateway, {}, h.dataDir);
    harnesses.push({ ...restarted, cleanup: () => {} });
    expect((await restarted.engine.get(runId)).run.state).toBe('interrupted');
    expect((await restarted.engine.interrupted()).map((r) => r.id)).toEqual([runId]);
    const resumed = await restarted.engine.resume(runId);
    expect(resumed.run.id).toBe(runId);
    const done = await restarted.engine.settled(runId);
    expect(done.run.state).toBe('done');
    expect(done.run.counts.invited + done.run.counts.alreadyInvited).toBe(120);
    // Requests in flight at the kill reached Telegram unanswered: sent again, refused, and said so.
    const landed = done.people.filter((p) => p.status === 'alreadyInvited');
    expect(landed.map((p) => p.personId)).toEqual(expect.arrayContaining(unanswered));
    expect(landed.every((p) => p.attempts >= 2 && /earlier request, whose answer was lost/.test(p.error!.message))).toBe(true);
    expectDeliveredOnce(callId, done);
  }, 60_000);
});
