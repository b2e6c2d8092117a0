import { useEffect } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n/useT';
import { useFormat } from '../../lib/format';
import { useStore } from '../../store';
import { CallName } from '../../components/CallName';
import { RUN_STATE_KEY } from './keys';

/** Past runs, newest first; each opens with every person's outcome. */
export function HistoryScreen() {
  const history = useStore((s) => s.history);
  const loading = useStore((s) => s.historyLoading);
  const error = useStore((s) => s.historyError);
  const loadHistory = useStore((s) => s.loadHistory);
  const openRun = useStore((s) => s.openRun);
  const pending = useStore((s) => s.runPending === 'open');
  const runError = useStore((s) => s.runError);
  const t = useT();
  const format = useFormat();

  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);

  const sorted = history ? [...history].sort((a, b) => b.startedAt - a.startedAt) : null;

  return (
    <section className="panel" aria-labelledby="history-heading">
      <div className="section-head">
        <h2 id="history-heading">{t('runs.history.heading')}</h2>
        <button type="button" className="button" onClick={() => void loadHistory()} disabled={loading}>
          {loading ? t('runs.history.refreshing') : t('runs.history.refresh')}
        </button>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      {runError ? <ErrorNotice error={runError} /> : null}
      {sorted === null && loading ? (
        <p role="status" className="empty">
          {t('runs.history.loading')}
        </p>
      ) : null}
      {sorted !== null && sorted.length === 0 ? <p className="empty">{t('runs.history.empty')}</p> : null}
      {sorted && sorted.length > 0 ? (
        <div className="table-wrap">
          <table className="history">
            <caption className="visually-hidden">{t('runs.history.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('runs.history.col.started')}</th>
                <th scope="col">{t('runs.history.col.call')}</th>
                <th scope="col">{t('runs.history.col.state')}</th>
                <th scope="col" className="num">
                  {t('runs.history.col.invited')}
                </th>
                <th scope="col" className="num">
                  {t('runs.history.col.people')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('runs.history.col.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((run) => (
                <tr key={run.id}>
                  <td>{format.dateTime(run.startedAt)}</td>
                  <td>
                    <CallName call={run.call} />
                  </td>
                  <td>
                    <span className={`run-state run-state--${run.state}`}>{t(RUN_STATE_KEY[run.state])}</span>
                  </td>
                  <td className="num">{format.count(run.counts.invited ?? 0)}</td>
                  <td className="num">{format.count(run.total)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--small"
                      disabled={pending}
                      onClick={() => void openRun(run.id)}
                      aria-label={t('runs.history.openLabel', { startedAt: format.dateTime(run.startedAt), chat: run.call.chatTitle })}
                    >
                      {t('runs.history.open')}
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
