// Item 8, pacing: Rollcall's per-hour ceiling is counted on disk (DATA/pacing.json, 0600), so a
// core stopped and started again on the same folders doesn't start a fresh hour. Through the
// contract, the real GramJS client and the embedded sandbox.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACING_FILE } from './invite/pacer';
import { startTestCore, tempDirs, type TestCore } from './testSupport/host';
import { allPeople } from './testSupport/people';

async function freshPeople(t: TestCore, count: number, skip = 0) {
  const { calls } = await t.ok('callsList', {});
  const call = calls.find((c) => c.chat.title === 'Rust Meetup Berlin')!;
  const people = await allPeople(t, { source: 'members', callId: call.id });
  const inCall = new Set((await t.ok('peopleParticipants', { callId: call.id, offset: null, limit: 1000 })).people.map((p) => p.id));
  const ids = people.filter((p) => p.kind === 'user' && !inCall.has(p.id)).slice(skip, skip + count).map((p) => p.id);
  return { callId: call.id, ids };
}

describe('item 8: the hourly ceiling across a restart', () => {
  const dirs = tempDirs();
  afterAll(async () => {
    const t = await startTestCore(dirs);
    await t.close();
  });

  it('item 8: the per-hour ceiling survives a core restart: the last hour’s sends are on disk, and a new run waits instead of sending', async () => {
    const first = await startTestCore(dirs);
    await first.ok('authExploreSandbox', {});
    await first.ok('settingsSetPacing', { batchSize: 10, inFlight: 1, perHourCeiling: 10 });
    const { callId, ids } = await freshPeople(first, 20);
    const started = await first.ok('inviteStart', { callId, personIds: ids });
    // Ten go out, then Rollcall's own pacing holds the run (the hour's ceiling of 10 is reached).
    await first.nextEvent('inviteProgress', (e) => e.run.id === started.run.id && e.run.floodWait?.source === 'pacing');
    const world = first.core.embeddedSandbox()!.world;
    expect(world.deliveryCounts(BigInt(callId)).size).toBe(10);
    await first.ok('inviteCancel', { runId: started.run.id });
    await first.stop();
    expect(statSync(join(dirs.dataDir, PACING_FILE)).mode & 0o777).toBe(0o600);

    // A new core on the same folders: the hour is not fresh, so a new run waits before sending.
    const second = await startTestCore(dirs);
    expect((await second.ok('authState', {})).step).toBe('signedIn');
    expect((await second.ok('settingsGet', {})).perHourCeiling).toBe(10);
    const more = await freshPeople(second, 5, 20);
    const next = await second.ok('inviteStart', { callId: more.callId, personIds: more.ids });
    const held = await second.nextEvent('inviteProgress', (e) => e.run.id === next.run.id && e.run.floodWait?.source === 'pacing');
    expect(held.run.floodWait!.until - held.run.startedAt).toBeGreaterThan(0);
    expect(second.core.embeddedSandbox()!.world.deliveryCounts(BigInt(callId)).size).toBe(10);
    const cancelled = await second.ok('inviteCancel', { runId: next.run.id });
    expect(cancelled.run.counts.notSent).toBe(5);
    expect(second.core.embeddedSandbox()!.world.deliveryCounts(BigInt(callId)).size).toBe(10);
    await second.stop();
  });
});
