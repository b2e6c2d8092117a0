import { useId } from 'react';
import type { RunHeader } from '../../../../shared/domain/invite';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime, people } from '../../lib/format';
import { callName } from '../../lib/labels';
import { useStore } from '../../store';
import { doneCount } from './runSelection';

/**
 * Runs a crash or quit interrupted, of the signed-in account. Rollcall never resumes them by
 * itself: each waits here until the organiser resumes it or ends it without sending.
 */
export function InterruptedRuns() {
  const id = useId();
  const runs = useStore((s) => s.interrupted);
  const error = useStore((s) => s.interruptedError);
  if (runs.length === 0 && !error) return null;
  return (
    <section className="panel interrupted-runs" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Interrupted runs</h2>
      {runs.length > 0 ? (
        <p className="muted">Rollcall stopped before {runs.length === 1 ? 'this run' : 'these runs'} finished. Nothing more is sent until you choose.</p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      {runs.length > 0 ? (
        <ul className="interrupted-runs__list" aria-label="Interrupted runs">
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
  const name = callName(run.call);
  const left = run.total - doneCount(run);
  const acting = pending === run.id;
  return (
    <li className="interrupted-runs__item">
      <p className="interrupted-runs__what">
        Resume the run to {name}: {people(left)} not yet invited
      </p>
      <p className="muted">Started {formatDateTime(run.startedAt)}</p>
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          aria-label={`Resume the run to ${name}`}
          onClick={() => void resumeRun(run.id)}
        >
          {acting && runPending === 'resume' ? 'Resuming…' : 'Resume'}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          aria-label={`End the run to ${name} without sending`}
          onClick={() => void endInterrupted(run.id)}
        >
          {acting && runPending === 'end' ? 'Ending…' : 'End without sending'}
        </button>
      </div>
    </li>
  );
}
