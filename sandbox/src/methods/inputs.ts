// Input* objects from a request → world records, with Telegram's errors for bad ids and access
// hashes. Requests are read by constructor name, not instanceof, so objects parsed with an older
// layer's schema (telegram-143) resolve the same way.
import { RpcFailure } from '../rpc';
import { channelAccessHash, userAccessHash } from '../world/ids';
import type { CallRecord, ChatRecord, PeerRef, UserRecord } from '../world/types';
import type { World } from '../world/world';

type Long = { toString(): string } | bigint | number | string;
type Tl = { className?: string; [field: string]: unknown };

export const toBigint = (value: unknown): bigint => BigInt(String(value as Long));

function name(input: unknown): string {
  return (input as Tl | undefined)?.className ?? '';
}

function field(input: unknown, key: string): unknown {
  return (input as Tl)[key];
}

export function resolveUser(world: World, me: bigint, input: unknown): UserRecord {
  let id: bigint;
  switch (name(input)) {
    case 'InputUserSelf':
    case 'InputPeerSelf':
      return world.user(me)!;
    case 'InputUser':
    case 'InputPeerUser': {
      id = toBigint(field(input, 'userId'));
      const user = world.user(id);
      if (!user || toBigint(field(input, 'accessHash')) !== userAccessHash(world.secret, id)) {
        throw new RpcFailure(400, 'USER_ID_INVALID');
      }
      return user;
    }
    case 'InputUserFromMessage':
    case 'InputPeerUserFromMessage': {
      // The message vouches for the user; the sandbox trusts the id it names.
      const user = world.user(toBigint(field(input, 'userId')));
      if (!user) throw new RpcFailure(400, 'USER_ID_INVALID');
      return user;
    }
    default:
      throw new RpcFailure(400, 'USER_ID_INVALID');
  }
}

export function resolveChannel(world: World, input: unknown): ChatRecord {
  const className = name(input);
  if (className !== 'InputChannel' && className !== 'InputPeerChannel' && className !== 'InputChannelFromMessage') {
    throw new RpcFailure(400, 'CHANNEL_INVALID');
  }
  const id = toBigint(field(input, 'channelId'));
  const chat = world.chat(id);
  if (!chat || chat.kind === 'basic') throw new RpcFailure(400, 'CHANNEL_INVALID');
  if (className !== 'InputChannelFromMessage' && toBigint(field(input, 'accessHash')) !== channelAccessHash(world.secret, id)) {
    throw new RpcFailure(400, 'CHANNEL_INVALID');
  }
  return chat;
}

export function resolveBasicChat(world: World, chatId: unknown): ChatRecord {
  const chat = world.chat(toBigint(chatId));
  if (!chat || chat.kind !== 'basic') throw new RpcFailure(400, 'CHAT_ID_INVALID');
  return chat;
}

export function resolvePeer(world: World, me: bigint, input: unknown): PeerRef {
  switch (name(input)) {
    case 'InputPeerSelf':
      return { type: 'user', id: me };
    case 'InputPeerUser':
    case 'InputPeerUserFromMessage':
      return { type: 'user', id: resolveUser(world, me, input).id };
    case 'InputPeerChat':
      return { type: 'chat', id: resolveBasicChat(world, field(input, 'chatId')).id };
    case 'InputPeerChannel':
    case 'InputPeerChannelFromMessage':
      return { type: 'channel', id: resolveChannel(world, input).id };
    default:
      throw new RpcFailure(400, 'PEER_ID_INVALID');
  }
}

/** A call known by id and access hash; a slug or message reference is not supported here. */
export function resolveGroupCall(world: World, input: unknown): CallRecord {
  if (name(input) !== 'InputGroupCall') throw new RpcFailure(400, 'GROUPCALL_INVALID');
  const call = world.call(toBigint(field(input, 'id')));
  if (!call || toBigint(field(input, 'accessHash')) !== call.accessHash) throw new RpcFailure(400, 'GROUPCALL_INVALID');
  return call;
}

/** Private chats the viewer isn't in are invisible; public ones can be read by anyone. */
export function assertCanRead(world: World, me: bigint, chat: ChatRecord): void {
  if (world.isMember(chat.id, me) || chat.username) return;
  throw new RpcFailure(400, chat.kind === 'basic' ? 'CHAT_ID_INVALID' : 'CHANNEL_PRIVATE');
}
