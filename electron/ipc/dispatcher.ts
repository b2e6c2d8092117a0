// The host side of the contract, shared by Electron's ipcMain and the web preview's WebSocket:
// every payload is validated against the contract's schema before any handler runs, and every
// outcome becomes a Result, so failures cross the boundary as data. Replies and events are
// checked too, in every build: the contract's objects are strict, so a field it does not name
// (an access hash, a session) fails the check and never reaches the renderer. A failing reply
// becomes INTERNAL rather than being stripped: it is a core bug, and hiding it would keep it.
import type { z } from 'zod';
import { INVOKE_CHANNELS, type EventChannel, type InvokeChannel } from '../../shared/ipc/channels';
import {
  eventContract,
  invokeContract,
  type EventOf,
  type ParsedRequestOf,
  type ReplyOf,
} from '../../shared/ipc/contract';
import { AppError, fail, ok, type Result } from '../../shared/ipc/result';

export type Handlers = {
  [K in InvokeChannel]: (request: ParsedRequestOf<K>) => Promise<ReplyOf<K>>;
};

export type EventSink = <K extends EventChannel>(event: K, payload: EventOf<K>) => void;

export type Dispatch = (channel: string, payload: unknown) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  /** Where unexpected failures are reported; never shown to the organiser as-is. */
  logError?: (message: string, error: unknown) => void;
}

const isInvokeChannel = (channel: string): channel is InvokeChannel =>
  (INVOKE_CHANNELS as readonly string[]).includes(channel);

/** Describes schema issues in one bounded line: where, and what was expected. */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'request';
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return `${parts.join('; ')}${more}`.slice(0, 500);
}

const defaultLogError: NonNullable<DispatcherOptions['logError']> = (message, error) => console.error(message, error);

export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatch {
  const logError = options.logError ?? defaultLogError;
  return async (channel, payload) => {
    if (!isInvokeChannel(channel)) {
      return fail({ code: 'UNKNOWN_CHANNEL', message: `There is no request called “${channel.slice(0, 80)}”.` });
    }
    const spec = invokeContract[channel];
    const parsed = spec.request.safeParse(payload);
    if (!parsed.success) {
      return fail({ code: 'INVALID_REQUEST', message: `${channel}: ${describeIssues(parsed.error)}` });
    }
    try {
      const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
      const checked = spec.reply.safeParse(await handler(parsed.data));
      if (!checked.success) {
        logError(`Reply of ${channel} breaks the contract: ${describeIssues(checked.error)}`, checked.error);
        return fail({ code: 'INTERNAL', message: `The reply to ${channel} was malformed.` });
      }
      // The parsed copy, not the handler's object: only what the schema names is sent.
      return ok(checked.data);
    } catch (error) {
      if (error instanceof AppError) return fail(error.toIpcError());
      logError(`Handler ${channel} failed`, error);
      return fail({ code: 'INTERNAL', message: `${channel} failed unexpectedly.` });
    }
  };
}

/** Wraps a host's raw event sender so that only contract-valid events leave the core; others are logged and dropped. */
export function createEventSink(
  send: (event: EventChannel, payload: unknown) => void,
  options: DispatcherOptions = {},
): EventSink {
  const logError = options.logError ?? defaultLogError;
  return (event, payload) => {
    const checked = eventContract[event].safeParse(payload);
    if (!checked.success) {
      logError(`Event ${event} breaks the contract: ${describeIssues(checked.error)}`, checked.error);
      return;
    }
    send(event, checked.data);
  };
}
