// Issue 12, item 1: attendance, through the core, the real GramJS client and the sandbox over TCP.
// People made to join and leave (world.joinCall / leaveCall) while a run sends; the app follows
// the pushed participant changes (out of order, by version), catches up on a gap by reading the
// list, and keeps attendance in the run's history across a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { attendanceOf, type Attendance, type RunSnapshot } from '../../shared/domain/invite';
import type { CallSummary, PeoplePage, Person } from '../../shared/domain/people';
import type { Sandbox } from '../../sandbox/src/index';
import { bulkIndex } from '../../sandbox/src/world/bulk';
import { PARTICIPANTS_PAGE } from '../telegram/callParticipants';
import { startTestCore, tempDirs, type TestCore } from './testSupport/host';
import { allPeople } from './testSupport/people';

/** A call of thousands: 2,000 generated members already in it, 1,100 more to invite. */
const SIZE = { members: 3100, callParticipants: 2000 };

const waitFor = async (condition: () => boolean | Promise<boolean>, what: string, ms = 60_000) => {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`${what}: not in time`);
    await new Promise((r) => setTimeout(r, 20));
  }
};


async function bigCall(t: TestCore): Promise<{ call: CallSummary; people: Person[] }> {
  const { calls } = await t.ok('callsList', {});
  const call = calls.find((c) => c.chat.title === 'Rust Meetup Berlin')!;
  const inCall = new Set<string>();
  let offset: string | null = null;
  do {
    const page: PeoplePage = await t.ok('peopleParticipants', { callId: call.id, offset, limit: 1000 });
    page.people.forEach((p) => inCall.add(p.id));
    offset = page.nextOffset;
  } while (offset);
  // Generated members only: the named ones have their own refusals (privacy, ...).
  const people = (await allPeople(t, { source: 'members', callId: call.id })).filter(
    (p) => p.kind === 'user' && !inCall.has(p.id) && bulkIndex(BigInt(p.id)) !== null,
  );
  return { call, people };
}

const participantRequests = (sandbox: Sandbox) => sandbox.stats().byMethod['phone.getGroupParticipants'] ?? 0;

describe('attendance of a run', () => {
  const dirs = tempDirs();
  let t: TestCore;
  let sandbox: Sandbox;
  let call: CallSummary;
  let members: Person[];
  let big: RunSnapshot;
  beforeAll(async () => {
    t = await startTestCore({ ...dirs, sandbox: { size: SIZE } });
    await t.ok('authExploreSandbox', {});
    // 1,000 invitations fit in the hour (the default ceiling, 200, would pause the run).
    await t.ok('settingsSetPacing', { batchSize: 10, inFlight: 4, perHourCeiling: 1000 });
    sandbox = t.core.embeddedSandbox()!;
    ({ call, people: members } = await bigCall(t));
  }, 60_000);
  afterAll(() => t.close());

  it('item 1: a 1,000-person run where 400 join while it sends and 50 leave: every person right at the end, the list read a bounded number of times', async () => {
    const people = members.slice(0, 1000);
    expect(people).toHaveLength(1000);
    const callId = BigInt(call.id);
    // Every fifth person from the second on joins (400 people, 2 of every 5); every eighth of them leaves again (50).
    const joining = people.filter((_, i) => i % 5 === 1 || i % 5 === 3);
    const leaving = joining.filter((_, i) => i % 8 === 0);
    expect([joining.length, leaving.length]).toEqual([400, 50]);
    sandbox.resetStats();
    const started = await t.ok('inviteStart', { callId: call.id, personIds: people.map((p) => p.id) });
    // Each joins as soon as their invitation is delivered: joins arrive while the run sends.
    for (const person of joining) {
      await waitFor(() => sandbox.world.deliveries(callId, BigInt(person.id)) > 0, `${person.name} invited`);
      sandbox.world.joinCall(callId, BigInt(person.id));
    }
    for (const person of leaving) sandbox.world.leaveCall(callId, BigInt(person.id));

    const expected = new Map<string, Attendance>(people.map((p) => [p.id, 'notYet']));
    joining.forEach((p) => expected.set(p.id, 'joined'));
    leaving.forEach((p) => expected.set(p.id, 'left'));
    const want = (status: Attendance) => [...expected.values()].filter((s) => s === status).length;
    // The app's view once every pushed change reached it: 350 in, 50 left, 600 not yet.
    await waitFor(async () => {
      big = await t.ok('runGet', { runId: started.run.id });
      const seen = big.people.map(attendanceOf);
      return big.run.state === 'done' && seen.filter((s) => s === 'joined').length === want('joined') && seen.filter((s) => s === 'left').length === want('left');
    }, 'the app sees 350 joined and 50 left');
    expect(Object.fromEntries(big.people.map((p) => [p.personId, attendanceOf(p)]))).toEqual(Object.fromEntries(expected));
    for (const p of big.people.filter((p) => p.joinedAt)) {
      // Joined after the run started (Telegram's join date is in whole seconds).
      expect(p.joinedAt!).toBeGreaterThanOrEqual(Math.floor(big.run.startedAt / 1000) * 1000);
      if (p.leftAt) expect(p.leftAt).toBeGreaterThanOrEqual(p.joinedAt!);
    }
    // The CSV has the columns: a time for each join and leave, minutes for each who joined.
    const { csv } = await t.ok('runExportCsv', { runId: big.run.id });
    const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    const row = (id: string) => rows.find((r) => r.id === id)!;
    expect(row(leaving[0]!.id)).toMatchObject({ joined_at: expect.stringMatching(/^\d{4}-/), left_at: expect.stringMatching(/^\d{4}-/), minutes_after_invite: '0' });
    expect(row(joining[1]!.id)).toMatchObject({ joined_at: expect.stringMatching(/^\d{4}-/), left_at: '', minutes_after_invite: '0' });
    expect(row(people[0]!.id)).toMatchObject({ joined_at: '', left_at: '', minutes_after_invite: '' });
    const requests = participantRequests(sandbox);
    // One read of the whole list: phone.getGroupParticipants pages of 500.
    const LIST_PAGES = Math.ceil(call.participantsCount / PARTICIPANTS_PAGE);
    const reads = t.core.attendanceReads();
    console.log(
      `item 1: a call of ${call.participantsCount} participants, 1,000 invited, 450 changes pushed; phone.getGroupParticipants requests: ${requests} in all, ${reads} of them attendance's (one read of the list is ${LIST_PAGES} pages)`,
    );
    // Attendance reads the list when it starts following and on a gap that stays open: a catch-up
    // or two at most, never one per change (450 here).
    expect(reads).toBeGreaterThanOrEqual(LIST_PAGES);
    expect(reads).toBeLessThanOrEqual(3 * LIST_PAGES);
    // The rest is the planner's one read before sending.
    expect(requests - reads).toBeLessThanOrEqual(LIST_PAGES + 1);
  }, 180_000);

  it('item 1: a restart keeps attendance in the run history, and opening the run follows its live call again', async () => {
    await t.stop();
    t = await startTestCore({ ...dirs, sandbox: { size: SIZE } });
    const again = await t.ok('runGet', { runId: big.run.id });
    expect(again.people.map((p) => [p.personId, p.joinedAt ?? null, p.leftAt ?? null])).toEqual(
      big.people.map((p) => [p.personId, p.joinedAt ?? null, p.leftAt ?? null]),
    );
    expect(again.people.filter((p) => attendanceOf(p) === 'left')).toHaveLength(50);
    // Opening the run followed its call again (still live): a late join is marked too.
    const late = again.people.find((p) => attendanceOf(p) === 'notYet')!;
    const world = t.core.embeddedSandbox()!.world;
    await waitFor(async () => {
      await t.ok('runGet', { runId: big.run.id });
      return t.core.attendanceReads() > 0;
    }, 'the call followed again');
    world.joinCall(BigInt(call.id), BigInt(late.personId));
    await waitFor(async () => (await t.ok('runGet', { runId: big.run.id })).people.find((p) => p.personId === late.personId)!.joinedAt != null, 'the late join');
  }, 60_000);
});

describe('attendance after dropped pushes', () => {
  let t: TestCore;
  let sandbox: Sandbox;
  let call: CallSummary;
  let members: Person[];
  beforeAll(async () => {
    t = await startTestCore({ sandbox: { size: SIZE } });
    await t.ok('authExploreSandbox', {});
    sandbox = t.core.embeddedSandbox()!;
    ({ call, people: members } = await bigCall(t));
  }, 60_000);
  afterAll(() => t.close());

  it('item 1: with pushed changes dropped for a while, the app catches up by version: the missed joins and leaves are marked', async () => {
    const people = members.slice(0, 10);
    const callId = BigInt(call.id);
    const started = await t.ok('inviteStart', { callId: call.id, personIds: people.map((p) => p.id) });
    await waitFor(async () => (await t.ok('runGet', { runId: started.run.id })).run.state === 'done', 'run done');
    // The first joins with pushes on: the app sees it.
    sandbox.world.joinCall(callId, BigInt(people[0]!.id));
    await waitFor(async () => (await t.ok('runGet', { runId: started.run.id })).people[0]!.joinedAt != null, 'the first join seen');
    const readsBefore = t.core.attendanceReads();
    sandbox.controls.dropParticipantUpdates = true;
    for (const person of people.slice(1, 5)) sandbox.world.joinCall(callId, BigInt(person.id));
    sandbox.world.leaveCall(callId, BigInt(people[0]!.id));
    sandbox.controls.dropParticipantUpdates = false;
    // Only this change is pushed; its version shows five were missed.
    sandbox.world.joinCall(callId, BigInt(people[5]!.id));
    let run: RunSnapshot;
    await waitFor(async () => {
      run = await t.ok('runGet', { runId: started.run.id });
      return run.people.filter((p) => p.joinedAt).length === 6 && run.people[0]!.leftAt != null;
    }, 'the missed joins caught up', 15_000);
    expect(run!.people.map(attendanceOf)).toEqual(['left', 'joined', 'joined', 'joined', 'joined', 'joined', 'notYet', 'notYet', 'notYet', 'notYet']);
    const catchUps = t.core.attendanceReads() - readsBefore;
    const pages = Math.ceil(call.participantsCount / PARTICIPANTS_PAGE);
    console.log(`item 1: after 5 dropped changes, attendance caught up with ${catchUps} phone.getGroupParticipants requests (one read of the list: ${pages} pages)`);
    // One read of the list (its page count can grow by one with the joins), not one per change.
    expect(catchUps).toBeGreaterThanOrEqual(pages);
    expect(catchUps).toBeLessThanOrEqual(pages + 1);
  }, 60_000);
});
