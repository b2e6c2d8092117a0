// The calls and people channels of the contract, served by the directory of the signed-in
// session. A reply that says the session is gone signs the app out, with the reason.
import { AppError } from '../../shared/ipc/result';
import type { EventSink, Handlers } from '../ipc/dispatcher';
import type { TelegramLink } from '../telegram/client';
import * as directory from '../telegram/directory';
import type { AuthService } from './auth';

export type DirectoryHandlers = Pick<
  Handlers,
  'callsList' | 'callsResolveLink' | 'peopleContacts' | 'peopleMembers' | 'peopleParticipants' | 'peopleSearch' | 'peopleResolveList'
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
  return {
    callsList: () => withLink(async (link) => ({ calls: await directory.listCalls({ link }) })),
    callsResolveLink: ({ link: text }) => withLink((link) => directory.resolveCallLink({ link, text })),
    peopleContacts: () => withLink(async (link) => ({ people: await directory.contacts({ link }) })),
    peopleMembers: ({ callId, offset, limit }) => withLink((link) => directory.members({ link, callId, offset, limit })),
    peopleParticipants: ({ callId, offset, limit }) => withLink((link) => directory.participants({ link, callId, offset, limit })),
    peopleSearch: ({ query }) => withLink(async (link) => ({ people: await directory.search({ link, query }) })),
    peopleResolveList: ({ text, region }) =>
      withLink(async (link) => ({
        lines: await directory.resolveList({ link, text, region, onProgress: (progress) => emit?.('peopleResolveProgress', progress) }),
      })),
  };
}
