import { useId, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { InviteStatus, RunHeader } from '../../../../shared/domain/invite';
import type { MessageKey } from '../../../../shared/i18n/catalogues';
import { ErrorNotice, useErrorText } from '../../components/ErrorNotice';
import { useUiLocale } from '../../i18n/I18nProvider';
import { useT, type T } from '../../i18n/useT';
import { useFormat } from '../../lib/format';
import { useCountdown } from '../../lib/useCountdown';
import { useStore } from '../../store';
import { SaveAsAudience } from '../audiences/SaveAsAudience';
import { summarizeAttendance, summaryText } from './attendance';
import { CallName } from '../../components/CallName';
import { RUN_STATE_KEY } from './keys';
import { InviteLinks } from './InviteLinks';
import { RunCharts } from './RunCharts';
import { RunList } from './RunList';
import { countRetryable, doneCount, notMemberIds } from './runSelection';

/** The order a summary reads in: outcomes first, then what is still under way. */
export const SUMMARY_ORDER: readonly InviteStatus[] = [
  'invited',
  'alreadyInvited',
  'notMember',
  'unconfirmed',
  'failed',
  'notSent',
  'skipped',
  'sending',
  'queued',
];

/** "3 invited", "1 not a member": each status its own plural sentence, the number in <n>. */
const SUMMARY_KEY = {
  invited: 'runs.summary.invited',
  alreadyInvited: 'runs.summary.alreadyInvited',
  notMember: 'runs.summary.notMember',
  unconfirmed: 'runs.summary.unconfirmed',
  failed: 'runs.summary.failed',
  notSent: 'runs.summary.notSent',
  skipped: 'runs.summary.skipped',
  sending: 'runs.summary.sending',
  queued: 'runs.summary.queued',
} as const satisfies Record<InviteStatus, MessageKey>;

const ACTIVE_STATES: readonly RunHeader['state'][] = ['running', 'floodWait'];
export const isActive = (header: RunHeader) => ACTIVE_STATES.includes(header.state);
const isOver = (header: RunHeader) => header.state === 'done' || header.state === 'stopped' || header.state === 'cancelled';

export function RunScreen() {
  const header = useStore((s) => s.run?.header);
  const t = useT();
  const format = useFormat();
  if (!header) return null;
  const started = { startedAt: format.dateTime(header.startedAt), count: header.total };
  return (
    <div className="stack run-screen">
      <section className="panel" aria-labelledby="run-heading">
        <div className="section-head">
          <div>
            <h2 id="run-heading">
              <FormattedMessage id="runs.run.heading" values={{ call: <CallName call={header.call} /> }} />
            </h2>
            <p className="muted">
              {header.finishedAt
                ? t('runs.run.startedFinished', { ...started, finishedAt: format.dateTime(header.finishedAt) })
                : t('runs.run.started', started)}
            </p>
          </div>
          <RunButtons header={header} />
        </div>
        <RunProgress header={header} />
        <RunSummary header={header} />
        <AttendanceLine />
        <RunCharts />
      </section>
      {isOver(header) ? <AfterRun header={header} /> : null}
      <RunList key={header.id} />
    </div>
  );
}

function RunButtons({ header }: { header: RunHeader }) {
  const cancelRun = useStore((s) => s.cancelRun);
  const resumeRun = useStore((s) => s.resumeRun);
  const endInterrupted = useStore((s) => s.endInterrupted);
  const exportCsv = useStore((s) => s.exportCsv);
  const language = useUiLocale();
  const pending = useStore((s) => s.runPending);
  const canInviteMore = useStore((s) => s.selectedCall?.id === header.call.id);
  const go = useStore((s) => s.go);
  const t = useT();
  return (
    <div className="button-row">
      {isActive(header) ? (
        <button type="button" className="button button--danger" disabled={pending === 'cancel'} onClick={() => void cancelRun()}>
          {pending === 'cancel' ? t('runs.run.cancelling') : t('runs.run.cancel')}
        </button>
      ) : null}
      {header.state === 'interrupted' ? (
        <>
          <button type="button" className="button button--primary" disabled={pending !== null} onClick={() => void resumeRun(header.id)}>
            {pending === 'resume' ? t('runs.run.resuming') : t('runs.run.resume')}
          </button>
          <button type="button" className="button" disabled={pending !== null} onClick={() => void endInterrupted(header.id)}>
            {pending === 'end' ? t('runs.run.ending') : t('runs.run.end')}
          </button>
        </>
      ) : null}
      <button type="button" className="button" disabled={pending === 'csv'} onClick={() => void exportCsv(language)}>
        {pending === 'csv' ? t('runs.run.exporting') : t('runs.run.exportCsv')}
      </button>
      {canInviteMore && !isActive(header) ? (
        <button type="button" className="button" onClick={() => go('people')}>
          {t('runs.run.inviteMore')}
        </button>
      ) : null}
    </div>
  );
}

function RunProgress({ header }: { header: RunHeader }) {
  const done = doneCount(header);
  const runError = useStore((s) => s.runError);
  const csvSaved = useStore((s) => s.csvSaved);
  const t = useT();
  const { batches } = header;
  const line = {
    state: stateLabel(t, header),
    done,
    total: header.total,
    batch: Math.min(batches.done, batches.total),
    batches: batches.total,
    b: (chunks: ReactNode[]) => <strong className={`run-state run-state--${header.state}`}>{chunks}</strong>,
  };
  return (
    <div className="run-progress">
      <p className="run-progress__line" role="status">
        <FormattedMessage id={batches.total > 0 ? 'runs.progress.lineWithRequests' : 'runs.progress.line'} values={line} />
      </p>
      <progress className="run-progress__bar" max={Math.max(1, header.total)} value={done} aria-label={t('runs.progress.label')} />
      {header.state === 'floodWait' && header.floodWait ? <FloodWait wait={header.floodWait} /> : null}
      {header.state === 'stopped' && header.stopReason ? <ErrorNotice error={header.stopReason} /> : null}
      {header.state === 'cancelled' ? (
        <p className="notice">{t('runs.progress.cancelled')}</p>
      ) : null}
      {header.state === 'interrupted' ? (
        <p className="notice">{t('runs.progress.interrupted')}</p>
      ) : null}
      {runError ? <ErrorNotice error={runError} /> : null}
      {csvSaved ? (
        <p role="status" className="muted">
          <FormattedMessage id="runs.progress.csvSaved" values={{ fileName: <bdi dir="ltr">{csvSaved}</bdi> }} />
        </p>
      ) : null}
    </div>
  );
}

/** The run's state in words; a pause says whose it is and whether it waits for an answer. */
function stateLabel(t: T, header: RunHeader): string {
  if (header.state === 'floodWait' && header.floodWait?.source === 'pacing') return t('runs.state.pacing');
  if (header.state === 'floodWait' && header.floodWait?.question === 'pending') return t('runs.state.asking');
  return t(RUN_STATE_KEY[header.state]);
}

/**
 * A pause, counted down to the second: Telegram's rate limit, or Rollcall's own pacing. A long
 * one from Telegram asks first (wait or stop); nothing is sent until the organiser answers.
 */
function FloodWait({ wait }: { wait: NonNullable<RunHeader['floodWait']> }) {
  const { until, seconds } = wait;
  const left = useCountdown(until);
  const id = useId();
  const t = useT();
  const format = useFormat();
  const answerFlood = useStore((s) => s.answerFlood);
  const pending = useStore((s) => s.runPending);
  const pacing = wait.source === 'pacing';
  const asking = wait.question === 'pending';
  const entry = useErrorText(pacing ? 'PACING_WAIT' : wait.question ? 'FLOOD_WAIT_LONG' : 'FLOOD_WAIT');
  if (asking) {
    return (
      <div className="flood-wait" role="group" aria-labelledby={`${id}-title`}>
        <p className="flood-wait__title" id={`${id}-title`}>
          {t('runs.flood.askTitle', { title: entry.title, duration: format.duration(seconds) })}
        </p>
        <p>{entry.meaning}</p>
        <p className="muted">
          {entry.action} {t('runs.flood.askDetails', { duration: format.duration(seconds), until: format.dateTime(until) })}
        </p>
        <div className="button-row">
          <button type="button" className="button button--primary" disabled={pending !== null} onClick={() => void answerFlood('wait')}>
            {pending === 'wait' ? t('runs.flood.waiting') : t('runs.flood.wait')}
          </button>
          <button type="button" className="button button--danger" disabled={pending !== null} onClick={() => void answerFlood('stop')}>
            {pending === 'stop' ? t('runs.flood.stopping') : t('runs.flood.stop')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="flood-wait">
      <p className="flood-wait__title">
        <FormattedMessage
          id="runs.flood.resumingIn"
          values={{
            title: entry.title,
            duration: format.duration(left),
            timer: (chunks: ReactNode[]) => (
              <span className="flood-wait__count" role="timer">
                {chunks}
              </span>
            ),
          }}
        />
      </p>
      <p>{entry.meaning}</p>
      <p className="muted">
        {entry.action}{' '}
        {pacing
          ? t('runs.flood.pacingDetails', { until: format.dateTime(until) })
          : t('runs.flood.telegramDetails', { duration: format.duration(seconds) })}
      </p>
    </div>
  );
}

function RunSummary({ header }: { header: RunHeader }) {
  const t = useT();
  const shown = SUMMARY_ORDER.filter((status) => (header.counts[status] ?? 0) > 0);
  if (shown.length === 0) return null;
  return (
    <ul className="summary" aria-label={t('runs.summary.label')}>
      {shown.map((status) => (
        <li key={status} className={`summary__item badge--${status}`}>
          <FormattedMessage
            id={SUMMARY_KEY[status]}
            values={{ count: header.counts[status] ?? 0, n: (chunks: ReactNode[]) => <span className="summary__n">{chunks}</span> }}
          />
        </li>
      ))}
    </ul>
  );
}

/** "Joined 12 of 40 (30%)", live as people join the call (once anyone holds an invitation). */
function AttendanceLine() {
  const summary = useStore((s) => (s.run ? summarizeAttendance(s.run.people) : null));
  const t = useT();
  if (!summary || summary.invited === 0) return null;
  const share = Math.round((summary.joined / summary.invited) * 100);
  return (
    <div className="attendance">
      <p className="attendance__line" role="status" aria-live="polite">
        {summaryText(t, summary)}
      </p>
      <meter className="attendance__bar" min={0} max={100} value={share} aria-label={t('runs.attendance.meter')} />
    </div>
  );
}

function AfterRun({ header }: { header: RunHeader }) {
  const id = useId();
  const t = useT();
  const retryable = useStore((s) => (s.run ? countRetryable(s.run.people) : 0));
  const notMembers = header.counts.notMember ?? 0;
  const retryRun = useStore((s) => s.retryRun);
  const addToGroup = useStore((s) => s.addToGroup);
  const pending = useStore((s) => s.runPending);
  const notParticipant = useErrorText('USER_NOT_PARTICIPANT');
  const addAll = () => {
    const run = useStore.getState().run;
    if (run) void addToGroup(notMemberIds(run.people));
  };
  const nothingToDo = retryable === 0 && notMembers === 0;
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('runs.afterRun.heading')}</h2>
      {nothingToDo ? <p className="muted">{t('runs.afterRun.nothingLeft')}</p> : null}
      <div className="button-row">
        {notMembers > 0 ? (
          <button type="button" className="button button--primary" disabled={pending !== null} onClick={addAll}>
            {pending === 'addToGroup' ? (
              t('runs.afterRun.adding')
            ) : (
              <FormattedMessage id="runs.afterRun.addAll" values={{ count: notMembers, chat: <bdi>{header.call.chatTitle}</bdi> }} />
            )}
          </button>
        ) : null}
        {retryable > 0 ? (
          <button type="button" className="button" disabled={pending !== null} onClick={() => void retryRun()}>
            {pending === 'retry' ? t('runs.afterRun.retrying') : t('runs.afterRun.retry', { count: retryable })}
          </button>
        ) : null}
      </div>
      {notMembers > 0 ? <p className="muted">{notParticipant.action}</p> : null}
      <SaveAsAudience origin="run" runGroups sources={(group) => [{ kind: 'run', runId: header.id, group }]} />
      <InviteLinks heading={t('runs.afterRun.shareLink')} callId={header.call.id} />
    </section>
  );
}
