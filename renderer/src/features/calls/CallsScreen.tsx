import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { CallSummary, ChatKind } from '../../../../shared/domain/people';
import type { MessageKey } from '../../../../shared/i18n/catalogues';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n/useT';
import { useFormat } from '../../lib/format';
import { CallName } from '../../components/CallName';
import { useStore } from '../../store';
import { CallWarnings } from './CallWarnings';

const KIND_KEY = {
  group: 'calls.card.kind.group',
  supergroup: 'calls.card.kind.supergroup',
  channel: 'calls.card.kind.channel',
} as const satisfies Record<ChatKind, MessageKey>;

function JoinAs({ joinAs }: { joinAs: CallSummary['joinAs'] }) {
  const t = useT();
  if (joinAs.kind === 'self') return t('calls.card.joinAs.self');
  if (joinAs.kind === 'channel' && joinAs.title) return <FormattedMessage id="calls.card.joinAs.channel" values={{ channel: <bdi>{joinAs.title}</bdi> }} />;
  if (joinAs.kind === 'channel') return t('calls.card.joinAs.someChannel');
  return t('calls.card.joinAs.none');
}

export function CallsScreen() {
  const all = useStore((s) => s.calls);
  // Scheduled calls are listed apart: nobody can be invited until they start.
  const calls = all?.filter((c) => c.state !== 'scheduled') ?? null;
  const scheduled = all?.filter((c) => c.state === 'scheduled') ?? [];
  const loading = useStore((s) => s.callsLoading);
  const error = useStore((s) => s.callsError);
  const loadCalls = useStore((s) => s.loadCalls);
  const t = useT();

  return (
    <div className="stack">
      <section className="panel" aria-labelledby="calls-heading">
        <div className="section-head">
          <h2 id="calls-heading">{t('calls.list.heading')}</h2>
          <button type="button" className="button" onClick={() => void loadCalls()} disabled={loading}>
            {loading ? t('calls.list.refreshing') : t('calls.list.refresh')}
          </button>
        </div>
        <p className="muted">{t('calls.list.intro')}</p>
        {error ? <ErrorNotice error={error} /> : null}
        {calls === null && loading ? (
          <p role="status" className="empty">
            {t('calls.list.loading')}
          </p>
        ) : null}
        {calls !== null && calls.length === 0 ? (
          <p className="empty">{t('calls.list.empty')}</p>
        ) : null}
        {calls && calls.length > 0 ? (
          <ul className="call-list" aria-label={t('calls.list.label')}>
            {calls.map((call) => (
              <CallCard key={call.id} call={call} />
            ))}
          </ul>
        ) : null}
      </section>
      {scheduled.length > 0 ? (
        <section className="panel" aria-labelledby="scheduled-heading">
          <h2 id="scheduled-heading">{t('calls.scheduled.heading')}</h2>
          <p className="muted">{t('calls.scheduled.intro')}</p>
          <ul className="call-list" aria-label={t('calls.scheduled.heading')}>
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
  const t = useT();
  const format = useFormat();
  const blocked = call.warnings.includes('joinedAsChannel') || call.state === 'ended';
  return (
    <li className={`call-card${chosen ? ' call-card--chosen' : ''}`} aria-labelledby={`${id}-title`}>
      <div className="call-card__main">
        <h3 id={`${id}-title`} className="call-card__title">
          <bdi>{call.chat.title}</bdi>
          <span className="tag">{t(KIND_KEY[call.chat.kind])}</span>
          {call.state === 'ended' ? (
            <span className="tag tag--bad">{t('calls.card.state.ended')}</span>
          ) : call.state === 'scheduled' ? (
            <span className="tag">{t('calls.card.state.scheduled')}</span>
          ) : (
            <span className="tag tag--live">{t('calls.card.state.live')}</span>
          )}
        </h3>
        <p className="call-card__subtitle">{call.title ? <bdi>{call.title}</bdi> : t('calls.card.untitled')}</p>
        <ul className="inline-facts" aria-label={t('calls.card.facts')}>
          {call.scheduled ? (
            <>
              <li>{t('calls.card.starts', { dateTime: format.dateTime(call.scheduled.date) })}</li>
              <li>{call.scheduled.subscribed ? t('calls.card.subscribed') : t('calls.card.notSubscribed')}</li>
            </>
          ) : (
            <li>{t('calls.card.participants', { count: call.participantsCount })}</li>
          )}
          <li>{call.canManage ? t('calls.card.role.manager') : t('calls.card.role.notManager')}</li>
          {/* Nobody can be in a call that hasn't started. */}
          {call.scheduled ? null : <li className={call.joinAs.kind === 'channel' ? 'text-bad' : undefined}><JoinAs joinAs={call.joinAs} /></li>}
        </ul>
        <CallWarnings call={call} />
      </div>
      <button
        type="button"
        className={`button ${blocked ? '' : 'button--primary'}`}
        onClick={() => chooseCall(call)}
      >
        {/* The message keeps the space outside the hidden name: accessible-name algorithms may trim it inside. */}
        <FormattedMessage
          id={chosen ? 'calls.card.continue' : 'calls.card.choose'}
          values={{
            call: <CallName call={call} />,
            hidden: (chunks: ReactNode[]) => <span className="visually-hidden">{chunks}</span>,
          }}
        />
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
  const t = useT();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (link.trim()) void openCallLink(link);
  };
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('calls.link.heading')}</h2>
      <form className="form form--inline" onSubmit={submit} noValidate>
        <div className="field field--grow">
          <label htmlFor={`${id}-link`}>{t('calls.link.label')}</label>
          {/* A link reads left to right in every language. */}
          <input
            id={`${id}-link`}
            dir="ltr"
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
            {t('calls.link.help')}
          </p>
          {error ? <ErrorNotice id={`${id}-error`} error={error} compact /> : null}
        </div>
        <button type="submit" className="button" disabled={pending || link.trim() === ''}>
          {pending ? t('calls.link.opening') : t('calls.link.open')}
        </button>
      </form>
    </section>
  );
}
