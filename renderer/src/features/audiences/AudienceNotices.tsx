import { FormattedMessage } from 'react-intl';
import type { ErrorCode } from '../../../../shared/errors/codes';
import type { ResolvedLine } from '../../../../shared/ipc/contract';
import { ErrorNotice, useErrorText } from '../../components/ErrorNotice';
import { useT } from '../../i18n/useT';
import { useStore } from '../../store';
import type { AudienceOutcome } from './audiencesSlice';

/** The outcome in a sentence; the audience's and the file's names isolated. */
function Outcome({ outcome }: { outcome: AudienceOutcome }) {
  switch (outcome.kind) {
    case 'saved':
    case 'changed':
      return (
        <FormattedMessage
          id={outcome.kind === 'saved' ? 'audiences.notice.saved' : 'audiences.notice.changed'}
          values={{ name: <bdi>{outcome.name}</bdi>, count: outcome.count }}
        />
      );
    case 'renamed':
      return <FormattedMessage id="audiences.notice.renamed" values={{ name: <bdi>{outcome.name}</bdi> }} />;
    case 'deleted':
      return outcome.name === null ? (
        <FormattedMessage id="audiences.notice.deletedUnnamed" />
      ) : (
        <FormattedMessage id="audiences.notice.deleted" values={{ name: <bdi>{outcome.name}</bdi> }} />
      );
    case 'exported':
      return <FormattedMessage id="audiences.notice.exported" values={{ fileName: <bdi>{outcome.fileName}</bdi> }} />;
  }
}

function ErrorTitle({ code }: { code: ErrorCode }) {
  return useErrorText(code).title;
}

/** A line that named nobody: its number, its text (left to right) and the catalogue's title for why. */
function UnresolvedLine({ line }: { line: ResolvedLine }) {
  return (
    <FormattedMessage
      id="audiences.notice.unresolvedLine"
      values={{ line: line.lineNumber, text: <bdi dir="ltr">{line.text}</bdi>, reason: line.error ? <ErrorTitle code={line.error.code} /> : '' }}
    />
  );
}

/** What the last audience change asked from this form did: saved (and which lines named nobody), or why not. */
export function AudienceNotices({ origin }: { origin: string }) {
  const t = useT();
  const notice = useStore((s) => (s.audienceNotice?.origin === origin ? s.audienceNotice : null));
  const error = useStore((s) => (s.audienceError?.origin === origin ? s.audienceError : null));
  return (
    <>
      {error ? <ErrorNotice error={error} compact /> : null}
      <div role="status" className="audience-notice">
        {notice ? (
          <p>
            <Outcome outcome={notice.outcome} />
          </p>
        ) : null}
        {notice && notice.unresolved.length > 0 ? (
          <>
            <p>{t('audiences.notice.unresolved')}</p>
            <ul aria-label={t('audiences.notice.unresolvedList')}>
              {notice.unresolved.map((line) => (
                <li key={line.lineNumber}>
                  <UnresolvedLine line={line} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </>
  );
}
