import { describeError } from '../../../shared/errors/catalogue';
import type { ErrorCode } from '../../../shared/errors/codes';

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

/** An error in the catalogue's words (title, meaning, what to do), plus what exactly happened this time. */
export function ErrorNotice({ error, id, alert = true, compact = false, className }: ErrorNoticeProps) {
  const entry = describeError(error.code);
  return (
    <div
      id={id}
      role={alert ? 'alert' : undefined}
      className={`error-notice${compact ? ' error-notice--compact' : ''}${className ? ` ${className}` : ''}`}
    >
      <p className="error-notice__title">{entry.title}</p>
      <p>{entry.meaning}</p>
      <p className="error-notice__action">{entry.action}</p>
      {error.message ? <p className="error-notice__detail">Details: {error.message}</p> : null}
    </div>
  );
}

/** A catalogued reason as one line of plain text, for dense places (a run's rows). */
export function ErrorLine({ error }: { error: ShownError }) {
  const entry = describeError(error.code);
  return (
    <span className="error-line">
      <strong>{entry.title}.</strong> {entry.meaning} {entry.action}
      {error.message ? <span className="error-line__detail"> Details: {error.message}</span> : null}
    </span>
  );
}
