import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { CallSummary } from '../../../../shared/domain/people';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT, type T } from '../../i18n/useT';
import { AudiencePanel } from '../audiences/AudiencePanel';
import { CallName } from '../../components/CallName';
import type { MessageKey } from '../../../../shared/i18n/catalogues';
import { useStore } from '../../store';
import { CallWarnings } from '../calls/CallWarnings';
import { PeopleList } from './PeopleList';
import { PastePanel } from './PastePanel';
import { SOURCES, type Source } from './pickerSlice';
import { SearchPanel } from './SearchPanel';
import { SelectionPanel } from './SelectionPanel';

/** How the account is in the call; a channel's title is a name, isolated. */
function JoinAs({ joinAs }: { joinAs: CallSummary['joinAs'] }) {
  const t = useT();
  if (joinAs.kind === 'self') return t('picker.header.joinedAsSelf');
  if (joinAs.kind !== 'channel') return t('picker.header.notJoined');
  if (!joinAs.title) return t('picker.header.joinedAsUnnamedChannel');
  return <FormattedMessage id="picker.header.joinedAsChannel" values={{ channel: <bdi>{joinAs.title}</bdi> }} />;
}

export function PickerScreen() {
  const t = useT();
  const call = useStore((s) => s.selectedCall);
  const go = useStore((s) => s.go);
  if (!call) return null;
  return (
    <div className="picker-screen">
      <section className="panel call-header" aria-labelledby="picker-heading">
        <div className="section-head">
          <div>
            <h2 id="picker-heading">
              <FormattedMessage id="picker.header.heading" values={{ call: <CallName call={call} /> }} />
            </h2>
            <ul className="inline-facts" aria-label={t('picker.header.facts')}>
              <li>{t('picker.header.participants', { count: call.participantsCount })}</li>
              <li>{t(call.canManage ? 'picker.header.manages' : 'picker.header.doesNotManage')}</li>
              <li className={call.joinAs.kind === 'channel' ? 'text-bad' : undefined}>
                <JoinAs joinAs={call.joinAs} />
              </li>
            </ul>
          </div>
          <button type="button" className="button" onClick={() => go('calls')}>
            {t('picker.header.changeCall')}
          </button>
        </div>
        <CallWarnings call={call} />
      </section>
      <div className="picker">
        <PickerMain />
        <SelectionPanel />
      </div>
    </div>
  );
}

const SOURCE_KEY = {
  contacts: 'picker.source.contacts',
  search: 'picker.source.search',
  pasted: 'picker.source.pasted',
  audience: 'picker.source.audience',
} as const satisfies Record<Exclude<Source, 'members'>, MessageKey>;

/** The source's name as plain text (an accessible name). */
function sourceLabel(t: T, source: Source, chatTitle: string): string {
  return source === 'members' ? t('picker.source.members', { chat: chatTitle }) : t(SOURCE_KEY[source]);
}

/** The source's name as shown on its tab: the chat's title isolated. */
function SourceName({ source, chatTitle }: { source: Source; chatTitle: string }) {
  const t = useT();
  if (source !== 'members') return t(SOURCE_KEY[source]);
  return <FormattedMessage id="picker.source.members" values={{ chat: <bdi>{chatTitle}</bdi> }} />;
}

function SourceTabs({ id }: { id: string }) {
  const t = useT();
  const source = useStore((s) => s.source);
  const setSource = useStore((s) => s.setSource);
  const chatTitle = useStore((s) => s.selectedCall?.chat.title ?? '');
  const memberCount = useStore((s) => s.lists.members.total);
  const contactCount = useStore((s) => s.lists.contacts.total);
  const refs = useRef<Partial<Record<Source, HTMLButtonElement | null>>>({});

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = SOURCES.indexOf(source);
    let next: Source | null = null;
    if (event.key === 'ArrowRight') next = SOURCES[(at + 1) % SOURCES.length];
    else if (event.key === 'ArrowLeft') next = SOURCES[(at + SOURCES.length - 1) % SOURCES.length];
    else if (event.key === 'Home') next = SOURCES[0];
    else if (event.key === 'End') next = SOURCES[SOURCES.length - 1];
    if (!next) return;
    event.preventDefault();
    setSource(next);
    refs.current[next]?.focus();
  };

  const count = (s: Source) => (s === 'members' ? memberCount : s === 'contacts' ? contactCount : null);

  return (
    <div className="tabs" role="tablist" aria-label={t('picker.source.tabs')} onKeyDown={onKeyDown}>
      {SOURCES.map((s) => {
        const n = count(s);
        return (
          <button
            key={s}
            ref={(el) => {
              refs.current[s] = el;
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${s}`}
            aria-selected={source === s}
            aria-controls={`${id}-panel`}
            tabIndex={source === s ? 0 : -1}
            className="tab"
            onClick={() => setSource(s)}
          >
            <SourceName source={s} chatTitle={chatTitle} />
            {n !== null ? <span className="tab__count"> {t('picker.source.count', { count: n })}</span> : null}
          </button>
        );
      })}
    </div>
  );
}

function PickerMain() {
  const t = useT();
  const id = useId();
  const source = useStore((s) => s.source);
  const chatTitle = useStore((s) => s.selectedCall?.chat.title ?? '');
  return (
    <section className="panel picker-main" aria-label={t('picker.main.label')}>
      <SourceTabs id={id} />
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${source}`} className="tabpanel">
        {source === 'search' ? <SearchPanel /> : null}
        {source === 'pasted' ? <PastePanel /> : null}
        {source === 'audience' ? <AudiencePanel /> : null}
        <FilterBar />
        <ListArea label={sourceLabel(t, source, chatTitle)} />
      </div>
    </section>
  );
}

function FilterBar() {
  const t = useT();
  const id = useId();
  const query = useStore((s) => s.query);
  const setQuery = useStore((s) => s.setQuery);
  const total = useStore((s) => s.lists[s.source].people.length);
  const shown = useStore((s) => (s.visible ? s.visible.length : s.lists[s.source].people.length));
  const selectAllVisible = useStore((s) => s.selectAllVisible);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      setQuery('');
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      (event.currentTarget.closest('.tabpanel')?.querySelector('[role="listbox"]') as HTMLElement | null)?.focus();
    }
  };

  return (
    <div className="filter-bar">
      <div className="field field--grow">
        <label htmlFor={`${id}-filter`} className="visually-hidden">
          {t('picker.filter.label')}
        </label>
        <input
          id={`${id}-filter`}
          type="search"
          className="filter-input"
          placeholder={t('picker.filter.placeholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby={`${id}-count`}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <p id={`${id}-count`} className="filter-bar__count muted" aria-live="polite">
        {query ? t('picker.filter.shown', { shown, total }) : t('picker.filter.total', { count: total })}
      </p>
      <button type="button" className="button" onClick={selectAllVisible} disabled={shown === 0}>
        {t(query ? 'picker.filter.selectAllShown' : 'picker.filter.selectAll')}
      </button>
    </div>
  );
}

const LOADING_KEY = {
  members: 'picker.list.loadingMembers',
  contacts: 'picker.list.loadingContacts',
  search: 'picker.list.looking',
  pasted: 'picker.list.looking',
  audience: 'picker.list.looking',
} as const satisfies Record<Source, MessageKey>;

const EMPTY_KEY = {
  members: 'picker.list.emptyMembers',
  contacts: 'picker.list.emptyContacts',
  search: 'picker.list.emptySearch',
  pasted: 'picker.list.emptyPasted',
  audience: 'picker.list.emptyAudience',
} as const satisfies Record<Source, MessageKey>;

function ListArea({ label }: { label: string }) {
  const t = useT();
  const list = useStore((s) => s.lists[s.source]);
  const source = useStore((s) => s.source);
  const loadSource = useStore((s) => s.loadSource);
  const query = useStore((s) => s.query);
  const setQuery = useStore((s) => s.setQuery);
  const shown = useStore((s) => (s.visible ? s.visible.length : s.lists[s.source].people.length));
  const planError = useStore((s) => s.planError);
  const planPending = useStore((s) => s.planPending);

  let message: ReactNode = null;
  if (list.status === 'error' && list.error) {
    message = (
      <div className="stack">
        <ErrorNotice error={list.error} />
        {source === 'members' || source === 'contacts' ? (
          <button type="button" className="button" onClick={() => void loadSource(source)}>
            {t('picker.list.tryAgain')}
          </button>
        ) : null}
      </div>
    );
  } else if (list.people.length === 0 && list.status === 'loading') {
    message = (
      <p role="status" className="empty">
        {t(LOADING_KEY[source])}
      </p>
    );
  } else if (list.people.length === 0) {
    message = (
      <p className="empty">
        {t(EMPTY_KEY[source])}
      </p>
    );
  } else if (shown === 0) {
    message = (
      <div className="empty">
        <p>
          <FormattedMessage id="picker.list.noMatch" values={{ query: <bdi>{query}</bdi> }} />
        </p>
        <button type="button" className="button" onClick={() => setQuery('')}>
          {t('picker.list.clearFilter')}
        </button>
      </div>
    );
  }

  return (
    <>
      {list.status === 'loading' && list.people.length > 0 ? (
        <p role="status" className="muted loading-line">
          {list.total !== null
            ? t('picker.list.loadedOf', { loaded: list.people.length, total: list.total })
            : t('picker.list.loaded', { loaded: list.people.length })}
        </p>
      ) : null}
      {planPending && list.people.length > 0 ? (
        <p role="status" className="muted loading-line">
          {t('picker.list.planning')}
        </p>
      ) : null}
      {planError ? <ErrorNotice error={planError} compact /> : null}
      {message ?? <PeopleList label={label} />}
    </>
  );
}
