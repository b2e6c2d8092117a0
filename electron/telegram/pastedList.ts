// A pasted list of people, read line by line before anything is asked of Telegram: each line
// becomes a username or a phone number to resolve, or a catalogued reason why it can't. Phone
// numbers are kept in E.164 (digits only, no "+"): a national one ("07700 900123") is read in
// the organiser's region with libphonenumber-js; one that region doesn't make valid is read as
// before, as an international number written without its "+".
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { ErrorCode } from '../../shared/errors/codes';
import { USERNAME, readTelegramLink } from './callLink';

export type ListEntry =
  | { kind: 'username'; username: string; key: string }
  | { kind: 'phone'; phone: string; key: string }
  | { kind: 'invalid'; code: ErrorCode; message: string };

export interface ListLine {
  lineNumber: number;
  text: string;
  entry: ListEntry;
}

const PHONE_CHARS = /^\+?[\d\s().-]+$/;

function username(name: string): ListEntry {
  const bare = name.replace(/^@/, '');
  if (!USERNAME.test(bare)) {
    return { kind: 'invalid', code: 'USERNAME_INVALID', message: `“${bare.slice(0, 40)}” can’t be a Telegram username.` };
  }
  return { kind: 'username', username: bare, key: `u:${bare.toLowerCase()}` };
}

/** Longer than any phone number, however it is written: libphonenumber-js is not asked about it. */
const MAX_PHONE_TEXT = 40;

function phone(text: string, region: CountryCode | null, international: boolean): ListEntry {
  let digits = text.replace(/\D/g, '');
  if (!international && region && text.length <= MAX_PHONE_TEXT) {
    const parsed = parsePhoneNumberFromString(text, { defaultCountry: region });
    if (parsed?.isValid()) {
      const e164 = parsed.number.slice(1);
      return { kind: 'phone', phone: e164, key: `p:${e164}` };
    }
  }
  // "00" is the international prefix in most of the world: what follows is the country code.
  if (!international && /^\s*00/.test(text)) digits = digits.slice(2);
  if (digits.length < 5 || digits.length > 15) {
    return { kind: 'invalid', code: 'LINE_UNRECOGNISED', message: `${digits.length} digits is too short or too long for a phone number.` };
  }
  return { kind: 'phone', phone: digits, key: `p:${digits}` };
}

/**
 * Without trailing commas and semicolons, in one pass from the end. (The regex /[,;]+$/ retries
 * the whole run of separators from each start, quadratic: a 1 MB line took minutes.)
 */
function withoutTrailingSeparators(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === ',' || text[end - 1] === ';')) end -= 1;
  return text.slice(0, end);
}

/**
 * One line: @name, name, a t.me/telegram.me/tg:// link, or a phone number; `region` (ISO 3166
 * alpha-2, e.g. "GB") is where a number written without its country code is read.
 */
export function readListLine(text: string, region: CountryCode | null = null): ListEntry {
  // Lists pasted from spreadsheets or chats often carry trailing separators or angle brackets.
  const line = withoutTrailingSeparators(text.trim().replace(/^<(.*)>$/, '$1')).trim();
  if (PHONE_CHARS.test(line) && /\d/.test(line)) return phone(line, region, line.startsWith('+'));
  if (/^@?[\w]+$/.test(line)) return username(line);
  const reading = readTelegramLink(line);
  if (reading.kind === 'notTelegram') {
    return { kind: 'invalid', code: 'LINE_UNRECOGNISED', message: `“${reading.host}” is not a Telegram address.` };
  }
  if (reading.kind === 'notALink') {
    return { kind: 'invalid', code: 'LINE_UNRECOGNISED', message: 'Not a username, a t.me link or a phone number.' };
  }
  const { target } = reading;
  if (target.kind === 'username') return username(target.username);
  if (target.kind === 'phone') return phone(target.phone, null, true);
  const what = target.kind === 'privateInvite' ? 'an invite link to a private chat' : target.kind === 'message' ? 'a link to a message' : target.what;
  return { kind: 'invalid', code: 'LINE_UNRECOGNISED', message: `This is ${what}, not a link to a person.` };
}

/** Every non-blank line with its 1-based number. */
export function readPastedList(text: string, region: CountryCode | null = null): ListLine[] {
  const lines: ListLine[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed) lines.push({ lineNumber: index + 1, text: trimmed, entry: readListLine(trimmed, region) });
  });
  return lines;
}
