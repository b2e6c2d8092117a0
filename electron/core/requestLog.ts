// What the core writes to the log about requests: sign-in steps and their refusals, runs started,
// every AppError a handler threw (by code), and the renderer's own errors (rate-limited). It also
// registers a sign-in's code and password and a new api_hash with the log's secret registry
// before the handler runs, so nothing a handler or GramJS logs later can carry them.
import type { ShellNotice } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/result';
import type { EventSink, Handlers } from '../ipc/dispatcher';
import { logSecrets, type Logger } from './log';

/** Renderer errors written per minute at most; the rest are counted and dropped. */
export const RENDERER_ERRORS_PER_MINUTE = 20;
const MAX_PENDING_NOTICES = 5;

function registerSecrets(channel: string, request: unknown): void {
  const r = request as Record<string, unknown>;
  if (channel === 'authSubmitCode' && typeof r.code === 'string') logSecrets.addTransient(r.code);
  if (channel === 'authSubmitPassword' && typeof r.password === 'string') logSecrets.addTransient(r.password);
  if (channel === 'settingsSetCredentials' && typeof r.apiHash === 'string') logSecrets.add(r.apiHash, 'api-hash');
}

function describeReply(channel: string, reply: unknown): string | null {
  const r = reply as { step?: string; error?: { code?: string } | null; run?: { id?: string; state?: string } };
  if (channel.startsWith('auth') && r && typeof r.step === 'string') return `${channel}: ${r.step}${r.error?.code ? ` (${r.error.code})` : ''}`;
  if (channel.startsWith('invite') && r?.run?.id) return `${channel}: run ${r.run.id} ${r.run.state ?? ''}`.trim();
  return null;
}

/** Wraps every handler: secrets registered first, outcomes logged (never a request's content). */
export function withRequestLog(handlers: Handlers, logger: Logger): Handlers {
  const wrapped = {} as Record<string, (request: unknown) => Promise<unknown>>;
  for (const [channel, handler] of Object.entries(handlers) as [string, (request: unknown) => Promise<unknown>][]) {
    wrapped[channel] = async (request) => {
      registerSecrets(channel, request);
      try {
        const reply = await handler(request);
        const line = describeReply(channel, reply);
        if (line) logger.info(line);
        return reply;
      } catch (error) {
        if (error instanceof AppError) logger.warn(`${channel} refused: ${error.code}`, error.message);
        throw error;
      }
    };
  }
  return wrapped as unknown as Handlers;
}

export interface ShellHandlers {
  handlers: Pick<Handlers, 'logRendererError' | 'shellNoticesTake'>;
  /** The main process tells the renderer what it did to the window (kept until taken). */
  notice(code: ShellNotice['code'], reason: string): void;
}

export function createShellHandlers(logger: Logger, emit: EventSink, now: () => number = Date.now): ShellHandlers {
  let windowStart = 0;
  let written = 0;
  let dropped = 0;
  let nextId = 1;
  const pending: ShellNotice[] = [];
  return {
    handlers: {
      logRendererError: async ({ source, message, stack }) => {
        const at = now();
        if (at - windowStart >= 60_000) {
          if (dropped > 0) logger.warn(`renderer: ${dropped} more errors were not written (over ${RENDERER_ERRORS_PER_MINUTE} a minute)`);
          windowStart = at;
          written = 0;
          dropped = 0;
        }
        if (written >= RENDERER_ERRORS_PER_MINUTE) {
          dropped += 1;
          return { logged: false };
        }
        written += 1;
        logger.error(`renderer ${source}: ${message}`, stack ?? undefined);
        return { logged: true };
      },
      shellNoticesTake: async () => ({ notices: pending.splice(0) }),
    },
    notice(code, reason) {
      const notice: ShellNotice = { id: nextId++, code, reason: reason.slice(0, 64), at: now() };
      pending.push(notice);
      if (pending.length > MAX_PENDING_NOTICES) pending.shift();
      emit('shellNotice', notice);
    },
  };
}
