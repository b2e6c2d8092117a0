import { describeError } from '../../../../shared/errors/catalogue';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useStore } from '../../store';

/** What the last audience change asked from this form did: saved (and which lines named nobody), or why not. */
export function AudienceNotices({ origin }: { origin: string }) {
  const notice = useStore((s) => (s.audienceNotice?.origin === origin ? s.audienceNotice : null));
  const error = useStore((s) => (s.audienceError?.origin === origin ? s.audienceError : null));
  return (
    <>
      {error ? <ErrorNotice error={error} compact /> : null}
      <div role="status" className="audience-notice">
        {notice ? <p>{notice.text}</p> : null}
        {notice && notice.unresolved.length > 0 ? (
          <>
            <p>Lines that named nobody Rollcall could find:</p>
            <ul aria-label="Lines not found">
              {notice.unresolved.map((line) => (
                <li key={line.lineNumber}>
                  Line {line.lineNumber} ({line.text}): {line.error ? describeError(line.error.code).title : ''}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </>
  );
}
