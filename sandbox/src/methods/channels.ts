// channels.*: supergroups and broadcast channels: info, members (paged and filtered), inviting.
import { Api } from 'telegram';
import { RpcFailure } from '../rpc';
import type { ChatRecord, MemberEntry } from '../world/types';
import type { World } from '../world/world';
import { signedIn, type MethodTable } from './env';
import { assertCanRead, resolveChannel, resolvePeer, resolveUser } from './inputs';
import { addRefusal, assertMayAdd, emptyUpdates, invitedUsers, type Missing } from './adding';
import { addMembers } from './messages';
import { Entities, adminRightsToApi, chatToApi, inputGroupCallToApi, long, peerToApi } from './tl';

const MAX_PAGE = 200;

function participantToApi(world: World, me: bigint, chat: ChatRecord, m: MemberEntry): Api.TypeChannelParticipant {
  const userId = long(m.userId);
  if (m.userId === chat.creatorId) {
    return new Api.ChannelParticipantCreator({ userId, adminRights: adminRightsToApi(world.adminRights(chat, m.userId)!) });
  }
  const admin = world.adminEntry(chat, m.userId);
  if (admin) {
    const self = m.userId === me;
    return new Api.ChannelParticipantAdmin({
      userId,
      self: self || undefined,
      inviterId: self ? long(m.inviterId) : undefined,
      canEdit: chat.creatorId === me || undefined,
      promotedBy: long(admin.promotedBy),
      date: admin.date,
      adminRights: adminRightsToApi(admin.rights),
      rank: admin.rank,
    });
  }
  if (m.userId === me) return new Api.ChannelParticipantSelf({ userId, inviterId: long(m.inviterId), date: m.date });
  return new Api.ChannelParticipant({ userId, date: m.date });
}

/** The members a filter other than "recent" selects, in join order. */
function* filtered(world: World, me: bigint, chat: ChatRecord, filter: { className?: string; q?: string }): Generator<MemberEntry> {
  const q = (filter.q ?? '').trim().toLowerCase();
  const named = (m: MemberEntry) => {
    if (!q) return true;
    const user = world.user(m.userId);
    const words = [user?.firstName, user?.lastName, user?.username].filter(Boolean).join(' ').toLowerCase();
    return words.split(/[\s_]+/).some((w) => w.startsWith(q)) || words.includes(q);
  };
  switch (filter.className) {
    case 'ChannelParticipantsAdmins':
      for (const m of world.members(chat)) if (world.adminRights(chat, m.userId)) yield m;
      return;
    case 'ChannelParticipantsBots':
      for (const m of chat.members) if (world.user(m.userId)?.kind === 'bot') yield m;
      return;
    case 'ChannelParticipantsSearch':
    case 'ChannelParticipantsMentions':
      for (const m of world.members(chat)) if (named(m)) yield m;
      return;
    case 'ChannelParticipantsContacts':
      for (const m of world.members(chat)) if (world.isContact(me, m.userId) && named(m)) yield m;
      return;
    default:
      // Kicked and banned lists: nobody was ever removed in the sandbox.
      return;
  }
}

export const channelsMethods: MethodTable = {
  'channels.GetChannels': signedIn<Api.channels.GetChannels>(({ req, env, me }) => {
    const chats = req.id.map((input) => chatToApi(env.world, me, resolveChannel(env.world, input)));
    return new Api.messages.Chats({ chats });
  }),

  'channels.GetFullChannel': signedIn<Api.channels.GetFullChannel>(({ req, env, me }) => {
    const { world } = env;
    const chat = resolveChannel(world, req.channel);
    assertCanRead(world, me, chat);
    const call = chat.callId !== undefined ? world.call(chat.callId) : undefined;
    const joinedAs = call ? world.participantOf(call, me)?.peer : undefined;
    const top = world.channelMessages(chat.id).at(-1)?.id ?? 0;
    const isAdmin = world.adminRights(chat, me) !== null;
    const entities = new Entities(world, me).chat(chat.id);
    if (joinedAs) entities.peer(joinedAs);
    return new Api.messages.ChatFull({
      fullChat: new Api.ChannelFull({
        id: long(chat.id),
        about: chat.about,
        participantsCount: world.memberCount(chat),
        adminsCount: 1 + Object.keys(chat.admins).length,
        canViewParticipants: chat.kind === 'megagroup' || isAdmin || undefined,
        readInboxMaxId: top,
        readOutboxMaxId: top,
        unreadCount: 0,
        chatPhoto: new Api.PhotoEmpty({ id: long(0n) }),
        notifySettings: new Api.PeerNotifySettings({}),
        botInfo: [],
        pts: chat.pts,
        call: call ? inputGroupCallToApi(call) : undefined,
        groupcallDefaultJoinAs: joinedAs ? peerToApi(joinedAs) : undefined,
      }),
      chats: entities.apiChats(),
      users: entities.apiUsers(),
    });
  }),

  'channels.GetParticipants': signedIn<Api.channels.GetParticipants>(({ req, env, me }) => {
    const { world } = env;
    const chat = resolveChannel(world, req.channel);
    assertCanRead(world, me, chat);
    if (chat.kind === 'broadcast' && !world.adminRights(chat, me)) throw new RpcFailure(400, 'CHAT_ADMIN_REQUIRED');
    const offset = Math.max(0, req.offset || 0);
    const limit = Math.max(0, Math.min(req.limit ?? MAX_PAGE, MAX_PAGE));
    const filter = req.filter as { className?: string; q?: string };
    const page: MemberEntry[] = [];
    let count = 0;
    if (filter.className === 'ChannelParticipantsRecent') {
      // Every member, in join order: the page starts at the offset and the total is known
      // without walking the group.
      if (limit > 0) {
        for (const m of world.members(chat, offset)) {
          page.push(m);
          if (page.length === limit) break;
        }
      }
      count = world.memberCount(chat);
    } else {
      for (const m of filtered(world, me, chat, filter)) {
        if (count >= offset && page.length < limit) page.push(m);
        count += 1;
      }
    }
    const entities = new Entities(world, me);
    page.forEach((m) => entities.user(m.userId));
    return new Api.channels.ChannelParticipants({
      count,
      participants: page.map((m) => participantToApi(world, me, chat, m)),
      chats: [],
      users: entities.apiUsers(),
    });
  }),

  'channels.GetParticipant': signedIn<Api.channels.GetParticipant>(({ req, env, me }) => {
    const { world } = env;
    const chat = resolveChannel(world, req.channel);
    assertCanRead(world, me, chat);
    const peer = resolvePeer(world, me, req.participant);
    const entry = peer.type === 'user' ? world.memberEntry(chat, peer.id) : undefined;
    if (!entry) throw new RpcFailure(400, 'USER_NOT_PARTICIPANT');
    return new Api.channels.ChannelParticipant({
      participant: participantToApi(world, me, chat, entry),
      chats: [],
      users: new Entities(world, me).user(entry.userId).apiUsers(),
    });
  }),

  // People already in the channel are skipped, as Telegram does; a refusal fails the request
  // (nobody is added); privacy refusals come back as missing invitees while the others join and
  // a messageActionChatAddUser is posted.
  'channels.InviteToChannel': signedIn<Api.channels.InviteToChannel>((call) => {
    const { req, env, ctx, me } = call;
    const { world } = env;
    const chat = resolveChannel(world, req.channel);
    assertMayAdd(env, me, chat, req.users.length);
    const fresh: bigint[] = [];
    const missing: Missing[] = [];
    for (const input of req.users) {
      const user = resolveUser(world, me, input);
      if (world.isMember(chat.id, user.id) || fresh.includes(user.id) || missing.some((m) => m.userId === user.id)) continue;
      const refused = addRefusal(env, ctx.layer, me, chat, user);
      if (refused instanceof RpcFailure) throw refused;
      if (refused) missing.push(refused);
      else fresh.push(user.id);
    }
    env.quotas.adds.add(String(me), fresh.length);
    const updates = fresh.length ? addMembers(call, chat, fresh) : emptyUpdates(world);
    return invitedUsers(ctx.layer, updates, missing);
  }),
};
