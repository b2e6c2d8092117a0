// World records → TL objects, as one viewer sees them (Telegram answers differ per viewer: `self`,
// `contact`, `out`, `left`, admin rights, phone visibility).
import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers';
import { TL_FIELDS } from '../rpc';
import { channelAccessHash, userAccessHash } from '../world/ids';
import type {
  ActionRecord,
  AdminRight,
  CallParticipant,
  CallRecord,
  ChatRecord,
  MessageRecord,
  PeerRef,
  UserRecord,
} from '../world/types';
import type { World } from '../world/world';

/** GramJS writes longs from big-integer values. */
export const long = (value: bigint) => returnBigInt(value);

export function peerToApi(peer: PeerRef): Api.TypePeer {
  switch (peer.type) {
    case 'user':
      return new Api.PeerUser({ userId: long(peer.id) });
    case 'chat':
      return new Api.PeerChat({ chatId: long(peer.id) });
    case 'channel':
      return new Api.PeerChannel({ channelId: long(peer.id) });
  }
}

export function inputGroupCallToApi(call: CallRecord): Api.InputGroupCall {
  return new Api.InputGroupCall({ id: long(call.id), accessHash: long(call.accessHash) });
}

export function adminRightsToApi(rights: readonly AdminRight[]): Api.ChatAdminRights {
  return new Api.ChatAdminRights(Object.fromEntries(rights.map((r) => [r, true])));
}

function statusToApi(world: World, user: UserRecord, viewerId: bigint): Api.TypeUserStatus | undefined {
  if (user.kind !== 'person') return undefined;
  if (user.id === viewerId) return new Api.UserStatusOnline({ expires: world.now() + 300 });
  if (user.lastSeen === null) return new Api.UserStatusRecently({});
  return new Api.UserStatusOffline({ wasOnline: user.lastSeen });
}

export function userToApi(world: World, viewerId: bigint, user: UserRecord): Api.User {
  const self = user.id === viewerId;
  const accessHash = long(userAccessHash(world.secret, user.id));
  if (user.kind === 'deleted') return apiUser({ id: long(user.id), accessHash, deleted: true });
  const contact = !self && world.isContact(viewerId, user.id);
  const mutual = contact && world.isContact(user.id, viewerId);
  // Phone privacy defaults to "my contacts": only self and contacts see the number.
  const showPhone = self || contact;
  return apiUser({
    id: long(user.id),
    accessHash,
    self: self || undefined,
    contact: contact || undefined,
    mutualContact: mutual || undefined,
    bot: user.kind === 'bot' || undefined,
    botInfoVersion: user.kind === 'bot' ? 1 : undefined,
    firstName: user.firstName,
    lastName: user.lastName,
    username: user.username,
    phone: showPhone ? user.phone : undefined,
    status: statusToApi(world, user, viewerId),
  });
}

const USER_FIELDS = [
  'id', 'accessHash', 'deleted', 'self', 'contact', 'mutualContact', 'bot', 'botInfoVersion', 'firstName', 'lastName', 'username', 'phone', 'status',
] as const;

type UserArgs = Pick<ConstructorParameters<typeof Api.User>[0], (typeof USER_FIELDS)[number]>;

/**
 * `new Api.User(args)` for the fields userToApi sets, without GramJS's constructor. That one stores
 * each of the schema's ~60 User fields under a computed name, which leaves every User a 3 KB
 * dictionary-mode object at about 15 µs apiece (1.5 s of a 100,000-contact answer). This one is an
 * Api.User (its prototype chain leads there) with the same class markers, originalArgs and field
 * values; the fields userToApi never sets are not own properties here, and read as undefined in both.
 */
class LightUser {
  readonly CONSTRUCTOR_ID = Api.User.CONSTRUCTOR_ID;
  readonly SUBCLASS_OF_ID = Api.User.SUBCLASS_OF_ID;
  readonly className = 'User';
  readonly classType = 'constructor';
  readonly id: UserArgs['id'];
  readonly accessHash: UserArgs['accessHash'];
  readonly deleted: UserArgs['deleted'];
  readonly self: UserArgs['self'];
  readonly contact: UserArgs['contact'];
  readonly mutualContact: UserArgs['mutualContact'];
  readonly bot: UserArgs['bot'];
  readonly botInfoVersion: UserArgs['botInfoVersion'];
  readonly firstName: UserArgs['firstName'];
  readonly lastName: UserArgs['lastName'];
  readonly username: UserArgs['username'];
  readonly phone: UserArgs['phone'];
  readonly status: UserArgs['status'];

  constructor(readonly originalArgs: UserArgs) {
    this.id = originalArgs.id;
    this.accessHash = originalArgs.accessHash;
    this.deleted = originalArgs.deleted;
    this.self = originalArgs.self;
    this.contact = originalArgs.contact;
    this.mutualContact = originalArgs.mutualContact;
    this.bot = originalArgs.bot;
    this.botInfoVersion = originalArgs.botInfoVersion;
    this.firstName = originalArgs.firstName;
    this.lastName = originalArgs.lastName;
    this.username = originalArgs.username;
    this.phone = originalArgs.phone;
    this.status = originalArgs.status;
  }
}
Object.setPrototypeOf(LightUser.prototype, Api.User.prototype);
// The protocol layer's writer visits only these fields (the others are undefined).
Object.defineProperty(LightUser.prototype, TL_FIELDS, { value: USER_FIELDS });

function apiUser(args: UserArgs): Api.User {
  return new LightUser(args) as unknown as Api.User;
}

export function chatToApi(world: World, viewerId: bigint, chat: ChatRecord): Api.TypeChat {
  const member = world.isMember(chat.id, viewerId);
  const rights = world.adminRights(chat, viewerId);
  const call = chat.callId !== undefined ? world.call(chat.callId) : undefined;
  const callActive = call !== undefined || undefined;
  const callNotEmpty = (call !== undefined && world.participantCount(call) > 0) || undefined;
  if (chat.kind === 'basic') {
    if (!member) return new Api.ChatForbidden({ id: long(chat.id), title: chat.title });
    return new Api.Chat({
      id: long(chat.id),
      title: chat.title,
      photo: new Api.ChatPhotoEmpty(),
      participantsCount: world.memberCount(chat),
      date: chat.date,
      version: chat.version,
      creator: chat.creatorId === viewerId || undefined,
      adminRights: rights && chat.creatorId !== viewerId ? adminRightsToApi(rights) : undefined,
      callActive,
      callNotEmpty,
    });
  }
  return new Api.Channel({
    id: long(chat.id),
    accessHash: long(channelAccessHash(world.secret, chat.id)),
    title: chat.title,
    username: chat.username,
    photo: new Api.ChatPhotoEmpty(),
    date: chat.date,
    megagroup: chat.kind === 'megagroup' || undefined,
    broadcast: chat.kind === 'broadcast' || undefined,
    creator: chat.creatorId === viewerId || undefined,
    left: !member || undefined,
    adminRights: rights ? adminRightsToApi(rights) : undefined,
    // What the viewer may not do here, as Telegram tells a restricted member, and what no member may.
    bannedRights: member && world.isMuted(chat, viewerId)
      ? new Api.ChatBannedRights({ sendMessages: true, sendPlain: true, untilDate: 0 })
      : undefined,
    defaultBannedRights: chat.membersCannotAdd ? new Api.ChatBannedRights({ inviteUsers: true, untilDate: 0 }) : undefined,
    participantsCount: world.memberCount(chat),
    callActive,
    callNotEmpty,
  });
}

function actionToApi(world: World, action: ActionRecord): Api.TypeMessageAction {
  const ids = (list: bigint[]) => list.map(long);
  const callInput = (callId: bigint) => {
    const call = world.call(callId);
    return new Api.InputGroupCall({ id: long(callId), accessHash: long(call?.accessHash ?? 0n) });
  };
  switch (action.type) {
    case 'chatCreate':
      return new Api.MessageActionChatCreate({ title: action.title, users: ids(action.users) });
    case 'channelCreate':
      return new Api.MessageActionChannelCreate({ title: action.title });
    case 'chatAddUser':
      return new Api.MessageActionChatAddUser({ users: ids(action.users) });
    case 'groupCall':
      return new Api.MessageActionGroupCall({ call: callInput(action.callId), duration: action.duration });
    case 'groupCallScheduled':
      return new Api.MessageActionGroupCallScheduled({ call: callInput(action.callId), scheduleDate: action.scheduleDate });
    case 'inviteToGroupCall':
      return new Api.MessageActionInviteToGroupCall({ call: callInput(action.callId), users: ids(action.users) });
  }
}

/** The dialog peer of a message for this viewer (a private chat is "the other party"). */
export function dialogPeerOf(message: MessageRecord, viewerId: bigint): PeerRef {
  if (message.to.type !== 'user') return message.to;
  return { type: 'user', id: message.fromId === viewerId ? message.to.id : message.fromId };
}

export function messageToApi(world: World, viewerId: bigint, message: MessageRecord): Api.TypeMessage {
  const peerId = peerToApi(dialogPeerOf(message, viewerId));
  const out = message.fromId === viewerId || undefined;
  const chat = message.to.type === 'channel' ? world.chat(message.to.id) : undefined;
  // Broadcast channels post as the channel; everywhere else the author is a user.
  const post = chat?.kind === 'broadcast';
  const fromId = post ? undefined : new Api.PeerUser({ userId: long(message.fromId) });
  if (message.action) {
    const mentioned =
      message.action.type === 'inviteToGroupCall' && message.action.users.includes(viewerId) ? true : undefined;
    return new Api.MessageService({
      id: message.id,
      out,
      mentioned,
      post: post || undefined,
      fromId,
      peerId,
      date: message.date,
      action: actionToApi(world, message.action),
    });
  }
  return new Api.Message({
    id: message.id,
    out,
    post: post || undefined,
    fromId,
    peerId,
    date: message.date,
    message: message.text ?? '',
  });
}

export function groupCallToApi(world: World, viewerId: bigint, call: CallRecord): Api.TypeGroupCall {
  if (call.endDate !== undefined) {
    return new Api.GroupCallDiscarded({
      id: long(call.id),
      accessHash: long(call.accessHash),
      duration: call.endDate - call.startDate,
    });
  }
  const chat = world.chat(call.chatId)!;
  const canManage = world.adminRights(chat, viewerId)?.includes('manageCall') ?? false;
  return new Api.GroupCall({
    id: long(call.id),
    accessHash: long(call.accessHash),
    participantsCount: world.participantCount(call),
    title: call.title,
    joinMuted: call.joinMuted || undefined,
    canChangeJoinMuted: canManage || undefined,
    canStartVideo: true,
    unmutedVideoLimit: 30,
    version: call.version,
    scheduleDate: call.scheduleDate,
    scheduleStartSubscribed: (call.scheduleDate !== undefined && world.isStartSubscriber(call, viewerId)) || undefined,
  });
}

export function participantToApi(
  world: World,
  viewerId: bigint,
  call: CallRecord,
  participant: CallParticipant,
  /** In an updateGroupCallParticipants: the change it reports (a versioned one, as joins and leaves are). */
  change?: 'joined' | 'left',
): Api.GroupCallParticipant {
  const chat = world.chat(call.chatId)!;
  const isAdmin = world.adminRights(chat, participant.userId)?.includes('manageCall') ?? false;
  return new Api.GroupCallParticipant({
    peer: peerToApi(participant.peer),
    date: participant.date,
    source: participant.source,
    muted: participant.muted || undefined,
    canSelfUnmute: !call.joinMuted || isAdmin || undefined,
    self: participant.userId === viewerId || undefined,
    justJoined: change === 'joined' || undefined,
    left: change === 'left' || undefined,
    versioned: change !== undefined || undefined,
  });
}

/**
 * Collects the users and chats an answer mentions, so every answer carries the entities its
 * peers refer to (Telegram's "users"/"chats" vectors; GramJS caches access hashes from them).
 */
export class Entities {
  private readonly users = new Set<bigint>();
  private readonly chats = new Set<bigint>();

  constructor(
    private readonly world: World,
    private readonly viewerId: bigint,
  ) {}

  user(id: bigint): this {
    this.users.add(id);
    return this;
  }

  chat(id: bigint): this {
    this.chats.add(id);
    return this;
  }

  peer(peer: PeerRef): this {
    return peer.type === 'user' ? this.user(peer.id) : this.chat(peer.id);
  }

  message(message: MessageRecord): this {
    this.user(message.fromId).peer(dialogPeerOf(message, this.viewerId));
    if (message.action && 'users' in message.action) message.action.users.forEach((id) => this.user(id));
    return this;
  }

  apiUsers(): Api.TypeUser[] {
    const out: Api.TypeUser[] = [];
    for (const id of this.users) {
      const user = this.world.user(id);
      if (user) out.push(userToApi(this.world, this.viewerId, user));
    }
    return out;
  }

  apiChats(): Api.TypeChat[] {
    const out: Api.TypeChat[] = [];
    for (const id of this.chats) {
      const chat = this.world.chat(id);
      if (chat) out.push(chatToApi(this.world, this.viewerId, chat));
    }
    return out;
  }
}
