// The calls and people channels of the contract, served by the directory of the signed-in
// session. A reply that says the session is gone signs the app out, with the reason.
import { AppError } from '../../shared/ipc/result';
import type { EventSink, Handlers } from '../ipc/dispatcher';
import type { TelegramLink } from '../telegram/client';
import * as directory from '../telegram/directory';
import type { AuthService } from './auth';

export type DirectoryHandlers = Pick<
  Handlers,
  'callsList' | 'callsResolveLink' | 'peopleStreamStart' | 'peopleStreamStop' | 'peopleParticipants' | 'peopleSearch' | 'peopleResolveList'
>;

/** Work on the signed-in session's link; a failure that says the session is gone signs out. */
export async function withSignedInLink<T>(auth: AuthService, work: (link: TelegramLink) => Promise<T>): Promise<T> {
  const link = auth.signedInLink();
  try {
    return await work(link);
  } catch (error) {
    if (error instanceof AppError) auth.sessionLost(error);
    throw error;
  }
}

export function createDirectoryHandlers(auth: AuthService, emit?: EventSink): DirectoryHandlers {
  const withLink = <T>(work: (link: TelegramLink) => Promise<T>) => withSignedInLink(auth, work);
  /** The streams running, by the renderer's id: stopping one aborts its fetch. */
  const streams = new Map<string, { controller: AbortController; ended: Promise<void> }>();
  return {
    callsList: () => withLink(async (link) => ({ calls: await directory.listCalls({ link }) })),
    callsResolveLink: ({ link: text }) => withLink((link) => directory.resolveCallLink({ link, text })),
    peopleStreamStart: async ({ streamId, from }) => {
      if (streams.has(streamId)) throw new AppError('INVALID_REQUEST', `The people stream ${streamId} is already running.`);
      const link = auth.signedInLink();
      // An unknown call is refused in the reply, before anything is sent.
      if (from.source === 'members') link.cache.call(from.callId);
      const controller = new AbortController();
      const { signal } = controller;
      let total: number | null = null;
      const onPage: directory.PeopleSink = (page) => {
        total = page.total;
        if (!signal.aborted) emit?.('peopleStreamPage', { streamId, people: page.people, total, done: false, error: null });
      };
      const fetch =
        from.source === 'members'
          ? withLink((l) => directory.streamMembers({ link: l, callId: from.callId, signal, onPage }))
          : withLink((l) => directory.streamContacts({ link: l, signal, onPage }));
      const ended = fetch
        .then(
          () => null,
          (error: unknown) => (error instanceof AppError ? error : new AppError('INTERNAL', 'Loading people failed unexpectedly.')).toIpcError(),
        )
        .then((error) => {
          if (streams.get(streamId)?.controller === controller) streams.delete(streamId);
          if (!signal.aborted) emit?.('peopleStreamPage', { streamId, people: [], total, done: true, error });
        });
      streams.set(streamId, { controller, ended });
      return { streamId };
    },
    /** Replies once the stream has stopped: its requests in flight are answered and nothing more is sent. */
    peopleStreamStop: async ({ streamId }) => {
      const stream = streams.get(streamId);
      if (!stream) return { stopped: false };
      streams.delete(streamId);
      stream.controller.abort();
      await stream.ended;
      return { stopped: true };
    },
    peopleParticipants: ({ callId, offset, limit }) => withLink((link) => directory.participants({ link, callId, offset, limit })),
    peopleSearch: ({ query }) => withLink(async (link) => ({ people: await directory.search({ link, query }) })),
    peopleResolveList: ({ text, region }) =>
      withLink(async (link) => ({
        lines: await directory.resolveList({ link, text, region, onProgress: (progress) => emit?.('peopleResolveProgress', progress) }),
      })),
  };
}
