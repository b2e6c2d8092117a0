// Telegram links, read without asking Telegram: call links (t.me/NAME?videochat) and the
// username or phone links a pasted list may hold. Pure, so every way a link can be wrong has a
// unit test and its own catalogue code.
import { AppError } from '../../shared/ipc/result';

export type CallLinkKind = 'videochat' | 'voicechat' | 'livestream';

export interface CallLink {
  username: string;
  kind: CallLinkKind;
  /** The `=HASH` part of a speaker link; listener links have none. */
  inviteHash: string | null;
}

/** Telegram's public usernames: a letter, then letters, digits or underscores; 4 to 32 long. */
export const USERNAME = /^[a-z][a-z0-9_]{3,31}$/i;

const CALL_PARAMETERS: readonly CallLinkKind[] = ['videochat', 'voicechat', 'livestream'];
const TELEGRAM_HOSTS = new Set(['t.me', 'telegram.me', 'telegram.dog']);
/** First path segments that are Telegram features, not usernames. */
const RESERVED = new Set([
  'addemoji', 'addlist', 'addstickers', 'addtheme', 'bg', 'boost', 'confirmphone', 'contact', 'giftcode',
  'invoice', 'iv', 'login', 'm', 'proxy', 'setlanguage', 'share', 'socks',
]);

/** What a Telegram http(s) or tg: link points at, before any username is checked. */
export type TelegramTarget =
  | { kind: 'username'; username: string; params: URLSearchParams; extraPath: boolean }
  | { kind: 'phone'; phone: string }
  | { kind: 'privateInvite' }
  | { kind: 'message' }
  | { kind: 'other'; what: string };

export type LinkReading =
  | { kind: 'notALink' }
  | { kind: 'notTelegram'; host: string }
  | { kind: 'telegram'; target: TelegramTarget };

const quote = (text: string) => `“${text.length > 80 ? `${text.slice(0, 77)}…` : text}”`;

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function isTelegramHost(host: string): boolean {
  const bare = host.toLowerCase().replace(/^www\./, '');
  return TELEGRAM_HOSTS.has(bare) || /^[a-z0-9_]+\.t\.me$/.test(bare);
}

function readTgLink(url: URL): TelegramTarget {
  // tg://resolve?domain=NAME&videochat; tg:resolve?... too (no authority).
  const action = (url.host || url.pathname.replace(/^\/+/, '')).toLowerCase();
  if (action === 'resolve') {
    const domain = url.searchParams.get('domain');
    const phone = url.searchParams.get('phone');
    if (domain) return { kind: 'username', username: domain, params: url.searchParams, extraPath: false };
    if (phone) return { kind: 'phone', phone };
    return { kind: 'other', what: 'a tg://resolve link without a domain' };
  }
  if (action === 'join') return { kind: 'privateInvite' };
  if (action === 'privatepost') return { kind: 'message' };
  return { kind: 'other', what: `a tg://${action} link` };
}

function readHttpLink(url: URL): TelegramTarget {
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  // https://NAME.t.me is the same as https://t.me/NAME.
  const subdomain = /^([a-z0-9_]+)\.t\.me$/.exec(host)?.[1];
  if (subdomain) return { kind: 'username', username: subdomain, params: url.searchParams, extraPath: segments.length > 0 };
  const [first, ...rest] = segments;
  if (!first) return { kind: 'other', what: 'Telegram’s home page' };
  if (first.startsWith('+')) {
    const phone = first.slice(1);
    return /^\d{5,15}$/.test(phone) ? { kind: 'phone', phone } : { kind: 'privateInvite' };
  }
  const lower = first.toLowerCase();
  if (lower === 'joinchat') return { kind: 'privateInvite' };
  if (lower === 'c') return { kind: 'message' };
  // t.me/s/NAME is the web preview of a public channel.
  if (lower === 's' && rest[0]) return { kind: 'username', username: rest[0], params: url.searchParams, extraPath: rest.length > 1 };
  if (RESERVED.has(lower)) return { kind: 'other', what: `a t.me/${lower} link` };
  if (rest.length > 0 && /^\d+$/.test(rest[0]!)) return { kind: 'message' };
  return { kind: 'username', username: first, params: url.searchParams, extraPath: rest.length > 0 };
}

/**
 * Reads text as a Telegram link: http(s)://t.me/..., telegram.me, telegram.dog, NAME.t.me,
 * tg://resolve, or the same without a scheme ("t.me/NAME").
 */
export function readTelegramLink(input: string): LinkReading {
  const text = input.trim();
  if (!text || /\s/.test(text)) return { kind: 'notALink' };
  if (/^tg:/i.test(text)) {
    const url = parseUrl(text);
    return url ? { kind: 'telegram', target: readTgLink(url) } : { kind: 'notALink' };
  }
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(text);
  // Without a scheme, only something shaped like host.tld[/...] counts as a link.
  if (!hasScheme && !/^[a-z0-9_-]+(\.[a-z0-9-]+)+(?::\d+)?([/?#]|$)/i.test(text)) return { kind: 'notALink' };
  const url = parseUrl(hasScheme ? text : `https://${text}`);
  if (!url) return { kind: 'notALink' };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { kind: 'notTelegram', host: url.protocol.replace(/:$/, '') };
  if (!isTelegramHost(url.hostname)) return { kind: 'notTelegram', host: url.hostname };
  return { kind: 'telegram', target: readHttpLink(url) };
}

/** The call a link points at: username, kind and speaker hash. Throws AppError with a specific code. */
export function parseCallLink(input: string): CallLink {
  const reading = readTelegramLink(input);
  if (reading.kind === 'notALink') {
    throw new AppError('LINK_INVALID', `${quote(input.trim())} is not a link.`);
  }
  if (reading.kind === 'notTelegram') {
    throw new AppError('LINK_NOT_TELEGRAM', `${quote(reading.host)} is not a Telegram address.`);
  }
  const { target } = reading;
  switch (target.kind) {
    case 'phone':
      throw new AppError('LINK_NOT_A_CALL', 'This link opens a chat with a phone number, not a call.');
    case 'privateInvite':
      throw new AppError('LINK_NOT_A_CALL', 'This is an invite link to a private chat, not a call link.');
    case 'message':
      throw new AppError('LINK_NOT_A_CALL', 'This link points to a message, not a call.');
    case 'other':
      throw new AppError('LINK_NOT_A_CALL', `This is ${target.what}, not a call link.`);
    case 'username':
      break;
  }
  if (!USERNAME.test(target.username)) {
    throw new AppError('LINK_INVALID', `${quote(target.username)} can’t be a Telegram username, so the link is broken.`);
  }
  if (target.extraPath) {
    throw new AppError('LINK_NOT_A_CALL', `This link points inside @${target.username}, not to its call.`);
  }
  for (const [key, value] of target.params) {
    const kind = CALL_PARAMETERS.find((name) => name === key.toLowerCase());
    if (kind) return { username: target.username, kind, inviteHash: value || null };
  }
  throw new AppError('LINK_NOT_A_CALL', `This link opens @${target.username} but has no videochat, voicechat or livestream part.`);
}
