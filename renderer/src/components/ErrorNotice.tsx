import { errorTextKeys } from '../../../shared/errors/catalogue';
import type { ErrorCode } from '../../../shared/errors/codes';
import { useT } from '../i18n/useT';

export interface ShownError {
  code: ErrorCode;
  message: string;
}

interface ErrorNoticeProps {
  error: ShownError;
  /** For aria-describedby on the field the error belongs to. */
  id?: string;
  /** Announce it (role=alert) — true for errors that answer what the organiser just did. */
  alert?: boolean;
  /** Smaller, inline under a field or in a row. */
  compact?: boolean;
  className?: string;
}

/** The catalogue's words for an error, in the window's language. */
export function useErrorText(code: ErrorCode): { title: string; meaning: string; action: string } {
  const t = useT();
  const keys = errorTextKeys(code);
  return { title: t(keys.title), meaning: t(keys.meaning), action: t(keys.action) };
}

/**
 * An error in the catalogue's words (title, meaning, what to do), plus what exactly happened this
 * time. The details are Telegram's or the system's own words, shown as they came, left to right.
 */
export function ErrorNotice({ error, id, alert = true, compact = false, className }: ErrorNoticeProps) {
  const t = useT();
  const entry = useErrorText(error.code);
  return (
    <div
      id={id}
      role={alert ? 'alert' : undefined}
      className={`error-notice${compact ? ' error-notice--compact' : ''}${className ? ` ${className}` : ''}`}
    >
      <p className="error-notice__title">{entry.title}</p>
      <p>{entry.meaning}</p>
      <p className="error-notice__action">{entry.action}</p>
      {error.message ? (
        <p className="error-notice__detail">
          {t('common.error.details')} <bdi>{error.message}</bdi>
        </p>
      ) : null}
    </div>
  );
}

/** A catalogued reason as one line of plain text, for dense places (a run's rows). */
export function ErrorLine({ error }: { error: ShownError }) {
  const t = useT();
  const entry = useErrorText(error.code);
  return (
    <span className="error-line">
      <strong>{t('common.error.titleEnd', { title: entry.title })}</strong> {entry.meaning} {entry.action}
      {error.message ? (
        <span className="error-line__detail">
          {' '}
          {t('common.error.details')} <bdi>{error.message}</bdi>
        </span>
      ) : null}
    </span>
  );
}
