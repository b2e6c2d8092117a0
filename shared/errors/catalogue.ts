import type { ErrorCode } from './codes';

/**
 * How Rollcall treats each error. Its words (a title, what it means, what to do) are messages,
 * in every language: shared/i18n/messages/<locale>/errors.json, keys errors.<CODE>.title|meaning|action.
 */
export interface CatalogueEntry {
  /** Whether trying the same thing again later can succeed. */
  retryable: boolean;
  /** Whom it concerns: one person, the whole call or run, the sign-in, or the app. */
  scope: 'person' | 'call' | 'signIn' | 'app';
}

const entry = (scope: CatalogueEntry['scope'], retryable: boolean): CatalogueEntry => ({ scope, retryable });

/** The one place errors are listed. The renderer shows their messages; nothing else invents them. */
export const ERROR_CATALOGUE: Record<ErrorCode, CatalogueEntry> = {
  INVALID_REQUEST: entry('app', false),
  UNKNOWN_CHANNEL: entry('app', false),
  FORBIDDEN_SENDER: entry('app', false),
  WINDOW_CRASHED: entry('app', false),
  WINDOW_UNRESPONSIVE: entry('app', false),
  INTERNAL: entry('app', true),
  BACKEND_UNREACHABLE: entry('app', true),
  PREVIEW_TOKEN_NEEDED: entry('app', false),
  SANDBOX_FAILED: entry('app', true),
  STORAGE_FAILED: entry('app', true),

  NETWORK_UNREACHABLE: entry('app', true),
  TIMEOUT: entry('app', true),

  CREDENTIALS_MISSING: entry('signIn', false),
  CREDENTIALS_INVALID: entry('signIn', false),
  API_ID_INVALID: entry('signIn', false),
  NOT_SIGNED_IN: entry('signIn', false),
  AUTH_KEY_UNREGISTERED: entry('signIn', false),
  SESSION_REVOKED: entry('signIn', false),
  AUTH_RESTART: entry('signIn', true),
  PHONE_NUMBER_INVALID: entry('signIn', false),
  PHONE_NUMBER_BANNED: entry('signIn', false),
  PHONE_NUMBER_FLOOD: entry('signIn', true),
  PHONE_NUMBER_UNOCCUPIED: entry('signIn', false),
  PHONE_CODE_EMPTY: entry('signIn', false),
  PHONE_CODE_INVALID: entry('signIn', false),
  PHONE_CODE_EXPIRED: entry('signIn', true),
  PASSWORD_EMPTY: entry('signIn', false),
  PASSWORD_HASH_INVALID: entry('signIn', false),
  QR_LOGIN_EXPIRED: entry('signIn', true),
  SIGN_IN_STEP_INVALID: entry('signIn', false),

  CALL_NOT_FOUND: entry('call', false),
  LINK_INVALID: entry('call', false),
  LINK_NOT_TELEGRAM: entry('call', false),
  LINK_NOT_A_CALL: entry('call', false),
  LINK_NO_ACTIVE_CALL: entry('call', false),
  USERNAME_INVALID: entry('person', false),
  USERNAME_NOT_OCCUPIED: entry('person', false),
  PHONE_NOT_OCCUPIED: entry('person', false),
  NOT_A_PERSON: entry('person', false),
  LINE_UNRECOGNISED: entry('person', false),
  CHAT_ADMIN_REQUIRED: entry('call', false),

  GROUPCALL_FORBIDDEN: entry('call', false),
  GROUPCALL_NOT_ALLOWED: entry('call', false),
  GROUPCALL_JOIN_MISSING: entry('call', false),
  SELF_NOT_PARTICIPANT: entry('call', false),
  GROUPCALL_INVALID: entry('call', false),
  INVITE_FORBIDDEN_WITH_JOINAS: entry('call', false),
  CHAT_TYPE_INVALID: entry('call', false),
  PREFLIGHT_BROADCAST: entry('call', false),
  PREFLIGHT_CANNOT_SEND: entry('call', false),
  PREFLIGHT_NOT_JOINED: entry('call', false),
  USER_ALREADY_INVITED: entry('person', false),
  USER_NOT_PARTICIPANT: entry('person', true),
  USER_PRIVACY_RESTRICTED: entry('person', false),
  USER_NOT_MUTUAL_CONTACT: entry('person', false),
  USER_BLOCKED: entry('person', false),
  USER_KICKED: entry('person', false),
  USER_CHANNELS_TOO_MUCH: entry('person', false),
  USERS_TOO_MUCH: entry('call', false),
  USER_BOT: entry('person', false),
  USER_DEACTIVATED: entry('person', false),
  USER_ID_INVALID: entry('person', false),
  PREMIUM_NEEDED_TO_ADD: entry('person', false),
  PREMIUM_NEEDED_TO_ADD_AND_MESSAGE: entry('person', false),
  ADD_REFUSED_CANNOT_MESSAGE: entry('person', false),
  CHAT_MEMBER_ADD_FAILED: entry('person', false),
  CHANNEL_PRIVATE: entry('call', false),
  PEER_FLOOD: entry('call', true),
  ACCOUNT_COOLING_DOWN: entry('call', true),
  ACCOUNT_LIMITS_DAMAGED: entry('call', true),
  FLOOD_WAIT: entry('call', true),
  FLOOD_WAIT_LONG: entry('call', true),
  PACING_WAIT: entry('call', true),
  INVITE_UNCONFIRMED: entry('person', true),
  PUBLIC_CHANNEL_MISSING: entry('call', false),
  RUN_CANCELLED: entry('call', true),
  RUN_NOT_FOUND: entry('app', false),
  AUDIENCE_NOT_FOUND: entry('app', false),
  AUDIENCE_EMPTY: entry('app', false),
  AUDIENCE_TOO_LARGE: entry('app', false),
  AUDIENCE_CSV_UNREADABLE: entry('app', false),
  AUDIENCE_PERSON_NOT_FOUND: entry('person', false),
  CALL_NOT_STARTED: entry('call', true),
  PLANNED_RUN_NOT_FOUND: entry('app', false),
  PLANNED_RUN_EXISTS: entry('call', false),
  PLANNED_CALL_GONE: entry('call', false),
  PLANNED_CALL_STARTED: entry('call', false),
  RUN_ALREADY_ACTIVE: entry('call', true),

  TELEGRAM_UNKNOWN: entry('person', true),
  TELEGRAM_UNKNOWN_STOPPED: entry('call', true),
};

export const describeError = (code: ErrorCode): CatalogueEntry => ERROR_CATALOGUE[code];

/** The message keys of a code's three texts (shared/i18n/messages/<locale>/errors.json). */
export const errorTextKeys = (code: ErrorCode) =>
  ({ title: `errors.${code}.title`, meaning: `errors.${code}.meaning`, action: `errors.${code}.action` }) as const;
