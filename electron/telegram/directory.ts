// The directory: live calls the account can see, and people from every source the picker offers
// (contacts, the call's chat, the call itself, search, a pasted list). Methods take one object
// and return plain shared/ types; GramJS objects stay in this folder (and in the PeerCache, so
// the ids the renderer sends back can be addressed again).
import { Api } from 'telegram';
import type { CountryCode } from 'libphonenumber-js';
import { returnBigInt } from 'telegram/Helpers';
import type { CallSummary, PeoplePage, Person } from '../../shared/domain/people';
import type { ResolvedLine, ResolveProgress } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/result';
import { buildCallSummary, type GroupChat, type JoinAs } from './buildCalls';
import { buildPerson, usersById } from './buildPeople';
import { parseCallLink } from './callLink';
import type { TelegramLink } from './client';
import { readPastedList } from './pastedList';
import { invoke, mapLimit } from './request';

/** channels.getParticipants returns at most 200 per request. */
export const MEMBERS_PAGE = 200;
/**
 * Members requests out at once while the first page is out, its own included. Answers that
 * arrive with the first one are read between its promise's hops, before it is handed on: more
 * than this and the first page waited for the others (measured at 32: 100–300 ms, not 60).
 */
export const MEMBERS_FIRST_IN_FLIGHT = 16;
/**
 * Members requests out at once once the first page is handed on. GramJS reads a page of 200 in a
 * few ms; at 16 the reading still ran dry between the answers (10,000 members at 50 ms RTT:
 * 1.26–1.40× the CPU floor over five runs here, against 1.05–1.21 at 32). The bound keeps the
 * burst to a real account's fetch small: Telegram limits by rate, and the count of requests is
 * the same either way, one per 200 members.
 */
export const MEMBERS_IN_FLIGHT = 32;
const PARTICIPANTS_PAGE = 500;
const DIALOGS_PAGE = 100;
const MAX_DIALOG_PAGES = 20;
/** Full chats and calls fetched at once while listing calls. */
const CALLS_PARALLELISM = 4;
/** Usernames and phones resolved at once from a pasted list. */
export const RESOLVE_PARALLELISM = 8;
const SEARCH_LIMIT = 50;

type Link = { link: TelegramLink };

// ---- input builders ----

function inputChannel(chat: Api.Channel): Api.InputChannel {
  return new Api.InputChannel({ channelId: chat.id, accessHash: chat.accessHash ?? returnBigInt(0) });
}

function inputPeerOf(link: TelegramLink, peer: Api.TypePeer): Api.TypeInputPeer {
  if (peer instanceof Api.PeerUser) {
    return link.cache.inputPeerUser(peer.userId.toString());
  }
  if (peer instanceof Api.PeerChat) return new Api.InputPeerChat({ chatId: peer.chatId });
  const channel = link.cache.chat(peer.channelId.toString());
  return new Api.InputPeerChannel({
    channelId: peer.channelId,
    accessHash: (channel instanceof Api.Channel ? channel.accessHash : undefined) ?? returnBigInt(0),
  });
}

function knownChat(link: TelegramLink, chatId: string): GroupChat {
  const chat = link.cache.chat(chatId);
  if (!chat) throw new AppError('CALL_NOT_FOUND', `Rollcall has not seen the chat ${chatId} in this session.`);
  return chat;
}

const peerKey = (peer: Api.TypePeer): string =>
  peer instanceof Api.PeerUser ? `u${peer.userId}` : peer instanceof Api.PeerChat ? `g${peer.chatId}` : `c${peer.channelId}`;

// ---- calls ----

interface FullChat {
  chat: GroupChat;
  call: Api.InputGroupCall | null;
  defaultJoinAs: Api.TypePeer | null;
  /** Basic groups list every member in the full chat. */
  participants: Api.TypeChatParticipants | null;
  /** How many members the chat has, as the full chat says (null where it doesn't). */
  memberCount: number | null;
}

async function fullChat(link: TelegramLink, chat: GroupChat): Promise<FullChat> {
  const reply =
    chat instanceof Api.Channel
      ? await invoke(link, new Api.channels.GetFullChannel({ channel: inputChannel(chat) }))
      : await invoke(link, new Api.messages.GetFullChat({ chatId: chat.id }));
  const full = reply.fullChat;
  const fresh = link.cache.chat(chat.id.toString()) ?? chat;
  return {
    chat: fresh,
    call: full.call instanceof Api.InputGroupCall ? full.call : null,
    defaultJoinAs: full.groupcallDefaultJoinAs ?? null,
    participants: full instanceof Api.ChatFull ? full.participants : null,
    memberCount: full instanceof Api.ChannelFull ? (full.participantsCount ?? null) : null,
  };
}

function joinAsOf(link: TelegramLink, participant: Api.GroupCallParticipant | undefined): JoinAs {
  if (!participant) return { kind: 'notJoined', title: null };
  if (participant.peer instanceof Api.PeerUser) return { kind: 'self', title: null };
  const id = participant.peer instanceof Api.PeerChannel ? participant.peer.channelId : (participant.peer as Api.PeerChat).chatId;
  return { kind: 'channel', title: link.cache.chat(id.toString())?.title ?? null };
}

/** The call as Telegram describes it now, with who the account joined as. */
async function describeCall(link: TelegramLink, full: FullChat, input: Api.InputGroupCall, asked?: Promise<Api.phone.GroupCall>): Promise<CallSummary> {
  const reply = await (asked ?? invoke(link, new Api.phone.GetGroupCall({ call: input, limit: 100 })));
  link.cache.rememberCall(input, full.chat.id.toString(), full.memberCount);
  let self = reply.participants.find((p) => p.self);
  const { call } = reply;
  if (!self && call instanceof Api.GroupCall && call.participantsCount > reply.participants.length) {
    // A big call: ask for the account's own entries (as itself, or as the channel it joins as).
    const ids: Api.TypeInputPeer[] = [new Api.InputPeerSelf()];
    if (full.defaultJoinAs && !(full.defaultJoinAs instanceof Api.PeerUser)) ids.push(inputPeerOf(link, full.defaultJoinAs));
    const mine = await invoke(link, new Api.phone.GetGroupParticipants({ call: input, ids, sources: [], offset: '', limit: 10 }));
    self = mine.participants.find((p) => p.self);
  }
  return buildCallSummary({ chat: full.chat, call, joinAs: joinAsOf(link, self) });
}

/** Every chat in the dialogs where the account sees a live or scheduled group call. */
export async function listCalls({ link }: Link): Promise<CallSummary[]> {
  const withCalls = new Map<string, GroupChat>();
  let offset = { date: 0, id: 0, peer: new Api.InputPeerEmpty() as Api.TypeInputPeer };
  for (let page = 0; page < MAX_DIALOG_PAGES; page += 1) {
    const reply = await invoke(
      link,
      new Api.messages.GetDialogs({ offsetDate: offset.date, offsetId: offset.id, offsetPeer: offset.peer, limit: DIALOGS_PAGE, hash: returnBigInt(0) }),
    );
    if (reply instanceof Api.messages.DialogsNotModified) break;
    for (const chat of reply.chats) {
      if ((chat instanceof Api.Chat || chat instanceof Api.Channel) && chat.callActive && !chat.left) {
        withCalls.set(chat.id.toString(), chat);
      }
    }
    const last = reply.dialogs.at(-1);
    if (reply instanceof Api.messages.Dialogs || reply.dialogs.length < DIALOGS_PAGE || !last) break;
    const top = reply.messages.find(
      (m): m is Api.Message | Api.MessageService =>
        !(m instanceof Api.MessageEmpty) && m.id === last.topMessage && peerKey(m.peerId) === peerKey(last.peer),
    );
    offset = { date: top?.date ?? 0, id: last.topMessage, peer: inputPeerOf(link, last.peer) };
  }
  const summaries = await mapLimit([...withCalls.values()], CALLS_PARALLELISM, async (chat) => {
    const full = await fullChat(link, chat);
    if (!full.call) return null;
    return describeCall(link, full, full.call);
  });
  return summaries.filter((s): s is CallSummary => s !== null && s.state !== 'ended');
}

/** The call a link points at, or the catalogued reason it can't be used. */
export async function resolveCallLink({ link, text }: Link & { text: string }): Promise<CallSummary> {
  const parsed = parseCallLink(text);
  const resolved = await invoke(link, new Api.contacts.ResolveUsername({ username: parsed.username }));
  if (resolved.peer instanceof Api.PeerUser) {
    throw new AppError('LINK_NOT_A_CALL', `@${parsed.username} is a person, not a group or channel with a call.`);
  }
  const chat = link.cache.chat(peerKey(resolved.peer).slice(1));
  if (!chat) throw new AppError('LINK_NO_ACTIVE_CALL', `Telegram did not describe @${parsed.username}.`);
  const full = await fullChat(link, chat);
  if (!full.call) throw new AppError('LINK_NO_ACTIVE_CALL', `“${full.chat.title}” has no live call right now.`);
  const summary = await describeCall(link, full, full.call);
  if (summary.state === 'ended') throw new AppError('LINK_NO_ACTIVE_CALL', `The call in “${full.chat.title}” has ended.`);
  return summary;
}

/** A call seen before in this session, as it is now (ended calls included). */
export async function getCall({ link, callId }: Link & { callId: string }): Promise<CallSummary> {
  const known = link.cache.call(callId);
  const chat = knownChat(link, known.chatId);
  // The call's input is known, so the call and its chat are asked for together: one round trip
  // before an invite run can start, not two.
  const asked = invoke(link, new Api.phone.GetGroupCall({ call: known.input, limit: 100 }));
  asked.catch(() => {}); // awaited in describeCall, after the chat's answer
  const full = await fullChat(link, chat);
  return describeCall(link, full, known.input, asked);
}

// ---- people ----

/** The person, as the cache built them when their reply arrived (every reply's users pass through it). */
function personOf(link: TelegramLink, users: Map<string, Api.User>, id: string): Person | null {
  const known = link.cache.person(id);
  if (known) return known;
  const user = users.get(id);
  return user ? buildPerson(user) : null;
}

/** What a people stream hands on: some people (each once across the stream, in order), and the source's count when known. */
export type PeopleSink = (page: { people: Person[]; total: number | null }) => void;

export interface StreamOptions {
  /** Aborted when nobody needs the pages any more: no request is sent after it. */
  signal?: AbortSignal;
  onPage: PeopleSink;
}

/** Contacts handed on this many at a time: the first rows paint before the rest are built, sent and indexed. */
export const CONTACTS_CHUNK = 5000;

const nextTurn = () => new Promise<void>((resume) => setImmediate(resume));

/**
 * The account's contacts: Telegram sends them in one contacts.getContacts reply, which GramJS
 * parses whole. From there they are kept (the peer cache) and handed on in chunks, a turn of the
 * event loop apart: the renderer takes in the first chunk while the next is kept and built.
 */
export async function streamContacts({ link, signal, onPage }: Link & StreamOptions): Promise<void> {
  const reply = await invoke(link, new Api.contacts.GetContacts({ hash: returnBigInt(0) }), { rememberPeers: false });
  const users = reply instanceof Api.contacts.ContactsNotModified ? [] : reply.users.filter((u): u is Api.User => u instanceof Api.User);
  if (signal?.aborted) {
    link.cache.rememberUsers(users);
    return;
  }
  if (users.length === 0) onPage({ people: [], total: 0 });
  for (let at = 0; at < users.length; at += CONTACTS_CHUNK) {
    if (at > 0) await nextTurn();
    // Stopped: nobody wants the rest, but they are kept all the same, as every reply's users are.
    if (signal?.aborted) {
      link.cache.rememberUsers(users.slice(at));
      return;
    }
    onPage({ people: users.slice(at, at + CONTACTS_CHUNK).map((user) => link.cache.rememberUser(user)), total: users.length });
  }
}

/**
 * Members of the call's chat. The first request asks for one page, handed on at once (it also
 * says how many there are); the rest follow pipelined, at most MEMBERS_FIRST_IN_FLIGHT requests
 * out until the first page is handed on and MEMBERS_IN_FLIGHT after, each page handed on in order
 * as soon as it and those before it are parsed. Telegram pages
 * members by plain offset, so the pages can all be asked for before any answers. A failure (a
 * flood wait included) stops sending and ends the stream with that error, as a members fetch
 * always has: nothing retries behind the organiser's back.
 */
export async function streamMembers({ link, callId, signal, onPage }: Link & StreamOptions & { callId: string }): Promise<void> {
  const known = link.cache.call(callId);
  const chat = knownChat(link, known.chatId);
  const seen = new Set<string>();
  const fresh = (ids: Iterable<string>, users: Map<string, Api.User>): Person[] => {
    const people: Person[] = [];
    for (const id of ids) {
      const person = seen.has(id) ? null : personOf(link, users, id);
      if (person) people.push(person);
      seen.add(id);
    }
    return people;
  };
  if (chat instanceof Api.Chat) {
    // A basic group lists every member in its full chat.
    const full = await fullChat(link, chat);
    if (signal?.aborted) return;
    const list = full.participants instanceof Api.ChatParticipants ? full.participants.participants : [];
    onPage({ people: fresh(list.map((p) => p.userId.toString()), new Map()), total: list.length });
    return;
  }
  const channel = inputChannel(chat);
  const page = (offset: number) => {
    const request = invoke(link, new Api.channels.GetParticipants({ channel, filter: new Api.ChannelParticipantsRecent(), offset, limit: MEMBERS_PAGE, hash: returnBigInt(0) }));
    request.catch(() => {}); // awaited in order below; a failure there stops the stream
    return request;
  };
  const handOn = (reply: Api.channels.TypeChannelParticipants): number => {
    if (!(reply instanceof Api.channels.ChannelParticipants)) return 0;
    total = Math.max(total, reply.count);
    const ids = reply.participants.filter((p) => 'userId' in p).map((p) => (p as { userId: Api.long }).userId.toString());
    onPage({ people: fresh(ids, usersById(reply.users)), total });
    return reply.participants.length;
  };
  // The member count read with the call (the full chat's) lets the pages after the first go out
  // right behind it instead of a round trip later; without one they follow the first answer.
  let total = known.memberCount ?? 0;
  let offset = MEMBERS_PAGE;
  /** Set on a short page, a failure, a stop or the end: nothing is sent after it. */
  let ended = false;
  let firstOut = true;
  const inFlight: Promise<Api.channels.TypeChannelParticipants>[] = [];
  const send = () => {
    while (!ended && !signal?.aborted && inFlight.length + (firstOut ? 1 : 0) < (firstOut ? MEMBERS_FIRST_IN_FLIGHT : MEMBERS_IN_FLIGHT) && offset < total) {
      inFlight.push(page(offset));
      offset += MEMBERS_PAGE;
    }
  };
  // Stopped or failed: the answers already asked for arrive before the stream ends (so its end
  // means nothing more is on the wire), and none is handed on.
  const settle = () => Promise.allSettled(inFlight);
  const failed = async (error: unknown): Promise<never> => {
    ended = true;
    await settle();
    throw error;
  };
  try {
    // The first request goes out alone and the rest a turn of the event loop later, once GramJS
    // has written it: its answer then comes back alone. Sent together, they are answered together
    // (one container, which GramJS decrypts whole before reading the first page in it, then reads
    // the other pages between the first page's promise hops), and the first page waits for them.
    const first = page(0);
    setImmediate(send);
    const firstReply = await first.catch(failed);
    firstOut = false;
    if (signal?.aborted) return void (await settle());
    // A short page is the end of the list.
    if (handOn(firstReply) < MEMBERS_PAGE) ended = true;
    send();
    while (inFlight.length > 0) {
      const reply = await inFlight.shift()!.catch(failed);
      if (signal?.aborted) return void (await settle());
      if (handOn(reply) < MEMBERS_PAGE) ended = true;
      send();
    }
  } finally {
    // The deferred send above must not fire after the stream has ended.
    ended = true;
  }
}

/** People in the call right now, from Telegram's opaque offset, up to `limit`. */
export async function participants({ link, callId, offset, limit }: Link & { callId: string; offset: string | null; limit: number }): Promise<PeoplePage> {
  const { input } = link.cache.call(callId);
  const people: Person[] = [];
  const seen = new Set<string>();
  let next = offset ?? '';
  let total: number;
  let fetched = 0;
  do {
    const reply = await invoke(
      link,
      new Api.phone.GetGroupParticipants({ call: input, ids: [], sources: [], offset: next, limit: Math.min(PARTICIPANTS_PAGE, limit - fetched) }),
    );
    total = reply.count;
    fetched += reply.participants.length;
    const users = usersById(reply.users);
    for (const participant of reply.participants) {
      // Someone who joined as a channel is not a person the account can invite.
      if (!(participant.peer instanceof Api.PeerUser)) continue;
      const id = participant.peer.userId.toString();
      const person = seen.has(id) ? null : personOf(link, users, id);
      if (person) people.push(person);
      seen.add(id);
    }
    next = reply.nextOffset;
    if (reply.participants.length === 0) next = '';
  } while (next && fetched < limit);
  return { people, total, nextOffset: next || null };
}

/** Ids of everyone in the call as a person (every page). */
export async function participantIds({ link, callId }: Link & { callId: string }): Promise<Set<string>> {
  const ids = new Set<string>();
  let offset: string | null = null;
  do {
    const page: PeoplePage = await participants({ link, callId, offset, limit: 1000 });
    for (const person of page.people) ids.add(person.id);
    offset = page.nextOffset;
  } while (offset);
  return ids;
}

/** Telegram's global search (contacts.search): the account's contacts first, then public users. */
export async function search({ link, query }: Link & { query: string }): Promise<Person[]> {
  const q = query.trim();
  if (!q) return [];
  const reply = await invoke(link, new Api.contacts.Search({ q, limit: SEARCH_LIMIT }));
  const users = usersById(reply.users);
  const people: Person[] = [];
  for (const peer of [...reply.myResults, ...reply.results]) {
    if (!(peer instanceof Api.PeerUser)) continue;
    const person = personOf(link, users, peer.userId.toString());
    if (person && !people.some((p) => p.id === person.id)) people.push(person);
  }
  return people;
}

type Resolution = { person: Person } | { error: AppError };

async function resolveEntry(link: TelegramLink, entry: { kind: 'username'; username: string } | { kind: 'phone'; phone: string }): Promise<Person> {
  const reply =
    entry.kind === 'username'
      ? await invoke(link, new Api.contacts.ResolveUsername({ username: entry.username }))
      : await invoke(link, new Api.contacts.ResolvePhone({ phone: entry.phone }));
  if (!(reply.peer instanceof Api.PeerUser)) {
    const what = entry.kind === 'username' ? `@${entry.username}` : `+${entry.phone}`;
    throw new AppError('NOT_A_PERSON', `${what} is a group or channel.`);
  }
  const person = personOf(link, usersById(reply.users), reply.peer.userId.toString());
  if (!person) throw new AppError('USER_ID_INVALID', 'Telegram resolved the line but did not describe the person.');
  return person;
}

/** How long resolving a pasted list waits out a flood wait by itself; longer, and the rest of the list stops. */
export const RESOLVE_MAX_WAIT_SECONDS = 15 * 60;
/** How many flood waits one list may sit through before the rest of it stops. */
const RESOLVE_MAX_PAUSES = 10;

export interface ResolveListOptions {
  /** Where national numbers are read ("07700 900123" in GB). */
  region?: CountryCode | null;
  /** Progress and flood waits: waitUntil (epoch ms) while paused, null once resumed. */
  onProgress?: (progress: ResolveProgress) => void;
}

const sleep = (ms: number) => new Promise<void>((resume) => setTimeout(resume, ms));

/**
 * A pasted list, one person per line. Each distinct username or phone is asked once, a few at a
 * time; a line naming someone an earlier line already named is collapsed into it. A flood wait
 * pauses every worker (nothing is asked while it lasts), says so with a countdown through
 * onProgress, and resumes with the line that met it: no line fails because of a wait. A wait
 * longer than RESOLVE_MAX_WAIT_SECONDS, or PEER_FLOOD (the account is being limited), stops
 * asking at once: the lines not yet resolved carry that error.
 */
export async function resolveList({ link, text, region = null, onProgress }: Link & { text: string } & ResolveListOptions): Promise<ResolvedLine[]> {
  const lines = readPastedList(text, region);
  const keys = new Map<string, { kind: 'username'; username: string } | { kind: 'phone'; phone: string }>();
  for (const { entry } of lines) if (entry.kind !== 'invalid' && !keys.has(entry.key)) keys.set(entry.key, entry);
  const total = keys.size;
  let done = 0;
  let stop: AppError | null = null;
  let pause: Promise<void> | null = null;
  let pauses = 0;
  const resolved = new Map<string, Resolution>();
  const waitOut = (failure: AppError) => {
    if (pause) return;
    pauses += 1;
    const seconds = Math.max(1, failure.retryAfterSeconds ?? 1);
    onProgress?.({ done, total, waitSeconds: seconds, waitUntil: Date.now() + seconds * 1000 });
    pause = sleep(seconds * 1000).then(() => {
      pause = null;
      onProgress?.({ done, total, waitSeconds: null, waitUntil: null });
    });
  };
  await mapLimit([...keys], RESOLVE_PARALLELISM, async ([key, entry]) => {
    for (;;) {
      while (pause) await pause;
      if (stop) {
        resolved.set(key, { error: stop });
        break;
      }
      try {
        resolved.set(key, { person: await resolveEntry(link, entry) });
        break;
      } catch (error) {
        const failure = error instanceof AppError ? error : new AppError('INTERNAL', String(error));
        const tooLong = failure.code === 'FLOOD_WAIT' && ((failure.retryAfterSeconds ?? 0) > RESOLVE_MAX_WAIT_SECONDS || pauses >= RESOLVE_MAX_PAUSES);
        if (failure.code === 'PEER_FLOOD' || tooLong) stop ??= failure;
        if (failure.code === 'FLOOD_WAIT' && !tooLong) {
          waitOut(failure);
          continue;
        }
        resolved.set(key, { error: failure });
        break;
      }
    }
    done += 1;
  });
  const out: ResolvedLine[] = [];
  const seenKeys = new Set<string>();
  const seenPeople = new Set<string>();
  for (const { lineNumber, text: lineText, entry } of lines) {
    if (entry.kind === 'invalid') {
      out.push({ lineNumber, text: lineText, person: null, error: { code: entry.code, message: entry.message } });
      continue;
    }
    if (seenKeys.has(entry.key)) continue;
    seenKeys.add(entry.key);
    const result = resolved.get(entry.key)!;
    if ('error' in result) {
      out.push({ lineNumber, text: lineText, person: null, error: result.error.toIpcError() });
      continue;
    }
    if (seenPeople.has(result.person.id)) continue;
    seenPeople.add(result.person.id);
    out.push({ lineNumber, text: lineText, person: result.person, error: null });
  }
  return out;
}

/** People by id from what this session has seen (unknown ids are left out). */
export function knownPeople({ link, ids }: Link & { ids: readonly string[] }): Person[] {
  return ids.map((id) => personOf(link, new Map(), id)).filter((p): p is Person => p !== null);
}

/**
 * Makes saved people (an audience) addressable in this session, which may not have seen them:
 * the call's group members and the contacts first (what the invite gateway refills from), then
 * each remaining username, asked of Telegram. Returns the people as Telegram describes them now,
 * and the ids still not found.
 */
export async function findPeople({ link, callId, people }: Link & { callId: string; people: readonly { id: string; username: string | null }[] }): Promise<{ found: Person[]; missing: string[] }> {
  const unknown = () => people.filter((p) => !link.cache.canAddress(p.id));
  if (unknown().length > 0) await streamContacts({ link, onPage: () => {} });
  if (unknown().length > 0) {
    // Pages stop once everyone is found: no request for members nobody needs.
    const found = new AbortController();
    await streamMembers({ link, callId, signal: found.signal, onPage: () => unknown().length === 0 && found.abort() });
  }
  const withUsername = unknown().filter((p) => p.username);
  if (withUsername.length > 0) await resolveList({ link, text: withUsername.map((p) => `@${p.username}`).join('\n') });
  const missing = new Set(unknown().map((p) => p.id));
  return { found: knownPeople({ link, ids: people.map((p) => p.id).filter((id) => !missing.has(id)) }), missing: [...missing] };
}
