// What the invite engine needs from Telegram, in plain shared/ types. electron/telegram/
// implements it with GramJS (inviteGateway.ts); the engine itself never sees a GramJS object.
// Telegram's refusals arrive as AppError: a catalogue code, Telegram's own error name as the
// message, and retryAfterSeconds for FLOOD_WAIT (see electron/telegram/errors.ts).
import type { CallSummary, Person } from '../../../shared/domain/people';
import type { ErrorCode } from '../../../shared/errors/codes';

/** What one phone.inviteToGroupCall told us about who was invited. */
export type BatchResult =
  /** The reply carried the service message: exactly these ids were invited. */
  | { kind: 'itemised'; invitedIds: string[] }
  /** The reply's Updates constructor lists nobody (updatesTooLong, the short forms). */
  | { kind: 'unitemised'; constructorName: string };

/** Telegram's own limit on people per channels.inviteToChannel (tdesktop kMaxUsersPerInvite). */
export const MAX_ADD_PER_REQUEST = 100;

/**
 * What one add request told us. Everyone in it not listed in `missing` is a member now (added,
 * or already in the group). `missing` are messages.invitedUsers' missing_invitees, each with
 * its catalogue code (which Premium flag Telegram set) and the raw flags as the message.
 */
export interface AddResult {
  missing: { personId: string; code: ErrorCode; message: string }[];
}

export interface InviteGateway {
  /** The call as Telegram describes it now (state, join-as, warnings). */
  getCall(callId: string): Promise<CallSummary>;
  /** Ids of everyone in the call right now (every page). */
  participantIds(callId: string): Promise<Set<string>>;
  /** The signed-in account. */
  self(): Promise<Person>;
  /**
   * People by id, from what the directory has seen (unknown ids are left out). With `callId`,
   * people this session has not seen are looked up first (the call's members, the contacts):
   * a planned run starts after a restart with ids only.
   */
  people(ids: readonly string[], callId?: string): Promise<Person[]>;
  /**
   * Whether the signed-in account is still a member of the call's chat: one request
   * (channels.getParticipant for itself, or messages.getFullChat for a basic group).
   */
  selfIsMember(callId: string): Promise<boolean>;
  /** One phone.inviteToGroupCall; throws AppError. */
  inviteBatch(callId: string, personIds: readonly string[]): Promise<BatchResult>;
  /**
   * One add request to the call's chat: channels.inviteToChannel (at most MAX_ADD_PER_REQUEST
   * people) for a supergroup, messages.addChatUser (exactly one person) for a basic group.
   * Telegram's refusal of the whole request is thrown as an AppError.
   */
  addToChat(callId: string, personIds: readonly string[]): Promise<AddResult>;
  /** phone.exportGroupCallInvite. */
  exportInviteLink(callId: string, role: 'listener' | 'speaker'): Promise<string>;
}
