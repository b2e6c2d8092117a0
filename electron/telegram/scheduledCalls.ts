// What planned runs (electron/core/scheduled/planned.ts) need from Telegram about a scheduled
// call: updateGroupCall pushes (a start clears schedule_date), the call's state now
// (phone.getGroupCall), and the start subscription (phone.toggleGroupCallStartSubscription).
// GramJS objects stay here; the core sees ids and states.
import { Api } from 'telegram';
import { Raw } from 'telegram/events';
import { UpdateConnectionState } from 'telegram/network';
import type { CallStartSource, CallStartState } from '../core/scheduled/planned';
import type { TelegramLink } from './client';
import { listCalls } from './directory';
import { invoke } from './request';

function stateOf(call: Api.TypeGroupCall): CallStartState {
  if (call instanceof Api.GroupCallDiscarded) return 'ended';
  return typeof call.scheduleDate === 'number' ? 'scheduled' : 'active';
}

export function createCallStartSource(link: TelegramLink): CallStartSource {
  async function input(callId: string): Promise<Api.InputGroupCall> {
    // After a restart the session has not seen the call yet.
    if (!link.cache.knowsCall(callId)) await listCalls({ link });
    return link.cache.call(callId).input;
  }
  return {
    onCallChange(listener) {
      const builder = new Raw({ types: [Api.UpdateGroupCall] });
      const handler = (update: Api.UpdateGroupCall) => listener({ callId: update.call.id.toString(), state: stateOf(update.call) });
      link.client.addEventHandler(handler, builder);
      return () => link.client.removeEventHandler(handler, builder);
    },
    onReconnected(listener) {
      // GramJS says "connected" after every wake-up ping too (every 9 s): only a connection that
      // was down before counts.
      let down = false;
      const builder = new Raw({ types: [UpdateConnectionState] });
      const handler = (update: UpdateConnectionState) => {
        if (update.state !== UpdateConnectionState.connected) down = true;
        else if (down) {
          down = false;
          listener();
        }
      };
      link.client.addEventHandler(handler, builder);
      return () => link.client.removeEventHandler(handler, builder);
    },
    async state(callId) {
      const reply = await invoke(link, new Api.phone.GetGroupCall({ call: await input(callId), limit: 1 }));
      return stateOf(reply.call);
    },
    async subscribe(callId, subscribed) {
      await invoke(link, new Api.phone.ToggleGroupCallStartSubscription({ call: await input(callId), subscribed }));
    },
  };
}
