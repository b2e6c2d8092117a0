// Telegram's errors, mapped once to the catalogue's codes. Every GramJS call site funnels its
// failures through toAppError, so the renderer always gets a code it has words for, and
// Telegram's own error name travels along as the message (the details line).
import { errors } from 'telegram';
import { ERROR_CODES, type ErrorCode } from '../../shared/errors/codes';
import { AppError } from '../../shared/ipc/result';

/** Telegram error names that mean the same thing to an organiser as a catalogue code. */
const ALIASES: Record<string, ErrorCode> = {
  INPUT_USER_DEACTIVATED: 'USER_DEACTIVATED',
  USER_IS_BLOCKED: 'USER_BLOCKED',
  YOU_BLOCKED_USER: 'USER_BLOCKED',
  USER_BANNED_IN_CHANNEL: 'USER_KICKED',
  BOT_GROUPS_BLOCKED: 'USER_BOT',
  PEER_ID_INVALID: 'USER_ID_INVALID',
  PHONE_PASSWORD_FLOOD: 'PHONE_NUMBER_FLOOD',
  USER_DEACTIVATED_BAN: 'SESSION_REVOKED',
  SESSION_EXPIRED: 'SESSION_REVOKED',
  PHONE_NUMBER_OCCUPIED: 'PHONE_NUMBER_INVALID',
  API_ID_PUBLISHED_FLOOD: 'API_ID_INVALID',
  CHAT_WRITE_FORBIDDEN: 'CHAT_ADMIN_REQUIRED',
  USERS_TOO_FEW: 'CHAT_TYPE_INVALID',
  // Sign-in.
  AUTH_TOKEN_EXPIRED: 'QR_LOGIN_EXPIRED',
  AUTH_TOKEN_INVALID: 'QR_LOGIN_EXPIRED',
  AUTH_TOKEN_ALREADY_ACCEPTED: 'QR_LOGIN_EXPIRED',
  PHONE_CODE_HASH_EMPTY: 'AUTH_RESTART',
  SRP_ID_INVALID: 'PASSWORD_HASH_INVALID',
  SRP_PASSWORD_CHANGED: 'PASSWORD_HASH_INVALID',
  AUTH_KEY_INVALID: 'AUTH_KEY_UNREGISTERED',
  AUTH_KEY_PERM_EMPTY: 'AUTH_KEY_UNREGISTERED',
  AUTH_KEY_DUPLICATED: 'SESSION_REVOKED',
  // Finding calls and people.
  USERNAME_PURCHASE_AVAILABLE: 'USERNAME_NOT_OCCUPIED',
};

const KNOWN = new Set<string>(ERROR_CODES);

/** The catalogue code for a Telegram error name (e.g. "USER_ALREADY_INVITED"). */
export function codeForTelegramError(name: string): ErrorCode {
  if (/^FLOOD_(PREMIUM_|TEST_PHONE_)?WAIT_\d+$/.test(name)) return 'FLOOD_WAIT';
  // Own keys only: an error named "constructor" or "__proto__" must not reach Object.prototype.
  if (Object.hasOwn(ALIASES, name)) return ALIASES[name]!;
  return KNOWN.has(name) ? (name as ErrorCode) : 'TELEGRAM_UNKNOWN';
}

/** Turns anything a GramJS call threw into an AppError with a catalogue code. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof errors.FloodWaitError || error instanceof errors.SlowModeWaitError) {
    return new AppError('FLOOD_WAIT', `FLOOD_WAIT_${error.seconds}`, error.seconds);
  }
  if (error instanceof errors.RPCError) {
    const name = error.errorMessage || 'UNKNOWN';
    const code = codeForTelegramError(name);
    const seconds = /_(\d+)$/.exec(name)?.[1];
    return code === 'FLOOD_WAIT' && seconds ? new AppError(code, name, Number(seconds)) : new AppError(code, name);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/timed? ?out|TIMEOUT/i.test(message)) return new AppError('TIMEOUT', message.slice(0, 200));
  if (/ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EPIPE|Not connected|disconnected|connection closed/i.test(message)) {
    return new AppError('NETWORK_UNREACHABLE', message.slice(0, 200));
  }
  return new AppError('INTERNAL', message.slice(0, 200));
}
