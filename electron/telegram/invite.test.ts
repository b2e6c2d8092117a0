// invite.ts through the real GramJS client against the sandbox over TCP: every Updates
// constructor the seed lists, Telegram's refusals as catalogued AppErrors, adding people to
// basic groups and supergroups, and invite links.
import bigInt from 'big-integer';
import { Api } from 'telegram';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { INVITE_UPDATES_SHAPES } from '../../sandbox/src/controls';
import { type AppError } from '../../shared/ipc/result';
import { IDS, openSandboxSession, type SandboxSession } from '../core/invite/testSupport/sandboxSession';
import { listCalls, streamContacts, streamMembers } from './directory';
import { addToChat, exportInviteLink, inviteBatch, missingInvitees } from './invite';

let s: SandboxSession;
beforeAll(async () => {
  s = await openSandboxSession();
});
afterAll(async () => s?.close());
beforeEach(() => s.resetControls());

const id = (n: bigint) => String(n);
const send = (callId: string, people: bigint[]) => inviteBatch({ client: s.link.client, peers: s.link.cache, callId, personIds: people.map(id) });
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as AppError);

describe('inviteBatch reads every Updates constructor of the seed', () => {
  const itemising = new Set(['updates', 'updatesCombined', 'updateShort']);
  for (const shape of INVITE_UPDATES_SHAPES) {
    for (const chat of ['supergroup', 'basic group'] as const) {
      it(`${shape} (${chat})`, async () => {
        const chatId = chat === 'supergroup' ? IDS.rustMeetup : IDS.bookClub;
        const people = chat === 'supergroup' ? [IDS.alan, IDS.barbara] : [IDS.hedy, IDS.jean];
        const callId = await s.freshCall(chatId);
        await s.members(callId);
        s.sandbox.controls.inviteUpdatesShape = shape;
        const result = await send(callId, people);
        if (itemising.has(shape)) {
          // Supergroups answer with updateNewChannelMessage, basic groups with updateNewMessage.
          expect(result).toEqual({ kind: 'itemised', invitedIds: people.map(id) });
        } else {
          expect(result).toEqual({ kind: 'unitemised', constructorName: shape.charAt(0).toUpperCase() + shape.slice(1) });
        }
        for (const person of people) expect(s.sandbox.world.deliveries(BigInt(callId), person)).toBe(1);
      });
    }
  }

  it('a full reply without the service message itemises nobody (everyone was already in the call)', async () => {
    const callId = await s.freshCall(IDS.rustMeetup);
    await s.members(callId);
    expect(await send(callId, [IDS.ada])).toEqual({ kind: 'itemised', invitedIds: [] });
  });
});

describe('inviteBatch turns refusals into catalogued errors', () => {
  it('USER_ALREADY_INVITED fails the whole request and invites nobody', async () => {
    const callId = await s.freshCall(IDS.rustMeetup);
    await s.members(callId);
    await send(callId, [IDS.alan]);
    const error = await refusal(send(callId, [IDS.dennis, IDS.alan]));
    expect(error).toMatchObject({ code: 'USER_ALREADY_INVITED', message: 'USER_ALREADY_INVITED' });
    expect(s.sandbox.world.deliveries(BigInt(callId), IDS.dennis)).toBe(0);
  });

  it('USER_NOT_PARTICIPANT for someone outside the group', async () => {
    const callId = await s.freshCall(IDS.rustMeetup);
    await s.members(callId);
    await streamContacts({ link: s.link, onPage: () => {} }); // Mira is a contact, not a member
    expect(await refusal(send(callId, [IDS.mira]))).toMatchObject({ code: 'USER_NOT_PARTICIPANT' });
  });

  it('GROUPCALL_FORBIDDEN once the call has ended', async () => {
    const callId = await s.freshCall(IDS.rustMeetup);
    await s.members(callId);
    s.sandbox.world.endCall(BigInt(callId));
    expect(await refusal(send(callId, [IDS.alan]))).toMatchObject({ code: 'GROUPCALL_FORBIDDEN' });
  });

  it('INVITE_FORBIDDEN_WITH_JOINAS when the account joined as a channel', async () => {
    const call = s.sandbox.world.callOf(IDS.nightOwls)!;
    await listCalls({ link: s.link });
    await streamMembers({ link: s.link, callId: String(call.id), onPage: () => {} });
    expect(await refusal(send(String(call.id), [IDS.hedy]))).toMatchObject({ code: 'INVITE_FORBIDDEN_WITH_JOINAS' });
  });

  it('FLOOD_WAIT carries the seconds to wait (GramJS does not sleep through it)', async () => {
    const callId = await s.freshCall(IDS.rustMeetup);
    await s.members(callId);
    s.sandbox.controls.rateLimits = { 'phone.inviteToGroupCall': { requests: 1, windowSeconds: 30 } };
    await send(callId, [IDS.alan]);
    // GramJS hands the wait to us instead of sleeping through it: had it slept the 30 s, the
    // window would have freed and this second invite would succeed (and the test would pass its
    // 30 s timeout), so the refusal itself is the proof; no clock is read.
    const error = await refusal(send(callId, [IDS.barbara]));
    expect(error).toMatchObject({ code: 'FLOOD_WAIT', message: expect.stringMatching(/^FLOOD_WAIT_\d+$/) });
    expect(error!.retryAfterSeconds).toBeGreaterThanOrEqual(29);
  });

  it('an unknown call is CALL_NOT_FOUND and an unknown person USER_ID_INVALID, before anything is sent', async () => {
    expect(await refusal(send('123', [IDS.alan]))).toMatchObject({ code: 'CALL_NOT_FOUND' });
    const callId = await s.freshCall(IDS.rustMeetup);
    expect(await refusal(send(callId, [999999n]))).toMatchObject({ code: 'USER_ID_INVALID' });
  });
});

describe('addToChat', () => {
  const add = (callId: string, people: bigint[]) => addToChat({ client: s.link.client, peers: s.link.cache, callId, personIds: people.map(id) });

  it('one channels.inviteToChannel for a supergroup; someone already a member counts as added', async () => {
    const callId = await s.freshCall(IDS.rustMeetup);
    await s.members(callId);
    await streamContacts({ link: s.link, onPage: () => {} });
    s.sandbox.resetStats();
    expect(await add(callId, [IDS.mira, IDS.alan])).toEqual({ missing: [] });
    expect(s.sandbox.stats().byMethod).toEqual({ 'channels.inviteToChannel': 1 });
    expect(s.sandbox.world.isMember(IDS.rustMeetup, IDS.mira)).toBe(true);
    expect(await send(callId, [IDS.mira])).toEqual({ kind: 'itemised', invitedIds: [id(IDS.mira)] });
  });

  it('one messages.addChatUser for one person in a basic group; already a member is success; a refusal is thrown', async () => {
    const callId = await s.freshCall(IDS.bookClub);
    await s.members(callId);
    await streamContacts({ link: s.link, onPage: () => {} });
    expect(await add(callId, [IDS.omar])).toEqual({ missing: [] });
    expect(await add(callId, [IDS.hedy])).toEqual({ missing: [] }); // already a member
    expect(await refusal(add(callId, [IDS.deleted]))).toMatchObject({ code: 'USER_DEACTIVATED' });
    expect(s.sandbox.world.isMember(IDS.bookClub, IDS.omar)).toBe(true);
    // Never more than Telegram takes: one person for a basic group, 100 for a supergroup.
    expect(await refusal(add(callId, [IDS.ken, IDS.tim]))).toMatchObject({ code: 'INTERNAL' });
  });

  it('item 11: missing_invitees become catalogue codes by their Premium flags', () => {
    const reply = new Api.messages.InvitedUsers({
      updates: new Api.Updates({ updates: [], users: [], chats: [], date: 0, seq: 0 }),
      missingInvitees: [
        new Api.MissingInvitee({ userId: bigInt(1), premiumWouldAllowInvite: true }),
        new Api.MissingInvitee({ userId: bigInt(2), premiumWouldAllowInvite: true, premiumRequiredForPm: true }),
        new Api.MissingInvitee({ userId: bigInt(3), premiumRequiredForPm: true }),
        new Api.MissingInvitee({ userId: bigInt(4) }),
        new Api.MissingInvitee({ userId: bigInt(5) }), // not asked about: left out
      ],
    });
    expect(missingInvitees(reply, ['1', '2', '3', '4'])).toEqual([
      { personId: '1', code: 'PREMIUM_NEEDED_TO_ADD', message: 'missing_invitees: premium_would_allow_invite' },
      { personId: '2', code: 'PREMIUM_NEEDED_TO_ADD_AND_MESSAGE', message: 'missing_invitees: premium_would_allow_invite, premium_required_for_pm' },
      { personId: '3', code: 'ADD_REFUSED_CANNOT_MESSAGE', message: 'missing_invitees: premium_required_for_pm' },
      { personId: '4', code: 'USER_PRIVACY_RESTRICTED', message: 'missing_invitees' },
    ]);
    expect(missingInvitees(null, ['1'])).toEqual([]);
  });
});

describe('exportInviteLink', () => {
  it('exports a listener link and a speaker link (can_self_unmute)', async () => {
    const callId = await s.freshCall(IDS.rustMeetup);
    const listener = await exportInviteLink({ client: s.link.client, peers: s.link.cache, callId, role: 'listener' });
    const speaker = await exportInviteLink({ client: s.link.client, peers: s.link.cache, callId, role: 'speaker' });
    expect(listener).toBe('https://t.me/rust_meetup_berlin?videochat');
    expect(speaker).toMatch(/^https:\/\/t\.me\/rust_meetup_berlin\?videochat=\w+$/);
  });
});
