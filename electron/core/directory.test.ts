// The directory through the contract and the real GramJS client against the sandbox: the live
// calls with their warnings, call links (each way one can be wrong), members streamed,
// participants page by page, contacts, search, and a pasted list with per-line errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallSummary, PeoplePage } from '../../shared/domain/people';
import { startTestCore, type TestCore } from './testSupport/host';
import { allPeople, newStreamId, streamPeople } from './testSupport/people';

let t: TestCore;
let calls: CallSummary[];
const byChat = (title: string) => {
  const call = calls.find((c) => c.chat.title === title);
  if (!call) throw new Error(`no call listed for ${title}`);
  return call;
};

beforeAll(async () => {
  t = await startTestCore();
  await t.ok('authExploreSandbox', {});
  ({ calls } = await t.ok('callsList', {}));
});
afterAll(() => t.close());

describe('live calls', () => {
  it('lists every chat with a live call, and not the ended one', () => {
    const live = calls.filter((c) => c.state === 'active');
    expect(live.map((c) => c.chat.title).sort()).toEqual(["Ada's Podcast", 'Book Club', "Hackers' Guild", 'Library Talks', 'Night Owls', 'Rust Meetup Berlin']);
    expect(calls.filter((c) => c.state !== 'active').map((c) => c.state)).toEqual(['scheduled']);
  });

  it('item 4: lists the scheduled call beside them, with its start time and whether the account subscribed', async () => {
    const friday = byChat('Board Games Night');
    const seeded = t.core.embeddedSandbox()!.world.callOf(t.core.embeddedSandbox()!.world.ids.boardGames)!;
    expect(friday).toMatchObject({
      id: seeded.id.toString(),
      state: 'scheduled',
      title: 'Friday games',
      participantsCount: 0,
      scheduled: { date: seeded.scheduleDate! * 1000, subscribed: false },
      // Nobody can be in a call that hasn't started: not having joined is no warning yet.
      warnings: [],
    });
  });

  it('describes each call: chat, title, participants, role, join-as', () => {
    expect(byChat('Rust Meetup Berlin')).toMatchObject({
      chat: { kind: 'supergroup', username: 'rust_meetup_berlin' },
      title: 'Monthly meetup',
      participantsCount: 28,
      canManage: true,
      joinAs: { kind: 'self', title: null },
      warnings: [],
    });
    expect(byChat('Book Club')).toMatchObject({ chat: { kind: 'group', username: null }, title: 'Chapter 7', joinAs: { kind: 'self' } });
    expect(byChat("Ada's Podcast")).toMatchObject({ chat: { kind: 'channel', username: 'adas_podcast' } });
    expect(byChat("Hackers' Guild")).toMatchObject({ canManage: false, joinAs: { kind: 'notJoined', title: null } });
  });

  it('warns when the account joined as a channel', () => {
    expect(byChat('Night Owls')).toMatchObject({ joinAs: { kind: 'channel', title: "Ada's Podcast" }, warnings: ['joinedAsChannel'] });
  });
});

describe('item 10: pre-flight', () => {
  it('item 10: the directory marks a broadcast channel’s live stream, and a call the account has not joined', () => {
    expect(byChat("Ada's Podcast").warnings).toContain('broadcastChannel');
    expect(byChat("Hackers' Guild").warnings).toContain('notJoined');
    expect(byChat('Rust Meetup Berlin').warnings).toEqual([]);
  });

  it('item 10: the plan blocks a broadcast channel with the reason, and inviteStart sends nothing there', async () => {
    const sandbox = t.core.embeddedSandbox()!;
    const podcast = byChat("Ada's Podcast");
    const people = await allPeople(t, { source: 'contacts' });
    const linus = people.find((p) => p.username === 'linus_brook')!;
    const plan = await t.ok('invitePlan', { callId: podcast.id, personIds: [linus.id] });
    expect(plan.callProblem).toMatchObject({ code: 'PREFLIGHT_BROADCAST' });
    expect(plan.preflight).toEqual([{ code: 'PREFLIGHT_BROADCAST', message: "Ada's Podcast is a broadcast channel.", blocks: true }]);
    const before = sandbox.world.deliveryCounts(BigInt(podcast.id));
    expect((await t.fail('inviteStart', { callId: podcast.id, personIds: [linus.id] })).code).toBe('PREFLIGHT_BROADCAST');
    expect(sandbox.world.deliveryCounts(BigInt(podcast.id))).toEqual(before);
    // The listener link is what is offered instead.
    expect((await t.ok('inviteExportLink', { callId: podcast.id, role: 'listener' })).link).toMatch(/^https:\/\/t\.me\/adas_podcast\?/);
  });

  it('item 10: not having joined warns before sending, without blocking', async () => {
    const guild = byChat("Hackers' Guild");
    const people = await allPeople(t, { source: 'contacts' });
    const grace = people.find((p) => p.username === 'grace_vance') ?? people[0]!;
    const plan = await t.ok('invitePlan', { callId: guild.id, personIds: [grace.id] });
    expect(plan.callProblem).toBeNull();
    expect(plan.preflight).toEqual([
      { code: 'PREFLIGHT_NOT_JOINED', message: "You are not among the participants of the call in Hackers' Guild.", blocks: false },
    ]);
  });
});

describe('call links', () => {
  it('resolves t.me, telegram.me and tg:// links to the live call', async () => {
    const rust = byChat('Rust Meetup Berlin');
    expect(await t.ok('callsResolveLink', { link: 'https://t.me/rust_meetup_berlin?videochat' })).toEqual(rust);
    expect((await t.ok('callsResolveLink', { link: 'telegram.me/rust_meetup_berlin?voicechat=abc' })).id).toBe(rust.id);
    expect((await t.ok('callsResolveLink', { link: 'tg://resolve?domain=adas_podcast&livestream' })).id).toBe(byChat("Ada's Podcast").id);
  });

  it.each([
    ['not a link at all', 'LINK_INVALID'],
    ['https://example.com/rust_meetup_berlin?videochat', 'LINK_NOT_TELEGRAM'],
    ['https://t.me/rust_meetup_berlin', 'LINK_NOT_A_CALL'],
    ['https://t.me/linus_brook?videochat', 'LINK_NOT_A_CALL'],
    ['https://t.me/nobody_has_this_name?videochat', 'USERNAME_NOT_OCCUPIED'],
  ])('refuses %s with %s', async (link, code) => {
    expect((await t.fail('callsResolveLink', { link })).code).toBe(code);
  });

  it('says when the linked chat has no live call', async () => {
    const sandbox = t.core.embeddedSandbox()!;
    const guild = sandbox.world.callOf(sandbox.world.ids.hackersGuild)!;
    sandbox.world.endCall(guild.id);
    expect(await t.fail('callsResolveLink', { link: 'https://t.me/hackers_guild?videochat' })).toMatchObject({
      code: 'LINK_NO_ACTIVE_CALL',
      message: expect.stringContaining("Hackers' Guild"),
    });
    expect((await t.ok('callsList', {})).calls.map((c) => c.chat.title)).not.toContain("Hackers' Guild");
  });
});

describe('people', () => {
  it('streams the members of a supergroup, each once, in the group’s order', async () => {
    const rust = byChat('Rust Meetup Berlin');
    const { people, total, error, pages } = await streamPeople(t, { source: 'members', callId: rust.id });
    expect(error).toBeNull();
    expect(total).toBe(281);
    const { world } = t.core.embeddedSandbox()!;
    const order = [...world.model.members(world.model.chat(world.ids.rustMeetup)!)].map((m) => m.userId.toString());
    expect(people.map((p) => p.id)).toEqual(order);
    expect(pages.map((p) => [p.people.length, p.done])).toEqual([[200, false], [81, false], [0, true]]);
    const kinds = new Map(people.map((p) => [p.name, p.kind]));
    expect([kinds.get('Ada Quill'), kinds.get('Rollcall Helper'), kinds.get('Deleted Account'), kinds.get('Linus Brook')]).toEqual(['self', 'bot', 'deleted', 'user']);
  });

  it('lists the members of a basic group', async () => {
    const { people, total } = await streamPeople(t, { source: 'members', callId: byChat('Book Club').id });
    expect(total).toBe(7);
    expect(people.map((p) => p.kind).sort()).toEqual(['bot', 'deleted', 'self', 'user', 'user', 'user', 'user']);
  });

  it('pages the participants of a call', async () => {
    const rust = byChat('Rust Meetup Berlin');
    const ids: string[] = [];
    let offset: string | null = null;
    do {
      const page: PeoplePage = await t.ok('peopleParticipants', { callId: rust.id, offset, limit: 10 });
      expect(page.total).toBe(28);
      ids.push(...page.people.map((p) => p.id));
      offset = page.nextOffset;
    } while (offset);
    expect(new Set(ids).size).toBe(28);
  });

  it('leaves out who joined as a channel', async () => {
    const owls = await t.ok('peopleParticipants', { callId: byChat('Night Owls').id, offset: null, limit: 100 });
    expect(owls.total).toBe(3);
    expect(owls.people.map((p) => p.name).sort()).toEqual(['Grace Vance', 'Victor Nyambura']);
  });

  it('refuses a call it has not seen, before sending anything', async () => {
    const from = { source: 'members', callId: '123' } as const;
    expect((await t.fail('peopleStreamStart', { streamId: newStreamId(), from })).code).toBe('CALL_NOT_FOUND');
  });

  it('lists contacts', async () => {
    const people = await allPeople(t, { source: 'contacts' });
    expect(people).toHaveLength(58);
    expect(people.every((p) => p.isContact && p.kind === 'user')).toBe(true);
    expect(people.find((p) => p.name === 'Barbara Lin')).toMatchObject({ username: null, phone: '+9996620006' });
  });

  it('searches Telegram, contacts first', async () => {
    const { people } = await t.ok('peopleSearch', { query: 'zoe' });
    expect(people.find((p) => p.name === 'Zoe Park')).toMatchObject({ username: 'zoe_park', isContact: false, phone: null });
    expect((await t.ok('peopleSearch', { query: '   ' })).people).toEqual([]);
  });
});

describe('a pasted list', () => {
  it('resolves each line, collapses repeats and explains every failure', async () => {
    const text = [
      '@linus_brook',
      'https://t.me/margaret_hale',
      '+999 662 0005',
      'LINUS_BROOK',
      '9996620003',
      '',
      'rust_meetup_berlin',
      'nobody_has_this_name',
      '@ab',
      'john doe',
      '+42 999 999 999',
      '@rollcall_helper_bot',
      'ada_quill',
    ].join('\n');
    const { lines } = await t.ok('peopleResolveList', { text });
    const summary = lines.map((l) => [l.lineNumber, l.person?.name ?? null, l.person?.kind ?? null, l.error?.code ?? null]);
    expect(summary).toEqual([
      [1, 'Linus Brook', 'user', null],
      [2, 'Margaret Hale', 'user', null],
      [3, 'Alan Frost', 'user', null],
      // Line 4 repeats line 1 by username, line 5 by phone: both collapsed into line 1.
      [7, null, null, 'NOT_A_PERSON'],
      [8, null, null, 'USERNAME_NOT_OCCUPIED'],
      [9, null, null, 'USERNAME_INVALID'],
      [10, null, null, 'LINE_UNRECOGNISED'],
      [11, null, null, 'PHONE_NOT_OCCUPIED'],
      [12, 'Rollcall Helper', 'bot', null],
      [13, 'Ada Quill', 'self', null],
    ]);
  });

  const NAMES = ['dennis_rowe', 'frances_ashby', 'hedy_marsh', 'ken_thornton', 'radia_stone', 'sophie_wilde', 'tim_okafor', 'jean_bartok', 'niklaus_wirtz', 'ivan_sato'];

  it('item 12: a flood wait while resolving pauses with a countdown and resumes: no line fails because of it', { timeout: 60_000 }, async () => {
    const sandbox = t.core.embeddedSandbox()!;
    sandbox.controls.rateLimits['contacts.resolveUsername'] = { requests: 4, windowSeconds: 1 };
    const before = t.events.length;
    try {
      const { lines } = await t.ok('peopleResolveList', { text: NAMES.join('\n') });
      expect(lines.map((l) => l.error?.code ?? null)).toEqual(NAMES.map(() => null));
      expect(lines.every((l) => l.person?.kind === 'user')).toBe(true);
      const progress = t.events.slice(before).filter((e) => e.event === 'peopleResolveProgress').map((e) => e.payload as { waitSeconds: number | null; waitUntil: number | null; total: number });
      const paused = progress.filter((p) => p.waitUntil !== null);
      expect(paused.length).toBeGreaterThan(0);
      expect(paused.every((p) => p.waitSeconds! > 0 && p.total === NAMES.length)).toBe(true);
      // Every pause is followed by a resume.
      expect(progress.filter((p) => p.waitUntil === null).length).toBe(paused.length);
    } finally {
      delete sandbox.controls.rateLimits['contacts.resolveUsername'];
    }
  });

  it('item 12: a flood wait longer than the app waits by itself stops asking; the rest carry the wait', async () => {
    const sandbox = t.core.embeddedSandbox()!;
    sandbox.controls.rateLimits['contacts.resolveUsername'] = { requests: 2, windowSeconds: 3600 };
    try {
      const { lines } = await t.ok('peopleResolveList', { text: NAMES.join('\n') });
      expect(lines).toHaveLength(10);
      // The earlier test's requests may still count against the window: at most 2 get through.
      expect(lines.filter((l) => l.person).length).toBeLessThanOrEqual(2);
      const waits = lines.filter((l) => l.error);
      expect(waits.length).toBeGreaterThanOrEqual(8);
      expect(waits.every((l) => l.error!.code === 'FLOOD_WAIT' && l.error!.retryAfterSeconds! > 15 * 60)).toBe(true);
    } finally {
      delete sandbox.controls.rateLimits['contacts.resolveUsername'];
    }
  });

  it('item 12: PEER_FLOOD while resolving stops asking at once', async () => {
    const sandbox = t.core.embeddedSandbox()!;
    sandbox.controls.failNext = { method: 'contacts.resolveUsername', code: 400, message: 'PEER_FLOOD' };
    const { lines } = await t.ok('peopleResolveList', { text: NAMES.slice(0, 3).join('\n') });
    expect(lines.some((l) => l.error?.code === 'PEER_FLOOD')).toBe(true);
    // Requests already in flight may finish; none is sent after the refusal.
    expect(sandbox.controls.failNext).toBeFalsy();
  });

  it('item 12: a national number is read in the region given, and the same digits elsewhere are not', async () => {
    const sandbox = t.core.embeddedSandbox()!;
    const { ids, model } = sandbox.world;
    const phone = model.user(ids.hedy)!.phone!;
    model.setUserPhone(ids.hedy, '12025550147');
    try {
      const us = await t.ok('peopleResolveList', { text: '(202) 555-0147', region: 'US' });
      expect(us.lines.map((l) => [l.person?.name ?? null, l.error?.code ?? null])).toEqual([['Hedy Marsh', null]]);
      const gb = await t.ok('peopleResolveList', { text: '(202) 555-0147', region: 'GB' });
      expect(gb.lines.map((l) => l.error?.code ?? null)).toEqual(['PHONE_NOT_OCCUPIED']);
      expect((await t.fail('peopleResolveList', { text: '@hedy_marsh', region: 'XX' })).code).toBe('INVALID_REQUEST');
    } finally {
      model.setUserPhone(ids.hedy, phone);
    }
  });
});
