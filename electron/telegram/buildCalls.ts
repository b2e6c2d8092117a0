// GramJS chats and group calls → the plain CallSummary the renderer sees, with the warnings
// that predict a refusal before anything is sent.
import { Api } from 'telegram';
import type { CallSummary, CallWarning, ChatKind } from '../../shared/domain/people';

export type GroupChat = Api.Chat | Api.Channel;

export interface JoinAs {
  kind: 'self' | 'channel' | 'notJoined';
  title: string | null;
}

export function chatKind(chat: GroupChat): ChatKind {
  if (chat instanceof Api.Chat) return 'group';
  return chat.megagroup || chat.gigagroup ? 'supergroup' : 'channel';
}

/** Admin with manage_call, or the creator. */
export function canManageCall(chat: GroupChat): boolean {
  return Boolean(chat.creator || chat.adminRights?.manageCall);
}

/** Whether the account may add members: creator, admin with invite_users, or members may (groups). */
export function canAddMembers(chat: GroupChat): boolean {
  if (chat.creator || chat.adminRights?.inviteUsers) return true;
  if (chat instanceof Api.Channel && !chat.megagroup && !chat.gigagroup) return false;
  if (chat instanceof Api.Channel && chat.bannedRights?.inviteUsers) return false;
  return !chat.defaultBannedRights?.inviteUsers;
}

/**
 * Whether the account may post in the chat, as tdesktop's Data::CanSend decides before it offers
 * the invite box: the creator and admins may; in a broadcast channel only admins who post; else
 * neither the account's own restriction nor the chat's default may forbid sending messages.
 */
export function canSendMessages(chat: GroupChat): boolean {
  if (chat.creator) return true;
  if (chat instanceof Api.Channel && !chat.megagroup && !chat.gigagroup) return Boolean(chat.adminRights?.postMessages);
  if (chat.adminRights) return true;
  if (chat instanceof Api.Channel && chat.bannedRights?.sendMessages) return false;
  return !chat.defaultBannedRights?.sendMessages;
}

export function buildCallSummary({
  chat,
  call,
  joinAs,
}: {
  chat: GroupChat;
  call: Api.TypeGroupCall;
  joinAs: JoinAs;
}): CallSummary {
  const ended = call instanceof Api.GroupCallDiscarded;
  // GramJS may leave an absent flag field null rather than undefined.
  const scheduleDate = call instanceof Api.GroupCall && typeof call.scheduleDate === 'number' ? call.scheduleDate : undefined;
  const warnings: CallWarning[] = [];
  if (joinAs.kind === 'channel') warnings.push('joinedAsChannel');
  if (ended) warnings.push('ended');
  if (!canAddMembers(chat)) warnings.push('cannotAddMembers');
  if (chatKind(chat) === 'channel') warnings.push('broadcastChannel');
  else if (!canSendMessages(chat)) warnings.push('cannotSendMessages');
  // Nobody can be in a call that has not started: joining comes later.
  if (!ended && scheduleDate === undefined && joinAs.kind === 'notJoined') warnings.push('notJoined');
  return {
    id: call.id.toString(),
    chat: {
      id: chat.id.toString(),
      title: chat.title,
      kind: chatKind(chat),
      username: chat instanceof Api.Channel ? (chat.username ?? chat.usernames?.find((u) => u.active)?.username ?? null) : null,
    },
    title: call instanceof Api.GroupCall ? (call.title ?? null) : null,
    participantsCount: call instanceof Api.GroupCall ? call.participantsCount : 0,
    state: ended ? 'ended' : scheduleDate !== undefined ? 'scheduled' : 'active',
    scheduled:
      call instanceof Api.GroupCall && scheduleDate !== undefined
        ? { date: scheduleDate * 1000, subscribed: call.scheduleStartSubscribed === true }
        : null,
    canManage: canManageCall(chat),
    joinAs,
    warnings,
  };
}
