// The seam between the protocol layer (transport, auth keys, sessions, encryption: src/mtproto)
// and the world (accounts, chats, calls and the methods that act on them: src/world, src/methods).
// The protocol layer unwraps invokeWithLayer / initConnection / invokeWithoutUpdates /
// invokeAfterMsg, then hands the bare request to an RpcService together with a CallContext.
import type { Api } from 'telegram';

/** 'phone.InviteToGroupCall' → 'phone.inviteToGroupCall', the schema's spelling (controls use it). */
export function methodName(className: string): string {
  const dot = className.lastIndexOf('.');
  return className.slice(0, dot + 1) + className.charAt(dot + 1).toLowerCase() + className.slice(dot + 2);
}

/** An error the way Telegram sends it: rpc_error{error_code, error_message}. */
export class RpcFailure extends Error {
  constructor(
    readonly code: number,
    readonly errorMessage: string,
  ) {
    super(`${code} ${errorMessage}`);
  }
}

/** What a method handler may know and do about its caller. Implemented by the protocol layer. */
export interface CallContext {
  /** Hex id of the auth key the request came on. */
  readonly authKeyId: string;
  /** The data centre the request came to (each DC has its own port and auth keys). */
  readonly dcId: number;
  /** The MTProto session id (hex) the request came on. */
  readonly sessionId: string;
  /** The layer the client declared with invokeWithLayer (the current layer until it does). */
  readonly layer: number;
  /** The account signed in on this auth key, or null. */
  readonly userId: bigint | null;
  /** Signs this auth key in as `userId` (or out, with null); persisted with the key. */
  bindUser(userId: bigint | null): void;
  /**
   * Pushes `updates` to every connected session of every auth key signed in as `userId`.
   * `exceptCaller` leaves out the session that made this request (it gets the RPC result).
   */
  pushToUser(userId: bigint, updates: Api.TypeUpdates, options?: { exceptCaller?: boolean }): void;
  /** Pushes `updates` to the sessions of one auth key (e.g. updateLoginToken before sign-in). */
  pushToAuthKey(authKeyId: string, updates: Api.TypeUpdates): void;
}

/** Answers one unwrapped request; throws RpcFailure for an rpc_error. */
export interface RpcService {
  handle(ctx: CallContext, request: Api.AnyRequest): Promise<unknown>;
  /** The protocol layer's count of its own work on a request of `className` (for stats). */
  busy?(className: string, ms: number): void;
}

/**
 * Set on a prototype: objects made from it carry only these fields of their TL class as own
 * properties, every other field of the class being undefined on them (never set later). The
 * protocol layer's writer then visits just these instead of all of the class's fields (a User has
 * about 60). Results may contain such objects; they are instances of their GramJS class as usual.
 */
export const TL_FIELDS = Symbol('sandbox: the TL fields an object carries');
