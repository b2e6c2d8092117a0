import { useId } from 'react';
import { FormattedMessage } from 'react-intl';
import type { RunHeader } from '../../../../shared/domain/invite';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n/useT';
import { useFormat } from '../../lib/format';
import { useStore } from '../../store';
import { CallName, callNameText } from '../../components/CallName';
import { doneCount } from './runSelection';

/**
 * Runs a crash or quit interrupted, of the signed-in account. Rollcall never resumes them by
 * itself: each waits here until the organiser resumes it or ends it without sending.
 */
export function InterruptedRuns() {
  const id = useId();
  const runs = useStore((s) => s.interrupted);
  const error = useStore((s) => s.interruptedError);
  const t = useT();
  if (runs.length === 0 && !error) return null;
  return (
    <section className="panel interrupted-runs" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('runs.interrupted.heading')}</h2>
      {runs.length > 0 ? <p className="muted">{t('runs.interrupted.intro', { count: runs.length })}</p> : null}
      {error ? <ErrorNotice error={error} /> : null}
      {runs.length > 0 ? (
        <ul className="interrupted-runs__list" aria-label={t('runs.interrupted.heading')}>
          {runs.map((run) => (
            <InterruptedRun key={run.id} run={run} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function InterruptedRun({ run }: { run: RunHeader }) {
  const resumeRun = useStore((s) => s.resumeRun);
  const endInterrupted = useStore((s) => s.endInterrupted);
  const pending = useStore((s) => s.interruptedPending);
  const runPending = useStore((s) => s.runPending);
  const busy = runPending !== null;
  const t = useT();
  const format = useFormat();
  const name = callNameText(t, run.call);
  const left = run.total - doneCount(run);
  const acting = pending === run.id;
  return (
    <li className="interrupted-runs__item">
      <p className="interrupted-runs__what">
        <FormattedMessage id="runs.interrupted.what" values={{ call: <CallName call={run.call} />, count: left }} />
      </p>
      <p className="muted">{t('runs.interrupted.started', { startedAt: format.dateTime(run.startedAt) })}</p>
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          aria-label={t('runs.interrupted.resumeLabel', { call: name })}
          onClick={() => void resumeRun(run.id)}
        >
          {acting && runPending === 'resume' ? t('runs.run.resuming') : t('runs.interrupted.resume')}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          aria-label={t('runs.interrupted.endLabel', { call: name })}
          onClick={() => void endInterrupted(run.id)}
        >
          {acting && runPending === 'end' ? t('runs.run.ending') : t('runs.interrupted.end')}
        </button>
      </div>
    </li>
  );
}
