// What the invite engine needs from Telegram, in plain shared/ types. electron/telegram/
// implements it with GramJS (inviteGateway.ts); the engine itself never sees a GramJS object.
// Telegram's refusals arrive as AppError: a catalogue code, Telegram's own error name as the
// message, and retryAfterSeconds for FLOOD_WAIT (see electron/telegram/errors.ts).
import type { CallSummary, Person } from '../../../shared/domain/people';
import type { AppError } from '../../../shared/ipc/result';

/** What one phone.inviteToGroupCall told us about who was invited. */
export type BatchResult =
  /** The reply carried the service message: exactly these ids were invited. */
  | { kind: 'itemised'; invitedIds: string[] }
  /** The reply's Updates constructor lists nobody (updatesTooLong, the short forms). */
  | { kind: 'unitemised'; constructorName: string };

export interface InviteGateway {
  /** The call as Telegram describes it now (state, join-as, warnings). */
  getCall(callId: string): Promise<CallSummary>;
  /** Ids of everyone in the call right now (every page). */
  participantIds(callId: string): Promise<Set<string>>;
  /** The signed-in account. */
  self(): Promise<Person>;
  /** People by id, from what the directory has seen (unknown ids are left out). */
  people(ids: readonly string[]): Promise<Person[]>;
  /**
   * Whether the signed-in account is still a member of the call's chat: one request
   * (channels.getParticipant for itself, or messages.getFullChat for a basic group).
   */
  selfIsMember(callId: string): Promise<boolean>;
  /** One phone.inviteToGroupCall; throws AppError. */
  inviteBatch(callId: string, personIds: readonly string[]): Promise<BatchResult>;
  /** Adds people to the call's chat (messages.addChatUser / channels.inviteToChannel); per-person failures. */
  addToChat(callId: string, personIds: readonly string[]): Promise<Map<string, AppError | null>>;
  /** phone.exportGroupCallInvite. */
  exportInviteLink(callId: string, role: 'listener' | 'speaker'): Promise<string>;
}
