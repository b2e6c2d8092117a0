// messages.*: dialogs, basic groups (chats, full chat, adding a member) and history.
import { Api } from 'telegram';
import { RpcFailure } from '../rpc';
import type { ChatRecord, MemberEntry, PeerRef } from '../world/types';
import type { World } from '../world/world';
import { addRefusal, assertMayAdd, emptyUpdates, invitedUsers } from './adding';
import { signedIn, type MethodTable, type SignedInCall } from './env';
import { assertCanRead, resolveBasicChat, resolvePeer, resolveUser, toBigint } from './inputs';
import { fanOut, updatesFor } from './outgoing';
import { Entities, chatToApi, inputGroupCallToApi, long, messageToApi, peerToApi } from './tl';

const samePeer = (a: PeerRef, b: PeerRef) => a.type === b.type && a.id === b.id;

function chatParticipantToApi(chat: ChatRecord, world: World, m: MemberEntry): Api.TypeChatParticipant {
  const userId = long(m.userId);
  if (m.userId === chat.creatorId) return new Api.ChatParticipantCreator({ userId });
  const base = { userId, inviterId: long(m.inviterId), date: m.date };
  return world.adminRights(chat, m.userId) ? new Api.ChatParticipantAdmin(base) : new Api.ChatParticipant(base);
}

/** Adds users to a chat and posts messageActionChatAddUser; shared by both kinds of group. */
export function addMembers(call: SignedInCall<unknown>, chat: ChatRecord, userIds: bigint[]): Api.TypeUpdates {
  const { env, ctx, me } = call;
  const { world } = env;
  for (const id of userIds) world.addMember(chat, id, me);
  const posted = world.post(world.peerOfChat(chat), me, { action: { type: 'chatAddUser', users: userIds } });
  fanOut(env, ctx, posted, me);
  return updatesFor(world, me, posted);
}

export const messagesMethods: MethodTable = {
  'messages.GetDialogs': signedIn<Api.messages.GetDialogs>(({ req, env, me }) => {
    const { world } = env;
    const all = req.folderId === 1 ? [] : world.dialogsOf(me);
    let start = 0;
    const offsetPeer = (req.offsetPeer as { className?: string }).className === 'InputPeerEmpty'
      ? undefined
      : resolvePeer(world, me, req.offsetPeer);
    const atPeer = offsetPeer ? all.findIndex((d) => samePeer(d.peer, offsetPeer)) : -1;
    if (atPeer >= 0) start = atPeer + 1;
    else if (req.offsetDate > 0) {
      start = all.findIndex((d) => d.top.date < req.offsetDate || (d.top.date === req.offsetDate && d.top.id < req.offsetId));
      if (start < 0) start = all.length;
    }
    const limit = Math.max(1, Math.min(req.limit || 100, 100));
    const page = all.slice(start, start + limit);
    const entities = new Entities(world, me);
    const dialogs = page.map(({ peer, top }) => {
      entities.peer(peer).message(top);
      const chat = peer.type === 'channel' ? world.chat(peer.id) : undefined;
      return new Api.Dialog({
        peer: peerToApi(peer),
        topMessage: top.id,
        readInboxMaxId: top.id,
        readOutboxMaxId: top.id,
        unreadCount: 0,
        unreadMentionsCount: 0,
        unreadReactionsCount: 0,
        notifySettings: new Api.PeerNotifySettings({}),
        pts: chat?.pts,
      });
    });
    const body = {
      dialogs,
      messages: page.map(({ top }) => messageToApi(world, me, top)),
      chats: entities.apiChats(),
      users: entities.apiUsers(),
    };
    return start === 0 && page.length === all.length
      ? new Api.messages.Dialogs(body)
      : new Api.messages.DialogsSlice({ ...body, count: all.length });
  }),

  'messages.GetChats': signedIn<Api.messages.GetChats>(({ req, env, me }) => {
    const chats = req.id
      .map((id) => env.world.chat(toBigint(id)))
      .filter((chat): chat is ChatRecord => chat?.kind === 'basic')
      .map((chat) => chatToApi(env.world, me, chat));
    return new Api.messages.Chats({ chats });
  }),

  'messages.GetFullChat': signedIn<Api.messages.GetFullChat>(({ req, env, me }) => {
    const { world } = env;
    const chat = resolveBasicChat(world, req.chatId);
    if (!world.isMember(chat.id, me)) throw new RpcFailure(400, 'CHAT_ID_INVALID');
    const call = chat.callId !== undefined ? world.call(chat.callId) : undefined;
    const joinedAs = call ? world.participantOf(call, me)?.peer : undefined;
    const members = [...world.members(chat)];
    const entities = new Entities(world, me).chat(chat.id);
    members.forEach((m) => entities.user(m.userId));
    if (joinedAs) entities.peer(joinedAs);
    return new Api.messages.ChatFull({
      fullChat: new Api.ChatFull({
        id: long(chat.id),
        about: chat.about,
        participants: new Api.ChatParticipants({
          chatId: long(chat.id),
          participants: members.map((m) => chatParticipantToApi(chat, world, m)),
          version: chat.version,
        }),
        notifySettings: new Api.PeerNotifySettings({}),
        call: call ? inputGroupCallToApi(call) : undefined,
        groupcallDefaultJoinAs: joinedAs ? peerToApi(joinedAs) : undefined,
      }),
      chats: entities.apiChats(),
      users: entities.apiUsers(),
    });
  }),

  'messages.AddChatUser': signedIn<Api.messages.AddChatUser>((call) => {
    const { req, env, ctx, me } = call;
    const { world } = env;
    const chat = resolveBasicChat(world, req.chatId);
    assertMayAdd(env, me, chat, 1);
    const user = resolveUser(world, me, req.userId);
    if (user.kind === 'deleted') throw new RpcFailure(400, 'INPUT_USER_DEACTIVATED');
    if (world.isMember(chat.id, user.id)) throw new RpcFailure(400, 'USER_ALREADY_PARTICIPANT');
    if (world.memberCount(chat) >= 200) throw new RpcFailure(400, 'USERS_TOO_MUCH');
    const refused = addRefusal(env, ctx.layer, me, chat, user);
    if (refused instanceof RpcFailure) throw refused;
    if (refused) return invitedUsers(ctx.layer, emptyUpdates(world), [refused]);
    env.quotas.adds.add(String(me), 1);
    return invitedUsers(ctx.layer, addMembers(call, chat, [user.id]));
  }),

  // Newest first from offset_id (exclusive), shifted by add_offset, bounded by max_id/min_id.
  'messages.GetHistory': signedIn<Api.messages.GetHistory>(({ req, env, me }) => {
    const { world } = env;
    const peer = resolvePeer(world, me, req.peer);
    if (peer.type !== 'user') assertCanRead(world, me, world.chat(peer.id)!);
    const newestFirst = world.history(me, peer).slice().reverse();
    let start = 0;
    if (req.offsetId > 0) start = newestFirst.findIndex((m) => m.id < req.offsetId);
    else if (req.offsetDate > 0) start = newestFirst.findIndex((m) => m.date < req.offsetDate);
    if (start < 0) start = newestFirst.length;
    start = Math.max(0, start + (req.addOffset || 0));
    const limit = Math.max(1, Math.min(req.limit || 100, 100));
    const page = newestFirst
      .slice(start, start + limit)
      .filter((m) => (req.maxId > 0 ? m.id < req.maxId : true) && (req.minId > 0 ? m.id > req.minId : true));
    const entities = new Entities(world, me).peer(peer);
    page.forEach((m) => entities.message(m));
    const body = {
      messages: page.map((m) => messageToApi(world, me, m)),
      chats: entities.apiChats(),
      users: entities.apiUsers(),
    };
    if (peer.type === 'channel') {
      return new Api.messages.ChannelMessages({ ...body, pts: world.chat(peer.id)!.pts, count: newestFirst.length, topics: [] });
    }
    return page.length < newestFirst.length
      ? new Api.messages.MessagesSlice({ ...body, count: newestFirst.length })
      : new Api.messages.Messages(body);
  }),
};
