// Who is in a call, for attendance (electron/core/attendance.ts): the participant changes
// Telegram pushes (updateGroupCallParticipants, each with the call's version after it), and the
// participants list read page by page to catch up. GramJS objects stay here; the core sees plain
// ids, times and versions.
import { Api } from 'telegram';
import { Raw } from 'telegram/events';
import type { AttendanceSource, ParticipantsPush, ParticipantsSnapshot } from '../core/attendance';
import type { TelegramLink } from './client';
import { listCalls } from './directory';
import { invoke } from './request';

/** Participants per phone.getGroupParticipants page (as the directory reads them). */
export const PARTICIPANTS_PAGE = 500;

export function createAttendanceSource(link: TelegramLink): AttendanceSource {
  return {
    onPush(listener) {
      const builder = new Raw({ types: [Api.UpdateGroupCallParticipants] });
      const handler = (update: Api.UpdateGroupCallParticipants) => {
        const push: ParticipantsPush = {
          callId: update.call instanceof Api.InputGroupCall ? update.call.id.toString() : '',
          version: update.version,
          changes: [],
        };
        for (const p of update.participants) {
          // Someone in the call as a channel is not a person a run invites.
          if (!(p.peer instanceof Api.PeerUser)) continue;
          push.changes.push({ userId: p.peer.userId.toString(), present: p.left !== true, joinedAt: p.date * 1000 });
        }
        if (push.callId) listener(push);
      };
      link.client.addEventHandler(handler, builder);
      return () => link.client.removeEventHandler(handler, builder);
    },

    async snapshot(callId) {
      // After a restart the session has not seen the call yet (as the invite gateway does).
      if (!link.cache.knowsCall(callId)) await listCalls({ link });
      const { input } = link.cache.call(callId);
      const snapshot: ParticipantsSnapshot = { version: 0, present: new Map(), requests: 0 };
      let offset = '';
      do {
        const page = await invoke(link, new Api.phone.GetGroupParticipants({ call: input, ids: [], sources: [], offset, limit: PARTICIPANTS_PAGE }));
        // The first page's version: later changes carry higher ones and are applied over the list.
        if (snapshot.requests === 0) snapshot.version = page.version;
        snapshot.requests += 1;
        for (const p of page.participants) {
          if (p.peer instanceof Api.PeerUser && p.left !== true) snapshot.present.set(p.peer.userId.toString(), p.date * 1000);
        }
        offset = page.participants.length > 0 ? page.nextOffset : '';
      } while (offset);
      return snapshot;
    },
  };
}
