// The web preview's wire format over its WebSocket (server: electron/preview, client: renderer).
// The first message on a socket must be the hello carrying the run's token; until it arrives the
// server dispatches nothing and sends nothing, and any other first message closes the socket.
// Parsing the calls is deliberately shallow: the payload is validated by the dispatcher's schemas.
import type { Result } from './result';

export interface HelloMessage {
  type: 'hello';
  token: string;
}

export interface ClientMessage {
  id: number;
  channel: string;
  payload: unknown;
}

export type ServerMessage =
  | { type: 'reply'; id: number; result: Result<unknown> }
  | { type: 'event'; event: string; payload: unknown };

/** The close code for a socket whose hello was missing, late or wrong (RFC 6455 "policy violation"). */
export const HELLO_REFUSED_CLOSE_CODE = 1008;
const MAX_TOKEN_LENGTH = 256;

function parseObject(text: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** The token of a hello, or null for anything that is not exactly `{type:'hello', token}`. */
export function parseHello(text: string): string | null {
  if (text.length > MAX_TOKEN_LENGTH + 64) return null;
  const value = parseObject(text);
  if (!value) return null;
  const keys = Object.keys(value).sort();
  if (keys.length !== 2 || keys[0] !== 'token' || keys[1] !== 'type' || value.type !== 'hello') return null;
  const { token } = value;
  return typeof token === 'string' && token.length > 0 && token.length <= MAX_TOKEN_LENGTH ? token : null;
}

export function parseClientMessage(text: string): ClientMessage | null {
  const value = parseObject(text);
  if (!value) return null;
  const { id, channel, payload } = value;
  if (!Number.isSafeInteger(id) || typeof channel !== 'string' || channel.length > 100) return null;
  return { id: id as number, channel, payload };
}
