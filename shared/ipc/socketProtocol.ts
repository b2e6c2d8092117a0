// The web preview's wire format over its WebSocket (server: electron/preview, client: renderer):
// Parsing is deliberately shallow: the payload is validated by the dispatcher's schemas.
import type { Result } from './result';

export interface ClientMessage {
  id: number;
  channel: string;
  payload: unknown;
}

export type ServerMessage =
  | { type: 'reply'; id: number; result: Result<unknown> }
  | { type: 'event'; event: string; payload: unknown };

export function parseClientMessage(text: string): ClientMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { id, channel, payload } = value as Record<string, unknown>;
  if (!Number.isSafeInteger(id) || typeof channel !== 'string' || channel.length > 100) return null;
  return { id: id as number, channel, payload };
}
