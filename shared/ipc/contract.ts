// The IPC contract: one zod schema for every request, reply and event. Types are inferred from
// the schemas, so the compiler and the runtime check agree by construction. Requests are strict
// objects with bounded strings: a malformed payload is refused before any handler runs.
import { z } from 'zod';
import type { EventChannel, InvokeChannel } from './channels';

/** A request with no parameters is still an object, so every channel validates the same way. */
const NoParams = z.strictObject({});

export const BackendStatus = z.strictObject({
  /** Where Telegram requests go: the embedded sandbox or Telegram's own servers. */
  target: z.enum(['sandbox', 'telegram']),
  /** Whether api_id/api_hash for real Telegram are configured, and where they came from. */
  credentials: z.enum(['environment', 'settings', 'none']),
  state: z.enum(['starting', 'ready', 'failed']),
});
export type BackendStatus = z.infer<typeof BackendStatus>;

export const AppInfo = z.strictObject({
  name: z.string(),
  version: z.string(),
  /** The host the core runs in: Electron's main process, or Node behind the web preview. */
  runtime: z.enum(['electron', 'web-preview']),
  versions: z.strictObject({
    node: z.string(),
    electron: z.string().nullable(),
    chrome: z.string().nullable(),
  }),
  backend: BackendStatus,
});
export type AppInfo = z.infer<typeof AppInfo>;

interface InvokeSpec {
  request: z.ZodType;
  reply: z.ZodType;
}

export const invokeContract = {
  appInfo: { request: NoParams, reply: AppInfo },
} as const satisfies { [K in InvokeChannel]: InvokeSpec };

export const eventContract = {
  backendStatus: BackendStatus,
} as const satisfies { [K in EventChannel]: z.ZodType };

export type RequestOf<K extends InvokeChannel> = z.input<(typeof invokeContract)[K]['request']>;
export type ParsedRequestOf<K extends InvokeChannel> = z.output<(typeof invokeContract)[K]['request']>;
export type ReplyOf<K extends InvokeChannel> = z.output<(typeof invokeContract)[K]['reply']>;
export type EventOf<K extends EventChannel> = z.output<(typeof eventContract)[K]>;
