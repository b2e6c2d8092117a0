import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { AudiencePanel } from '../audiences/AudiencePanel';
import { formatCount, people as peopleCount, plural } from '../../lib/format';
import { callName, joinAsLabel, roleLabel } from '../../lib/labels';
import { useStore } from '../../store';
import { CallWarnings } from '../calls/CallWarnings';
import { PeopleList } from './PeopleList';
import { PastePanel } from './PastePanel';
import { SOURCES, type Source } from './pickerSlice';
import { SearchPanel } from './SearchPanel';
import { SelectionPanel } from './SelectionPanel';

export function PickerScreen() {
  const call = useStore((s) => s.selectedCall);
  const go = useStore((s) => s.go);
  if (!call) return null;
  return (
    <div className="picker-screen">
      <section className="panel call-header" aria-labelledby="picker-heading">
        <div className="section-head">
          <div>
            <h2 id="picker-heading">Invite people to {callName(call)}</h2>
            <ul className="inline-facts" aria-label="About this call">
              <li>{plural(call.participantsCount, 'participant', 'participants')}</li>
              <li>{roleLabel(call)}</li>
              <li className={call.joinAs.kind === 'channel' ? 'text-bad' : undefined}>{joinAsLabel(call.joinAs)}</li>
            </ul>
          </div>
          <button type="button" className="button" onClick={() => go('calls')}>
            Change call
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

function sourceLabel(source: Source, chatTitle: string): string {
  switch (source) {
    case 'members':
      return `Members of ${chatTitle}`;
    case 'contacts':
      return 'Contacts';
    case 'search':
      return 'Search Telegram';
    case 'pasted':
      return 'Paste a list';
    case 'audience':
      return 'Audiences';
  }
}

function SourceTabs({ id }: { id: string }) {
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
    <div className="tabs" role="tablist" aria-label="Where people come from" onKeyDown={onKeyDown}>
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
            {sourceLabel(s, chatTitle)}
            {n !== null ? <span className="tab__count"> ({formatCount(n)})</span> : null}
          </button>
        );
      })}
    </div>
  );
}

function PickerMain() {
  const id = useId();
  const source = useStore((s) => s.source);
  const chatTitle = useStore((s) => s.selectedCall?.chat.title ?? '');
  return (
    <section className="panel picker-main" aria-label="Pick people">
      <SourceTabs id={id} />
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${source}`} className="tabpanel">
        {source === 'search' ? <SearchPanel /> : null}
        {source === 'pasted' ? <PastePanel /> : null}
        {source === 'audience' ? <AudiencePanel /> : null}
        <FilterBar />
        <ListArea label={sourceLabel(source, chatTitle)} />
      </div>
    </section>
  );
}

function FilterBar() {
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
          Filter people
        </label>
        <input
          id={`${id}-filter`}
          type="search"
          className="filter-input"
          placeholder="Filter by name, @username or phone"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby={`${id}-count`}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <p id={`${id}-count`} className="filter-bar__count muted" aria-live="polite">
        {query ? `${formatCount(shown)} of ${formatCount(total)} shown` : `${peopleCount(total)}`}
      </p>
      <button type="button" className="button" onClick={selectAllVisible} disabled={shown === 0}>
        Select all {query ? 'shown' : ''}
      </button>
    </div>
  );
}

function ListArea({ label }: { label: string }) {
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
            Try again
          </button>
        ) : null}
      </div>
    );
  } else if (list.people.length === 0 && list.status === 'loading') {
    message = (
      <p role="status" className="empty">
        {source === 'members' ? 'Loading the members…' : source === 'contacts' ? 'Loading your contacts…' : 'Looking…'}
      </p>
    );
  } else if (list.people.length === 0) {
    message = (
      <p className="empty">
        {source === 'search'
          ? 'Search Telegram by name or username to find people who are not in your contacts.'
          : source === 'pasted'
            ? 'Paste usernames, t.me links or phone numbers above, one per line.'
            : source === 'audience'
              ? 'Choose a saved audience above, or save one from a selection or a run.'
              : source === 'contacts'
                ? 'You have no contacts on this account.'
                : 'This chat has no members Rollcall can list.'}
      </p>
    );
  } else if (shown === 0) {
    message = (
      <div className="empty">
        <p>Nobody here matches “{query}”.</p>
        <button type="button" className="button" onClick={() => setQuery('')}>
          Clear the filter
        </button>
      </div>
    );
  }

  return (
    <>
      {list.status === 'loading' && list.people.length > 0 ? (
        <p role="status" className="muted loading-line">
          Loaded {formatCount(list.people.length)}
          {list.total !== null ? ` of ${formatCount(list.total)}` : ''}…
        </p>
      ) : null}
      {planPending && list.people.length > 0 ? (
        <p role="status" className="muted loading-line">
          Checking who is already in the call or invited…
        </p>
      ) : null}
      {planError ? <ErrorNotice error={planError} compact /> : null}
      {message ?? <PeopleList label={label} />}
    </>
  );
}
