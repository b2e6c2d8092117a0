// One request to Telegram, the way the directory wants it: errors as catalogued AppErrors, a
// deadline (GramJS waits forever for an answer that never comes), and the users and chats of the
// reply remembered so their ids can be addressed again.
import type { Api } from 'telegram';
import { AppError } from '../../shared/ipc/result';
import type { TelegramLink } from './client';
import { toAppError } from './errors';

const DEFAULT_TIMEOUT_MS = 30_000;

export interface InvokeOptions {
  timeoutMs?: number;
  /**
   * False: the caller remembers the reply's users and chats itself (the contacts stream does, a
   * chunk at a time, so the renderer has the first people while the rest are kept).
   */
  rememberPeers?: boolean;
}

export async function invoke<R extends Api.AnyRequest>(
  link: TelegramLink,
  request: R,
  { timeoutMs = DEFAULT_TIMEOUT_MS, rememberPeers = true }: InvokeOptions = {},
): Promise<R['__response']> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AppError('TIMEOUT', `${request.className}: no answer in ${Math.round(timeoutMs / 1000)} s.`)),
      timeoutMs,
    );
  });
  try {
    const result = await Promise.race([link.client.invoke(request), deadline]);
    if (rememberPeers) remember(link, result);
    return result;
  } catch (error) {
    throw toAppError(error);
  } finally {
    clearTimeout(timer);
  }
}

/** Keeps the users and chats a reply carries in the link's PeerCache. */
function remember(link: TelegramLink, result: unknown): void {
  if (!result || typeof result !== 'object') return;
  const { users, chats } = result as { users?: unknown; chats?: unknown };
  if (Array.isArray(users)) link.cache.rememberUsers(users as Api.TypeUser[]);
  if (Array.isArray(chats)) link.cache.rememberChats(chats as Api.TypeChat[]);
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
