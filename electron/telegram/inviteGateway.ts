// The invite engine's port (electron/core/invite/ports.ts) over one signed-in link: the
// directory answers what the engine asks about calls and people, invite.ts sends.
//
// After a restart the PeerCache is empty, yet an interrupted run resumes with ids only. So the
// gateway refills the cache once per call before it needs an access hash: the live calls (for
// the call), then the call chat's members and the contacts (for the people).
import type { InviteGateway } from '../core/invite/ports';
import { AppError } from '../../shared/ipc/result';
import type { TelegramLink } from './client';
import * as directory from './directory';
import { addToChat, exportInviteLink, inviteBatch, selfIsMember } from './invite';

export function createInviteGateway(link: TelegramLink): InviteGateway {
  const { client, cache: peers } = link;
  const refilled = new Map<string, Promise<void>>();

  async function knowCall(callId: string): Promise<void> {
    if (!peers.knowsCall(callId)) await directory.listCalls({ link });
  }

  /** Makes sure the call and (as far as Telegram lets us find them) these people are addressable. */
  async function know(callId: string, personIds: readonly string[]): Promise<void> {
    await knowCall(callId);
    if (personIds.every((id) => peers.canAddress(id))) return;
    let refill = refilled.get(callId);
    if (!refill) {
      refill = (async () => {
        await directory.streamMembers({ link, callId, onPage: () => {} });
        await directory.streamContacts({ link, onPage: () => {} });
      })();
      refilled.set(callId, refill);
      refill.catch(() => refilled.delete(callId));
    }
    await refill;
  }

  return {
    getCall: async (callId) => {
      await knowCall(callId);
      return directory.getCall({ link, callId });
    },
    participantIds: async (callId) => {
      await knowCall(callId);
      return directory.participantIds({ link, callId });
    },
    self: async () => {
      const [me] = link.selfId ? directory.knownPeople({ link, ids: [link.selfId] }) : [];
      if (!me) throw new AppError('NOT_SIGNED_IN', 'The signed-in account is not known to this session.');
      return { ...me, kind: 'self' };
    },
    // Planning follows the picker, which fetched these people in this session; a planned run
    // (callId given) may start after a restart.
    people: async (ids, callId) => {
      if (callId !== undefined) await know(callId, ids);
      return directory.knownPeople({ link, ids });
    },
    selfIsMember: async (callId) => {
      await knowCall(callId);
      if (!link.selfId) throw new AppError('NOT_SIGNED_IN', 'The signed-in account is not known to this session.');
      return selfIsMember({ client, peers, callId, selfId: link.selfId });
    },
    inviteBatch: async (callId, personIds) => {
      await know(callId, personIds);
      return inviteBatch({ client, peers, callId, personIds });
    },
    addToChat: async (callId, personIds) => {
      await know(callId, personIds);
      return addToChat({ client, peers, callId, personIds });
    },
    exportInviteLink: async (callId, role) => {
      await knowCall(callId);
      return exportInviteLink({ client, peers, callId, role });
    },
  };
}
