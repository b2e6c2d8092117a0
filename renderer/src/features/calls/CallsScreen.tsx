import { useId, useState, type FormEvent } from 'react';
import type { CallSummary } from '../../../../shared/domain/people';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime, plural } from '../../lib/format';
import { CHAT_KIND_LABEL, callName, joinAsLabel, roleLabel } from '../../lib/labels';
import { useStore } from '../../store';
import { CallWarnings } from './CallWarnings';

export function CallsScreen() {
  const all = useStore((s) => s.calls);
  // Scheduled calls are listed apart: nobody can be invited until they start.
  const calls = all?.filter((c) => c.state !== 'scheduled') ?? null;
  const scheduled = all?.filter((c) => c.state === 'scheduled') ?? [];
  const loading = useStore((s) => s.callsLoading);
  const error = useStore((s) => s.callsError);
  const loadCalls = useStore((s) => s.loadCalls);

  return (
    <div className="stack">
      <section className="panel" aria-labelledby="calls-heading">
        <div className="section-head">
          <h2 id="calls-heading">Choose a call</h2>
          <button type="button" className="button" onClick={() => void loadCalls()} disabled={loading}>
            {loading ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
        <p className="muted">Live group calls, video chats and live streams in the chats you belong to.</p>
        {error ? <ErrorNotice error={error} /> : null}
        {calls === null && loading ? (
          <p role="status" className="empty">
            Looking for live calls…
          </p>
        ) : null}
        {calls !== null && calls.length === 0 ? (
          <p className="empty">
            No live calls right now. Start a video chat in one of your groups in Telegram, then refresh — or paste the
            call’s link below.
          </p>
        ) : null}
        {calls && calls.length > 0 ? (
          <ul className="call-list" aria-label="Live calls">
            {calls.map((call) => (
              <CallCard key={call.id} call={call} />
            ))}
          </ul>
        ) : null}
      </section>
      {scheduled.length > 0 ? (
        <section className="panel" aria-labelledby="scheduled-heading">
          <h2 id="scheduled-heading">Scheduled calls</h2>
          <p className="muted">Not started yet. Pick people now and Rollcall invites them the moment the call starts.</p>
          <ul className="call-list" aria-label="Scheduled calls">
            {scheduled.map((call) => (
              <CallCard key={call.id} call={call} />
            ))}
          </ul>
        </section>
      ) : null}
      <CallLinkForm />
    </div>
  );
}

function CallCard({ call }: { call: CallSummary }) {
  const chooseCall = useStore((s) => s.chooseCall);
  const chosen = useStore((s) => s.selectedCall?.id === call.id);
  const id = useId();
  const blocked = call.warnings.includes('joinedAsChannel') || call.state === 'ended';
  return (
    <li className={`call-card${chosen ? ' call-card--chosen' : ''}`} aria-labelledby={`${id}-title`}>
      <div className="call-card__main">
        <h3 id={`${id}-title`} className="call-card__title">
          {call.chat.title}
          <span className="tag">{CHAT_KIND_LABEL[call.chat.kind]}</span>
          {call.state === 'ended' ? (
            <span className="tag tag--bad">Ended</span>
          ) : call.state === 'scheduled' ? (
            <span className="tag">Scheduled</span>
          ) : (
            <span className="tag tag--live">Live</span>
          )}
        </h3>
        <p className="call-card__subtitle">{call.title ?? 'Untitled call'}</p>
        <ul className="inline-facts" aria-label="About this call">
          {call.scheduled ? (
            <>
              <li>Starts {formatDateTime(call.scheduled.date)}</li>
              <li>{call.scheduled.subscribed ? 'You’ll be told when it starts' : 'You’re not subscribed to its start'}</li>
            </>
          ) : (
            <li>{plural(call.participantsCount, 'participant', 'participants')}</li>
          )}
          <li>{roleLabel(call)}</li>
          {/* Nobody can be in a call that hasn't started. */}
          {call.scheduled ? null : <li className={call.joinAs.kind === 'channel' ? 'text-bad' : undefined}>{joinAsLabel(call.joinAs)}</li>}
        </ul>
        <CallWarnings call={call} />
      </div>
      <button
        type="button"
        className={`button ${blocked ? '' : 'button--primary'}`}
        onClick={() => chooseCall(call)}
      >
        {/* The space outside the hidden name: accessible-name algorithms may trim it inside. */}
        {chosen ? 'Continue' : 'Choose'} <span className="visually-hidden">{callName(call)}</span>
      </button>
    </li>
  );
}

function CallLinkForm() {
  const openCallLink = useStore((s) => s.openCallLink);
  const pending = useStore((s) => s.callLinkPending);
  const error = useStore((s) => s.linkError);
  const [link, setLink] = useState('');
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (link.trim()) void openCallLink(link);
  };
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Open a call by its link</h2>
      <form className="form form--inline" onSubmit={submit} noValidate>
        <div className="field field--grow">
          <label htmlFor={`${id}-link`}>Call link</label>
          <input
            id={`${id}-link`}
            type="url"
            inputMode="url"
            value={link}
            onChange={(e) => setLink(e.target.value)}
            placeholder="https://t.me/groupname?videochat"
            maxLength={2048}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
          />
          <p id={`${id}-help`} className="help">
            In Telegram: the call’s menu › Share invite link.
          </p>
          {error ? <ErrorNotice id={`${id}-error`} error={error} compact /> : null}
        </div>
        <button type="submit" className="button" disabled={pending || link.trim() === ''}>
          {pending ? 'Opening…' : 'Open call'}
        </button>
      </form>
    </section>
  );
}
