// Rollcall's log: levels, one redactor applied to every line, and the sinks (a rotated file in
// Node, electron-log in the Electron host). Node-only, no `electron` import: the same logger runs
// in the main process, behind the web preview and in tests.
//
// Belt and braces: every line passes the pattern redactor (GramJS session strings, 32-hex
// api_hash, long hex/base64 blobs such as auth keys, codes and passwords in named fields, phone
// numbers) AND an exact replacement of every secret the app knows at runtime (the api_hash, the
// session string and its auth key, the login code and password of a sign-in), registered in
// `logSecrets` by whoever holds them.
import { appendFileSync, chmodSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
const LEVEL_RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/** Where finished (already redacted) lines go. */
export type LogSink = (level: LogLevel, line: string) => void;

export interface Logger {
  error(message: string, error?: unknown): void;
  warn(message: string, error?: unknown): void;
  info(message: string, detail?: unknown): void;
  debug(message: string, detail?: unknown): void;
}

// ---------------------------------------------------------------------------------------------
// Known secrets.

/** Shorter values are not replaced exactly (they would blank unrelated digits); patterns still apply. */
const MIN_EXACT_SECRET = 4;
/** Codes and passwords of past sign-ins kept for replacement (the newest). */
const MAX_TRANSIENT = 16;

export class SecretRegistry {
  private readonly lasting = new Map<string, string>();
  private readonly transient: string[] = [];

  /** A secret replaced in every line from now on (api_hash, session string, key bytes). */
  add(secret: string | null | undefined, label = 'secret'): void {
    if (!secret || secret.length < MIN_EXACT_SECRET) return;
    this.lasting.set(secret, label);
  }

  /** A sign-in's code or password: replaced too, the newest few kept. */
  addTransient(secret: string | null | undefined): void {
    if (!secret || secret.length < MIN_EXACT_SECRET || this.transient.includes(secret)) return;
    this.transient.push(secret);
    if (this.transient.length > MAX_TRANSIENT) this.transient.shift();
  }

  /** A GramJS session string: the string itself and its auth key (hex and base64). */
  addSession(session: string | null | undefined): void {
    if (!session) return;
    this.add(session, 'session');
    const key = authKeyOfSession(session);
    if (key) {
      this.add(key.toString('hex'), 'auth-key');
      this.add(key.toString('base64'), 'auth-key');
      this.add(key.toString('base64url'), 'auth-key');
    }
  }

  /** Replaces every known secret, longest first (a key inside a session string is still found). */
  apply(text: string): string {
    const entries: [string, string][] = [...this.lasting, ...this.transient.map((s): [string, string] => [s, 'secret'])];
    entries.sort((a, b) => b[0].length - a[0].length);
    let out = text;
    for (const [secret, label] of entries) {
      if (out.includes(secret)) out = out.split(secret).join(`[${label} redacted]`);
    }
    return out;
  }

  clear(): void {
    this.lasting.clear();
    this.transient.length = 0;
  }
}

/** The process's registry: every logger made without its own uses it. */
export const logSecrets = new SecretRegistry();

/**
 * The auth key inside a GramJS StringSession ('1' + base64 of dcId(1) ipLength(2) ip port(2)
 * key(256)); null when the string is not one.
 */
export function authKeyOfSession(session: string): Buffer | null {
  if (!session.startsWith('1')) return null;
  try {
    const bytes = Buffer.from(session.slice(1), 'base64');
    if (bytes.length < 3) return null;
    const ipLength = bytes.readUInt16BE(1);
    const keyStart = 1 + 2 + ipLength + 2;
    const key = bytes.subarray(keyStart);
    return key.length === 256 ? Buffer.from(key) : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Patterns.

const SECRET_FIELD = String.raw`(?:api[_-]?hash|apiHash|session(?:String)?|auth[_-]?key|authKey|password|passwd|phone[_-]?code|phoneCode|login[_-]?code|loginCode|token|\w*hash|srp\w*|2fa)`;

const PATTERNS: [RegExp, string | ((match: string, ...groups: string[]) => string)][] = [
  // A GramJS StringSession: '1' then base64 of at least the 256-byte key (~350 characters).
  [/\b1[A-Za-z0-9+/]{300,}={0,2}/g, '[session redacted]'],
  // Named secrets in JSON, key=value, key: value (quoted or not).
  [
    new RegExp(String.raw`(["']?\b${SECRET_FIELD}\b["']?\s*[:=]\s*)(?:"[^"]*"|'[^']*'|[^\s,;}\])]+)`, 'gi'),
    (_match, prefix) => `${prefix}"[redacted]"`,
  ],
  // A login code in a plain "code" field (error codes such as "PHONE_CODE_INVALID" stay).
  [/(["']?\bcode\b["']?\s*[:=]\s*)(?:"\d{3,10}"|'\d{3,10}'|\d{3,10}\b)/gi, (_match, prefix) => `${prefix}"[redacted]"`],
  // Bytes written out: a Buffer's inspect (<Buffer 1f 2a ...>) or a byte array.
  [/<Buffer(?: [0-9a-f]{2}){8,}(?: \.\.\. \d+ more bytes)?>/gi, '<Buffer [redacted]>'],
  [/\[(?:\s*\d{1,3}\s*,){16,}\s*\d{1,3}\s*\]/g, '[bytes redacted]'],
  // Long hex: an auth key (512), a hash; and any 32-hex run (the api_hash's shape).
  [/\b[0-9a-fA-F]{32,}\b/g, '[hex redacted]'],
  // Long base64 blobs (keys, tokens, sessions in other encodings).
  [/[A-Za-z0-9+/_-]{64,}={0,2}/g, '[blob redacted]'],
  // Phone numbers: the country code and last two digits stay.
  [/(?<![\w.:/-])\+?(\d{1,3})[ -]?(\d[\d -]{4,12})(\d{2})(?![\w.:-])/g, (_m, head: string, _middle: string, tail: string) => `+${head}…${tail}`],
];

/** Redacts a finished line: known secrets first (exact), then the patterns. */
export function redact(text: string, secrets: SecretRegistry = logSecrets): string {
  let out = secrets.apply(text);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement as string);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Formatting.

const MAX_DETAIL = 4000;

function describe(value: unknown, depth = 0): string {
  if (value instanceof Error) {
    const code = (value as { code?: unknown; errorMessage?: unknown }).code ?? (value as { errorMessage?: unknown }).errorMessage;
    const head = `${value.name}: ${value.message}${code !== undefined && !String(value.message).includes(String(code)) ? ` [${String(code)}]` : ''}`;
    const stack = value.stack ? value.stack.split('\n').slice(1, 12).join('\n') : '';
    const cause = depth < 3 && value.cause !== undefined ? `\ncaused by ${describe(value.cause, depth + 1)}` : '';
    return `${head}${stack ? `\n${stack}` : ''}${cause}`;
  }
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? '<bytes>' : v));
  } catch {
    return String(value);
  }
}

/** One line (or a few, for a stack) as written: time, level, message, detail; redacted. */
export function formatLine(level: LogLevel, message: string, detail?: unknown, now: Date = new Date(), secrets: SecretRegistry = logSecrets): string {
  let text = `${now.toISOString()} [${level}] ${message}`;
  if (detail !== undefined && detail !== '') text += ` ${describe(detail).slice(0, MAX_DETAIL)}`;
  return redact(text, secrets);
}

export interface LoggerOptions {
  sinks: LogSink[];
  /** The least severe level written; default info. */
  level?: LogLevel;
  secrets?: SecretRegistry;
  now?: () => Date;
}

export function createLogger(options: LoggerOptions): Logger {
  const threshold = LEVEL_RANK[options.level ?? 'info'];
  const secrets = options.secrets ?? logSecrets;
  const write = (level: LogLevel) => (message: string, detail?: unknown) => {
    if (LEVEL_RANK[level] > threshold) return;
    const line = formatLine(level, message, detail, options.now?.() ?? new Date(), secrets);
    for (const sink of options.sinks) {
      try {
        sink(level, line);
      } catch {
        // A full disk must not take the app down with it.
      }
    }
  };
  return { error: write('error'), warn: write('warn'), info: write('info'), debug: write('debug') };
}

// ---------------------------------------------------------------------------------------------
// Sinks.

export const LOG_FILE_NAME = 'main.log';
export const DEFAULT_MAX_LOG_BYTES = 2 * 1024 * 1024;

/**
 * Appends to DIR/main.log (0600, the folder 0700); past maxBytes the file becomes main.old.log
 * (replacing the previous one) and a new one starts, so at most twice maxBytes stay on disk.
 */
export function fileSink(dir: string, options: { maxBytes?: number; fileName?: string } = {}): LogSink {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_LOG_BYTES;
  const fileName = options.fileName ?? LOG_FILE_NAME;
  const path = join(dir, fileName);
  const old = join(dir, fileName.replace(/\.log$/, '') + '.old.log');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return (_level, line) => {
    if (existsSync(path) && statSync(path).size + line.length > maxBytes) renameSync(path, old);
    appendFileSync(path, `${line}\n`, { mode: 0o600 });
    if (process.platform !== 'win32') chmodSync(path, 0o600);
  };
}

export const consoleSink: LogSink = (level, line) => {
  (level === 'error' ? console.error : level === 'warn' ? console.warn : console.log)(line);
};

/**
 * Logs the process's unhandled rejections and uncaught exceptions (never silently dropped). An
 * uncaught exception is logged and the process goes on: a run in flight is worth more than a
 * clean exit, and the journal survives either way. Returns the uninstaller.
 */
export function logProcessFailures(
  proc: Pick<NodeJS.Process, 'on' | 'off'>,
  logger: Pick<Logger, 'error'>,
): () => void {
  const rejection = (reason: unknown) => logger.error('unhandled promise rejection', reason);
  const exception = (error: unknown) => logger.error('uncaught exception', error);
  proc.on('unhandledRejection', rejection);
  proc.on('uncaughtException', exception);
  return () => {
    proc.off('unhandledRejection', rejection);
    proc.off('uncaughtException', exception);
  };
}
