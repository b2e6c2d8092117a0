// Scenario controls: how tests, benchmarks and the CLI make the sandbox misbehave on purpose.
// One mutable object shared by the protocol layer and the world; change it at any time.

/** The seven Updates constructors that phone.inviteToGroupCall may answer with (see the seed). */
export const INVITE_UPDATES_SHAPES = [
  'updates',
  'updatesCombined',
  'updateShort',
  'updatesTooLong',
  'updateShortMessage',
  'updateShortChatMessage',
  'updateShortSentMessage',
] as const;
export type InviteUpdatesShape = (typeof INVITE_UPDATES_SHAPES)[number];

export interface RateLimit {
  /** Requests of this method allowed per window, per account. */
  requests: number;
  windowSeconds: number;
}

/** What phone.inviteToGroupCall does where Telegram's behaviour is undocumented (sandbox/README.md). */
export interface InviteRules {
  /** Users per request (Telegram Desktop's kMaxInvitePerSlice, TDLib's "at most 10"). */
  maxUsers: number;
  /** Above maxUsers: 'reject' answers 400 USERS_TOO_MUCH; 'truncate' invites the first maxUsers only. */
  overLimit: 'reject' | 'truncate';
  /**
   * A batch in which someone can't be invited (already invited, not a member, a bot, deleted):
   * 'failWhole' fails the request with that person's error and invites nobody;
   * 'inviteRest' invites the others and leaves that person out of the service message.
   */
  batchPolicy: 'failWhole' | 'inviteRest';
}

export interface Controls {
  /**
   * Every reply leaves this many ms after its request arrived (or when ready, if the world took
   * longer), each request on its own clock: a round trip, as the caller sees it.
   */
  latencyMs: number;
  /** Per-method rate limits (method name as in the schema, e.g. 'phone.inviteToGroupCall'); FLOOD_WAIT_X past them. */
  rateLimits: Record<string, RateLimit>;
  /** Which Updates constructor phone.inviteToGroupCall answers with. */
  inviteUpdatesShape: InviteUpdatesShape;
  /** Close each connection after it has received this many requests (null: never). */
  dropConnectionAfterRequests: number | null;
  /** Fail the next request (of `method`, or any method when omitted) with this error, once. */
  failNext: { method?: string; code: number; message: string } | null;
  /** phone.inviteToGroupCall's undocumented cases. */
  invite: InviteRules;
  /** Seconds a login code stays valid (PHONE_CODE_EXPIRED after). */
  loginCodeTtlSeconds: number;
  /** Seconds a QR login token stays valid. */
  loginTokenTtlSeconds: number;
}

export function defaultControls(): Controls {
  return {
    latencyMs: 0,
    rateLimits: {},
    inviteUpdatesShape: 'updates',
    dropConnectionAfterRequests: null,
    failNext: null,
    invite: { maxUsers: 10, overLimit: 'reject', batchPolicy: 'failWhole' },
    loginCodeTtlSeconds: 300,
    loginTokenTtlSeconds: 30,
  };
}
