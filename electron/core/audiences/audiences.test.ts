// Issue 12 item 3, audiences, through the contract of a real core: GramJS against the embedded
// sandbox, replies validated by the dispatcher, the file in a real data folder.
import { readFileSync, statSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSnapshot } from '../../../shared/domain/invite';
import type { CallSummary, Person } from '../../../shared/domain/people';
import { startTestCore, tempDirs, type TestCore } from '../testSupport/host';
import { allPeople } from '../testSupport/people';
import { AUDIENCES_FILE } from './store';

async function rustMeetup(t: TestCore): Promise<{ call: CallSummary; members: Person[] }> {
  const { calls } = await t.ok('callsList', {});
  const call = calls.find((c) => c.chat.title === 'Rust Meetup Berlin')!;
  const people = await allPeople(t, { source: 'members', callId: call.id });
  return { call, members: people };
}

/** Starts a run and waits until its progress says it finished. */
async function finishedRun(t: TestCore, callId: string, personIds: string[]) {
  const started = await t.ok('inviteStart', { callId, personIds });
  await t.nextEvent('inviteProgress', (p) => p.run.id === started.run.id && p.run.finishedAt !== null, 30_000);
  return t.ok('runGet', { runId: started.run.id });
}

const asSelected = (p: Person) => ({ id: p.id, name: p.name, username: p.username, kind: p.kind });

describe('audiences', () => {
  const dirs = tempDirs();
  let t: TestCore;
  let call: CallSummary;
  let members: Person[];
  let fresh: Person[];
  let mira: Person;
  beforeAll(async () => {
    t = await startTestCore(dirs);
    await t.ok('authExploreSandbox', {});
    ({ call, members } = await rustMeetup(t));
    const regulars = ['Linus Brook', 'Margaret Hale', 'Quinn Alder', 'Ada Quill'];
    fresh = members.filter((p) => p.kind === 'user' && !regulars.includes(p.name)).slice(0, 6);
    mira = (await allPeople(t, { source: 'contacts' })).find((p) => p.name === 'Mira Castell')!;
  });
  afterAll(() => t.close());

  it('item 3: made from a selection, a run, a pasted list and a CSV, merged by Telegram id', async () => {
    const [a, b, c, d] = fresh;
    const run = await finishedRun(t, call.id, [c.id, d.id, mira.id]);
    expect(run.people.map((p) => p.status)).toEqual(['invited', 'invited', 'notMember']);
    // c comes from the selection, the run, the pasted list (by username) and the CSV (by id): once.
    const csv = Papa.unparse({ fields: ['name', 'username', 'id'], data: [['C again', '', c.id], ['Margaret', 'margaret_hale', ''], ['Nobody', '', '']] });
    const { audience, unresolved } = await t.ok('audienceSave', {
      name: 'Tuesday meetup regulars',
      sources: [
        { kind: 'people', people: [a, b, c].map(asSelected) },
        { kind: 'run', runId: run.run.id, group: 'invited' },
        { kind: 'pasted', text: `@${c.username ?? 'linus_brook'}\n@linus_brook\n@nobody_has_this_name` },
        { kind: 'csv', text: csv },
      ],
    });
    const names = audience.people.map((p) => p.name);
    expect(names).toEqual([a.name, b.name, c.name, d.name, 'Linus Brook', 'Margaret Hale']);
    expect(new Set(audience.people.map((p) => p.id)).size).toBe(audience.people.length);
    expect(unresolved.map((l) => [l.lineNumber, l.error?.code])).toEqual([
      [3, 'USERNAME_NOT_OCCUPIED'],
      [4, 'AUDIENCE_PERSON_NOT_FOUND'],
    ]);

    // The run's other groups: everyone, and those it did not invite.
    const others = await t.ok('audienceSave', { name: 'Not reached', sources: [{ kind: 'run', runId: run.run.id, group: 'notInvited' }] });
    expect(others.audience.people).toEqual([{ id: mira.id, name: 'Mira Castell', username: mira.username, kind: 'user' }]);
    const everyone = await t.ok('audienceSave', { name: 'Everyone', sources: [{ kind: 'run', runId: run.run.id, group: 'everyone' }] });
    expect(everyone.audience.people.map((p) => p.id)).toEqual([c.id, d.id, mira.id]);

    const { audiences } = await t.ok('audiencesList', {});
    expect(audiences.map((x) => [x.name, x.count])).toEqual(
      expect.arrayContaining([['Tuesday meetup regulars', 6], ['Not reached', 1], ['Everyone', 3]]),
    );
  });

  it('item 3: from a run’s attendance: those who joined the call (left again or not), and those invited who didn’t', async () => {
    const [, , , , e, f] = fresh;
    const run = await finishedRun(t, call.id, [e.id, f.id, mira.id]);
    expect(run.people.map((p) => p.status)).toEqual(['invited', 'invited', 'notMember']);
    // e joins the call and leaves it again (as the sandbox's people do), seen through the pushed participant updates.
    const world = t.core.embeddedSandbox()!.world;
    const attended = async (check: (p: RunSnapshot['people'][number]) => boolean) => {
      for (let tries = 0; tries < 500; tries++) {
        const now = await t.ok('runGet', { runId: run.run.id });
        if (check(now.people[0]!)) return;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('attendance not seen in time');
    };
    world.joinCall(BigInt(call.id), BigInt(e.id));
    await attended((p) => p.joinedAt != null);
    world.leaveCall(BigInt(call.id), BigInt(e.id));
    await attended((p) => p.leftAt != null);

    const joined = await t.ok('audienceSave', { name: 'Came', sources: [{ kind: 'run', runId: run.run.id, group: 'joined' }] });
    expect(joined.audience.people.map((p) => p.id)).toEqual([e.id]);
    // Mira, not a member, got no invitation: she is in neither.
    const notJoined = await t.ok('audienceSave', { name: 'Didn’t come', sources: [{ kind: 'run', runId: run.run.id, group: 'notJoined' }] });
    expect(notJoined.audience.people.map((p) => p.id)).toEqual([f.id]);
  });

  it('item 3: a list that names nobody saves nothing, and says why', async () => {
    const error = await t.fail('audienceSave', { name: 'Empty', sources: [{ kind: 'pasted', text: '@nobody_has_this_name' }] });
    expect(error.code).toBe('AUDIENCE_EMPTY');
    expect(error.message).toContain('nobody_has_this_name');
    const unreadable = await t.fail('audienceSave', { name: 'Bad CSV', sources: [{ kind: 'csv', text: 'first,last\nA,B' }] });
    expect(unreadable.code).toBe('AUDIENCE_CSV_UNREADABLE');
    const many = (from: number) => ({ kind: 'people' as const, people: Array.from({ length: 60_000 }, (_, i) => ({ id: String(from + i), name: `P${i}`, username: null, kind: 'user' as const })) });
    const tooLarge = await t.fail('audienceSave', { name: 'Everyone ever', sources: [many(1_000_000), many(2_000_000)] });
    expect(tooLarge.code).toBe('AUDIENCE_TOO_LARGE');
    // Names are validated by the contract.
    expect((await t.fail('audienceSave', { name: '   ', sources: [{ kind: 'pasted', text: '@linus_brook' }] })).code).toBe('INVALID_REQUEST');
  });

  it('item 3: renamed, edited (people removed, a selection added), exported and deleted', async () => {
    const [a, b, , , e, f] = fresh;
    const { audience } = await t.ok('audienceSave', { name: 'Draft', sources: [{ kind: 'people', people: [a, b].map(asSelected) }] });
    const renamed = await t.ok('audienceRename', { audienceId: audience.id, name: 'Thursday crew' });
    expect(renamed).toMatchObject({ id: audience.id, name: 'Thursday crew', count: 2 });
    const edited = await t.ok('audienceUpdate', { audienceId: audience.id, removeIds: [a.id], add: [{ kind: 'people', people: [e, f, b].map(asSelected) }] });
    expect(edited.audience.people.map((p) => p.id)).toEqual([b.id, e.id, f.id]);

    const exported = await t.ok('audienceExport', { audienceId: audience.id });
    expect(exported.fileName).toBe('rollcall-thursday-crew-audience.csv');
    const rows = Papa.parse<string[]>(exported.csv.trim()).data;
    expect(rows[0]).toEqual(['name', 'username', 'id', 'kind']);
    expect(rows.slice(1).map((r) => r[2])).toEqual([b.id, e.id, f.id]);
    expect(rows[1]).toEqual([b.name, b.username ?? '', b.id, 'user']);
    // An exported audience reads back as the same people.
    const again = await t.ok('audienceSave', { name: 'Round trip', sources: [{ kind: 'csv', text: exported.csv }] });
    expect(again.audience.people.map((p) => p.id)).toEqual([b.id, e.id, f.id]);

    expect(await t.ok('audienceDelete', { audienceId: audience.id })).toEqual({ deleted: audience.id });
    expect((await t.ok('audiencesList', {})).audiences.some((x) => x.id === audience.id)).toBe(false);
    expect((await t.fail('audienceOpen', { audienceId: audience.id, callId: call.id })).code).toBe('AUDIENCE_NOT_FOUND');
    expect((await t.fail('audienceRename', { audienceId: audience.id, name: 'Gone' })).code).toBe('AUDIENCE_NOT_FOUND');
  });

  it('item 3: kept private in the data folder, and found again after a restart, with who can’t be found and why', async () => {
    const bot = members.find((p) => p.kind === 'bot')!;
    const [a] = fresh;
    const stranger = { id: '777000123', name: 'Someone Elsewhere', username: null, kind: 'user' as const };
    const { audience } = await t.ok('audienceSave', {
      name: 'Restart',
      sources: [{ kind: 'people', people: [asSelected(a), asSelected(mira), asSelected(bot), stranger] }],
    });
    expect(statSync(join(dirs.dataDir, AUDIENCES_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(dirs.dataDir).mode & 0o777).toBe(0o700);

    await t.stop();
    t = await startTestCore(dirs);
    // The new session has seen nobody: opening the audience finds them again for this call.
    const restartedCall = (await t.ok('callsList', {})).calls.find((x) => x.id === call.id)!;
    const opened = await t.ok('audienceOpen', { audienceId: audience.id, callId: restartedCall.id });
    expect(opened.audience).toMatchObject({ name: 'Restart', count: 4 });
    expect(opened.people.map((p) => [p.name, p.kind])).toEqual([[a.name, 'user'], ['Mira Castell', 'user'], [bot.name, 'bot']]);
    expect(opened.missing).toEqual([{ person: stranger, error: { code: 'AUDIENCE_PERSON_NOT_FOUND', message: 'Someone Elsewhere was not found from this account.' } }]);
    // The picker asks the plan why a found person can't be invited, as for any source.
    const plan = await t.ok('invitePlan', { callId: call.id, personIds: opened.people.map((p) => p.id) });
    expect(plan.people.map((p) => p.skipReason)).toEqual([null, null, 'bot']);
  });
});

describe('a damaged audiences file', () => {
  it('item 3: is set aside with the reason logged, and the app carries on', async () => {
    const dirs = tempDirs();
    const logDir = join(dirs.dataDir, 'logs');
    let t = await startTestCore({ ...dirs, logDir });
    try {
      writeFileSync(join(dirs.dataDir, AUDIENCES_FILE), '{"v":1,"audiences":[{"id":"x"', { mode: 0o600 });
      await t.stop();
      t = await startTestCore({ ...dirs, logDir });
      expect((await t.ok('audiencesList', {})).audiences).toEqual([]);
      const aside = readdirSync(dirs.dataDir).filter((n) => n.startsWith('audiences.set-aside-'));
      expect(aside).toHaveLength(1);
      expect(readFileSync(join(dirs.dataDir, aside[0]), 'utf8')).toBe('{"v":1,"audiences":[{"id":"x"');
      expect(readFileSync(join(logDir, 'main.log'), 'utf8')).toContain(`audiences.json was set aside as ${aside[0]}: it is not JSON.`);

      // The same for a file of the wrong shape; and saving works again afterwards.
      writeFileSync(join(dirs.dataDir, AUDIENCES_FILE), JSON.stringify({ v: 1, audiences: [{ id: '../x', name: 'Evil' }] }));
      await t.stop();
      t = await startTestCore({ ...dirs, logDir });
      expect((await t.ok('audiencesList', {})).audiences).toEqual([]);
      expect(readFileSync(join(logDir, 'main.log'), 'utf8')).toContain('it is not a list of audiences Rollcall wrote');
      await t.ok('authExploreSandbox', {});
      const people = await allPeople(t, { source: 'contacts' });
      const saved = await t.ok('audienceSave', { name: 'Fresh start', sources: [{ kind: 'people', people: people.slice(0, 2).map(asSelected) }] });
      expect((await t.ok('audiencesList', {})).audiences.map((a) => a.id)).toEqual([saved.audience.id]);
    } finally {
      await t.close();
    }
  });
});
