// Adding people to a group (messages.addChatUser, channels.inviteToChannel) as Telegram does it:
// per-person refusals from the methods' documented errors, and privacy refusals as
// messages.invitedUsers{missing_invitees} (layer 177+, core.telegram.org/constructor/missingInvitee).
// sandbox/README.md, "Behaviours", lists each case with its evidence.
import { Api } from 'telegram';
import { RpcFailure } from '../rpc';
import type { ChatRecord, UserRecord } from '../world/types';
import type { World } from '../world/world';
import type { MethodEnv } from './env';
import { long } from './tl';

/** messages.invitedUsers exists from layer 177; older clients get the bare Updates. */
export const INVITED_USERS_LAYER = 177;

/** Users per channels.inviteToChannel (Telegram Desktop's kMaxUsersPerInvite). */
export const MAX_ADD_PER_REQUEST = 100;

export interface Missing {
  userId: bigint;
  premiumWouldAllowInvite: boolean;
  premiumRequiredForPm: boolean;
}

/** The chat-level checks: who may add people here, how many at once, and the account's PEER_FLOOD. */
export function assertMayAdd(env: MethodEnv, me: bigint, chat: ChatRecord, count: number): void {
  const { world } = env;
  if (env.quotas.adds.exhausted(String(me), env.controls.strict.peerFloodAfterAddsPerHour)) throw new RpcFailure(400, 'PEER_FLOOD');
  if (!world.isMember(chat.id, me)) {
    throw chat.kind === 'basic' ? new RpcFailure(400, 'CHAT_ID_INVALID') : new RpcFailure(406, 'CHANNEL_PRIVATE');
  }
  const rights = world.adminRights(chat, me);
  if ((chat.kind === 'broadcast' || chat.membersCannotAdd) && !rights?.includes('inviteUsers')) {
    throw new RpcFailure(400, 'CHAT_ADMIN_REQUIRED');
  }
  if (count > MAX_ADD_PER_REQUEST) throw new RpcFailure(400, 'USERS_TOO_MUCH');
}

/**
 * Why this person can't be added (an error that fails the request), a privacy refusal (a missing
 * invitee), or null if they can be. People already in the chat are the caller's to skip.
 */
export function addRefusal(env: MethodEnv, layer: number, me: bigint, chat: ChatRecord, user: UserRecord): RpcFailure | Missing | null {
  const { world } = env;
  if (user.kind === 'deleted') return new RpcFailure(400, 'INPUT_USER_DEACTIVATED');
  if (user.kind === 'bot' && chat.kind === 'broadcast') return new RpcFailure(400, 'USER_BOT');
  if (world.isKicked(chat, user.id)) return new RpcFailure(400, 'USER_KICKED');
  if (user.inTooManyChannels && chat.kind !== 'basic') return new RpcFailure(400, 'USER_CHANNELS_TOO_MUCH');
  if (user.addFails) return new RpcFailure(400, 'CHAT_MEMBER_ADD_FAILED');
  const mutual = world.isContact(me, user.id) && world.isContact(user.id, me);
  // Someone who left a group can be brought back only by a mutual contact.
  if (world.hasLeft(chat, user.id) && !mutual) return new RpcFailure(400, 'USER_NOT_MUTUAL_CONTACT');
  const privacy = user.invitePrivacy;
  const allowed = !privacy || (privacy !== 'nobody' && world.isContact(user.id, me));
  if (allowed) return null;
  if (layer < INVITED_USERS_LAYER || env.controls.privacyRefusalAsError) return new RpcFailure(403, 'USER_PRIVACY_RESTRICTED');
  // Nobody in the sandbox has Premium, so Premium would help exactly where the privacy rule allows it.
  return {
    userId: user.id,
    premiumWouldAllowInvite: privacy === 'contactsAndPremium',
    premiumRequiredForPm: (user.messagesNeedPremium ?? false) && !world.isContact(user.id, me),
  };
}

export function emptyUpdates(world: World): Api.Updates {
  return new Api.Updates({ updates: [], users: [], chats: [], date: world.now(), seq: 0 });
}

/** messages.invitedUsers for layer 177+, the bare Updates below (no missing invitees there: they were errors). */
export function invitedUsers(layer: number, updates: Api.TypeUpdates, missing: Missing[] = []): unknown {
  if (layer < INVITED_USERS_LAYER) return updates;
  return new Api.messages.InvitedUsers({
    updates,
    missingInvitees: missing.map(
      (m) =>
        new Api.MissingInvitee({
          userId: long(m.userId),
          premiumWouldAllowInvite: m.premiumWouldAllowInvite || undefined,
          premiumRequiredForPm: m.premiumRequiredForPm || undefined,
        }),
    ),
  });
}
