// One generic mechanism turns the contract's channel list into the renderer's API. The preload
// uses it over ipcRenderer, the web preview over a WebSocket; no channel is wired by hand.
import { EVENT_CHANNELS, INVOKE_CHANNELS, type EventChannel, type InvokeChannel } from './channels';
import type { EventOf, ReplyOf, RequestOf } from './contract';
import type { Result } from './result';

export type Unsubscribe = () => void;

/** `window.rollcall`: one async function per request channel, plus subscribe for events. */
export type RollcallApi = {
  readonly [K in InvokeChannel]: (request: RequestOf<K>) => Promise<Result<ReplyOf<K>>>;
} & {
  subscribe<K extends EventChannel>(event: K, listener: (payload: EventOf<K>) => void): Unsubscribe;
};

/** How a bridge reaches the host; replies are Results produced by the host's dispatcher. */
export interface BridgeTransport {
  invoke(channel: InvokeChannel, request: unknown): Promise<unknown>;
  subscribe(event: EventChannel, listener: (payload: unknown) => void): Unsubscribe;
}

export function createBridge(transport: BridgeTransport): RollcallApi {
  const api: Record<string, unknown> = {};
  for (const channel of INVOKE_CHANNELS) {
    api[channel] = (request: unknown) => transport.invoke(channel, request);
  }
  api.subscribe = (event: EventChannel, listener: (payload: unknown) => void): Unsubscribe => {
    if (!(EVENT_CHANNELS as readonly string[]).includes(event)) throw new Error(`Unknown event: ${String(event)}`);
    return transport.subscribe(event, listener);
  };
  return api as RollcallApi;
}
