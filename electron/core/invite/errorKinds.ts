// What an error on one phone.inviteToGroupCall means for the run. Telegram answers a request
// with one error even when it concerns one person of ten, so the engine must know which codes
// are about a person (isolate them by splitting the batch), which are about the whole call
// (stop), which mean "wait" (flood) and which leave the outcome unknown (network).
import type { ErrorCode } from '../../../shared/errors/codes';
import type { InviteStatus } from '../../../shared/domain/invite';

export type ErrorKind = 'person' | 'call' | 'flood' | 'network';

/**
 * Codes that concern one person of the batch. TELEGRAM_UNKNOWN is here on purpose: an error we
 * have no words for is isolated to the person who triggers it rather than stopping everyone.
 * USERS_TOO_MUCH too: a batch larger than Telegram accepts shrinks by splitting.
 */
const PERSON_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'USER_ALREADY_INVITED',
  'USER_NOT_PARTICIPANT',
  'USER_PRIVACY_RESTRICTED',
  'USER_NOT_MUTUAL_CONTACT',
  'USER_BLOCKED',
  'USER_KICKED',
  'USER_CHANNELS_TOO_MUCH',
  'USER_BOT',
  'USER_DEACTIVATED',
  'USER_ID_INVALID',
  'USERS_TOO_MUCH',
  'TELEGRAM_UNKNOWN',
]);

const NETWORK_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['NETWORK_UNREACHABLE', 'TIMEOUT']);

/**
 * Everything else stops the run: GROUPCALL_FORBIDDEN, GROUPCALL_INVALID,
 * INVITE_FORBIDDEN_WITH_JOINAS, CHAT_TYPE_INVALID, the signed-out family, PEER_FLOOD, and the
 * app's own failures (a journal that can't be written must not let anything be sent).
 */
export function errorKind(code: ErrorCode): ErrorKind {
  if (code === 'FLOOD_WAIT') return 'flood';
  if (NETWORK_CODES.has(code)) return 'network';
  if (PERSON_CODES.has(code)) return 'person';
  return 'call';
}

/** The final status of a person whom Telegram refused with this person-level code. */
export function statusForPersonError(code: ErrorCode): InviteStatus {
  if (code === 'USER_ALREADY_INVITED') return 'alreadyInvited';
  if (code === 'USER_NOT_PARTICIPANT') return 'notMember';
  return 'failed';
}

/** What an error on one add request (channels.inviteToChannel, messages.addChatUser) means. */
export type AddErrorKind = 'person' | 'call' | 'flood' | 'network' | 'unknown';

/**
 * Codes that concern one person of an add request (Telegram's add-error lists; the sandbox fails
 * the whole request with one person's error, so the request is split to find whose it is).
 * USERS_TOO_MUCH is not here: requests carry at most 100 people, so it means the group is full.
 */
const ADD_PERSON_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'USER_PRIVACY_RESTRICTED',
  'USER_NOT_MUTUAL_CONTACT',
  'USER_CHANNELS_TOO_MUCH',
  'USER_KICKED',
  'CHAT_MEMBER_ADD_FAILED',
  'USER_BOT',
  'USER_BLOCKED',
  'USER_DEACTIVATED',
  'USER_ID_INVALID',
]);

/**
 * Adding is where accounts get limited, so an error Rollcall doesn't know stops at once (no
 * benefit of the doubt, unlike invites); CHAT_ADMIN_REQUIRED, CHANNEL_PRIVATE, USERS_TOO_MUCH,
 * PEER_FLOOD and the signed-out family stop too.
 */
export function addErrorKind(code: ErrorCode): AddErrorKind {
  if (code === 'FLOOD_WAIT') return 'flood';
  if (NETWORK_CODES.has(code)) return 'network';
  if (code === 'TELEGRAM_UNKNOWN') return 'unknown';
  if (ADD_PERSON_CODES.has(code)) return 'person';
  return 'call';
}
