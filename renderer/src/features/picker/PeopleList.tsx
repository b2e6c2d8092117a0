import { memo, useCallback, useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent } from 'react';
import type { SkipReason } from '../../../../shared/domain/invite';
import type { Person } from '../../../../shared/domain/people';
import type { MessageKey } from '../../../../shared/i18n/catalogues';
import { useT } from '../../i18n/useT';
import { kindSkipReason, personHandle } from '../../lib/labels';
import { useStore } from '../../store';

export const ROW_HEIGHT = 48;
/** Rows rendered above and below the ones on screen. */
const OVERSCAN = 6;

/** Why the row is disabled, on the row. */
const SKIP_REASON_KEY = {
  self: 'picker.row.self',
  bot: 'picker.row.bot',
  deleted: 'picker.row.deleted',
  inCall: 'picker.row.inCall',
  invitedBefore: 'picker.row.invitedBefore',
} as const satisfies Record<SkipReason, MessageKey>;

interface RowProps {
  person: Person;
  index: number;
  start: number;
  selected: boolean;
  reason: SkipReason | null;
  active: boolean;
  setSize: number;
}

function initials(name: string): string {
  const parts = name.split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts[1]?.[0] ?? '')).toUpperCase() || '?';
}

/** What a row says: the same whether it is selected or active, so a select-all re-renders none of it. */
const RowContent = memo(function RowContent({ person, reason }: { person: Person; reason: SkipReason | null }) {
  const t = useT();
  const handle = personHandle(person);
  return (
    <>
      <span className="person-row__check" aria-hidden="true" />
      <span className="avatar" aria-hidden="true">
        {initials(person.name)}
      </span>
      <span className="person-row__name">
        <bdi>{person.name}</bdi>
      </span>
      {handle ? (
        <span className="person-row__handle">
          <bdi dir="ltr">{handle}</bdi>
        </span>
      ) : null}
      {reason ? <span className="person-row__reason">{t(SKIP_REASON_KEY[reason])}</span> : null}
    </>
  );
});

/** One person. Memoised: a selection change re-renders only the rows whose props changed. */
const PersonRow = memo(function PersonRow({ person, index, start, selected, reason, active, setSize }: RowProps) {
  return (
    <div
      role="option"
      id={`person-option-${person.id}`}
      aria-selected={selected}
      aria-disabled={reason ? true : undefined}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      data-index={index}
      className={`person-row${selected ? ' is-selected' : ''}${reason ? ' is-disabled' : ''}${active ? ' is-active' : ''}`}
      style={{ transform: `translateY(${start}px)` }}
    >
      <RowContent person={person} reason={reason} />
    </div>
  );
});

/**
 * The people of the current source that match the filter: a virtualised listbox, so 100,000
 * people cost as much as the 15 on screen. One click and one key handler for the whole list.
 * Rows have one fixed height, so the rows on screen follow from the scroll offset alone: no
 * per-row measurements, whose upkeep grew with the filter's result on every keystroke.
 */
export function PeopleList({ label }: { label: string }) {
  const people = useStore((s) => s.lists[s.source].people);
  const slots = useStore((s) => s.lists[s.source].slots);
  const visible = useStore((s) => s.visible);
  const selection = useStore((s) => s.selection);
  // The selection changes in place; its version makes this list read it again.
  useStore((s) => s.selectionVersion);
  const skips = useStore((s) => s.skips);
  const toggle = useStore((s) => s.toggle);
  const query = useStore((s) => s.query);
  const count = visible ? visible.length : people.length;
  const [activeRaw, setActive] = useState(0);
  // Kept from scroll and resize events: reading scrollTop while rendering would force a layout.
  const [scrollTop, setScrollTop] = useState(0);
  const [shownQuery, setShownQuery] = useState(query);
  if (shownQuery !== query) {
    // A new filter starts at the top of its results.
    setShownQuery(query);
    setActive(0);
    setScrollTop(0);
  }
  const active = Math.min(activeRaw, Math.max(0, count - 1));
  const scrollRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState(ROW_HEIGHT * 10);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    setViewport(element.clientHeight);
    const observer = new ResizeObserver(([entry]) => setViewport(entry.contentRect.height));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // The offset the element was last scrolled to; writing scrollTop when it is already 0 would
  // still cost a layout on every keystroke.
  const scrolledTo = useRef(0);
  useLayoutEffect(() => {
    // A new filter starts at the top (the render already drew the top rows).
    if (scrollRef.current && scrolledTo.current !== 0) scrollRef.current.scrollTop = 0;
  }, [query]);

  const scrollTo = (top: number) => {
    if (scrollRef.current) scrollRef.current.scrollTop = top;
  };

  const personAt = useCallback((i: number): Person | undefined => people[visible ? visible[i] : i], [people, visible]);

  const moveTo = (i: number) => {
    const next = Math.max(0, Math.min(count - 1, i));
    setActive(next);
    if (next * ROW_HEIGHT < scrollTop) scrollTo(next * ROW_HEIGHT);
    else if ((next + 1) * ROW_HEIGHT > scrollTop + viewport) scrollTo((next + 1) * ROW_HEIGHT - viewport);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (count === 0) return;
    const page = Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1);
    switch (event.key) {
      case 'ArrowDown':
        moveTo(active + 1);
        break;
      case 'ArrowUp':
        moveTo(active - 1);
        break;
      case 'PageDown':
        moveTo(active + page);
        break;
      case 'PageUp':
        moveTo(active - page);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(count - 1);
        break;
      case ' ':
      case 'Enter': {
        const person = personAt(active);
        if (person) toggle(person.id);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!row) return;
    const index = Number(row.dataset.index);
    setActive(index);
    const person = personAt(index);
    if (person) toggle(person.id);
  };

  const activePerson = personAt(active);
  const totalSize = count * ROW_HEIGHT;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count - 1, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const rows: number[] = [];
  for (let i = first; i <= last; i++) rows.push(i);
  const activeRendered = active >= first && active <= last;

  return (
    <div
      ref={scrollRef}
      className="people-list"
      // A definite height (the rows' or the cap in CSS) lets the list be laid out on its own.
      style={{ '--rows-height': `${totalSize + 2}px` } as CSSProperties}
      role="listbox"
      aria-label={label}
      aria-multiselectable="true"
      tabIndex={0}
      aria-activedescendant={activePerson && activeRendered ? `person-option-${activePerson.id}` : undefined}
      onKeyDown={onKeyDown}
      onClick={onClick}
      onScroll={(event) => {
        scrolledTo.current = event.currentTarget.scrollTop;
        setScrollTop(scrolledTo.current);
      }}
    >
      <div className="people-list__sizer" style={{ height: totalSize }}>
        {rows.map((index) => {
          const person = personAt(index);
          if (!person) return null;
          return (
            // Keyed by position: a new filter updates the rows on screen in place instead of
            // replacing them, which is most of what a keystroke costs.
            <PersonRow
              key={index}
              person={person}
              index={index}
              start={index * ROW_HEIGHT}
              selected={selection.has(slots[visible ? visible[index] : index])}
              reason={skips.get(person.id) ?? kindSkipReason(person.kind)}
              active={index === active}
              setSize={count}
            />
          );
        })}
      </div>
    </div>
  );
}
