// The web preview's bridge: the same contract as Electron's preload, over the preview server's
// WebSocket. Used only when no preload has put `window.rollcall` in place. The socket's first
// message is the hello with the run's token; the server refuses anything else.
import { createBridge, type RollcallApi } from '../../../shared/ipc/bridge';
import type { EventChannel } from '../../../shared/ipc/channels';
import type { Result } from '../../../shared/ipc/result';
import { HELLO_REFUSED_CLOSE_CODE, type HelloMessage, type ServerMessage } from '../../../shared/ipc/socketProtocol';

const failure = (code: 'BACKEND_UNREACHABLE' | 'PREVIEW_TOKEN_NEEDED', detail: string): Result<never> => ({
  ok: false,
  error: { code, message: detail },
});

/** `token` null: the page was opened without one, so every call says how to open it instead. */
export function createSocketBridge(url: string, token: string | null): RollcallApi {
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let broken: Result<never> | null = token
    ? null
    : failure('PREVIEW_TOKEN_NEEDED', 'This page was opened without the preview’s token.');

  const socket = token ? new WebSocket(url) : null;
  const opened = new Promise<boolean>((resolve) => {
    if (!socket || !token) return resolve(false);
    socket.addEventListener(
      'open',
      () => {
        const hello: HelloMessage = { type: 'hello', token };
        socket.send(JSON.stringify(hello));
        resolve(true);
      },
      { once: true },
    );
    socket.addEventListener(
      'close',
      (event) => {
        broken =
          event.code === HELLO_REFUSED_CLOSE_CODE
            ? failure('PREVIEW_TOKEN_NEEDED', 'The preview refused this page’s token: it may have been restarted since.')
            : failure('BACKEND_UNREACHABLE', 'The connection to the preview server closed.');
        for (const settle of pending.values()) settle(broken);
        pending.clear();
        resolve(false);
      },
      { once: true },
    );
    socket.addEventListener('message', (message: MessageEvent<string>) => {
      const data = JSON.parse(message.data) as ServerMessage;
      if (data.type === 'reply') {
        pending.get(data.id)?.(data.result);
        pending.delete(data.id);
      } else {
        for (const listener of listeners.get(data.event as EventChannel) ?? []) listener(data.payload);
      }
    });
  });

  return createBridge({
    invoke: async (channel, request) => {
      if (!(await opened) || !socket || socket.readyState !== WebSocket.OPEN) {
        return broken ?? failure('BACKEND_UNREACHABLE', 'Could not connect to the preview server.');
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
