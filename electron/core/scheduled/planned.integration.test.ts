// Issue 12, item 4: planned runs ("Invite when it starts") through the core, the real GramJS
// client and the sandbox over TCP. The seeded "Friday games" in Board Games Night is scheduled
// two days ahead; tests start it with world.startScheduledCall and wait on the core's events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallSummary, Person } from '../../../shared/domain/people';
import { english } from '../../../shared/i18n/english';
import type { Sandbox } from '../../../sandbox/src/index';
import type { RunNotice } from '../invite/sender';
import { startTestCore, tempDirs, type TestCore } from '../testSupport/host';
import { allPeople } from '../testSupport/people';

const TOGGLE = 'phone.toggleGroupCallStartSubscription';

async function friday(t: TestCore): Promise<{ call: CallSummary; people: Person[] }> {
  const { calls } = await t.ok('callsList', {});
  const call = calls.find((c) => c.state === 'scheduled' && c.chat.title === 'Board Games Night')!;
  // As the picker does: the call's group, every member but the account itself.
  const people = (await allPeople(t, { source: 'members', callId: call.id })).filter((p) => p.kind === 'user');
  return { call, people };
}

const toggles = (sandbox: Sandbox) => sandbox.stats().byMethod[TOGGLE] ?? 0;

/** Invitations per person id: who got how many. */
function deliveries(sandbox: Sandbox, callId: string): Record<string, number> {
  return Object.fromEntries([...sandbox.world.deliveryCounts(BigInt(callId))].map(([id, n]) => [id.toString(), n]));
}

/** The run a planned run became, once the core says its call started; then that run's end. */
async function startedRun(t: TestCore, planId: string) {
  const { started } = await t.nextEvent('plannedChanged', (c) => c.started?.planId === planId, 30_000);
  const done = await t.nextEvent('inviteProgress', (p) => p.run.id === started!.runId && p.run.state === 'done', 30_000);
  return { started: started!, run: done.run };
}

/**
 * A core signed in to the sandbox for one describe block (closed after it): `it`s read `t` and
 * `sandbox` from the returned object once beforeAll has run.
 */
function signedInCore(options: Parameters<typeof startTestCore>[0] = {}): { t: TestCore; sandbox: Sandbox } {
  const made = {} as { t: TestCore; sandbox: Sandbox };
  beforeAll(async () => {
    made.t = await startTestCore(options);
    await made.t.ok('authExploreSandbox', {});
    made.sandbox = made.t.core.embeddedSandbox()!;
  }, 60_000);
  afterAll(() => made.t.close());
  return made;
}

describe('a planned run while the app is open', () => {
  const notices: RunNotice[] = [];
  let t: TestCore;
  let sandbox: Sandbox;
  let call: CallSummary;
  let people: Person[];
  beforeAll(async () => {
    t = await startTestCore({ notify: (notice) => notices.push(notice) });
    await t.ok('authExploreSandbox', {});
    sandbox = t.core.embeddedSandbox()!;
    ({ call, people } = await friday(t));
  }, 60_000);
  afterAll(() => t.close());

  it('item 4: planning subscribes to the start once; editing changes the people; the start (pushed) sends each planned person exactly once and notifies', async () => {
    expect(call.scheduled).toMatchObject({ subscribed: false });
    expect(people.length).toBeGreaterThanOrEqual(4);
    const before = toggles(sandbox);
    const plan = await t.ok('plannedCreate', { callId: call.id, personIds: people.map((p) => p.id) });
    expect(plan).toMatchObject({ state: 'waiting', subscribedByRollcall: true, scheduleDate: call.scheduled!.date });
    expect(toggles(sandbox) - before).toBe(1);
    const listed = (await t.ok('callsList', {})).calls.find((c) => c.id === call.id)!;
    expect(listed.scheduled).toMatchObject({ subscribed: true });
    // One planned run per call: planning again is refused, and costs no request.
    expect((await t.fail('plannedCreate', { callId: call.id, personIds: [people[0]!.id] })).code).toBe('PLANNED_RUN_EXISTS');
    expect(toggles(sandbox) - before).toBe(1);

    // Edited before the start: the first person is taken out.
    const [dropped, ...kept] = people;
    const edited = await t.ok('plannedUpdate', { planId: plan.id, personIds: kept.map((p) => p.id) });
    expect(edited.people.map((p) => p.id)).toEqual(kept.map((p) => p.id));
    expect(deliveries(sandbox, call.id)).toEqual({});

    const pollsBefore = t.core.plannedPolls();
    sandbox.world.startScheduledCall(BigInt(call.id));
    const { started, run } = await startedRun(t, plan.id);
    expect(started).toMatchObject({ call: 'Friday games', count: kept.length });
    // The push did it: the poll (once a minute by default) did not run meanwhile.
    expect(t.core.plannedPolls()).toBe(pollsBefore);
    expect(run.counts.invited).toBe(kept.length);
    expect(deliveries(sandbox, call.id)).toEqual(Object.fromEntries(kept.map((p) => [p.id, 1])));
    expect(sandbox.world.deliveries(BigInt(call.id), BigInt(dropped!.id))).toBe(0);
    expect(notices).toContainEqual({ kind: 'plannedStarted', runId: run.id, call: 'Friday games', count: kept.length });
    expect(english('main.notify.plannedStarted.body', { call: started.call, count: started.count })).toBe(`Friday games started: inviting ${kept.length} people.`);
    // Sent and forgotten: no plan is left.
    expect((await t.ok('plannedList', {})).plans).toEqual([]);
  }, 60_000);
});

describe('a planned run whose start push is lost', () => {
  const core = signedInCore({ plannedPollMs: 100 });

  it('item 4: with updateGroupCall dropped, the poll finds the start and sends', async () => {
    const { t, sandbox } = core;
    const { call, people } = await friday(t);
    const plan = await t.ok('plannedCreate', { callId: call.id, personIds: people.map((p) => p.id) });
    sandbox.controls.dropCallStartUpdates = true;
    sandbox.world.startScheduledCall(BigInt(call.id));
    const { run } = await startedRun(t, plan.id);
    expect(run.counts.invited).toBe(people.length);
    expect(deliveries(sandbox, call.id)).toEqual(Object.fromEntries(people.map((p) => [p.id, 1])));
  }, 60_000);
});

describe('cancelling a planned run', () => {
  const core = signedInCore();

  it('item 4: cancelling turns the subscription Rollcall made off again, and nobody is invited when the call starts', async () => {
    const { t, sandbox } = core;
    const { call, people } = await friday(t);
    const before = toggles(sandbox);
    const plan = await t.ok('plannedCreate', { callId: call.id, personIds: people.map((p) => p.id) });
    await t.ok('plannedCancel', { planId: plan.id });
    expect(toggles(sandbox) - before).toBe(2);
    expect((await t.ok('callsList', {})).calls.find((c) => c.id === call.id)!.scheduled).toMatchObject({ subscribed: false });
    expect((await t.ok('plannedList', {})).plans).toEqual([]);
    expect((await t.fail('plannedSendNow', { planId: plan.id })).code).toBe('PLANNED_RUN_NOT_FOUND');
    // Started: a live call with nobody invited by the cancelled plan.
    sandbox.world.startScheduledCall(BigInt(call.id));
    expect((await t.ok('callsList', {})).calls.find((c) => c.id === call.id)?.state).toBe('active');
    expect(deliveries(sandbox, call.id)).toEqual({});
  }, 60_000);
});

describe('a planned run across restarts', () => {
  it('item 4: a restart before the start keeps the plan, and the start then sends it', async () => {
    const dirs = tempDirs();
    let t = await startTestCore(dirs);
    await t.ok('authExploreSandbox', {});
    const { call, people } = await friday(t);
    const plan = await t.ok('plannedCreate', { callId: call.id, personIds: people.map((p) => p.id) });
    await t.stop();

    t = await startTestCore(dirs);
    try {
      const sandbox = t.core.embeddedSandbox()!;
      // The launch's look: still scheduled, still waiting, nobody invited.
      expect((await t.ok('plannedList', {})).plans).toMatchObject([{ id: plan.id, state: 'waiting', people: people.map((p) => ({ id: p.id })) }]);
      sandbox.world.startScheduledCall(BigInt(call.id));
      const { run } = await startedRun(t, plan.id);
      expect(run.counts.invited).toBe(people.length);
      expect(deliveries(sandbox, call.id)).toEqual(Object.fromEntries(people.map((p) => [p.id, 1])));
    } finally {
      await t.close();
    }
  }, 90_000);

  it('item 4: a call that started while Rollcall was closed sends nothing on the next launch until the organiser says so, then everyone once', async () => {
    const dirs = tempDirs();
    let t = await startTestCore(dirs);
    await t.ok('authExploreSandbox', {});
    const { call, people } = await friday(t);
    const plan = await t.ok('plannedCreate', { callId: call.id, personIds: people.map((p) => p.id) });
    await t.stop();

    t = await startTestCore(dirs);
    try {
      const sandbox = t.core.embeddedSandbox()!;
      // Rollcall is not looking yet (nothing planned is watched before the launch's look): as if closed.
      sandbox.world.startScheduledCall(BigInt(call.id));
      const { plans } = await t.ok('plannedList', {});
      expect(plans).toMatchObject([{ id: plan.id, state: 'missed' }]);
      expect(deliveries(sandbox, call.id)).toEqual({});
      expect(t.events.some((e) => e.event === 'inviteProgress')).toBe(false);

      const sent = await t.ok('plannedSendNow', { planId: plan.id });
      const done = await t.nextEvent('inviteProgress', (p) => p.run.id === sent.run.id && p.run.state === 'done', 30_000);
      expect(done.run.counts.invited).toBe(people.length);
      expect(deliveries(sandbox, call.id)).toEqual(Object.fromEntries(people.map((p) => [p.id, 1])));
      expect((await t.ok('plannedList', {})).plans).toEqual([]);
    } finally {
      await t.close();
    }
  }, 90_000);
});

describe('planning for a call the account already follows', () => {
  const core = signedInCore();

  it('item 4: an account already subscribed to the start is not subscribed again, and cancelling leaves its subscription alone', async () => {
    const { t, sandbox } = core;
    const seeded = sandbox.world.callOf(sandbox.world.ids.boardGames)!;
    // Ada subscribed in Telegram herself, before Rollcall.
    sandbox.world.model.setStartSubscription(sandbox.world.model.call(seeded.id)!, sandbox.world.ids.ada, true);
    const { call, people } = await friday(t);
    expect(call.scheduled).toMatchObject({ subscribed: true });
    const before = toggles(sandbox);
    const plan = await t.ok('plannedCreate', { callId: call.id, personIds: people.map((p) => p.id) });
    expect(plan.subscribedByRollcall).toBe(false);
    await t.ok('plannedCancel', { planId: plan.id });
    expect(toggles(sandbox) - before).toBe(0);
    expect((await t.ok('callsList', {})).calls.find((c) => c.id === call.id)!.scheduled).toMatchObject({ subscribed: true });
  }, 60_000);
});
