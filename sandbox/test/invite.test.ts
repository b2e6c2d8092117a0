// phone.inviteToGroupCall through the real GramJS client over TCP: the success paths, every
// documented error with the error GramJS raises, the undocumented cases under both policies,
// pushes to the account's other sessions, and delivery counts.
import { Api } from 'telegram';
import { FloodWaitError, type RPCError } from 'telegram/errors';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultControls } from '../src/controls';
import { IDS } from '../src/index';
import {
  asBigint,
  big,
  eventually,
  inputCall,
  inputUser,
  invitedIn,
  openSandbox,
  signedIn,
  type TestSandbox,
  failure,
} from './sandboxFixture';
import type { TelegramClient } from 'telegram';

let sandbox: TestSandbox;
let ada: TelegramClient;
beforeAll(async () => {
  sandbox = await openSandbox();
  ada = await signedIn(sandbox, 'ada');
});
afterAll(() => sandbox.dispose());
beforeEach(() => {
  Object.assign(sandbox.controls, { ...defaultControls(), invite: { ...defaultControls().invite } });
});

const call = (chatId: bigint) => {
  const found = sandbox.world.calls().find((c) => c.chatId === chatId && !c.ended) ?? sandbox.world.calls().find((c) => c.chatId === chatId);
  if (!found) throw new Error(`no call in ${chatId}`);
  return found;
};
const invite = (client: TelegramClient, chatId: bigint, users: bigint[]) =>
  client.invoke(new Api.phone.InviteToGroupCall({ call: inputCall(call(chatId)), users: users.map((u) => inputUser(sandbox, u)) }));

describe('inviting', () => {
  it('posts messageActionInviteToGroupCall in a supergroup as updateNewChannelMessage inside updates', async () => {
    const result = await invite(ada, IDS.rustMeetup, [IDS.alan, IDS.barbara]);
    expect(result).toBeInstanceOf(Api.Updates);
    const updates = result as Api.Updates;
    expect(updates.updates).toHaveLength(1);
    const update = updates.updates[0] as Api.UpdateNewChannelMessage;
    expect(update).toBeInstanceOf(Api.UpdateNewChannelMessage);
    const message = update.message as Api.MessageService;
    expect(message.out).toBe(true);
    expect(asBigint((message.peerId as Api.PeerChannel).channelId)).toBe(IDS.rustMeetup);
    const action = message.action as Api.MessageActionInviteToGroupCall;
    expect(asBigint(action.call.id)).toBe(call(IDS.rustMeetup).id);
    expect(action.users.map(asBigint)).toEqual([IDS.alan, IDS.barbara]);
    // The entities come along, so the client can name everyone.
    expect(updates.users.map((u) => asBigint(u.id))).toEqual(expect.arrayContaining([IDS.ada, IDS.alan, IDS.barbara]));
    expect(updates.chats.map((c) => asBigint(c.id))).toContain(IDS.rustMeetup);
    expect(sandbox.world.deliveries(call(IDS.rustMeetup).id, IDS.alan)).toBe(1);
  });

  it('in a basic group the message arrives as updateNewMessage', async () => {
    const result = (await invite(ada, IDS.bookClub, [IDS.hedy])) as Api.Updates;
    const update = result.updates[0] as Api.UpdateNewMessage;
    expect(update).toBeInstanceOf(Api.UpdateNewMessage);
    expect(asBigint(((update.message as Api.MessageService).peerId as Api.PeerChat).chatId)).toBe(IDS.bookClub);
    expect(invitedIn(result)).toEqual([IDS.hedy]);
  });

  it('pushes the message to the account\'s other sessions, not to the caller', async () => {
    const other = await signedIn(sandbox, 'ada');
    const seen: Api.TypeUpdate[] = [];
    other.addEventHandler((update: Api.TypeUpdate) => {
      seen.push(update);
    });
    const callerSeen: Api.TypeUpdate[] = [];
    ada.addEventHandler((update: Api.TypeUpdate) => {
      callerSeen.push(update);
    });
    await invite(ada, IDS.rustMeetup, [IDS.dennis]);
    await eventually(() => seen.some((u) => u instanceof Api.UpdateNewChannelMessage));
    const pushed = seen.find((u) => u instanceof Api.UpdateNewChannelMessage) as Api.UpdateNewChannelMessage;
    const action = (pushed.message as Api.MessageService).action as Api.MessageActionInviteToGroupCall;
    expect(action.users.map(asBigint)).toEqual([IDS.dennis]);
    expect(callerSeen.some((u) => u instanceof Api.UpdateNewChannelMessage)).toBe(false);
  });
});

describe('errors', () => {
  it('USER_ALREADY_INVITED (400) for someone this account invited before', async () => {
    await invite(ada, IDS.rustMeetup, [IDS.edsger]);
    const error = await failure(invite(ada, IDS.rustMeetup, [IDS.edsger]));
    expect([error.code, error.errorMessage]).toEqual([400, 'USER_ALREADY_INVITED']);
    expect(sandbox.world.deliveries(call(IDS.rustMeetup).id, IDS.edsger)).toBe(1);
  });

  it('a batch with one already-invited person fails whole by default, inviting nobody', async () => {
    await invite(ada, IDS.rustMeetup, [IDS.frances]);
    const error = await failure(invite(ada, IDS.rustMeetup, [IDS.ken, IDS.frances, IDS.radia]));
    expect(error.errorMessage).toBe('USER_ALREADY_INVITED');
    expect(sandbox.world.deliveries(call(IDS.rustMeetup).id, IDS.ken)).toBe(0);
    expect(sandbox.world.deliveries(call(IDS.rustMeetup).id, IDS.radia)).toBe(0);
  });

  it('with batchPolicy inviteRest the others are invited and the service message leaves that person out', async () => {
    sandbox.controls.invite.batchPolicy = 'inviteRest';
    const result = await invite(ada, IDS.rustMeetup, [IDS.ken, IDS.frances, IDS.radia, IDS.mira]);
    expect(invitedIn(result)).toEqual([IDS.ken, IDS.radia]);
    expect(sandbox.world.deliveries(call(IDS.rustMeetup).id, IDS.frances)).toBe(1);
    // If nobody is left, the first person's error still comes back.
    const error = await failure(invite(ada, IDS.rustMeetup, [IDS.ken, IDS.mira]));
    expect(error.errorMessage).toBe('USER_ALREADY_INVITED');
  });

  it('GROUPCALL_FORBIDDEN (403) once the call has ended', async () => {
    const ended = sandbox.world.calls().find((c) => c.chatId === IDS.boardGames)!;
    expect(ended.ended).toBe(true);
    const error = await failure(
      ada.invoke(new Api.phone.InviteToGroupCall({ call: inputCall(ended), users: [inputUser(sandbox, IDS.barbara)] })),
    );
    expect([error.code, error.errorMessage]).toEqual([403, 'GROUPCALL_FORBIDDEN']);
  });

  it('GROUPCALL_FORBIDDEN after the end-call control ends a live call, which members hear about', async () => {
    const started = sandbox.world.startCall(IDS.family, 'Sunday dinner');
    await invite(ada, IDS.family, [IDS.omar]);
    const seen: Api.TypeUpdate[] = [];
    ada.addEventHandler((update: Api.TypeUpdate) => {
      seen.push(update);
    });
    sandbox.world.endCall(started.id);
    const isEnd = (u: Api.TypeUpdate) => u instanceof Api.UpdateGroupCall && u.call instanceof Api.GroupCallDiscarded;
    await eventually(() => seen.some(isEnd));
    const ended = seen.find(isEnd) as Api.UpdateGroupCall;
    expect(asBigint(ended.call.id)).toBe(started.id);
    expect(asBigint(ended.chatId!)).toBe(IDS.family);
    const error = await failure(
      ada.invoke(new Api.phone.InviteToGroupCall({ call: inputCall(started), users: [inputUser(sandbox, IDS.mira)] })),
    );
    expect(error.errorMessage).toBe('GROUPCALL_FORBIDDEN');
  });

  it('GROUPCALL_INVALID (400) for an unknown id or a wrong access hash', async () => {
    const live = call(IDS.rustMeetup);
    for (const bad of [
      new Api.InputGroupCall({ id: big(live.id), accessHash: big(live.accessHash + 1n) }),
      new Api.InputGroupCall({ id: big(12345n), accessHash: big(live.accessHash) }),
    ]) {
      const error = await failure(ada.invoke(new Api.phone.InviteToGroupCall({ call: bad, users: [inputUser(sandbox, IDS.tim)] })));
      expect([error.code, error.errorMessage]).toEqual([400, 'GROUPCALL_INVALID']);
    }
  });

  it('INVITE_FORBIDDEN_WITH_JOINAS (400) where the account joined as its channel', async () => {
    const error = await failure(invite(ada, IDS.nightOwls, [IDS.hedy]));
    expect([error.code, error.errorMessage]).toEqual([400, 'INVITE_FORBIDDEN_WITH_JOINAS']);
  });

  it('USER_NOT_PARTICIPANT (403) for an invitee outside the chat, and for a caller outside it', async () => {
    const invitee = await failure(invite(ada, IDS.rustMeetup, [IDS.mira]));
    expect([invitee.code, invitee.errorMessage]).toEqual([403, 'USER_NOT_PARTICIPANT']);
    const grace = await signedIn(sandbox, 'grace');
    const caller = await failure(invite(grace, IDS.bookClub, [IDS.jean]));
    expect([caller.code, caller.errorMessage]).toEqual([403, 'USER_NOT_PARTICIPANT']);
  });

  it('CHAT_TYPE_INVALID (403) for a bot ("the specified user type is invalid")', async () => {
    const error = await failure(invite(ada, IDS.rustMeetup, [IDS.helperBot]));
    expect([error.code, error.errorMessage]).toEqual([403, 'CHAT_TYPE_INVALID']);
  });

  it('INPUT_USER_DEACTIVATED (400) for a deleted account', async () => {
    const error = await failure(invite(ada, IDS.rustMeetup, [IDS.deleted]));
    expect([error.code, error.errorMessage]).toEqual([400, 'INPUT_USER_DEACTIVATED']);
  });

  it('FLOOD_WAIT_X (420) past controls.rateLimits, as GramJS FloodWaitError with seconds', async () => {
    sandbox.controls.rateLimits['phone.inviteToGroupCall'] = { requests: 1, windowSeconds: 30 };
    await invite(ada, IDS.bookClub, [IDS.jean]);
    const error = await failure(invite(ada, IDS.bookClub, [IDS.paula]));
    expect(error).toBeInstanceOf(FloodWaitError);
    expect(error.code).toBe(420);
    expect((error as FloodWaitError).seconds).toBeGreaterThanOrEqual(29);
    expect(sandbox.world.deliveries(call(IDS.bookClub).id, IDS.paula)).toBe(0);
  });

  it('more than 10 users: USERS_TOO_MUCH by default, or the first 10 with overLimit truncate', async () => {
    const members = [...sandbox.world.model.members(sandbox.world.model.chat(IDS.rustMeetup)!)]
      .map((m) => m.userId)
      .filter((id) => id >= 6_000_000_000n && !sandbox.world.model.participantOf(sandbox.world.model.call(call(IDS.rustMeetup).id)!, id))
      .slice(0, 11);
    const error = await failure(invite(ada, IDS.rustMeetup, members));
    expect([error.code, error.errorMessage]).toEqual([400, 'USERS_TOO_MUCH']);
    sandbox.controls.invite.overLimit = 'truncate';
    const result = await invite(ada, IDS.rustMeetup, members);
    expect(invitedIn(result)).toEqual(members.slice(0, 10));
    expect(sandbox.world.deliveries(call(IDS.rustMeetup).id, members[10]!)).toBe(0);
  });

  it('controls.failNext fails the next invite with any error, once', async () => {
    sandbox.controls.failNext = { method: 'phone.inviteToGroupCall', code: 500, message: 'INTERNAL_SERVER_ERROR' };
    const error = await failure(invite(ada, IDS.rustMeetup, [IDS.tim]));
    expect([error.code, error.errorMessage]).toEqual([500, 'INTERNAL_SERVER_ERROR']);
    expect(sandbox.world.deliveries(call(IDS.rustMeetup).id, IDS.tim)).toBe(0);
    expect(invitedIn(await invite(ada, IDS.rustMeetup, [IDS.tim]))).toEqual([IDS.tim]);
  });
});

describe('delivery counts', () => {
  it('count one per person however the requests were retried', async () => {
    const target = call(IDS.rustMeetup);
    const people = [IDS.jean, IDS.niklaus, IDS.ivan, IDS.zoe];
    await invite(ada, IDS.rustMeetup, people.slice(0, 2));
    for (const person of people) {
      await invite(ada, IDS.rustMeetup, [person]).catch((e: RPCError) => expect(e.errorMessage).toBe('USER_ALREADY_INVITED'));
    }
    for (const person of people) expect(sandbox.world.deliveries(target.id, person)).toBe(1);
    const counts = sandbox.world.deliveryCounts(target.id);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('people already in the call and the caller are left out silently', async () => {
    const result = await invite(ada, IDS.rustMeetup, [IDS.linus, IDS.ada]);
    expect(invitedIn(result)).toEqual([]);
    expect(sandbox.world.deliveries(call(IDS.rustMeetup).id, IDS.linus)).toBe(0);
  });
});
