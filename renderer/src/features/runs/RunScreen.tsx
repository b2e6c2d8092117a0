import { useId } from 'react';
import type { InviteStatus, RunHeader } from '../../../../shared/domain/invite';
import { describeError } from '../../../../shared/errors/catalogue';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatCount, formatDateTime, formatDuration, people, plural } from '../../lib/format';
import { RUN_STATE_LABEL, callName, statusPhrase } from '../../lib/labels';
import { useCountdown } from '../../lib/useCountdown';
import { useStore } from '../../store';
import { InviteLinks } from './InviteLinks';
import { RunList } from './RunList';
import { doneCount, isRetryable, type ShownRun } from './runsSlice';

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

const retryableCounts = new WeakMap<ShownRun['people'], number>();
/** People a retry would send again (cached per people array: it changes only with progress). */
function countRetryable(list: ShownRun['people']): number {
  let n = retryableCounts.get(list);
  if (n === undefined) {
    n = 0;
    for (const outcome of list) if (isRetryable(outcome)) n++;
    retryableCounts.set(list, n);
  }
  return n;
}

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
        <strong className={`run-state run-state--${header.state}`}>{RUN_STATE_LABEL[header.state]}</strong>
        <span>
          {' '}
          — {formatCount(done)} of {people(header.total)}
          {batches.total > 0 ? `, request ${formatCount(Math.min(batches.done, batches.total))} of ${formatCount(batches.total)}` : ''}
        </span>
      </p>
      <progress className="run-progress__bar" max={Math.max(1, header.total)} value={done} aria-label="Invite progress" />
      {header.state === 'floodWait' && header.floodWait ? <FloodWait until={header.floodWait.until} seconds={header.floodWait.seconds} /> : null}
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

/** Telegram's rate limit, counted down to the second; the run resumes by itself. */
function FloodWait({ until, seconds }: { until: number; seconds: number }) {
  const left = useCountdown(until);
  const entry = describeError('FLOOD_WAIT');
  return (
    <div className="flood-wait">
      <p className="flood-wait__title">
        {entry.title}: resuming in <span className="flood-wait__count">{formatDuration(left)}</span>
      </p>
      <p>{entry.meaning}</p>
      <p className="muted">
        {entry.action} Details: Telegram asked for a pause of {formatDuration(seconds)}.
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

function AfterRun({ header }: { header: RunHeader }) {
  const id = useId();
  const retryable = useStore((s) => (s.run ? countRetryable(s.run.people) : 0));
  const notMembers = header.counts.notMember ?? 0;
  const retryRun = useStore((s) => s.retryRun);
  const addToGroup = useStore((s) => s.addToGroup);
  const pending = useStore((s) => s.runPending);
  const addAll = () => {
    const run = useStore.getState().run;
    if (run) void addToGroup(run.people.filter((p) => p.status === 'notMember').map((p) => p.personId));
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
      <InviteLinks heading="Share the call’s link" callId={header.call.id} />
    </section>
  );
}
