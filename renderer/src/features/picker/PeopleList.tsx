import { memo, useCallback, useEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { SkipReason } from '../../../../shared/domain/invite';
import type { Person } from '../../../../shared/domain/people';
import { SKIP_REASON_LABEL, kindSkipReason, personHandle } from '../../lib/labels';
import { useStore } from '../../store';

export const ROW_HEIGHT = 48;

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

/** One person. Memoised: a selection change re-renders only the rows whose props changed. */
const PersonRow = memo(function PersonRow({ person, index, start, selected, reason, active, setSize }: RowProps) {
  const handle = personHandle(person);
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
      <span className="person-row__check" aria-hidden="true" />
      <span className="avatar" aria-hidden="true">
        {initials(person.name)}
      </span>
      <span className="person-row__name">{person.name}</span>
      {handle ? <span className="person-row__handle">{handle}</span> : null}
      {reason ? <span className="person-row__reason">{SKIP_REASON_LABEL[reason]}</span> : null}
    </div>
  );
});

/**
 * The people of the current source that match the filter: a virtualised listbox, so 100,000
 * people cost as much as the 15 on screen. One click and one key handler for the whole list.
 */
export function PeopleList({ label }: { label: string }) {
  const people = useStore((s) => s.lists[s.source].people);
  const visible = useStore((s) => s.visible);
  const selected = useStore((s) => s.selected);
  const skips = useStore((s) => s.skips);
  const toggle = useStore((s) => s.toggle);
  const query = useStore((s) => s.query);
  const count = visible ? visible.length : people.length;
  const [activeRaw, setActive] = useState(0);
  const [shownQuery, setShownQuery] = useState(query);
  if (shownQuery !== query) {
    // A new filter starts at the top of its results.
    setShownQuery(query);
    setActive(0);
  }
  const active = Math.min(activeRaw, Math.max(0, count - 1));
  const scrollRef = useRef<HTMLDivElement>(null);

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the list re-renders itself
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });

  useEffect(() => {
    // The virtualizer knows the offset from scroll events: reading scrollTop would force a layout.
    if (virtualizer.scrollOffset) virtualizer.scrollToOffset(0);
  }, [query, virtualizer]);

  const personAt = useCallback((i: number): Person | undefined => people[visible ? visible[i] : i], [people, visible]);

  const moveTo = (i: number) => {
    const next = Math.max(0, Math.min(count - 1, i));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (count === 0) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
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
  const items = virtualizer.getVirtualItems();
  const totalSize = virtualizer.getTotalSize();
  const activeRendered = items.some((item) => item.index === active);

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
    >
      <div className="people-list__sizer" style={{ height: totalSize }}>
        {items.map((item) => {
          const person = personAt(item.index);
          if (!person) return null;
          return (
            // Keyed by position: a new filter updates the rows on screen in place instead of
            // replacing them, which is most of what a keystroke costs.
            <PersonRow
              key={item.index}
              person={person}
              index={item.index}
              start={item.start}
              selected={selected.has(person.id)}
              reason={skips.get(person.id) ?? kindSkipReason(person.kind)}
              active={item.index === active}
              setSize={count}
            />
          );
        })}
      </div>
    </div>
  );
}
