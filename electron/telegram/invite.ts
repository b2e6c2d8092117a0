// phone.inviteToGroupCall and its companions, the GramJS side of the invite engine. The engine
// (electron/core/invite) sees only plain results: the ids Telegram's service message lists, or
// that the reply's Updates constructor lists nobody. Every failure leaves as an AppError.
import { Api, type TelegramClient } from 'telegram';
import { AppError } from '../../shared/ipc/result';
import type { ErrorCode } from '../../shared/errors/codes';
import { MAX_ADD_PER_REQUEST, type AddResult, type BatchResult } from '../core/invite/ports';
import { toAppError } from './errors';
import type { PeerCache } from './peers';

export interface InviteRequest {
  client: TelegramClient;
  peers: PeerCache;
  callId: string;
  personIds: readonly string[];
}

/** One phone.inviteToGroupCall. Telegram's refusal (the whole request's) is thrown as an AppError. */
export async function inviteBatch({ client, peers, callId, personIds }: InviteRequest): Promise<BatchResult> {
  const call = peers.call(callId);
  const users = personIds.map((id) => peers.inputUser(id));
  let updates: Api.TypeUpdates;
  try {
    updates = await client.invoke(new Api.phone.InviteToGroupCall({ call: call.input, users }));
  } catch (error) {
    throw toAppError(error);
  }
  return batchResultOf(updates, callId);
}

/**
 * Whether the account itself is a member of the call's chat: one request. A supergroup answers
 * channels.getParticipant(self) (USER_NOT_PARTICIPANT or CHANNEL_PRIVATE: not a member); a basic
 * group lists its members in messages.getFullChat (chatParticipantsForbidden: not a member).
 */
export async function selfIsMember({ client, peers, callId, selfId }: Omit<InviteRequest, 'personIds'> & { selfId: string }): Promise<boolean> {
  const chat = peers.chat(peers.call(callId).chatId);
  if (!chat) throw new AppError('CALL_NOT_FOUND', `Rollcall has not seen the chat of call ${callId} in this session.`);
  try {
    if (chat instanceof Api.Chat) {
      const full = await client.invoke(new Api.messages.GetFullChat({ chatId: chat.id }));
      const participants = full.fullChat instanceof Api.ChatFull ? full.fullChat.participants : null;
      if (!(participants instanceof Api.ChatParticipants)) return false;
      return participants.participants.some((p) => p.userId.toString() === selfId);
    }
    if (chat.accessHash === undefined) throw new AppError('CALL_NOT_FOUND', `Rollcall cannot address the chat of call ${callId}.`);
    const channel = new Api.InputChannel({ channelId: chat.id, accessHash: chat.accessHash });
    const reply = await client.invoke(new Api.channels.GetParticipant({ channel, participant: new Api.InputPeerSelf() }));
    return !(reply.participant instanceof Api.ChannelParticipantLeft || reply.participant instanceof Api.ChannelParticipantBanned);
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === 'USER_NOT_PARTICIPANT' || appError.message === 'CHANNEL_PRIVATE') return false;
    throw appError;
  }
}

/**
 * Who the reply says was invited. Only `updates`, `updatesCombined` and `updateShort` can carry
 * the service message (updateNewChannelMessage for supergroups, updateNewMessage for basic
 * groups); `updatesTooLong` and the three short message forms say a message exists but not
 * whom it invited, so they itemise nobody. A full form without the service message itemises
 * an empty list: Telegram posts that message whenever it invites anyone.
 */
export function batchResultOf(updates: Api.TypeUpdates, callId: string): BatchResult {
  let list: Api.TypeUpdate[];
  if (updates instanceof Api.Updates || updates instanceof Api.UpdatesCombined) list = updates.updates;
  else if (updates instanceof Api.UpdateShort) list = [updates.update];
  else return { kind: 'unitemised', constructorName: updates.className };
  const invited = new Set<string>();
  for (const update of list) {
    if (!(update instanceof Api.UpdateNewChannelMessage || update instanceof Api.UpdateNewMessage)) continue;
    const { message } = update;
    if (!(message instanceof Api.MessageService)) continue;
    const { action } = message;
    if (!(action instanceof Api.MessageActionInviteToGroupCall)) continue;
    if (action.call instanceof Api.InputGroupCall && action.call.id.toString() !== callId) continue;
    for (const user of action.users) invited.add(user.toString());
  }
  return { kind: 'itemised', invitedIds: [...invited] };
}

/**
 * One add request to the call's chat: messages.addChatUser (exactly one person) for a basic
 * group, channels.inviteToChannel (at most 100 people, Telegram's limit) for a supergroup. The
 * engine chunks, paces and splits; this sends exactly what it is given, once. A refusal of the
 * whole request is thrown as an AppError; USER_ALREADY_PARTICIPANT is success (they are a member,
 * which was the point). Everyone not among the reply's missing_invitees is a member now.
 */
export async function addToChat({ client, peers, callId, personIds }: InviteRequest): Promise<AddResult> {
  const chat = peers.chat(peers.call(callId).chatId);
  if (!chat) throw new AppError('CALL_NOT_FOUND', `Rollcall has not seen the chat of call ${callId} in this session.`);
  const users = personIds.map((id) => peers.inputUser(id));
  let reply: AddReply;
  if (chat instanceof Api.Chat) {
    if (users.length !== 1) throw new AppError('INTERNAL', `messages.addChatUser adds one person a request, not ${users.length}.`);
    reply = await addOne(() => client.invoke(new Api.messages.AddChatUser({ chatId: chat.id, userId: users[0]!, fwdLimit: 100 })));
  } else {
    if (users.length === 0 || users.length > MAX_ADD_PER_REQUEST) {
      throw new AppError('INTERNAL', `channels.inviteToChannel takes 1 to ${MAX_ADD_PER_REQUEST} people a request, not ${users.length}.`);
    }
    if (chat.accessHash === undefined) throw new AppError('CALL_NOT_FOUND', `Rollcall cannot address the chat of call ${callId}.`);
    const channel = new Api.InputChannel({ channelId: chat.id, accessHash: chat.accessHash });
    reply = await addOne(() => client.invoke(new Api.channels.InviteToChannel({ channel, users })));
  }
  return { missing: missingInvitees(reply, personIds) };
}

type AddReply = Api.messages.TypeInvitedUsers | Api.TypeUpdates | null;

async function addOne(send: () => Promise<AddReply>): Promise<AddReply> {
  try {
    return await send();
  } catch (error) {
    const appError = toAppError(error);
    if (appError.message === 'USER_ALREADY_PARTICIPANT') return null;
    throw appError;
  }
}

/**
 * messages.invitedUsers' missing_invitees (layer 177+): people Telegram did not add because of
 * their privacy settings, each with what would have allowed it. premium_would_allow_invite: only
 * Premium is missing; premium_required_for_pm: a message with the link needs Premium too.
 */
export function missingInvitees(reply: AddReply, personIds: readonly string[]): AddResult['missing'] {
  if (!(reply instanceof Api.messages.InvitedUsers)) return [];
  const asked = new Set(personIds);
  return reply.missingInvitees
    .filter((m) => asked.has(m.userId.toString()))
    .map((m) => {
      const premiumAdds = Boolean(m.premiumWouldAllowInvite);
      const premiumMessages = Boolean(m.premiumRequiredForPm);
      const code: ErrorCode = premiumAdds
        ? premiumMessages ? 'PREMIUM_NEEDED_TO_ADD_AND_MESSAGE' : 'PREMIUM_NEEDED_TO_ADD'
        : premiumMessages ? 'ADD_REFUSED_CANNOT_MESSAGE' : 'USER_PRIVACY_RESTRICTED';
      const flags = [premiumAdds ? 'premium_would_allow_invite' : null, premiumMessages ? 'premium_required_for_pm' : null].filter(Boolean);
      return { personId: m.userId.toString(), code, message: `missing_invitees${flags.length > 0 ? `: ${flags.join(', ')}` : ''}` };
    });
}

/** phone.exportGroupCallInvite: a listener link, or a speaker link (can_self_unmute) for admins. */
export async function exportInviteLink({
  client,
  peers,
  callId,
  role,
}: Omit<InviteRequest, 'personIds'> & { role: 'listener' | 'speaker' }): Promise<string> {
  const call = peers.call(callId);
  try {
    const reply = await client.invoke(new Api.phone.ExportGroupCallInvite({ call: call.input, canSelfUnmute: role === 'speaker' }));
    return reply.link;
  } catch (error) {
    throw toAppError(error);
  }
}
