// contacts.*: the address book, search, and resolving @usernames and phone numbers.
import { Api } from 'telegram';
import { RpcFailure } from '../rpc';
import type { ChatRecord, PeerRef, UserRecord } from '../world/types';
import { signedIn, type MethodTable } from './env';
import { Entities, long, peerToApi, userToApi } from './tl';
import { normalisePhone } from './auth';

const USERNAME = /^[a-zA-Z][a-zA-Z0-9_]{3,31}$/;

/** Prefix match on any word of a name or username, as Telegram's contact search does. */
function matches(query: string, ...fields: (string | undefined)[]): boolean {
  return fields.some((field) => field?.toLowerCase().split(/[\s_]+/).some((word) => word.startsWith(query)) ?? false)
    || fields.some((field) => field?.toLowerCase().startsWith(query) ?? false);
}

const userMatches = (q: string, u: UserRecord) =>
  u.kind !== 'deleted' && matches(q, u.firstName, u.lastName, `${u.firstName} ${u.lastName ?? ''}`, u.username);
const chatMatches = (q: string, c: ChatRecord) => matches(q, c.title, c.username);

export const contactsMethods: MethodTable = {
  'contacts.GetContacts': signedIn<Api.contacts.GetContacts>(({ env, me }) => {
    const { world } = env;
    const ids = world.contactIds(me);
    return new Api.contacts.Contacts({
      contacts: ids.map((id) => new Api.Contact({ userId: long(id), mutual: world.isContact(id, me) })),
      savedCount: 0,
      users: ids.map((id) => world.user(id)).filter((u) => u !== undefined).map((u) => userToApi(world, me, u)),
    });
  }),

  // my_results: contacts and the account's chats; results: other public users and chats (by username).
  'contacts.Search': signedIn<Api.contacts.Search>(({ req, env, me }) => {
    const { world } = env;
    const q = req.q.trim().toLowerCase().replace(/^@/, '');
    if (!q) throw new RpcFailure(400, 'SEARCH_QUERY_EMPTY');
    const limit = Math.max(1, Math.min(req.limit || 50, 100));
    const mine: PeerRef[] = [];
    const global: PeerRef[] = [];
    for (const chat of Object.values(world.state.chats)) {
      if (!chatMatches(q, chat)) continue;
      const peer: PeerRef = chat.kind === 'basic' ? { type: 'chat', id: chat.id } : { type: 'channel', id: chat.id };
      if (world.isMember(chat.id, me)) mine.push(peer);
      else if (chat.username) global.push(peer);
    }
    for (const user of world.allUsers()) {
      if (mine.length >= limit && global.length >= limit) break;
      if (user.id === me || !userMatches(q, user)) continue;
      if (world.isContact(me, user.id)) {
        if (mine.length < limit) mine.push({ type: 'user', id: user.id });
      } else if (user.username && global.length < limit) {
        global.push({ type: 'user', id: user.id });
      }
    }
    const entities = new Entities(world, me);
    [...mine.slice(0, limit), ...global.slice(0, limit)].forEach((p) => entities.peer(p));
    return new Api.contacts.Found({
      myResults: mine.slice(0, limit).map(peerToApi),
      results: global.slice(0, limit).map(peerToApi),
      chats: entities.apiChats(),
      users: entities.apiUsers(),
    });
  }),

  'contacts.ResolveUsername': signedIn<Api.contacts.ResolveUsername>(({ req, env, me }) => {
    const { world } = env;
    const name = req.username.replace(/^@/, '');
    if (!USERNAME.test(name)) throw new RpcFailure(400, 'USERNAME_INVALID');
    const user = world.userByUsername(name);
    const chat = user ? undefined : world.chatByUsername(name);
    const peer: PeerRef | undefined = user
      ? { type: 'user', id: user.id }
      : chat
        ? { type: chat.kind === 'basic' ? 'chat' : 'channel', id: chat.id }
        : undefined;
    if (!peer) throw new RpcFailure(400, 'USERNAME_NOT_OCCUPIED');
    const entities = new Entities(world, me).peer(peer);
    return new Api.contacts.ResolvedPeer({ peer: peerToApi(peer), chats: entities.apiChats(), users: entities.apiUsers() });
  }),

  'contacts.ResolvePhone': signedIn<Api.contacts.ResolvePhone>(({ req, env, me }) => {
    const { world } = env;
    const user = world.userByPhone(normalisePhone(req.phone));
    if (!user) throw new RpcFailure(400, 'PHONE_NOT_OCCUPIED');
    return new Api.contacts.ResolvedPeer({
      peer: new Api.PeerUser({ userId: long(user.id) }),
      chats: [],
      users: [userToApi(world, me, user)],
    });
  }),
};
