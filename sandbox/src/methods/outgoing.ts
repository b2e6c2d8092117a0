// Updates that leave the sandbox after a message is posted: the caller's answer (in any of the
// seven Updates constructors phone.inviteToGroupCall may use) and pushes to everyone else who
// should see the message.
import { Api } from 'telegram';
import type { InviteUpdatesShape } from '../controls';
import type { CallContext } from '../rpc';
import type { CallRecord } from '../world/types';
import type { Posted, World } from '../world/world';
import type { MethodEnv } from './env';
import { Entities, groupCallToApi, long, messageToApi } from './tl';

/** updateNewChannelMessage for channels and supergroups, updateNewMessage for the common box. */
export function newMessageUpdate(world: World, viewerId: bigint, posted: Posted): Api.TypeUpdate {
  const message = messageToApi(world, viewerId, posted.message);
  if (posted.channelPts !== undefined) {
    return new Api.UpdateNewChannelMessage({ message, pts: posted.channelPts, ptsCount: 1 });
  }
  return new Api.UpdateNewMessage({ message, pts: posted.userPts.get(String(viewerId)) ?? world.commonPts(viewerId), ptsCount: 1 });
}

/** The plain `updates` constructor with the entities the message mentions. */
export function updatesFor(world: World, viewerId: bigint, posted: Posted): Api.Updates {
  const entities = new Entities(world, viewerId).message(posted.message);
  return new Api.Updates({
    updates: [newMessageUpdate(world, viewerId, posted)],
    users: entities.apiUsers(),
    chats: entities.apiChats(),
    date: posted.message.date,
    seq: 0,
  });
}

/** An answer for a request that posted nothing (everyone was left out). */
export function emptyUpdates(world: World): Api.Updates {
  return new Api.Updates({ updates: [], users: [], chats: [], date: world.now(), seq: 0 });
}

/**
 * The caller's answer in the chosen constructor. The short ones carry no action: they say a
 * message exists (id, pts) but not whom it invited, as Telegram's short forms never do.
 */
export function shapedUpdates(shape: InviteUpdatesShape, world: World, viewerId: bigint, posted: Posted): Api.TypeUpdates {
  const { message } = posted;
  const pts = posted.channelPts ?? posted.userPts.get(String(viewerId)) ?? world.commonPts(viewerId);
  switch (shape) {
    case 'updates':
      return updatesFor(world, viewerId, posted);
    case 'updatesCombined': {
      const full = updatesFor(world, viewerId, posted);
      return new Api.UpdatesCombined({ ...full, seqStart: 0, seq: 0 });
    }
    case 'updateShort':
      return new Api.UpdateShort({ update: newMessageUpdate(world, viewerId, posted), date: message.date });
    case 'updatesTooLong':
      return new Api.UpdatesTooLong();
    case 'updateShortMessage': {
      const invited = message.action?.type === 'inviteToGroupCall' ? message.action.users[0] : undefined;
      return new Api.UpdateShortMessage({
        out: true,
        id: message.id,
        userId: long(invited ?? viewerId),
        message: '',
        pts,
        ptsCount: 1,
        date: message.date,
      });
    }
    case 'updateShortChatMessage':
      return new Api.UpdateShortChatMessage({
        out: true,
        id: message.id,
        fromId: long(viewerId),
        chatId: long(message.to.id),
        message: '',
        pts,
        ptsCount: 1,
        date: message.date,
      });
    case 'updateShortSentMessage':
      return new Api.UpdateShortSentMessage({ out: true, id: message.id, pts, ptsCount: 1, date: message.date });
  }
}

/**
 * Pushes the message to every signed-in account that can see it: the caller's other sessions
 * and the chat's other members, each with its own view (out, mentioned, its own pts).
 */
export function fanOut(env: MethodEnv, ctx: CallContext, posted: Posted, callerId: bigint): void {
  const { world } = env;
  const to = posted.message.to;
  for (const userId of world.signedInUsers()) {
    const sees =
      to.type === 'user' ? userId === to.id || userId === posted.message.fromId : world.isMember(to.id, userId);
    if (!sees) continue;
    const updates = updatesFor(world, userId, posted);
    if (userId === callerId) ctx.pushToUser(userId, updates, { exceptCaller: true });
    else ctx.pushToUser(userId, updates);
  }
}

/**
 * A call started or ended outside any request (a control): members who are signed in get
 * updateGroupCall with the call's new state and the service message, as Telegram sends them.
 */
export function announceCall(env: MethodEnv, call: CallRecord, posted: Posted): void {
  const { world } = env;
  for (const userId of world.signedInUsers()) {
    if (!world.isMember(call.chatId, userId)) continue;
    const updates = updatesFor(world, userId, posted);
    updates.updates.unshift(new Api.UpdateGroupCall({ chatId: long(call.chatId), call: groupCallToApi(world, userId, call) }));
    env.pushes.toUser(userId, updates);
  }
}
