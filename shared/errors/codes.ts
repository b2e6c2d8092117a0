// Every error code the app can show. The catalogue (catalogue.ts) gives each its words; nothing
// else in the app invents error text. Telegram's own error names are kept where they exist
// (FLOOD_WAIT_X becomes FLOOD_WAIT with retryAfterSeconds).
export const ERROR_CODES = [
  // The IPC boundary and the app itself.
  'INVALID_REQUEST',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'INTERNAL',
  'BACKEND_UNREACHABLE',
  'PREVIEW_TOKEN_NEEDED',
  'SANDBOX_FAILED',
  'STORAGE_FAILED',
  'WINDOW_CRASHED',
  'WINDOW_UNRESPONSIVE',

  // Network.
  'NETWORK_UNREACHABLE',
  'TIMEOUT',

  // Credentials and sign-in.
  'CREDENTIALS_MISSING',
  'CREDENTIALS_INVALID',
  'API_ID_INVALID',
  'NOT_SIGNED_IN',
  'AUTH_KEY_UNREGISTERED',
  'SESSION_REVOKED',
  'AUTH_RESTART',
  'PHONE_NUMBER_INVALID',
  'PHONE_NUMBER_BANNED',
  'PHONE_NUMBER_FLOOD',
  'PHONE_NUMBER_UNOCCUPIED',
  'PHONE_CODE_EMPTY',
  'PHONE_CODE_INVALID',
  'PHONE_CODE_EXPIRED',
  'PASSWORD_EMPTY',
  'PASSWORD_HASH_INVALID',
  'QR_LOGIN_EXPIRED',
  'SIGN_IN_STEP_INVALID',

  // Finding calls and people.
  'CALL_NOT_FOUND',
  'LINK_INVALID',
  'LINK_NOT_TELEGRAM',
  'LINK_NOT_A_CALL',
  'LINK_NO_ACTIVE_CALL',
  'USERNAME_INVALID',
  'USERNAME_NOT_OCCUPIED',
  'PHONE_NOT_OCCUPIED',
  'NOT_A_PERSON',
  'LINE_UNRECOGNISED',
  'CHAT_ADMIN_REQUIRED',

  // phone.inviteToGroupCall and adding people to the group.
  'GROUPCALL_FORBIDDEN',
  'GROUPCALL_NOT_ALLOWED',
  'GROUPCALL_JOIN_MISSING',
  'SELF_NOT_PARTICIPANT',
  'GROUPCALL_INVALID',
  'INVITE_FORBIDDEN_WITH_JOINAS',
  'CHAT_TYPE_INVALID',
  // Pre-flight: what official clients check before they offer invites at all (issue 9, item 10).
  'PREFLIGHT_BROADCAST',
  'PREFLIGHT_CANNOT_SEND',
  'PREFLIGHT_NOT_JOINED',
  'USER_ALREADY_INVITED',
  'USER_NOT_PARTICIPANT',
  'USER_PRIVACY_RESTRICTED',
  'USER_NOT_MUTUAL_CONTACT',
  'USER_BLOCKED',
  'USER_KICKED',
  'USER_CHANNELS_TOO_MUCH',
  'USERS_TOO_MUCH',
  'USER_BOT',
  'USER_DEACTIVATED',
  'USER_ID_INVALID',
  // Adding people to the group (channels.inviteToChannel, messages.addChatUser; issue 9, item 11).
  'PREMIUM_NEEDED_TO_ADD',
  'PREMIUM_NEEDED_TO_ADD_AND_MESSAGE',
  'ADD_REFUSED_CANNOT_MESSAGE',
  'CHAT_MEMBER_ADD_FAILED',
  'CHANNEL_PRIVATE',
  'PEER_FLOOD',
  'ACCOUNT_COOLING_DOWN',
  'ACCOUNT_LIMITS_DAMAGED',
  'FLOOD_WAIT',
  'FLOOD_WAIT_LONG',
  'PACING_WAIT',
  'INVITE_UNCONFIRMED',
  'PUBLIC_CHANNEL_MISSING',
  'RUN_CANCELLED',
  'RUN_NOT_FOUND',
  'RUN_ALREADY_ACTIVE',

  // Anything Telegram says that we don't know yet.
  'TELEGRAM_UNKNOWN',
  'TELEGRAM_UNKNOWN_STOPPED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
