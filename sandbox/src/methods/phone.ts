// phone.*: group calls: reading them, their participants, invite links, and inviting people.
// phone.inviteToGroupCall follows https://core.telegram.org/method/phone.inviteToGroupCall; what
// the docs leave open is decided by controls.invite and, in the strict profile, controls.strict
// (sandbox/README.md, "Behaviours", says why).
import { Api } from 'telegram';
import { RpcFailure } from '../rpc';
import type { CallParticipant, CallRecord } from '../world/types';
import type { World } from '../world/world';
import { signedIn, type MethodTable, type SignedInCall } from './env';
import { resolveGroupCall, resolvePeer, resolveUser } from './inputs';
import { emptyUpdates, fanOut, shapedUpdates } from './outgoing';
import { Entities, chatToApi, groupCallToApi, long, participantToApi, peerToApi } from './tl';

const MAX_PARTICIPANTS_PAGE = 500;

/** The call, readable only by members of its chat (or anyone for a public chat). */
function visibleCall(world: World, me: bigint, input: unknown): CallRecord {
  const call = resolveGroupCall(world, input);
  const chat = world.chat(call.chatId)!;
  if (!world.isMember(chat.id, me) && !chat.username) throw new RpcFailure(400, 'GROUPCALL_INVALID');
  return call;
}

function participantsPage(world: World, me: bigint, call: CallRecord, list: CallParticipant[]) {
  const entities = new Entities(world, me);
  list.forEach((p) => entities.peer(p.peer));
  return {
    participants: list.map((p) => participantToApi(world, me, call, p)),
    chats: entities.apiChats(),
    users: entities.apiUsers(),
  };
}

/** Why one person can't be invited (a person-level error), or null if they can. */
function refusal(world: World, me: bigint, call: CallRecord, userId: bigint): RpcFailure | null {
  const user = world.user(userId)!;
  if (user.kind === 'deleted') return new RpcFailure(400, 'INPUT_USER_DEACTIVATED');
  // The docs' text for CHAT_TYPE_INVALID here is "The specified user type is invalid": bots can't join calls.
  if (user.kind === 'bot') return new RpcFailure(403, 'CHAT_TYPE_INVALID');
  if (!world.isMember(call.chatId, userId)) return new RpcFailure(403, 'USER_NOT_PARTICIPANT');
  if (world.hasInvited(call, me, userId)) return new RpcFailure(400, 'USER_ALREADY_INVITED');
  return null;
}

function inviteToGroupCall({ req, env, ctx, me }: SignedInCall<Api.phone.InviteToGroupCall>): Api.TypeUpdates {
  const { world, controls } = env;
  const rules = controls.invite;
  const strict = controls.strict;
  const call = resolveGroupCall(world, req.call);
  const chat = world.chat(call.chatId)!;
  // The account is being limited: nothing it asks of this kind goes through.
  if (env.quotas.invites.exhausted(String(me), strict.peerFloodAfterInvitesPerHour)) throw new RpcFailure(400, 'PEER_FLOOD');
  // The docs' USER_NOT_PARTICIPANT: "You're not a member of this supergroup/channel." Also what an
  // organiser who left the group gets, on every batch: the same code as for an invitee outside it.
  if (!world.isMember(chat.id, me)) throw new RpcFailure(403, 'USER_NOT_PARTICIPANT');
  if (call.endDate !== undefined) throw new RpcFailure(403, 'GROUPCALL_FORBIDDEN');
  // A scheduled call has nobody in it to invite people into: "cannot be used in this context" (unknown; README).
  if (call.scheduleDate !== undefined) throw new RpcFailure(403, 'GROUPCALL_FORBIDDEN');
  // Strict: "cannot be used in this context" (the docs' current wording) for a live stream,
  // where official clients never offer invites.
  if (strict.forbidBroadcastInvites && chat.kind === 'broadcast') throw new RpcFailure(403, 'GROUPCALL_FORBIDDEN');
  // Inviting while joined as a channel would reveal who is behind the channel.
  const joined = world.participantOf(call, me);
  if (joined?.peer.type === 'channel') throw new RpcFailure(400, 'INVITE_FORBIDDEN_WITH_JOINAS');
  // Strict: an invite is a service message from the caller, so it needs the right to send one.
  if (strict.restrictedSender && world.isMuted(chat, me)) throw new RpcFailure(403, strict.restrictedSender);
  // Strict: only from inside the call, as every official client does it (controls.ts says why this code).
  if (strict.inviteRequiresJoin && !joined) {
    throw new RpcFailure(strict.inviteRequiresJoin === 'GROUPCALL_FORBIDDEN' ? 403 : 400, strict.inviteRequiresJoin);
  }
  let inputs = req.users;
  if (inputs.length > rules.maxUsers) {
    if (rules.overLimit === 'reject') throw new RpcFailure(400, 'USERS_TOO_MUCH');
    inputs = inputs.slice(0, rules.maxUsers);
  }
  // Malformed input fails the whole request whatever the batch policy: it is the caller's bug.
  const users = inputs.map((input) => resolveUser(world, me, input));
  const invitees: bigint[] = [];
  let firstRefusal: RpcFailure | null = null;
  for (const user of users) {
    // Self, people already in the call and repeats are left out silently: nothing to tell them.
    if (user.id === me || world.participantOf(call, user.id) || invitees.includes(user.id)) continue;
    const refused = refusal(world, me, call, user.id);
    if (!refused) invitees.push(user.id);
    else if (rules.batchPolicy === 'failWhole') throw refused;
    else firstRefusal ??= refused;
  }
  if (invitees.length === 0) {
    if (firstRefusal) throw firstRefusal;
    return emptyUpdates(world);
  }
  world.recordInvite(call, me, invitees);
  env.quotas.invites.add(String(me), invitees.length);
  const posted = world.post(world.peerOfChat(chat), me, {
    action: { type: 'inviteToGroupCall', callId: call.id, users: invitees },
  });
  fanOut(env, ctx, posted, me);
  env.activity.invited(call, invitees);
  return shapedUpdates(controls.inviteUpdatesShape, world, me, posted);
}

/** updateGroupCall{chat_id, call} as the caller sees the call now, with the chat. */
function callUpdates(world: World, me: bigint, call: CallRecord): Api.Updates {
  return new Api.Updates({
    updates: [new Api.UpdateGroupCall({ chatId: long(call.chatId), call: groupCallToApi(world, me, call) })],
    users: [],
    chats: new Entities(world, me).chat(call.chatId).apiChats(),
    date: world.now(),
    seq: 0,
  });
}

/** A call that is still scheduled; GROUPCALL_ALREADY_STARTED once it started (or ended). */
function scheduledCall(world: World, me: bigint, input: unknown): CallRecord {
  const call = visibleCall(world, me, input);
  if (call.scheduleDate === undefined) throw new RpcFailure(400, 'GROUPCALL_ALREADY_STARTED');
  return call;
}

export const phoneMethods: MethodTable = {
  'phone.GetGroupCall': signedIn<Api.phone.GetGroupCall>(({ req, env, me }) => {
    const { world } = env;
    const call = visibleCall(world, me, req.call);
    const all = world.callParticipants(call);
    const limit = Math.max(0, Math.min(req.limit ?? 100, MAX_PARTICIPANTS_PAGE));
    const page = participantsPage(world, me, call, all.slice(0, limit));
    return new Api.phone.GroupCall({
      call: groupCallToApi(world, me, call),
      ...page,
      participantsNextOffset: limit < all.length ? String(limit) : '',
    });
  }),

  // The offset is opaque to clients; here it is the index of the next participant.
  'phone.GetGroupParticipants': signedIn<Api.phone.GetGroupParticipants>(({ req, env, me }) => {
    const { world } = env;
    const call = visibleCall(world, me, req.call);
    let all = world.callParticipants(call);
    if (req.ids.length) {
      const wanted = req.ids.map((input) => resolvePeer(world, me, input));
      all = all.filter((p) => wanted.some((w) => w.type === p.peer.type && w.id === p.peer.id));
    }
    if (req.sources.length) all = all.filter((p) => req.sources.includes(p.source));
    const offset = Math.max(0, Number.parseInt(req.offset || '0', 10) || 0);
    const limit = Math.max(0, Math.min(req.limit || 100, MAX_PARTICIPANTS_PAGE));
    const next = offset + limit;
    return new Api.phone.GroupParticipants({
      count: all.length,
      ...participantsPage(world, me, call, all.slice(offset, next)),
      nextOffset: next < all.length ? String(next) : '',
      version: call.version,
    });
  }),

  // Public chats only (PUBLIC_CHANNEL_MISSING otherwise); a speaker link needs the manage_call right.
  'phone.ExportGroupCallInvite': signedIn<Api.phone.ExportGroupCallInvite>(({ req, env, me }) => {
    const { world } = env;
    const call = visibleCall(world, me, req.call);
    if (call.endDate !== undefined) throw new RpcFailure(403, 'GROUPCALL_FORBIDDEN');
    const chat = world.chat(call.chatId)!;
    if (!chat.username) throw new RpcFailure(403, 'PUBLIC_CHANNEL_MISSING');
    if (req.canSelfUnmute && !world.adminRights(chat, me)?.includes('manageCall')) {
      throw new RpcFailure(400, 'CHAT_ADMIN_REQUIRED');
    }
    const kind = chat.kind === 'broadcast' ? 'livestream' : 'videochat';
    const link = `https://t.me/${chat.username}?${kind}${req.canSelfUnmute ? `=${call.inviteHash}` : ''}`;
    return new Api.phone.ExportedGroupCallInvite({ link });
  }),

  // Who the account may appear as in a call of this chat: itself and the channels it owns.
  'phone.GetGroupCallJoinAs': signedIn<Api.phone.GetGroupCallJoinAs>(({ req, env, me }) => {
    const { world } = env;
    resolvePeer(world, me, req.peer);
    const owned = Object.values(world.state.chats).filter((c) => c.kind === 'broadcast' && c.creatorId === me);
    const entities = new Entities(world, me).user(me);
    owned.forEach((c) => entities.chat(c.id));
    return new Api.phone.JoinAsPeers({
      peers: [new Api.PeerUser({ userId: long(me) }), ...owned.map((c) => peerToApi({ type: 'channel', id: c.id }))],
      chats: owned.map((c) => chatToApi(world, me, c)),
      users: entities.apiUsers(),
    });
  }),

  'phone.InviteToGroupCall': signedIn(inviteToGroupCall),

  // Be told when a scheduled call starts (schedule_start_subscribed in the call as the caller sees it).
  'phone.ToggleGroupCallStartSubscription': signedIn<Api.phone.ToggleGroupCallStartSubscription>(({ req, env, me }) => {
    const { world } = env;
    const call = scheduledCall(world, me, req.call);
    world.setStartSubscription(call, me, req.subscribed);
    return callUpdates(world, me, call);
  }),

  // The call's admins (manage_call) start a scheduled call before its time.
  'phone.StartScheduledGroupCall': signedIn<Api.phone.StartScheduledGroupCall>(({ req, env, me }) => {
    const { world } = env;
    const call = scheduledCall(world, me, req.call);
    if (!world.adminRights(world.chat(call.chatId)!, me)?.includes('manageCall')) throw new RpcFailure(400, 'CHAT_ADMIN_REQUIRED');
    env.activity.startScheduled(call.id, me);
    return callUpdates(world, me, call);
  }),
};
