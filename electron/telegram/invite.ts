// phone.inviteToGroupCall and its companions, the GramJS side of the invite engine. The engine
// (electron/core/invite) sees only plain results: the ids Telegram's service message lists, or
// that the reply's Updates constructor lists nobody. Every failure leaves as an AppError.
import { Api, type TelegramClient } from 'telegram';
import { AppError } from '../../shared/ipc/result';
import { errorKind } from '../core/invite/errorKinds';
import type { BatchResult } from '../core/invite/ports';
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
 * Adds people to the call's chat: messages.addChatUser (one person a request) for basic groups,
 * channels.inviteToChannel for supergroups. Each person gets null (a member now) or the reason.
 * A refusal about the chat (not an admin, signed out, flood) is everyone's reason.
 */
export async function addToChat({ client, peers, callId, personIds }: InviteRequest): Promise<Map<string, AppError | null>> {
  const chat = peers.chat(peers.call(callId).chatId);
  if (!chat) throw new AppError('CALL_NOT_FOUND', `Rollcall has not seen the chat of call ${callId} in this session.`);
  const results = new Map<string, AppError | null>();
  if (chat instanceof Api.Chat) {
    for (const id of personIds) {
      const outcome = await addOne(() =>
        client.invoke(new Api.messages.AddChatUser({ chatId: chat.id, userId: peers.inputUser(id), fwdLimit: 100 })),
      );
      results.set(id, outcome instanceof AppError ? outcome : missingInviteeError(outcome, id));
    }
    return results;
  }
  if (chat.accessHash === undefined) throw new AppError('CALL_NOT_FOUND', `Rollcall cannot address the chat of call ${callId}.`);
  const channel = new Api.InputChannel({ channelId: chat.id, accessHash: chat.accessHash });
  const inviteSome = (ids: readonly string[]) =>
    addOne(() => client.invoke(new Api.channels.InviteToChannel({ channel, users: ids.map((id) => peers.inputUser(id)) })));
  const all = await inviteSome(personIds);
  if (!(all instanceof AppError)) {
    for (const id of personIds) results.set(id, missingInviteeError(all, id));
    return results;
  }
  if (errorKind(all.code) !== 'person' || personIds.length === 1) {
    for (const id of personIds) results.set(id, all);
    return results;
  }
  // One person's refusal failed the whole request: ask again one by one to find whose it is.
  for (const id of personIds) {
    const one = await inviteSome([id]);
    results.set(id, one instanceof AppError ? one : missingInviteeError(one, id));
  }
  return results;
}

type AddReply = Api.messages.TypeInvitedUsers | Api.TypeUpdates;

/** Runs one add request; USER_ALREADY_PARTICIPANT is success (they are a member, which was the point). */
async function addOne(send: () => Promise<AddReply>): Promise<AddReply | AppError> {
  try {
    return await send();
  } catch (error) {
    const appError = toAppError(error);
    if (appError.message === 'USER_ALREADY_PARTICIPANT') return new Api.Updates({ updates: [], users: [], chats: [], date: 0, seq: 0 });
    return appError;
  }
}

/** Telegram reports people it could not add because of their privacy settings as missing invitees. */
function missingInviteeError(reply: AddReply, personId: string): AppError | null {
  if (!(reply instanceof Api.messages.InvitedUsers)) return null;
  const missing = reply.missingInvitees.find((m) => m.userId.toString() === personId);
  if (!missing) return null;
  return new AppError('USER_PRIVACY_RESTRICTED', missing.premiumRequiredForPm ? 'MISSING_INVITEE_PREMIUM_REQUIRED' : 'MISSING_INVITEE');
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
