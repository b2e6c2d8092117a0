// Scenario controls: how tests, benchmarks and the CLI make the sandbox misbehave on purpose.
// One mutable object shared by the protocol layer and the world; change it at any time.
import { Holds } from './holds';

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
  /**
   * When set, tripping the limit answers FLOOD_WAIT_<waitSeconds> and keeps refusing for that
   * long (a penalty, as Telegram's hour-long waits on adding members); otherwise X is the seconds
   * until the window frees.
   */
  waitSeconds?: number;
}

/** An error a method answers with: `method` omitted means every method. */
export interface ScriptedFailure {
  method?: string;
  code: number;
  message: string;
}

/**
 * The strict profile's switches (sandbox/README.md, "Behaviours"): each is an unknown of
 * Telegram's taken in its harshest plausible form, off (null/false) in the default profile, and
 * each can be switched on alone.
 */
export interface StrictRules {
  /**
   * phone.inviteToGroupCall from an account that is not in the call: this error (null: allowed).
   * The strict profile answers 403 GROUPCALL_FORBIDDEN, the method's own documented code for
   * "cannot be used in this context", which an app can't tell from an ended call without
   * re-reading it; 400 GROUPCALL_JOIN_MISSING (Telegram's "you haven't joined this group call"
   * on other phone.* methods, and TDLib's for conference invites) is the other choice.
   */
  inviteRequiresJoin: 'GROUPCALL_FORBIDDEN' | 'GROUPCALL_JOIN_MISSING' | null;
  /** phone.inviteToGroupCall on a broadcast channel's live stream: 403 GROUPCALL_FORBIDDEN. */
  forbidBroadcastInvites: boolean;
  /** phone.inviteToGroupCall from a member who may not send messages in the chat: this error. */
  restrictedSender: 'CHAT_WRITE_FORBIDDEN' | null;
  /** After this many people invited by one account in the last hour: 400 PEER_FLOOD on every invite. */
  peerFloodAfterInvitesPerHour: number | null;
  /** After this many people added by one account in the last hour: 400 PEER_FLOOD on every add. */
  peerFloodAfterAddsPerHour: number | null;
}

export const PROFILES = ['default', 'strict'] as const;
export type Profile = (typeof PROFILES)[number];

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

/**
 * Who comes to a call after being invited (sandbox/README.md, "Attendance"). Selections use
 * systematic sampling from a seeded random start, so of N people exactly ⌊share × N⌋ or one more
 * are picked (exactly share × N when that is whole) and the same seed picks the same people.
 */
export interface AttendanceRules {
  /** Share of invitees (0 to 1) who join the call, each after a random delay. */
  joinShare: number;
  /** The delay before a join (and before a leave, counted from the join): uniform in [min, max] ms. */
  delayMs: [number, number];
  /** Share of the people who joined this way (0 to 1) who leave again after a random delay. */
  leaveShare: number;
  /** Members who join without an invitation: this many per invitee (0.1: one per ten invited). */
  uninvited: number;
  /** Seed of the random source (delays, and where the sampling starts), per call. */
  seed: number;
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
  failNext: ScriptedFailure | null;
  /** Fail every request of `method` (every method when omitted) with this error, until removed. */
  failAlways: ScriptedFailure[];
  /** phone.inviteToGroupCall's undocumented cases. */
  invite: InviteRules;
  /** Seconds a login code stays valid (PHONE_CODE_EXPIRED after). */
  loginCodeTtlSeconds: number;
  /** Seconds a QR login token stays valid. */
  loginTokenTtlSeconds: number;
  /** The strict profile's switches (all off in the default profile). */
  strict: StrictRules;
  /**
   * Adding members: a privacy refusal answers 403 USER_PRIVACY_RESTRICTED (failing the request)
   * instead of a missing_invitees entry. Layer < 177 clients always get the error.
   */
  privacyRefusalAsError: boolean;
  /** People joining and leaving calls on their own after invitations (null: nobody does). */
  attendance: AttendanceRules | null;
  /**
   * Participant changes happen (and the call's version advances) but updateGroupCallParticipants
   * is not pushed: a client has to notice the gap and catch up with phone.getGroupParticipants.
   */
  dropParticipantUpdates: boolean;
  /** A scheduled call starts without pushing updateGroupCall to anyone (a lost push a client must poll for). */
  dropCallStartUpdates: boolean;
  /** Answers kept back until the test releases them (holds.ts): hold(method), until(method, n), release(method, n). */
  holds: Holds;
}

/**
 * Attendance for a person exploring the sandbox ("Explore the sandbox", npm run preview:web):
 * half of the invitees join within 40 seconds, one in ten of them leaves again, and one member
 * joins uninvited per ten invitations. Tests leave attendance off unless they ask for it.
 */
export function exploreAttendance(): AttendanceRules {
  return { joinShare: 0.5, delayMs: [3_000, 40_000], leaveShare: 0.1, uninvited: 0.1, seed: 1 };
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
    failAlways: [],
    strict: {
      inviteRequiresJoin: null,
      forbidBroadcastInvites: false,
      restrictedSender: null,
      peerFloodAfterInvitesPerHour: null,
      peerFloodAfterAddsPerHour: null,
    },
    privacyRefusalAsError: false,
    attendance: null,
    dropParticipantUpdates: false,
    dropCallStartUpdates: false,
    holds: new Holds(),
  };
}

/** Six hours, the flood wait the strict profile answers with (reports reach 77,464 s). */
export const STRICT_FLOOD_WAIT_SECONDS = 6 * 3600;

/**
 * The controls of a profile. 'strict' switches every StrictRules field on and adds long flood
 * waits on inviting and adding members; everything else is as in the default profile.
 */
export function profileControls(profile: Profile = 'default'): Controls {
  const controls = defaultControls();
  if (profile === 'default') return controls;
  controls.strict = {
    inviteRequiresJoin: 'GROUPCALL_FORBIDDEN',
    forbidBroadcastInvites: true,
    restrictedSender: 'CHAT_WRITE_FORBIDDEN',
    peerFloodAfterInvitesPerHour: 300,
    peerFloodAfterAddsPerHour: 50,
  };
  const long = { windowSeconds: 60, waitSeconds: STRICT_FLOOD_WAIT_SECONDS };
  controls.rateLimits = {
    'phone.inviteToGroupCall': { requests: 30, ...long },
    'channels.inviteToChannel': { requests: 10, ...long },
    'messages.addChatUser': { requests: 10, ...long },
  };
  return controls;
}

/** What startSandbox and the CLI take: any control, the nested ones field by field. */
export type ControlOverrides = Omit<Partial<Controls>, 'invite' | 'strict' | 'holds'> & {
  invite?: Partial<InviteRules>;
  strict?: Partial<StrictRules>;
};

/** `base` with `overrides` on top; the nested objects (invite, strict, rateLimits) merge field by field. */
export function mergeControls(base: Controls, overrides: ControlOverrides = {}): Controls {
  return {
    ...base,
    ...overrides,
    invite: { ...base.invite, ...overrides.invite },
    strict: { ...base.strict, ...overrides.strict },
    rateLimits: { ...base.rateLimits, ...overrides.rateLimits },
    failAlways: [...(overrides.failAlways ?? base.failAlways)],
    attendance: overrides.attendance === undefined ? base.attendance : overrides.attendance && { ...overrides.attendance },
  };
}
