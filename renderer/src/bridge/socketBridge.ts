// The web preview's bridge: the same contract as Electron's preload, over the preview server's
// WebSocket. Used only when no preload has put `window.rollcall` in place.
import { createBridge, type RollcallApi } from '../../../shared/ipc/bridge';
import type { EventChannel } from '../../../shared/ipc/channels';
import type { Result } from '../../../shared/ipc/result';
import type { ServerMessage } from '../../../shared/ipc/socketProtocol';

const unreachable = (detail: string): Result<never> => ({
  ok: false,
  error: { code: 'BACKEND_UNREACHABLE', message: detail },
});

export function createSocketBridge(url: string): RollcallApi {
  const socket = new WebSocket(url);
  const opened = new Promise<boolean>((resolve) => {
    socket.addEventListener('open', () => resolve(true), { once: true });
    socket.addEventListener('close', () => resolve(false), { once: true });
  });
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  let nextId = 1;

  socket.addEventListener('message', (message: MessageEvent<string>) => {
    const data = JSON.parse(message.data) as ServerMessage;
    if (data.type === 'reply') {
      pending.get(data.id)?.(data.result);
      pending.delete(data.id);
    } else {
      for (const listener of listeners.get(data.event as EventChannel) ?? []) listener(data.payload);
    }
  });
  socket.addEventListener('close', () => {
    for (const settle of pending.values()) settle(unreachable('The connection to the preview server closed.'));
    pending.clear();
  });

  return createBridge({
    invoke: async (channel, request) => {
      if (!(await opened) || socket.readyState !== WebSocket.OPEN) {
        return unreachable('Could not connect to the preview server.');
      }
      const id = nextId++;
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, channel, payload: request }));
      });
    },
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  });
}
