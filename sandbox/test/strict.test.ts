// The strict profile (issue 9, item 2), adding members as Telegram does (item 3) and request
// counts (item 4), through the real GramJS client over TCP. Each strict rule is switched on alone
// in a default sandbox; one test checks that the profile switches them all on.
import { Api, type TelegramClient } from 'telegram';
import { FloodWaitError } from 'telegram/errors';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STRICT_FLOOD_WAIT_SECONDS, defaultControls, mergeControls, profileControls } from '../src/controls';
import { IDS } from '../src/index';
import {
  asBigint,
  big,
  failure,
  inputCall,
  inputChannel,
  inputUser,
  invitedIn,
  openSandbox,
  signedIn,
  type TestSandbox,
} from './sandboxFixture';

const liveCall = (sandbox: TestSandbox, chatId: bigint) => {
  const found = sandbox.world.callOf(chatId) ?? sandbox.world.calls().find((c) => c.chatId === chatId);
  if (!found) throw new Error(`no call in ${chatId}`);
  return found;
};
const invite = (sandbox: TestSandbox, client: TelegramClient, chatId: bigint, users: bigint[]) =>
  client.invoke(new Api.phone.InviteToGroupCall({ call: inputCall(liveCall(sandbox, chatId)), users: users.map((u) => inputUser(sandbox, u)) }));
const addToChannel = (sandbox: TestSandbox, client: TelegramClient, channelId: bigint, users: bigint[]) =>
  client.invoke(new Api.channels.InviteToChannel({ channel: inputChannel(sandbox, channelId), users: users.map((u) => inputUser(sandbox, u)) }));
const addToChat = (sandbox: TestSandbox, client: TelegramClient, chatId: bigint, user: bigint) =>
  client.invoke(new Api.messages.AddChatUser({ chatId: big(chatId), userId: inputUser(sandbox, user), fwdLimit: 10 }));
const reset = (sandbox: TestSandbox) => Object.assign(sandbox.controls, mergeControls(defaultControls()));
const codeOf = async (promise: Promise<unknown>) => {
  const error = await failure(promise);
  return [error.code, error.errorMessage];
};

describe('item 2: the strict profile', () => {
  let sandbox: TestSandbox;
  let ada: TelegramClient;
  beforeAll(async () => {
    sandbox = await openSandbox({ profile: 'strict', controls: { strict: { peerFloodAfterInvitesPerHour: 500 } } });
    ada = await signedIn(sandbox, 'ada');
  });
  afterAll(() => sandbox.dispose());

  it('item 2: --profile strict switches every strict rule on, long flood waits included, and a control given alongside wins', async () => {
    const strict = profileControls('strict');
    expect(sandbox.controls.strict).toEqual({ ...strict.strict, peerFloodAfterInvitesPerHour: 500 });
    expect(Object.values(sandbox.controls.strict).every((v) => v !== null && v !== false)).toBe(true);
    expect(sandbox.controls.rateLimits['phone.inviteToGroupCall']!.waitSeconds).toBe(STRICT_FLOOD_WAIT_SECONDS);
    expect(profileControls('default')).toEqual(defaultControls());
    // Joined as herself, a member who may send: the happy path still works under strict.
    expect(invitedIn(await invite(sandbox, ada, IDS.rustMeetup, [IDS.alan]))).toEqual([IDS.alan]);
    expect(await codeOf(invite(sandbox, ada, IDS.hackersGuild, [IDS.linus]))).toEqual([403, 'GROUPCALL_FORBIDDEN']);
    expect(await codeOf(invite(sandbox, ada, IDS.podcast, [IDS.linus]))).toEqual([403, 'GROUPCALL_FORBIDDEN']);
    expect(await codeOf(invite(sandbox, ada, IDS.libraryTalks, [IDS.linus]))).toEqual([403, 'CHAT_WRITE_FORBIDDEN']);
  });
});

describe('item 2: each strict rule on its own', () => {
  let sandbox: TestSandbox;
  let ada: TelegramClient;
  beforeAll(async () => {
    sandbox = await openSandbox();
    ada = await signedIn(sandbox, 'ada');
  });
  afterAll(() => sandbox.dispose());
  beforeEach(() => reset(sandbox));

  it('item 2: inviteRequiresJoin refuses an organiser who is not in the call (GROUPCALL_FORBIDDEN 403, or GROUPCALL_JOIN_MISSING 400)', async () => {
    sandbox.controls.strict.inviteRequiresJoin = 'GROUPCALL_FORBIDDEN';
    expect(await codeOf(invite(sandbox, ada, IDS.hackersGuild, [IDS.linus]))).toEqual([403, 'GROUPCALL_FORBIDDEN']);
    sandbox.controls.strict.inviteRequiresJoin = 'GROUPCALL_JOIN_MISSING';
    expect(await codeOf(invite(sandbox, ada, IDS.hackersGuild, [IDS.linus]))).toEqual([400, 'GROUPCALL_JOIN_MISSING']);
    expect(sandbox.world.deliveries(liveCall(sandbox, IDS.hackersGuild).id, IDS.linus)).toBe(0);
    // Where she joined, invites go through.
    expect(invitedIn(await invite(sandbox, ada, IDS.rustMeetup, [IDS.barbara]))).toEqual([IDS.barbara]);
    sandbox.controls.strict.inviteRequiresJoin = null;
    expect(invitedIn(await invite(sandbox, ada, IDS.hackersGuild, [IDS.linus]))).toEqual([IDS.linus]);
  });

  it('item 2: a batch with one person outside the group fails whole, inviting nobody', async () => {
    expect(sandbox.controls.invite.batchPolicy).toBe('failWhole');
    expect(await codeOf(invite(sandbox, ada, IDS.rustMeetup, [IDS.dennis, IDS.mira, IDS.edsger]))).toEqual([403, 'USER_NOT_PARTICIPANT']);
    for (const id of [IDS.dennis, IDS.edsger]) expect(sandbox.world.deliveries(liveCall(sandbox, IDS.rustMeetup).id, id)).toBe(0);
  });

  it('item 2: an organiser who left the group gets USER_NOT_PARTICIPANT on every batch, the same code as an invitee outside it', async () => {
    // Seeded: Ada left the public Go Meetup Berlin; its call is still readable.
    expect(sandbox.world.isMember(IDS.goMeetup, IDS.ada)).toBe(false);
    for (const batch of [[IDS.linus], [IDS.alan, IDS.dennis]]) {
      expect(await codeOf(invite(sandbox, ada, IDS.goMeetup, batch))).toEqual([403, 'USER_NOT_PARTICIPANT']);
    }
    // And at run time: she leaves a group mid-run.
    sandbox.world.startCall(IDS.family, 'Sunday call');
    expect(invitedIn(await invite(sandbox, ada, IDS.family, [IDS.omar]))).toEqual([IDS.omar]);
    sandbox.world.leaveChat(IDS.family, IDS.ada);
    expect(await codeOf(invite(sandbox, ada, IDS.family, [IDS.mira]))).toEqual([403, 'USER_NOT_PARTICIPANT']);
    expect(await codeOf(invite(sandbox, ada, IDS.rustMeetup, [IDS.mira]))).toEqual([403, 'USER_NOT_PARTICIPANT']);
  });

  it('item 2: forbidBroadcastInvites answers GROUPCALL_FORBIDDEN for a live stream, as for an ended call', async () => {
    sandbox.controls.strict.forbidBroadcastInvites = true;
    expect(await codeOf(invite(sandbox, ada, IDS.podcast, [IDS.margaret]))).toEqual([403, 'GROUPCALL_FORBIDDEN']);
    // Board Games Night's ended call (the chat's own call is the next one, scheduled).
    const ended = sandbox.world.calls().find((c) => c.chatId === IDS.boardGames && c.ended)!;
    expect(
      await codeOf(ada.invoke(new Api.phone.InviteToGroupCall({ call: inputCall(ended), users: [inputUser(sandbox, IDS.barbara)] }))),
    ).toEqual([403, 'GROUPCALL_FORBIDDEN']);
    sandbox.controls.strict.forbidBroadcastInvites = false;
    expect(invitedIn(await invite(sandbox, ada, IDS.podcast, [IDS.margaret]))).toEqual([IDS.margaret]);
  });

  it('item 2: restrictedSender refuses a member who may not send messages, and the chat says so (bannedRights)', async () => {
    const chats = await ada.invoke(new Api.channels.GetChannels({ id: [inputChannel(sandbox, IDS.libraryTalks)] }));
    const library = chats.chats[0] as Api.Channel;
    expect(library.bannedRights?.sendMessages).toBe(true);
    expect(library.defaultBannedRights?.inviteUsers).toBe(true);
    sandbox.controls.strict.restrictedSender = 'CHAT_WRITE_FORBIDDEN';
    expect(await codeOf(invite(sandbox, ada, IDS.libraryTalks, [IDS.zoe]))).toEqual([403, 'CHAT_WRITE_FORBIDDEN']);
    sandbox.controls.strict.restrictedSender = null;
    expect(invitedIn(await invite(sandbox, ada, IDS.libraryTalks, [IDS.zoe]))).toEqual([IDS.zoe]);
  });

  it('item 2: PEER_FLOOD after a configured number of people invited in the hour, on every invite after', async () => {
    const grace = await signedIn(sandbox, 'grace');
    sandbox.controls.strict.peerFloodAfterInvitesPerHour = 2;
    expect(invitedIn(await invite(sandbox, grace, IDS.libraryTalks, [IDS.linus, IDS.victor]))).toEqual([IDS.linus, IDS.victor]);
    for (const who of [IDS.felix, IDS.zoe]) {
      expect(await codeOf(invite(sandbox, grace, IDS.libraryTalks, [who]))).toEqual([400, 'PEER_FLOOD']);
    }
    expect(sandbox.world.deliveries(liveCall(sandbox, IDS.libraryTalks).id, IDS.felix)).toBe(0);
    sandbox.controls.strict.peerFloodAfterInvitesPerHour = null;
    expect(invitedIn(await invite(sandbox, grace, IDS.libraryTalks, [IDS.felix]))).toEqual([IDS.felix]);
  });

  it('item 2: a long FLOOD_WAIT (hours) that keeps refusing until it is over', async () => {
    sandbox.controls.rateLimits['phone.inviteToGroupCall'] = { requests: 1, windowSeconds: 60, waitSeconds: 6 * 3600 };
    await invite(sandbox, ada, IDS.bookClub, [IDS.jean]);
    for (let i = 0; i < 2; i++) {
      const error = await failure(invite(sandbox, ada, IDS.bookClub, [IDS.paula]));
      expect(error).toBeInstanceOf(FloodWaitError);
      expect((error as FloodWaitError).seconds).toBeGreaterThan(6 * 3600 - 60);
    }
    expect(sandbox.world.deliveries(liveCall(sandbox, IDS.bookClub).id, IDS.paula)).toBe(0);
  });

  it('item 2: failAlways answers an error the app has never seen on every request of a method, until removed', async () => {
    sandbox.controls.failAlways = [{ method: 'phone.inviteToGroupCall', code: 400, message: 'GROUPCALL_NEVER_SEEN_BEFORE' }];
    for (const who of [IDS.ken, IDS.radia, IDS.ken]) {
      expect(await codeOf(invite(sandbox, ada, IDS.rustMeetup, [who]))).toEqual([400, 'GROUPCALL_NEVER_SEEN_BEFORE']);
    }
    // Other methods are untouched.
    await ada.invoke(new Api.channels.GetFullChannel({ channel: inputChannel(sandbox, IDS.rustMeetup) }));
    expect(sandbox.world.deliveries(liveCall(sandbox, IDS.rustMeetup).id, IDS.ken)).toBe(0);
    sandbox.controls.failAlways = [];
    expect(invitedIn(await invite(sandbox, ada, IDS.rustMeetup, [IDS.ken]))).toEqual([IDS.ken]);
  });
});

describe('item 3: adding members as Telegram does', () => {
  let sandbox: TestSandbox;
  let ada: TelegramClient;
  beforeAll(async () => {
    sandbox = await openSandbox();
    ada = await signedIn(sandbox, 'ada');
  });
  afterAll(() => sandbox.dispose());
  beforeEach(() => reset(sandbox));

  it('item 3: privacy refusals come back as missing_invitees with their Premium flags while the others join', async () => {
    const result = (await addToChannel(sandbox, ada, IDS.rustMeetup, [IDS.nadia, IDS.otto, IDS.yara, IDS.pavel, IDS.mira, IDS.alan])) as Api.messages.InvitedUsers;
    expect(result).toBeInstanceOf(Api.messages.InvitedUsers);
    const missing = result.missingInvitees.map((m) => [asBigint(m.userId), Boolean(m.premiumWouldAllowInvite), Boolean(m.premiumRequiredForPm)]);
    expect(missing).toEqual([
      [IDS.nadia, true, false],
      [IDS.otto, true, true],
      [IDS.yara, false, true],
      [IDS.pavel, false, false],
    ]);
    const update = (result.updates as Api.Updates).updates[0] as Api.UpdateNewChannelMessage;
    const action = (update.message as Api.MessageService).action as Api.MessageActionChatAddUser;
    expect(action.users.map(asBigint)).toEqual([IDS.mira]);
    expect([IDS.nadia, IDS.otto, IDS.yara, IDS.pavel].some((id) => sandbox.world.isMember(IDS.rustMeetup, id))).toBe(false);
    // A basic group answers the same way, one person at a time.
    const one = (await addToChat(sandbox, ada, IDS.bookClub, IDS.otto)) as Api.messages.InvitedUsers;
    expect(one.missingInvitees.map((m) => [asBigint(m.userId), m.premiumWouldAllowInvite, m.premiumRequiredForPm])).toEqual([[IDS.otto, true, true]]);
    expect((one.updates as Api.Updates).updates).toEqual([]);
  });

  it('item 3: with privacyRefusalAsError a privacy refusal is USER_PRIVACY_RESTRICTED (403) and nobody is added', async () => {
    sandbox.controls.privacyRefusalAsError = true;
    expect(await codeOf(addToChannel(sandbox, ada, IDS.rustMeetup, [IDS.omar, IDS.pavel]))).toEqual([403, 'USER_PRIVACY_RESTRICTED']);
    expect(sandbox.world.isMember(IDS.rustMeetup, IDS.omar)).toBe(false);
  });

  it('item 3: per-person errors fail the request whole: USER_NOT_MUTUAL_CONTACT, USER_KICKED, USER_CHANNELS_TOO_MUCH, CHAT_MEMBER_ADD_FAILED, USER_BOT', async () => {
    const cases: [bigint, bigint, string][] = [
      [IDS.rustMeetup, IDS.leon, 'USER_NOT_MUTUAL_CONTACT'],
      [IDS.rustMeetup, IDS.rex, 'USER_KICKED'],
      [IDS.rustMeetup, IDS.uma, 'USER_CHANNELS_TOO_MUCH'],
      [IDS.rustMeetup, IDS.kai, 'CHAT_MEMBER_ADD_FAILED'],
      [IDS.podcast, IDS.helperBot, 'USER_BOT'],
    ];
    for (const [chat, who, message] of cases) {
      expect(await codeOf(addToChannel(sandbox, ada, chat, [IDS.victor, who]))).toEqual([400, message]);
      expect(sandbox.world.isMember(chat, IDS.victor)).toBe(false);
    }
    // In a basic group too (USER_CHANNELS_TOO_MUCH is about channels only).
    expect(await codeOf(addToChat(sandbox, ada, IDS.bookClub, IDS.kai))).toEqual([400, 'CHAT_MEMBER_ADD_FAILED']);
    expect(await addToChat(sandbox, ada, IDS.bookClub, IDS.uma)).toBeInstanceOf(Api.messages.InvitedUsers);
  });

  it('item 3: CHAT_ADMIN_REQUIRED where members may not add, CHANNEL_PRIVATE as 406, USERS_TOO_MUCH above 100', async () => {
    expect(await codeOf(addToChannel(sandbox, ada, IDS.libraryTalks, [IDS.omar]))).toEqual([400, 'CHAT_ADMIN_REQUIRED']);
    expect(await codeOf(addToChannel(sandbox, ada, IDS.secretLab, [IDS.omar]))).toEqual([406, 'CHANNEL_PRIVATE']);
    // Generated members of Rust Meetup: already in it, so a full request of 100 adds nobody and is fine.
    const members = [...sandbox.world.model.members(sandbox.world.model.chat(IDS.rustMeetup)!)]
      .map((m) => m.userId)
      .filter((id) => id >= 6_000_000_000n)
      .slice(0, 101);
    expect(await addToChannel(sandbox, ada, IDS.rustMeetup, members.slice(0, 100))).toBeInstanceOf(Api.messages.InvitedUsers);
    expect(await codeOf(addToChannel(sandbox, ada, IDS.rustMeetup, members))).toEqual([400, 'USERS_TOO_MUCH']);
  });

  it('item 3: FLOOD_WAIT of hours, then PEER_FLOOD after a configured number of people added', async () => {
    sandbox.controls.rateLimits['channels.inviteToChannel'] = { requests: 1, windowSeconds: 60, waitSeconds: 77_464 };
    await addToChannel(sandbox, ada, IDS.rustMeetup, [IDS.omar]);
    const wait = await failure(addToChannel(sandbox, ada, IDS.rustMeetup, [IDS.victor]));
    expect(wait).toBeInstanceOf(FloodWaitError);
    expect((wait as FloodWaitError).seconds).toBeGreaterThan(77_000);
    reset(sandbox);
    sandbox.controls.strict.peerFloodAfterAddsPerHour = 1;
    // Omar (and Uma, earlier) already count for this hour.
    expect(await codeOf(addToChat(sandbox, ada, IDS.bookClub, IDS.grace))).toEqual([400, 'PEER_FLOOD']);
    expect(await codeOf(addToChannel(sandbox, ada, IDS.hackersGuild, [IDS.omar]))).toEqual([400, 'PEER_FLOOD']);
    expect(sandbox.world.isMember(IDS.bookClub, IDS.grace)).toBe(false);
  });
});

describe('item 4: request counts', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await openSandbox();
  });
  afterAll(() => sandbox.dispose());

  it('item 4: counts requests per method and per account, and errors by code, in process', async () => {
    const ada = await signedIn(sandbox, 'ada');
    const signIn = sandbox.stats();
    expect(signIn.byMethod['auth.signIn']).toBe(1);
    expect(Object.keys(signIn.byAccount).some((k) => k.startsWith('key:'))).toBe(true);
    sandbox.resetStats();
    expect(sandbox.stats().total).toBe(0);
    await invite(sandbox, ada, IDS.rustMeetup, [IDS.alan]);
    await failure(invite(sandbox, ada, IDS.rustMeetup, [IDS.alan]));
    await failure(invite(sandbox, ada, IDS.rustMeetup, [IDS.mira]));
    await ada.invoke(new Api.channels.GetFullChannel({ channel: inputChannel(sandbox, IDS.rustMeetup) }));
    const stats = sandbox.stats();
    expect(stats.byMethod['phone.inviteToGroupCall']).toBe(3);
    expect(stats.byMethod['channels.getFullChannel']).toBe(1);
    expect(stats.byAccount[`user:${IDS.ada}`]).toMatchObject({ 'phone.inviteToGroupCall': 3, 'channels.getFullChannel': 1 });
    expect(stats.errors['phone.inviteToGroupCall']).toEqual({ '400 USER_ALREADY_INVITED': 1, '403 USER_NOT_PARTICIPANT': 1 });
    expect(stats.total).toBe(Object.values(stats.byMethod).reduce((a, b) => a + b, 0));
  });
});
