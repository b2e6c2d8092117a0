// Help › Report a problem: a plain-text diagnostic for the clipboard. Versions, platform, the
// backend's state and the log's last lines, redacted twice over (the log's own redactor, then
// names of people, chats and usernames), so pasting it anywhere gives away no secret and no one.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { BackendStatus } from '../../shared/ipc/contract';
import { redact } from '../core/log';

export interface DiagnosticInput {
  appVersion: string;
  versions: Readonly<Record<string, string | null | undefined>>;
  platform: string;
  backendStatus: BackendStatus | null;
  recentLogLines: readonly string[];
}

const MAX_LINES = 200;
const MAX_LINE = 600;

/** Names of people and chats the app might have logged: values of name-like fields, @usernames. */
function withoutNames(line: string): string {
  return line
    .replace(/(["']?\b(?:name|firstName|lastName|first_name|last_name|title|username|displayName)\b["']?\s*[:=]\s*)(?:"[^"]*"|'[^']*'|[^\s,;}\]]+)/gi, '$1"[name]"')
    .replace(/(^|[^\w@])@[A-Za-z][\w]{3,31}\b/g, '$1@[user]');
}

export function buildDiagnostic(input: DiagnosticInput): string {
  const versions = Object.entries(input.versions)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const backend = input.backendStatus
    ? `${input.backendStatus.state}, target ${input.backendStatus.target}, credentials ${input.backendStatus.credentials}`
    : 'unknown';
  const lines = input.recentLogLines.slice(-MAX_LINES).map((line) => withoutNames(redact(line.slice(0, MAX_LINE))));
  return [
    'Rollcall diagnostic',
    `Version: ${input.appVersion}`,
    `Platform: ${input.platform}`,
    `Runtimes: ${versions}`,
    `Backend: ${backend}`,
    `Recent log (${lines.length} lines, secrets and names removed):`,
    ...lines,
  ].join('\n');
}

/** The last `count` lines of a log file (reads at most its last 256 KiB); [] when it can't be read. */
export function recentLogLines(path: string, count = MAX_LINES): string[] {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    const length = Math.min(size, 256 * 1024);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8').split('\n').filter(Boolean).slice(-count);
  } catch {
    return [];
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
