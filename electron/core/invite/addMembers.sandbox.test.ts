// Adding people to the group, then inviting them (issue 9, item 11), end to end: the engine, the
// core's InviteGateway, the real GramJS client and the sandbox over TCP. Requests are counted at
// the sandbox (`stats()`, per method); every add request the gateway sends is recorded too, to
// prove nobody is in two add requests that succeeded (nobody added twice) and nobody invited twice.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InviteStatus, RunSnapshot } from '../../../shared/domain/invite';
import { englishError } from '../../../shared/i18n/english';
import { resolveList, streamContacts } from '../../telegram/directory';
import { ACCOUNT_LIMITS_FILE } from './accountLimits';
import type { InviteEngineOptions } from './engine';
import type { InviteGateway } from './ports';
import { engineFor, virtualClock, type EngineHarness } from './testSupport/harness';
import { IDS, openSandboxSession, type SandboxSession } from './testSupport/sandboxSession';

// Generated contacts 100…399 of the organiser are not members of Rust Meetup (its generated members are 0…99).
const SIZE = { contacts: 400, members: 100, callParticipants: 0 };
const BULK_BASE = 6_000_000_000n;
const bulk = (from: number, count: number) => Array.from({ length: count }, (_, i) => String(BULK_BASE + BigInt(from + i)));

let s: SandboxSession;
const harnesses: EngineHarness[] = [];

beforeAll(async () => {
  s = await openSandboxSession({ size: SIZE });
  await streamContacts({ link: s.link, onPage: () => {} });
  // The strict cases' people are nobody's contacts: found by username, as a pasted list finds them.
  await resolveList({ link: s.link, text: STRICT.map(([name]) => `@${name}`).join('\n') });
}, 60_000);
afterAll(async () => s?.close());
afterEach(async () => {
  s.resetControls();
  for (const h of harnesses.splice(0)) {
    await h.engine.dispose();
    h.cleanup();
  }
});

/** The real gateway, with every add request recorded with whether Telegram accepted it, and a hook before each. */
function recorded(gateway: InviteGateway, beforeAdd: (n: number) => void = () => {}) {
  const adds: { ids: string[]; ok: boolean }[] = [];
  const wrapped: InviteGateway = {
    ...gateway,
    addToChat: async (callId, ids) => {
      beforeAdd(adds.length + 1);
      const entry = { ids: [...ids], ok: false };
      adds.push(entry);
      const result = await gateway.addToChat(callId, ids);
      entry.ok = true;
      return result;
    },
  };
  return { gateway: wrapped, adds };
}

function expectNobodyAddedTwice(adds: { ids: string[]; ok: boolean }[]): void {
  const accepted = adds.filter((a) => a.ok).flatMap((a) => a.ids);
  expect(new Set(accepted).size).toBe(accepted.length);
}

const engine = (gateway: InviteGateway, extra: Partial<InviteEngineOptions> = {}) => {
  const h = engineFor(gateway, { ...virtualClock(1), progressIntervalMs: 0, ...extra });
  harnesses.push(h);
  return h;
};

const withStatus = (run: RunSnapshot, status: InviteStatus) => run.people.filter((p) => p.status === status).map((p) => p.personId);
const deliveries = (callId: string, ids: readonly string[]) => ids.map((id) => s.sandbox.world.deliveries(BigInt(callId), BigInt(id)));
const waitFor = async (condition: () => boolean, ms = 10_000) => {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};
const byMethod = () => s.sandbox.stats().byMethod;

/** A fresh call in `chatId` and a first run that finds `people` not members; the sandbox's counts start after it. */
async function notMembers(chatId: bigint, people: string[], h: EngineHarness): Promise<{ callId: string; first: RunSnapshot }> {
  const callId = await s.freshCall(chatId);
  const first = await h.engine.settled((await h.engine.start(callId, people)).run.id);
  expect(withStatus(first, 'notMember').sort()).toEqual([...people].sort());
  s.sandbox.resetStats();
  return { callId, first };
}

const STRICT: [username: string, id: bigint, code: string][] = [
  ['nadia_kern', IDS.nadia, 'PREMIUM_NEEDED_TO_ADD'],
  ['otto_brandt', IDS.otto, 'PREMIUM_NEEDED_TO_ADD_AND_MESSAGE'],
  ['yara_lind', IDS.yara, 'ADD_REFUSED_CANNOT_MESSAGE'],
  ['pavel_ostrov', IDS.pavel, 'USER_PRIVACY_RESTRICTED'],
  ['leon_abbott', IDS.leon, 'USER_NOT_MUTUAL_CONTACT'],
  ['rex_banner', IDS.rex, 'USER_KICKED'],
  ['uma_castillo', IDS.uma, 'USER_CHANNELS_TOO_MUCH'],
  ['kai_moreau', IDS.kai, 'CHAT_MEMBER_ADD_FAILED'],
];

describe('item 11: adding members, then inviting them', () => {
  it('item 11: a supergroup add of 150 non-members goes in 2 requests (100 + 50), paced, then each is invited once', async () => {
    const people = bulk(100, 150);
    const r = recorded(s.gateway);
    const h = engine(r.gateway);
    const { callId, first } = await notMembers(IDS.rustMeetup, people, h);
    const done = await h.engine.settled((await h.engine.addToGroup(first.run.id, people)).run.id);
    const counts = byMethod();
    console.log(`item 11: 150 non-members into a supergroup: ${JSON.stringify(counts)}`);
    expect(counts['channels.inviteToChannel']).toBe(2);
    expect(r.adds.map((a) => a.ids.length)).toEqual([100, 50]);
    expect(counts['phone.inviteToGroupCall']).toBe(15);
    expect(done.run).toMatchObject({ state: 'done', counts: { invited: 150 } });
    expect(people.every((id) => s.sandbox.world.isMember(IDS.rustMeetup, BigInt(id)))).toBe(true);
    expect(deliveries(callId, people)).toEqual(people.map(() => 1));
    // The second add request waited for Rollcall's pacing, on the run's countdown.
    expect(h.events.some((e) => e.run.floodWait?.source === 'pacing')).toBe(true);
    expectNobodyAddedTwice(r.adds);
  });

  it('item 11: each missing invitee and each add error gets its own status and catalogue advice; the others are added and invited', async () => {
    const strict = STRICT.map(([, id]) => String(id));
    const people = [...strict, String(IDS.mira)];
    const r = recorded(s.gateway);
    const h = engine(r.gateway);
    const { callId, first } = await notMembers(IDS.rustMeetup, people, h);
    const done = await h.engine.settled((await h.engine.addToGroup(first.run.id, people)).run.id);
    console.log(`item 11: 8 refusals + 1 among 9 people: ${JSON.stringify(byMethod())}`);
    expect(done.run.state).toBe('done');
    const outcome = (id: bigint) => done.people.find((p) => p.personId === String(id))!;
    for (const [username, id, code] of STRICT) {
      expect({ username, status: outcome(id).status, code: outcome(id).error?.code }).toEqual({ username, status: 'failed', code });
      const entry = englishError(outcome(id).error!.code);
      expect([entry.title, entry.meaning, entry.action].every((t) => t.length > 0)).toBe(true);
      expect(s.sandbox.world.isMember(IDS.rustMeetup, id)).toBe(false);
    }
    expect(outcome(IDS.otto).error?.message).toBe('missing_invitees: premium_would_allow_invite, premium_required_for_pm');
    expect(outcome(IDS.mira).status).toBe('invited');
    expect(deliveries(callId, people)).toEqual([...strict.map(() => 0), 1]);
    expect(byMethod()['phone.inviteToGroupCall']).toBe(1);
    expectNobodyAddedTwice(r.adds);
  });

  it('item 11: USER_PRIVACY_RESTRICTED as an error (older layers) fails the whole request: split, only that person refused', async () => {
    const people = bulk(250, 3);
    const r = recorded(s.gateway);
    const h = engine(r.gateway);
    const { first } = await notMembers(IDS.rustMeetup, [...people, String(IDS.pavel)], h);
    s.sandbox.controls.privacyRefusalAsError = true;
    const done = await h.engine.settled((await h.engine.addToGroup(first.run.id, [...people, String(IDS.pavel)])).run.id);
    expect(done.people.find((p) => p.personId === String(IDS.pavel))).toMatchObject({ status: 'failed', error: { code: 'USER_PRIVACY_RESTRICTED' } });
    expect(withStatus(done, 'invited').sort()).toEqual([...people].sort());
    // 4 → 2 + 2 → the half with Pavel → 1 + 1: five requests, two of them refused.
    expect(byMethod()['channels.inviteToChannel']).toBe(5);
    expectNobodyAddedTwice(r.adds);
  });

  it('item 11: a basic-group add is single messages.addChatUser requests, paced, then one invite request', async () => {
    const people = bulk(260, 3);
    const r = recorded(s.gateway);
    const h = engine(r.gateway);
    const { callId, first } = await notMembers(IDS.bookClub, people, h);
    const done = await h.engine.settled((await h.engine.addToGroup(first.run.id, people)).run.id);
    const counts = byMethod();
    console.log(`item 11: 3 non-members into a basic group: ${JSON.stringify(counts)}`);
    expect(counts['messages.addChatUser']).toBe(3);
    expect(r.adds.map((a) => a.ids.length)).toEqual([1, 1, 1]);
    expect(counts['phone.inviteToGroupCall']).toBe(1);
    expect(done.run).toMatchObject({ state: 'done', counts: { invited: 3 } });
    expect(h.events.filter((e) => e.run.floodWait?.source === 'pacing').length).toBeGreaterThanOrEqual(2);
    expect(deliveries(callId, people)).toEqual([1, 1, 1]);
    expectNobodyAddedTwice(r.adds);
  });

  it('item 11: a FLOOD_WAIT while adding shows the run’s countdown, then the same request goes again and the run finishes', async () => {
    const people = bulk(270, 12);
    const r = recorded(s.gateway);
    const h = engine(r.gateway);
    const { callId, first } = await notMembers(IDS.rustMeetup, people, h);
    s.sandbox.controls.failNext = { method: 'channels.inviteToChannel', code: 420, message: 'FLOOD_WAIT_30' };
    const done = await h.engine.settled((await h.engine.addToGroup(first.run.id, people)).run.id);
    const waits = h.events.filter((e) => e.run.state === 'floodWait' && e.run.floodWait?.source !== 'pacing');
    expect(waits[0]!.run.floodWait).toMatchObject({ seconds: 30 });
    expect(new Set(waits.map((e) => e.run.floodWait!.until)).size).toBe(1);
    expect(waits.length).toBeGreaterThanOrEqual(2); // the pause and its countdown ticks
    expect(byMethod()['channels.inviteToChannel']).toBe(2);
    expect(r.adds.map((a) => [a.ids.length, a.ok])).toEqual([[12, false], [12, true]]);
    expect(done.run).toMatchObject({ state: 'done', counts: { invited: 12 } });
    expect(deliveries(callId, people)).toEqual(people.map(() => 1));
    expectNobodyAddedTwice(r.adds);
  });

  it('item 11: PEER_FLOOD while adding stops the run at once and cools the account down; nothing more is sent', async () => {
    const people = bulk(290, 4);
    const r = recorded(s.gateway, (n) => {
      if (n === 2) s.sandbox.controls.failNext = { method: 'messages.addChatUser', code: 400, message: 'PEER_FLOOD' };
    });
    const h = engine(r.gateway);
    const { callId, first } = await notMembers(IDS.bookClub, people, h);
    const done = await h.engine.settled((await h.engine.addToGroup(first.run.id, people)).run.id);
    expect(done.run).toMatchObject({ state: 'stopped', stopReason: { code: 'PEER_FLOOD' } });
    expect(done.run.stopReason!.message).toMatch(/until \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(byMethod()).toMatchObject({ 'messages.addChatUser': 2 });
    expect(byMethod()['phone.inviteToGroupCall']).toBeUndefined();
    expect(done.run.counts.notSent).toBe(4);
    expect(deliveries(callId, people)).toEqual([0, 0, 0, 0]);
    // The first add's person is a member now, but a limited account invites nobody.
    expect(s.sandbox.world.isMember(IDS.bookClub, BigInt(people[0]!))).toBe(true);
    await waitFor(() => existsSync(join(h.dataDir, ACCOUNT_LIMITS_FILE)));
    await h.engine.dispose();
    const again = h.restart(r.gateway);
    harnesses.push({ ...again, cleanup: () => {} });
    s.sandbox.resetStats();
    await expect(again.engine.addToGroup(first.run.id, people.slice(2))).rejects.toMatchObject({ code: 'ACCOUNT_COOLING_DOWN' });
    expect(s.sandbox.stats().total).toBe(0);
    expectNobodyAddedTwice(r.adds);
  });

  it('item 11: an add error Rollcall doesn’t know stops the run after one request; CHAT_ADMIN_REQUIRED stops too', async () => {
    const people = bulk(300, 20);
    const h = engine(s.gateway);
    const { first } = await notMembers(IDS.rustMeetup, people, h);
    s.sandbox.controls.failNext = { method: 'channels.inviteToChannel', code: 400, message: 'FROBNICATE_INVALID' };
    const done = await h.engine.settled((await h.engine.addToGroup(first.run.id, people)).run.id);
    expect(done.run).toMatchObject({ state: 'stopped', stopReason: { code: 'TELEGRAM_UNKNOWN_STOPPED' }, counts: { notSent: 20 } });
    expect(done.run.stopReason!.message).toContain('FROBNICATE_INVALID');
    expect(byMethod()['channels.inviteToChannel']).toBe(1);

    s.sandbox.resetStats();
    s.sandbox.controls.failNext = { method: 'channels.inviteToChannel', code: 400, message: 'CHAT_ADMIN_REQUIRED' };
    const admin = await h.engine.settled((await h.engine.addToGroup(first.run.id, people)).run.id);
    expect(admin.run).toMatchObject({ state: 'stopped', stopReason: { code: 'CHAT_ADMIN_REQUIRED' }, counts: { notSent: 20 } });
    expect(byMethod()['channels.inviteToChannel']).toBe(1);
    expect(people.some((id) => s.sandbox.world.isMember(IDS.rustMeetup, BigInt(id)))).toBe(false);
  });
});
