// Issue 12, item 5 (the sandbox side): people who join and leave calls, pushed as
// updateGroupCallParticipants with versions, attendance that follows a seed, catching up after
// dropped updates, and scheduled calls (listed, subscribed to, started by time or by a control).
// All through the real GramJS client over TCP.
import { Api, type TelegramClient } from 'telegram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDS, type CallInfo } from '../src/index';
import { bulkUserId } from '../src/world/bulk';
import {
  asBigint,
  eventually,
  failure,
  inputCall,
  inputChannel,
  inputUser,
  invitedIn,
  openSandbox,
  signedIn,
  type TestSandbox,
} from './sandboxFixture';

/** Every update a client is pushed, in order of arrival. */
function recorder(client: TelegramClient): Api.TypeUpdate[] {
  const seen: Api.TypeUpdate[] = [];
  client.addEventHandler((update: Api.TypeUpdate) => {
    seen.push(update);
  });
  return seen;
}

/** The participant changes pushed for one call: who, joined or left, and the version it carried. */
function changesOf(seen: Api.TypeUpdate[], call: CallInfo) {
  return seen
    .filter((u): u is Api.UpdateGroupCallParticipants => u instanceof Api.UpdateGroupCallParticipants && asBigint(u.call.id) === call.id)
    .flatMap((u) =>
      u.participants.map((p) => ({
        userId: asBigint((p.peer as Api.PeerUser).userId),
        left: p.left === true,
        justJoined: p.justJoined === true,
        versioned: p.versioned === true,
        version: u.version,
      })),
    );
}

async function participants(client: TelegramClient, call: CallInfo) {
  const page = await client.invoke(
    new Api.phone.GetGroupParticipants({ call: inputCall(call), ids: [], sources: [], offset: '', limit: 500 }),
  );
  return { version: page.version, ids: page.participants.map((p) => asBigint((p.peer as Api.PeerUser).userId)) };
}

async function inviteAll(client: TelegramClient, sandbox: TestSandbox, call: CallInfo, users: bigint[]): Promise<void> {
  for (let i = 0; i < users.length; i += 10) {
    const batch = users.slice(i, i + 10);
    const result = await client.invoke(new Api.phone.InviteToGroupCall({ call: inputCall(call), users: batch.map((u) => inputUser(sandbox, u)) }));
    expect(invitedIn(result)).toEqual(batch);
  }
}

/** Generated members of Rust Meetup who are not in its call (the small world puts the first 24 in it). */
const outsiders = (from: number, count: number) => Array.from({ length: count }, (_, i) => bulkUserId(100 + from + i));

describe('joins and leaves, pushed with versions', () => {
  let sandbox: TestSandbox;
  let ada: TelegramClient;
  let seen: Api.TypeUpdate[];
  let call: CallInfo;
  beforeAll(async () => {
    sandbox = await openSandbox();
    ada = await signedIn(sandbox, 'ada');
    seen = recorder(ada);
    call = sandbox.world.callOf(IDS.rustMeetup)!;
  });
  afterAll(() => sandbox.dispose());

  it('item 5: a user invited then made to join arrives as updateGroupCallParticipants with version + 1, and in phone.getGroupParticipants', async () => {
    await inviteAll(ada, sandbox, call, [IDS.dennis]);
    const before = await participants(ada, call);
    expect(before.ids).not.toContain(IDS.dennis);
    sandbox.world.joinCall(call.id, IDS.dennis);
    await eventually(() => changesOf(seen, call).some((c) => c.userId === IDS.dennis));
    expect(changesOf(seen, call)).toEqual([{ userId: IDS.dennis, left: false, justJoined: true, versioned: true, version: before.version + 1 }]);
    const after = await participants(ada, call);
    expect(after.version).toBe(before.version + 1);
    expect(after.ids).toContain(IDS.dennis);
  });

  it('item 5: leaving is pushed with left and the next version, and the list no longer has them', async () => {
    const before = await participants(ada, call);
    sandbox.world.leaveCall(call.id, IDS.dennis);
    await eventually(() => changesOf(seen, call).some((c) => c.left));
    expect(changesOf(seen, call).at(-1)).toEqual({ userId: IDS.dennis, left: true, justJoined: false, versioned: true, version: before.version + 1 });
    const after = await participants(ada, call);
    expect(after).toEqual({ version: before.version + 1, ids: before.ids.filter((id) => id !== IDS.dennis) });
  });

  it('item 5: with participant updates dropped the version still moves, and getGroupParticipants catches a client up', async () => {
    const before = await participants(ada, call);
    const pushed = changesOf(seen, call).length;
    sandbox.controls.dropParticipantUpdates = true;
    sandbox.world.joinCall(call.id, IDS.edsger);
    sandbox.world.joinCall(call.id, IDS.frances);
    sandbox.controls.dropParticipantUpdates = false;
    sandbox.world.joinCall(call.id, IDS.hedy);
    await eventually(() => changesOf(seen, call).length > pushed);
    // Only the third change arrived: its version shows the client missed two.
    expect(changesOf(seen, call).slice(pushed)).toEqual([{ userId: IDS.hedy, left: false, justJoined: true, versioned: true, version: before.version + 3 }]);
    const after = await participants(ada, call);
    expect(after.version).toBe(before.version + 3);
    expect(after.ids).toEqual(expect.arrayContaining([IDS.edsger, IDS.frances, IDS.hedy]));
  });

  it('item 5: the call itself reports the version and the new participant count', async () => {
    const full = await ada.invoke(new Api.phone.GetGroupCall({ call: inputCall(call), limit: 1 }));
    const now = full.call as Api.GroupCall;
    expect(now.version).toBe((await participants(ada, call)).version);
    expect(now.participantsCount).toBe(24 + 4 + 3);
  });

  it('item 5: someone who leaves the group leaves its call too, pushed as a leave with the next version', async () => {
    const before = await participants(ada, call);
    sandbox.world.leaveChat(IDS.rustMeetup, IDS.hedy);
    await eventually(() => changesOf(seen, call).some((c) => c.userId === IDS.hedy && c.left));
    expect(changesOf(seen, call).at(-1)).toEqual({ userId: IDS.hedy, left: true, justJoined: false, versioned: true, version: before.version + 1 });
    expect((await participants(ada, call)).ids).not.toContain(IDS.hedy);
  });
});

describe('seeded attendance', () => {
  const rules = { joinShare: 0.4, delayMs: [0, 40] as [number, number], leaveShare: 0.5, uninvited: 0, seed: 7 };

  /** Invites 25 outsiders with attendance on and waits until every planned join and leave happened. */
  async function run(seed: number) {
    const sandbox = await openSandbox({ controls: { attendance: { ...rules, seed } } });
    try {
      const ada = await signedIn(sandbox, 'ada');
      const seen = recorder(ada);
      const call = sandbox.world.callOf(IDS.rustMeetup)!;
      const invited = outsiders(0, 25);
      await inviteAll(ada, sandbox, call, invited);
      await eventually(() => sandbox.world.pendingAttendance() === 0, 10_000);
      // Every change happened; now every push has arrived (the seeded call starts at version 1).
      await eventually(() => changesOf(seen, call).length === sandbox.world.callOf(IDS.rustMeetup)!.version - 1);
      const changes = changesOf(seen, call);
      const joined = changes.filter((c) => c.justJoined).map((c) => c.userId);
      const left = changes.filter((c) => c.left).map((c) => c.userId);
      return { joined, left, invited, changes, now: await participants(ada, call) };
    } finally {
      await sandbox.dispose();
    }
  }

  it('item 5: exactly the join share of invitees joins, half of them leave, versions one apart, and the seed decides who', async () => {
    const first = await run(7);
    expect(first.joined).toHaveLength(10);
    expect(first.left).toHaveLength(5);
    expect(first.joined.every((id) => first.invited.includes(id))).toBe(true);
    expect(first.left.every((id) => first.joined.includes(id))).toBe(true);
    // One version per change, none skipped or repeated (pushes may arrive out of order: versions put them back).
    expect(first.changes.map((c) => c.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => 2 + i));
    expect(first.now.version).toBe(16);
    const inCall = first.joined.filter((id) => !first.left.includes(id));
    expect(first.now.ids).toEqual(expect.arrayContaining(inCall));
    expect(first.now.ids.filter((id) => first.left.includes(id))).toEqual([]);
    const again = await run(7);
    expect(new Set(again.joined)).toEqual(new Set(first.joined));
    expect(new Set(again.left)).toEqual(new Set(first.left));
  });
});

describe('uninvited joins', () => {
  let sandbox: TestSandbox;
  afterAll(() => sandbox.dispose());

  it('item 5: with uninvited set, members nobody invited join too (one per five invitees here)', async () => {
    sandbox = await openSandbox({ controls: { attendance: { joinShare: 0, delayMs: [0, 20], leaveShare: 0, uninvited: 0.2, seed: 3 } } });
    const ada = await signedIn(sandbox, 'ada');
    const seen = recorder(ada);
    const call = sandbox.world.callOf(IDS.rustMeetup)!;
    const invited = outsiders(0, 10);
    await inviteAll(ada, sandbox, call, invited);
    await eventually(() => sandbox.world.pendingAttendance() === 0, 10_000);
    await eventually(() => changesOf(seen, call).length === 2);
    const joined = changesOf(seen, call).map((c) => c.userId);
    expect(joined.some((id) => invited.includes(id))).toBe(false);
    expect(joined.every((id) => sandbox.world.isMember(IDS.rustMeetup, id) && sandbox.world.inCall(call.id, id))).toBe(true);
    expect(joined.every((id) => sandbox.world.deliveries(call.id, id) === 0)).toBe(true);
  });
});

describe('scheduled calls', () => {
  let sandbox: TestSandbox;
  let ada: TelegramClient;
  beforeAll(async () => {
    sandbox = await openSandbox();
    ada = await signedIn(sandbox, 'ada');
  });
  afterAll(() => sandbox.dispose());

  const scheduledIn = async (chatId: bigint) => {
    const full = await ada.invoke(new Api.channels.GetFullChannel({ channel: inputChannel(sandbox, chatId) }));
    const input = (full.fullChat as Api.ChannelFull).call!;
    const reply = await ada.invoke(new Api.phone.GetGroupCall({ call: input, limit: 10 }));
    return { input, call: reply.call as Api.GroupCall, chat: full.chats[0] as Api.Channel };
  };

  it('item 5: the world has a scheduled call in Board Games Night, a group Ada created: schedule_date, nobody in it, listed as the chat’s call', async () => {
    const { call, chat } = await scheduledIn(IDS.boardGames);
    expect(chat.creator).toBe(true);
    expect(chat.callActive).toBe(true);
    expect(call).toBeInstanceOf(Api.GroupCall);
    expect(call.title).toBe('Friday games');
    expect(call.scheduleDate).toBeGreaterThan(Math.floor(Date.now() / 1000));
    expect(call.participantsCount).toBe(0);
    expect(call.scheduleStartSubscribed).toBeFalsy();
    expect(sandbox.world.callOf(IDS.boardGames)?.scheduleDate).toBe(call.scheduleDate);
  });

  it('item 5: inviting to a call that has not started: 403 GROUPCALL_FORBIDDEN', async () => {
    const { input } = await scheduledIn(IDS.boardGames);
    const error = await failure(ada.invoke(new Api.phone.InviteToGroupCall({ call: input, users: [inputUser(sandbox, IDS.barbara)] })));
    expect([error.code, error.errorMessage]).toEqual([403, 'GROUPCALL_FORBIDDEN']);
  });

  it('item 5: toggleGroupCallStartSubscription answers updateGroupCall with schedule_start_subscribed flipped', async () => {
    const { input } = await scheduledIn(IDS.boardGames);
    for (const subscribed of [true, false, true]) {
      const result = (await ada.invoke(new Api.phone.ToggleGroupCallStartSubscription({ call: input, subscribed }))) as Api.Updates;
      const update = result.updates[0] as Api.UpdateGroupCall;
      expect(update).toBeInstanceOf(Api.UpdateGroupCall);
      expect(asBigint(update.chatId!)).toBe(IDS.boardGames);
      expect((update.call as Api.GroupCall).scheduleStartSubscribed === true).toBe(subscribed);
      expect((await scheduledIn(IDS.boardGames)).call.scheduleStartSubscribed === true).toBe(subscribed);
    }
  });

  it('item 5: start-scheduled: subscribers get updateGroupCall without schedule_date, and invites work', async () => {
    const seen = recorder(ada);
    const scheduled = sandbox.world.callOf(IDS.boardGames)!;
    sandbox.world.startScheduledCall(scheduled.id);
    const started = (u: Api.TypeUpdate) =>
      u instanceof Api.UpdateGroupCall && asBigint(u.call.id) === scheduled.id && u.call instanceof Api.GroupCall && !u.call.scheduleDate;
    await eventually(() => seen.some(started));
    expect(asBigint((seen.find(started) as Api.UpdateGroupCall).chatId!)).toBe(IDS.boardGames);
    expect((await scheduledIn(IDS.boardGames)).call.scheduleDate ?? null).toBeNull();
    const result = await ada.invoke(new Api.phone.InviteToGroupCall({ call: inputCall(scheduled), users: [inputUser(sandbox, IDS.barbara)] }));
    expect(invitedIn(result)).toEqual([IDS.barbara]);
    // Started once: asking again is Telegram's GROUPCALL_ALREADY_STARTED.
    const error = await failure(ada.invoke(new Api.phone.ToggleGroupCallStartSubscription({ call: inputCall(scheduled), subscribed: true })));
    expect(error.errorMessage).toBe('GROUPCALL_ALREADY_STARTED');
  });

  it('item 5: a call scheduled a second ahead starts by itself at its time', async () => {
    const seen = recorder(ada);
    const soon = sandbox.world.scheduleCall(IDS.family, 'Sunday call', Math.floor(Date.now() / 1000) + 1);
    expect(soon.scheduleDate).toBeDefined();
    const result = (await ada.invoke(new Api.phone.ToggleGroupCallStartSubscription({ call: inputCall(soon), subscribed: true }))) as Api.Updates;
    expect(((result.updates[0] as Api.UpdateGroupCall).call as Api.GroupCall).scheduleStartSubscribed).toBe(true);
    await eventually(
      () => seen.some((u) => u instanceof Api.UpdateGroupCall && asBigint(u.call.id) === soon.id && u.call instanceof Api.GroupCall && !u.call.scheduleDate),
      10_000,
    );
    expect(sandbox.world.callOf(IDS.family)?.scheduleDate).toBeUndefined();
  });

  it('item 5: phone.startScheduledGroupCall: an admin with manage_call starts it; anyone else gets CHAT_ADMIN_REQUIRED', async () => {
    const inAnHour = Math.floor(Date.now() / 1000) + 3600;
    for (const chatId of [IDS.hackersGuild, IDS.nightOwls]) sandbox.world.endCall(sandbox.world.callOf(chatId)!.id);
    // Grace's groups: in the guild Ada is a plain member, in Night Owls an admin who may manage calls.
    const guild = sandbox.world.scheduleCall(IDS.hackersGuild, 'Next hack session', inAnHour, IDS.grace);
    const owls = sandbox.world.scheduleCall(IDS.nightOwls, 'Next late-night hack', inAnHour, IDS.grace);
    const error = await failure(ada.invoke(new Api.phone.StartScheduledGroupCall({ call: inputCall(guild) })));
    expect([error.code, error.errorMessage]).toEqual([400, 'CHAT_ADMIN_REQUIRED']);
    const result = (await ada.invoke(new Api.phone.StartScheduledGroupCall({ call: inputCall(owls) }))) as Api.Updates;
    const update = result.updates[0] as Api.UpdateGroupCall;
    expect(asBigint(update.chatId!)).toBe(IDS.nightOwls);
    expect((update.call as Api.GroupCall).scheduleDate ?? null).toBeNull();
    expect(sandbox.world.callOf(IDS.nightOwls)?.scheduleDate).toBeUndefined();
    expect(sandbox.world.callOf(IDS.hackersGuild)?.scheduleDate).toBe(inAnHour);
  });
});
