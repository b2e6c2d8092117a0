// The whole path through the contract: directory → plan → run → Telegram's Updates, with the
// invite engine on the gateway of electron/telegram and the real GramJS client against the
// sandbox; then a core stopped mid-run and started again on the same data folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSnapshot } from '../../shared/domain/invite';
import type { CallSummary, Person } from '../../shared/domain/people';
import { startTestCore, tempDirs, type TestCore } from './testSupport/host';
import { allPeople } from './testSupport/people';

async function settled(t: TestCore, runId: string, timeoutMs = 20_000): Promise<RunSnapshot> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const snapshot = await t.ok('runGet', { runId });
    if (!['running', 'floodWait', 'interrupted'].includes(snapshot.run.state)) return snapshot;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${snapshot.run.state}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function rustMeetup(t: TestCore): Promise<{ call: CallSummary; members: Person[] }> {
  const { calls } = await t.ok('callsList', {});
  const call = calls.find((c) => c.chat.title === 'Rust Meetup Berlin')!;
  const people = await allPeople(t, { source: 'members', callId: call.id });
  return { call, members: people };
}

describe('inviting through the core', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await startTestCore();
    await t.ok('authExploreSandbox', {});
  });
  afterAll(() => t.close());

  it('plans, sends and reports each person from the service message', async () => {
    const { call, members } = await rustMeetup(t);
    const byName = (name: string) => members.find((p) => p.name === name)!.id;
    const fresh = members.filter((p) => p.kind === 'user' && !['Linus Brook', 'Margaret Hale', 'Quinn Alder'].includes(p.name)).slice(0, 12);
    const ids = [byName('Ada Quill'), byName('Rollcall Helper'), byName('Deleted Account'), byName('Linus Brook'), ...fresh.map((p) => p.id)];
    const plan = await t.ok('invitePlan', { callId: call.id, personIds: ids });
    expect(plan).toMatchObject({ callProblem: null, toSend: 12, batches: 2 });
    expect(plan.people.slice(0, 4).map((p) => p.skipReason)).toEqual(['self', 'bot', 'deleted', 'inCall']);

    const started = await t.ok('inviteStart', { callId: call.id, personIds: ids });
    const done = await settled(t, started.run.id);
    expect(done.run.state).toBe('done');
    expect(done.run.counts).toMatchObject({ invited: 12, skipped: 4 });
    const world = t.core.embeddedSandbox()!.world;
    const callId = BigInt(call.id);
    for (const person of fresh) expect(world.deliveries(callId, BigInt(person.id))).toBe(1);
    // Skipped means not sent: the four got no invitation at all.
    const skipped = done.people.filter((p) => p.status === 'skipped').map((p) => p.personId);
    expect(skipped).toEqual(ids.slice(0, 4));
    expect(skipped.map((id) => world.deliveries(callId, BigInt(id)))).toEqual([0, 0, 0, 0]);
  });

  it('predicts the refusal of a call joined as a channel', async () => {
    const { calls } = await t.ok('callsList', {});
    const owls = calls.find((c) => c.chat.title === 'Night Owls')!;
    const people = await allPeople(t, { source: 'members', callId: owls.id });
    const plan = await t.ok('invitePlan', { callId: owls.id, personIds: people.map((p) => p.id) });
    expect(plan.callProblem?.code).toBe('INVITE_FORBIDDEN_WITH_JOINAS');
  });

  it('adds a non-member to the group, then invites them', async () => {
    const { call } = await rustMeetup(t);
    const people = await allPeople(t, { source: 'contacts' });
    const mira = people.find((p) => p.name === 'Mira Castell')!;
    const first = await settled(t, (await t.ok('inviteStart', { callId: call.id, personIds: [mira.id] })).run.id);
    expect(first.people[0]).toMatchObject({ status: 'notMember', error: { code: 'USER_NOT_PARTICIPANT' } });
    const added = await settled(t, (await t.ok('inviteAddToGroup', { runId: first.run.id, personIds: [mira.id] })).run.id);
    expect(added.people[0]).toMatchObject({ status: 'invited' });
    const world = t.core.embeddedSandbox()!.world;
    expect(world.isMember(world.ids.rustMeetup, BigInt(mira.id))).toBe(true);
    expect(world.deliveries(BigInt(call.id), BigInt(mira.id))).toBe(1);
  });

  it('exports a listener link for a public chat', async () => {
    const { call } = await rustMeetup(t);
    expect(await t.ok('inviteExportLink', { callId: call.id, role: 'listener' })).toEqual({ link: 'https://t.me/rust_meetup_berlin?videochat' });
  });
});

describe('a core stopped mid-run', () => {
  const dirs = tempDirs();
  afterAll(async () => {
    const t = await startTestCore(dirs);
    await t.close();
  });

  it('item 3: after a restart the run waits for the organiser, then resumes: everyone final, nobody invited twice', async () => {
    const first = await startTestCore(dirs);
    await first.ok('authExploreSandbox', {});
    const { call, members } = await rustMeetup(first);
    const inCall = new Set((await first.ok('peopleParticipants', { callId: call.id, offset: null, limit: 1000 })).people.map((p) => p.id));
    const people = members.filter((p) => p.kind === 'user' && !inCall.has(p.id)).slice(0, 80);
    // The first request is answered; the next ones are carried out and their answers held, so
    // the core stops mid-request with part of the run invited.
    const holds = first.core.embeddedSandbox()!.controls.holds;
    holds.hold('phone.inviteToGroupCall', { skip: 1 });
    const started = await first.ok('inviteStart', { callId: call.id, personIds: people.map((p) => p.id) });
    await holds.until('phone.inviteToGroupCall', 1);
    const progress = await first.nextEvent('inviteProgress', (e) => e.run.id === started.run.id && (e.run.counts.invited ?? 0) > 0);
    await first.stop();
    expect(progress.run.counts.invited).toBe(10);

    // A new core on the same folders: the session is restored, the cache is empty, the run waits.
    const second = await startTestCore(dirs);
    expect((await second.ok('authState', {})).step).toBe('signedIn');
    const world = second.core.embeddedSandbox()!.world;
    const deliveredAtStop = world.deliveryCounts(BigInt(call.id)).size;
    const waiting = await second.ok('runsInterrupted', {});
    expect(waiting.runs.map((r) => [r.id, r.state])).toEqual([[started.run.id, 'interrupted']]);
    expect((await second.ok('runGet', { runId: started.run.id })).run.state).toBe('interrupted');
    expect(world.deliveryCounts(BigInt(call.id)).size).toBe(deliveredAtStop);

    await second.ok('inviteResume', { runId: started.run.id });
    const done = await settled(second, started.run.id, 30_000);
    expect(done.run.state).toBe('done');
    expect(done.people.filter((p) => !['invited', 'alreadyInvited'].includes(p.status))).toEqual([]);
    const counts = second.core.embeddedSandbox()!.world.deliveryCounts(BigInt(call.id));
    for (const person of people) expect(counts.get(BigInt(person.id))).toBe(1);
    await second.stop();
  });
});
