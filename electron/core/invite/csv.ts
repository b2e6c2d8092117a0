// A run as CSV, one row per person, reasons in the catalogue's words in the window's language (the
// column headers and codes stay English: they are for machines). Names and usernames come from
// other Telegram users, so cells that a spreadsheet would run as a formula are escaped.
import Papa from 'papaparse';
import { minutesAfterInvite, type RunSnapshot, type SkipReason } from '../../../shared/domain/invite';
import { errorTextKeys } from '../../../shared/errors/catalogue';
import type { ErrorCode } from '../../../shared/errors/codes';
import type { MessageKey } from '../../../shared/i18n/catalogues';
import { createTranslator, type Translator } from '../../../shared/i18n/translate';

export const CSV_COLUMNS = ['name', 'username', 'id', 'status', 'reason code', 'reason text', 'attempts', 'updated at', 'joined_at', 'left_at', 'minutes_after_invite'] as const;

/** Why someone was left out; not errors, so not in the error catalogue. */
const SKIP_TEXT = {
  self: 'main.export.skipped.self',
  bot: 'main.export.skipped.bot',
  deleted: 'main.export.skipped.deleted',
  inCall: 'main.export.skipped.inCall',
  invitedBefore: 'main.export.skipped.invitedBefore',
} as const satisfies Record<SkipReason, MessageKey>;

export function runToCsv(snapshot: RunSnapshot, words: Translator = createTranslator('en')): { fileName: string; csv: string } {
  const rows = snapshot.people.map((p) => {
    const [code, text] = p.error
      ? [p.error.code, reasonText(words, p.error.code, p.error.message)]
      : p.skipReason
        ? [`skipped:${p.skipReason}`, words.t(SKIP_TEXT[p.skipReason])]
        : ['', ''];
    const minutes = minutesAfterInvite(p);
    return [
      p.name,
      p.username ?? '',
      p.personId,
      p.status,
      code,
      text,
      String(p.attempts),
      new Date(p.updatedAt).toISOString(),
      p.joinedAt != null ? new Date(p.joinedAt).toISOString() : '',
      p.leftAt != null ? new Date(p.leftAt).toISOString() : '',
      minutes === null ? '' : String(minutes),
    ];
  });
  const csv = Papa.unparse({ fields: [...CSV_COLUMNS], data: rows }, { escapeFormulae: true, newline: '\r\n' });
  return { fileName: `${fileStem(snapshot.run.call.chatTitle)}-${snapshot.run.id}.csv`, csv };
}

/** The catalogue's title and meaning, then this time's details when they add something. */
function reasonText(words: Translator, code: ErrorCode, message: string): string {
  const keys = errorTextKeys(code);
  const details = message && message !== code ? ` ${words.t('common.error.details')} ${message}` : '';
  return `${words.t('common.error.titleEnd', { title: words.t(keys.title) })} ${words.t(keys.meaning)}${details}`;
}

/** A file name's start from a title: `rollcall-<title in plain letters>`. */
export function fileStem(title: string): string {
  const stem = title
    .normalize('NFKD')
    .replace(/[^\w -]+/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .toLowerCase()
    .slice(0, 40);
  return stem ? `rollcall-${stem}` : 'rollcall';
}
