// The main process, as the renderer's tests see it: a bridge made by the app's own createBridge
// (the preload's mechanism) over a recording transport. Every request and every reply is checked
// with the contract's schemas, so a test can neither send nor answer what the real host would refuse.
import { IpcErrorSchema } from '../../../shared/errors/schema';
import { createBridge, type RollcallApi } from '../../../shared/ipc/bridge';
import type { EventChannel, InvokeChannel } from '../../../shared/ipc/channels';
import { eventContract, invokeContract, type EventOf, type ReplyOf, type RequestOf } from '../../../shared/ipc/contract';
import type { IpcError, Result } from '../../../shared/ipc/result';

type Answer<K extends InvokeChannel> = (request: RequestOf<K>) => Result<ReplyOf<K>> | Promise<Result<ReplyOf<K>>>;

export interface FakeBridge {
  api: RollcallApi;
  /** Every request the renderer sent, in order. */
  requests: Array<{ channel: InvokeChannel; request: unknown }>;
  /** The requests sent on one channel. */
  sent<K extends InvokeChannel>(channel: K): Array<RequestOf<K>>;
  answer<K extends InvokeChannel>(channel: K, answer: Answer<K>): void;
  /** A request on `channel` waits until the test settles it: returns the release. */
  hold<K extends InvokeChannel>(channel: K): (result: Result<ReplyOf<K>>) => void;
  emit<K extends EventChannel>(event: K, payload: EventOf<K>): void;
  reset(): void;
}

export const okResult = <T>(value: T): Result<T> => ({ ok: true, value });
export const failResult = (code: IpcError['code'], message = 'said the fake main process'): Result<never> => ({
  ok: false,
  error: { code, message },
});

export function createFakeBridge(): FakeBridge {
  const answers = new Map<InvokeChannel, (request: unknown) => unknown>();
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  const requests: FakeBridge['requests'] = [];

  const api = createBridge({
    invoke: async (channel, request) => {
      invokeContract[channel].request.parse(request);
      requests.push({ channel, request });
      const answer = answers.get(channel);
      // Unanswered channels fail as an absent host would: a test that forgot one sees an error state.
      const result = (answer ? await answer(request) : failResult('BACKEND_UNREACHABLE', `no answer for ${channel}`)) as Result<unknown>;
      if (result.ok) invokeContract[channel].reply.parse(result.value);
      else IpcErrorSchema.parse(result.error);
      return result;
    },
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  });

  return {
    api,
    requests,
    sent: <K extends InvokeChannel>(channel: K) =>
      requests.filter((r) => r.channel === channel).map((r) => r.request as RequestOf<K>),
    answer: (channel, answer) => answers.set(channel, answer as (request: unknown) => unknown),
    hold: (channel) => {
      let release: (result: unknown) => void = () => {};
      const held = new Promise((resolve) => (release = resolve));
      answers.set(channel, () => held);
      return (result) => release(result);
    },
    emit: (event, payload) => {
      eventContract[event].parse(payload);
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    reset: () => {
      requests.length = 0;
      answers.clear();
    },
  };
}
