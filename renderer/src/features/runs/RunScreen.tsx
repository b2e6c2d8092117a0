import { useId } from 'react';
import type { InviteStatus, RunHeader } from '../../../../shared/domain/invite';
import { describeError } from '../../../../shared/errors/catalogue';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatCount, formatDateTime, formatDuration, people, plural } from '../../lib/format';
import { RUN_STATE_LABEL, callName, statusPhrase } from '../../lib/labels';
import { useCountdown } from '../../lib/useCountdown';
import { useStore } from '../../store';
import { SaveAsAudience } from '../audiences/SaveAsAudience';
import { summarizeAttendance, summaryText } from './attendance';
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

const ACTIVE_STATES: readonly RunHeader['state'][] = ['running', 'floodWait'];
export const isActive = (header: RunHeader) => ACTIVE_STATES.includes(header.state);
const isOver = (header: RunHeader) => header.state === 'done' || header.state === 'stopped' || header.state === 'cancelled';

export function RunScreen() {
  const header = useStore((s) => s.run?.header);
  if (!header) return null;
  return (
    <div className="stack run-screen">
      <section className="panel" aria-labelledby="run-heading">
        <div className="section-head">
          <div>
            <h2 id="run-heading">Invites to {callName(header.call)}</h2>
            <p className="muted">
              Started {formatDateTime(header.startedAt)} · {people(header.total)}
              {header.finishedAt ? ` · finished ${formatDateTime(header.finishedAt)}` : ''}
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
  const pending = useStore((s) => s.runPending);
  const canInviteMore = useStore((s) => s.selectedCall?.id === header.call.id);
  const go = useStore((s) => s.go);
  return (
    <div className="button-row">
      {isActive(header) ? (
        <button type="button" className="button button--danger" disabled={pending === 'cancel'} onClick={() => void cancelRun()}>
          {pending === 'cancel' ? 'Cancelling…' : 'Cancel the rest'}
        </button>
      ) : null}
      {header.state === 'interrupted' ? (
        <>
          <button type="button" className="button button--primary" disabled={pending !== null} onClick={() => void resumeRun(header.id)}>
            {pending === 'resume' ? 'Resuming…' : 'Resume this run'}
          </button>
          <button type="button" className="button" disabled={pending !== null} onClick={() => void endInterrupted(header.id)}>
            {pending === 'end' ? 'Ending…' : 'End this run without sending'}
          </button>
        </>
      ) : null}
      <button type="button" className="button" disabled={pending === 'csv'} onClick={() => void exportCsv()}>
        {pending === 'csv' ? 'Exporting…' : 'Export CSV'}
      </button>
      {canInviteMore && !isActive(header) ? (
        <button type="button" className="button" onClick={() => go('people')}>
          Invite more people
        </button>
      ) : null}
    </div>
  );
}

function RunProgress({ header }: { header: RunHeader }) {
  const done = doneCount(header);
  const runError = useStore((s) => s.runError);
  const csvSaved = useStore((s) => s.csvSaved);
  const { batches } = header;
  return (
    <div className="run-progress">
      <p className="run-progress__line" role="status">
        <strong className={`run-state run-state--${header.state}`}>{stateLabel(header)}</strong>
        <span>
          {' '}
          — {formatCount(done)} of {people(header.total)}
          {batches.total > 0 ? `, request ${formatCount(Math.min(batches.done, batches.total))} of ${formatCount(batches.total)}` : ''}
        </span>
      </p>
      <progress className="run-progress__bar" max={Math.max(1, header.total)} value={done} aria-label="Invite progress" />
      {header.state === 'floodWait' && header.floodWait ? <FloodWait wait={header.floodWait} /> : null}
      {header.state === 'stopped' && header.stopReason ? <ErrorNotice error={header.stopReason} /> : null}
      {header.state === 'cancelled' ? (
        <p className="notice">You cancelled this run. Nobody left was sent an invite; retry to invite them.</p>
      ) : null}
      {header.state === 'interrupted' ? (
        <p className="notice">
          Rollcall stopped before this run finished. Nothing more is sent until you resume it; resuming carries on from its
          journal without inviting anyone twice.
        </p>
      ) : null}
      {runError ? <ErrorNotice error={runError} /> : null}
      {csvSaved ? (
        <p role="status" className="muted">
          Saved {csvSaved}.
        </p>
      ) : null}
    </div>
  );
}

/** The run's state in words; a pause says whose it is and whether it waits for an answer. */
function stateLabel(header: RunHeader): string {
  if (header.state === 'floodWait' && header.floodWait?.source === 'pacing') return 'Pacing: waiting to protect your account';
  if (header.state === 'floodWait' && header.floodWait?.question === 'pending') return 'Paused: waiting for your answer';
  return RUN_STATE_LABEL[header.state];
}

/**
 * A pause, counted down to the second: Telegram's rate limit, or Rollcall's own pacing. A long
 * one from Telegram asks first (wait or stop); nothing is sent until the organiser answers.
 */
function FloodWait({ wait }: { wait: NonNullable<RunHeader['floodWait']> }) {
  const { until, seconds } = wait;
  const left = useCountdown(until);
  const id = useId();
  const answerFlood = useStore((s) => s.answerFlood);
  const pending = useStore((s) => s.runPending);
  const pacing = wait.source === 'pacing';
  const asking = wait.question === 'pending';
  const entry = describeError(pacing ? 'PACING_WAIT' : wait.question ? 'FLOOD_WAIT_LONG' : 'FLOOD_WAIT');
  if (asking) {
    return (
      <div className="flood-wait" role="group" aria-labelledby={`${id}-title`}>
        <p className="flood-wait__title" id={`${id}-title`}>
          {entry.title}: {formatDuration(seconds)}. Wait, or stop the run?
        </p>
        <p>{entry.meaning}</p>
        <p className="muted">
          {entry.action} Details: Telegram asked for a pause of {formatDuration(seconds)}, until {formatDateTime(until)}.
        </p>
        <div className="button-row">
          <button type="button" className="button button--primary" disabled={pending !== null} onClick={() => void answerFlood('wait')}>
            {pending === 'wait' ? 'Waiting…' : 'Wait, then continue'}
          </button>
          <button type="button" className="button button--danger" disabled={pending !== null} onClick={() => void answerFlood('stop')}>
            {pending === 'stop' ? 'Stopping…' : 'Stop the run'}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="flood-wait">
      <p className="flood-wait__title">
        {entry.title}: resuming in{' '}
        <span className="flood-wait__count" role="timer">
          {formatDuration(left)}
        </span>
      </p>
      <p>{entry.meaning}</p>
      <p className="muted">
        {entry.action}{' '}
        {pacing
          ? `Details: Rollcall’s own pacing, not Telegram; it resumes at ${formatDateTime(until)}.`
          : `Details: Telegram asked for a pause of ${formatDuration(seconds)}.`}
      </p>
    </div>
  );
}

function RunSummary({ header }: { header: RunHeader }) {
  const shown = SUMMARY_ORDER.filter((status) => (header.counts[status] ?? 0) > 0);
  if (shown.length === 0) return null;
  return (
    <ul className="summary" aria-label="Summary">
      {shown.map((status) => (
        <li key={status} className={`summary__item badge--${status}`}>
          <span className="summary__n">{formatCount(header.counts[status] ?? 0)}</span> {statusPhrase(status, header.counts[status] ?? 0)}
        </li>
      ))}
    </ul>
  );
}

/** "Joined 12 of 40 (30%)", live as people join the call (once anyone holds an invitation). */
function AttendanceLine() {
  const summary = useStore((s) => (s.run ? summarizeAttendance(s.run.people) : null));
  if (!summary || summary.invited === 0) return null;
  const share = Math.round((summary.joined / summary.invited) * 100);
  return (
    <div className="attendance">
      <p className="attendance__line" role="status" aria-live="polite">
        {summaryText(summary)}
      </p>
      <meter className="attendance__bar" min={0} max={100} value={share} aria-label="Share of the invited who joined" />
    </div>
  );
}

function AfterRun({ header }: { header: RunHeader }) {
  const id = useId();
  const retryable = useStore((s) => (s.run ? countRetryable(s.run.people) : 0));
  const notMembers = header.counts.notMember ?? 0;
  const retryRun = useStore((s) => s.retryRun);
  const addToGroup = useStore((s) => s.addToGroup);
  const pending = useStore((s) => s.runPending);
  const addAll = () => {
    const run = useStore.getState().run;
    if (run) void addToGroup(notMemberIds(run.people));
  };
  const nothingToDo = retryable === 0 && notMembers === 0;
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>What next</h2>
      {nothingToDo ? (
        <p className="muted">Nothing is left to retry. Use the call’s link for anyone else.</p>
      ) : null}
      <div className="button-row">
        {notMembers > 0 ? (
          <button type="button" className="button button--primary" disabled={pending !== null} onClick={addAll}>
            {pending === 'addToGroup'
              ? 'Adding…'
              : `Add ${plural(notMembers, 'person', 'people')} to ${header.call.chatTitle}, then invite them`}
          </button>
        ) : null}
        {retryable > 0 ? (
          <button type="button" className="button" disabled={pending !== null} onClick={() => void retryRun()}>
            {pending === 'retry' ? 'Retrying…' : `Retry ${plural(retryable, 'person', 'people')}`}
          </button>
        ) : null}
      </div>
      {notMembers > 0 ? (
        <p className="muted">{describeError('USER_NOT_PARTICIPANT').action}</p>
      ) : null}
      <SaveAsAudience origin="run" runGroups sources={(group) => [{ kind: 'run', runId: header.id, group }]} />
      <InviteLinks heading="Share the call’s link" callId={header.call.id} />
    </section>
  );
}
