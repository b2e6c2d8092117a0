import { useEffect } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatCount, formatDateTime } from '../../lib/format';
import { RUN_STATE_LABEL, callName } from '../../lib/labels';
import { useStore } from '../../store';

/** Past runs, newest first; each opens with every person's outcome. */
export function HistoryScreen() {
  const history = useStore((s) => s.history);
  const loading = useStore((s) => s.historyLoading);
  const error = useStore((s) => s.historyError);
  const loadHistory = useStore((s) => s.loadHistory);
  const openRun = useStore((s) => s.openRun);
  const pending = useStore((s) => s.runPending === 'open');
  const runError = useStore((s) => s.runError);

  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);

  const sorted = history ? [...history].sort((a, b) => b.startedAt - a.startedAt) : null;

  return (
    <section className="panel" aria-labelledby="history-heading">
      <div className="section-head">
        <h2 id="history-heading">History</h2>
        <button type="button" className="button" onClick={() => void loadHistory()} disabled={loading}>
          {loading ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      {runError ? <ErrorNotice error={runError} /> : null}
      {sorted === null && loading ? (
        <p role="status" className="empty">
          Loading past runs…
        </p>
      ) : null}
      {sorted !== null && sorted.length === 0 ? <p className="empty">No runs yet. Invite people to a call and it shows here.</p> : null}
      {sorted && sorted.length > 0 ? (
        <div className="table-wrap">
          <table className="history">
            <caption className="visually-hidden">Past invite runs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Call</th>
                <th scope="col">State</th>
                <th scope="col" className="num">Invited</th>
                <th scope="col" className="num">People</th>
                <th scope="col">
                  <span className="visually-hidden">Open</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((run) => (
                <tr key={run.id}>
                  <td>{formatDateTime(run.startedAt)}</td>
                  <td>{callName(run.call)}</td>
                  <td>
                    <span className={`run-state run-state--${run.state}`}>{RUN_STATE_LABEL[run.state]}</span>
                  </td>
                  <td className="num">{formatCount(run.counts.invited ?? 0)}</td>
                  <td className="num">{formatCount(run.total)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--small"
                      disabled={pending}
                      onClick={() => void openRun(run.id)}
                      aria-label={`Open the run of ${formatDateTime(run.startedAt)} to ${run.call.chatTitle}`}
                    >
                      Open
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
