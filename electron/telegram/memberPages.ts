// Members pages of a supergroup, a few in flight at once across replies: the pages of the reply
// asked for go first, then those of the next reply (the same limit, from where this one ends)
// are read ahead through the same FIFO limiter, so the network stays busy while the app turns
// one reply into people and the renderer asks for the next. Read-ahead pages are kept briefly,
// per link (a new session is a new link), by chat, offset and limit, and served once.
import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers';
import type { TelegramLink } from './client';
import { isConnected } from './client';
import { invoke } from './request';

/** channels.getParticipants returns at most 200 per request. */
export const MEMBERS_PAGE = 200;
/** Members pages in flight at once (the reply's and the read-ahead's together). */
export const MEMBERS_PARALLELISM = 5;
/** How long an unclaimed read-ahead page is kept. */
export const READ_AHEAD_TTL_MS = 30_000;

export interface Page {
  offset: number;
  limit: number;
}

type PageReply = Api.channels.TypeChannelParticipants;

/** The pages of a reply of `limit` members from `start`. */
export function pagesOf(start: number, limit: number): Page[] {
  return Array.from({ length: Math.ceil(limit / MEMBERS_PAGE) }, (_, i) => ({
    offset: start + i * MEMBERS_PAGE,
    limit: Math.min(MEMBERS_PAGE, limit - i * MEMBERS_PAGE),
  }));
}

type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/** At most `limit` tasks running at once; the others start in the order they were given. */
export function fifoLimiter(limit: number): Limiter {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    active -= 1;
    waiting.shift()?.();
  };
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const run = () => {
        active += 1;
        Promise.resolve().then(task).then(resolve, reject).finally(release);
      };
      if (active < limit) run();
      else waiting.push(run);
    });
}

interface ReadAhead {
  /** null: not asked (the list was known to end before it). */
  reply: Promise<PageReply | null>;
  settled: boolean;
  timer: NodeJS.Timeout;
}

interface LinkPages {
  run: Limiter;
  selfId: string | null;
  readAhead: Map<string, ReadAhead>;
  /** The member count each chat's latest page reported. */
  counts: Map<string, number>;
}

const byLink = new WeakMap<TelegramLink, LinkPages>();

function stateOf(link: TelegramLink): LinkPages {
  let state = byLink.get(link);
  if (!state) {
    state = { run: fifoLimiter(MEMBERS_PARALLELISM), selfId: link.selfId, readAhead: new Map(), counts: new Map() };
    byLink.set(link, state);
  }
  // Another account, or a closed client: nothing read ahead belongs to what is asked now.
  if (state.selfId !== link.selfId || !isConnected(link)) {
    forget(state);
    state.selfId = link.selfId;
  }
  return state;
}

function forget(state: LinkPages): void {
  for (const entry of state.readAhead.values()) clearTimeout(entry.timer);
  state.readAhead.clear();
  state.counts.clear();
}

const keyOf = (chatId: string, page: Page) => `${chatId}:${page.offset}:${page.limit}`;

function drop(state: LinkPages, key: string, entry?: ReadAhead): void {
  const current = state.readAhead.get(key);
  if (!current || (entry && current !== entry)) return;
  clearTimeout(current.timer);
  state.readAhead.delete(key);
}

/**
 * The page replies of the reply from `start`, in page order, after reading ahead the next reply's
 * pages. A page that failed (here or while read ahead) fails the reply, with the first failure in
 * page order, and drops what this reply read ahead. The read-ahead assumes the next reply starts
 * where this one asked to end: when the list ends sooner, the caller drops it ({@link dropReadAhead}).
 */
export async function memberPages(link: TelegramLink, channel: Api.InputChannel, start: number, limit: number): Promise<PageReply[]> {
  const state = stateOf(link);
  const chatId = channel.channelId.toString();
  const ask = (page: Page) =>
    invoke(
      link,
      new Api.channels.GetParticipants({ channel, filter: new Api.ChannelParticipantsRecent(), offset: page.offset, limit: page.limit, hash: returnBigInt(0) }),
    ).then((reply) => {
      if (reply instanceof Api.channels.ChannelParticipants) state.counts.set(chatId, reply.count);
      return reply;
    });

  const current = pagesOf(start, limit).map((page): Promise<PageReply> => {
    const key = keyOf(chatId, page);
    const ahead = state.readAhead.get(key);
    if (!ahead) return state.run(() => ask(page));
    drop(state, key, ahead);
    // Not asked, the list having ended there: it has grown since, ask now.
    return ahead.reply.then((reply) => reply ?? state.run(() => ask(page)));
  });

  for (const page of pagesOf(start + limit, limit)) {
    const key = keyOf(chatId, page);
    const known = state.readAhead.get(key);
    // Still in flight: as fresh as asking again. Settled (a repeated reply): ask again, so a
    // reply never joins pages read long apart, nor an old failure.
    if (known && !known.settled) continue;
    if (known) drop(state, key, known);
    const reply = state.run(async () => {
      const count = state.counts.get(chatId);
      return count !== undefined && page.offset >= count ? null : ask(page);
    });
    const entry: ReadAhead = {
      reply,
      settled: false,
      timer: setTimeout(() => drop(state, key, entry), READ_AHEAD_TTL_MS),
    };
    entry.timer.unref?.();
    state.readAhead.set(key, entry);
    // Kept for the reply that needs it, where a failure surfaces; nothing is left unhandled.
    reply.then(
      (r) => {
        entry.settled = true;
        if (r === null) drop(state, key, entry);
      },
      () => {
        entry.settled = true;
      },
    );
  }

  const settled = await Promise.allSettled(current);
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) {
    // The caller asks for this reply again: the next one is read ahead afresh then.
    dropReadAhead(link, channel, start + limit, limit);
    throw failure.reason;
  }
  return settled.map((s) => (s as PromiseFulfilledResult<PageReply>).value);
}

/** Drops the pages read ahead from `start` (the list ended elsewhere: no reply will ask for them). */
export function dropReadAhead(link: TelegramLink, channel: Api.InputChannel, start: number, limit: number): void {
  const state = byLink.get(link);
  if (!state) return;
  const chatId = channel.channelId.toString();
  for (const page of pagesOf(start, limit)) drop(state, keyOf(chatId, page));
}
