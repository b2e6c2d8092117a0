import { memo, useDeferredValue, useId, useMemo, useRef, useState, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { attendanceOf, type InviteStatus, type PersonOutcome } from '../../../../shared/domain/invite';
import { ErrorLine } from '../../components/ErrorNotice';
import { useT } from '../../i18n/useT';
import { useFormat } from '../../lib/format';
import { useStore } from '../../store';
import { SKIP_REASON_KEY, STATUS_KEY } from './keys';
import { ATTENTION, runRows, type RunFilter } from './runSelection';
import { ATTENDANCE_FILTERS, attendanceText, matchesAttendance, type AttendanceFilter } from './attendance';

const FILTER_ORDER: readonly InviteStatus[] = [
  'invited', 'alreadyInvited', 'notMember', 'unconfirmed', 'failed', 'notSent', 'skipped', 'sending', 'queued',
];

interface RowProps {
  outcome: PersonOutcome;
  index: number;
  start: number;
  setSize: number;
  canAdd: boolean;
  measure: (node: Element | null) => void;
}

const RunRow = memo(function RunRow({ outcome, index, start, setSize, canAdd, measure }: RowProps) {
  const { status } = outcome;
  const t = useT();
  const format = useFormat();
  const attendance = attendanceText(t, format, outcome);
  return (
    <li
      ref={measure}
      data-index={index}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      className={`run-row run-row--${status}`}
      style={{ transform: `translateY(${start}px)` }}
    >
      <div className="run-row__who">
        <span className="run-row__name">
          <bdi>{outcome.name}</bdi>
        </span>
        {outcome.username ? (
          <span className="run-row__handle">
            <bdi dir="ltr">@{outcome.username}</bdi>
          </span>
        ) : null}
      </div>
      <span className={`badge badge--${status}`}>{t(STATUS_KEY[status])}</span>
      <div className="run-row__why">
        {outcome.error ? <ErrorLine error={outcome.error} /> : null}
        {!outcome.error && status === 'skipped' && outcome.skipReason ? t(SKIP_REASON_KEY[outcome.skipReason]) : null}
        {attendance ? <span className={`run-row__attendance run-row__attendance--${attendanceOf(outcome)}`}>{attendance}</span> : null}
      </div>
      {canAdd && status === 'notMember' ? (
        <button type="button" className="button button--small" data-add={outcome.personId} aria-label={t('runs.list.addToGroupLabel', { name: outcome.name })}>
          {t('runs.list.addToGroup')}
        </button>
      ) : null}
    </li>
  );
});

/** Every person of the run with their status and, when it isn't "invited", why — in the catalogue's words. */
export function RunList() {
  const id = useId();
  const t = useT();
  const list = useStore((s) => s.run?.people);
  const runId = useStore((s) => s.run?.header.id);
  const finished = useStore((s) => {
    const state = s.run?.header.state;
    return state === 'done' || state === 'stopped' || state === 'cancelled';
  });
  const pending = useStore((s) => s.runPending);
  const addToGroup = useStore((s) => s.addToGroup);
  const [filter, setFilter] = useState<RunFilter>('all');
  const [attendance, setAttendance] = useState<AttendanceFilter>('all');
  const [nameQuery, setNameQuery] = useState('');
  const query = useDeferredValue(nameQuery.trim().toLowerCase());
  const scrollRef = useRef<HTMLDivElement>(null);

  const counts = useMemo(() => {
    const c: Partial<Record<InviteStatus, number>> = {};
    for (const p of list ?? []) c[p.status] = (c[p.status] ?? 0) + 1;
    return c;
  }, [list]);

  const rows = useMemo(
    () => runRows(list ?? [], filter, query).filter((p) => matchesAttendance(p, attendance)),
    [list, filter, attendance, query],
  );

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the list re-renders itself
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 52,
    overscan: 8,
    getItemKey: (i) => rows[i]?.personId ?? i,
  });

  const onClick = (event: MouseEvent<HTMLUListElement>) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-add]');
    if (button?.dataset.add && pending === null) void addToGroup([button.dataset.add]);
  };

  if (!list || !runId) return null;
  const attention = ATTENTION.reduce((n, s) => n + (counts[s] ?? 0), 0);

  return (
    <section className="panel run-people" aria-labelledby={`${id}-heading`}>
      <div className="section-head">
        <h2 id={`${id}-heading`}>{t('runs.list.heading')}</h2>
        <div className="run-people__filters">
          <label className="inline-label">
            <span>{t('runs.list.show')}</span>
            <select value={filter} onChange={(e) => setFilter(e.target.value as RunFilter)}>
              <option value="all">{t('runs.list.everyone', { count: list.length })}</option>
              {attention > 0 ? <option value="attention">{t('runs.list.attention', { count: attention })}</option> : null}
              {FILTER_ORDER.filter((s) => (counts[s] ?? 0) > 0).map((s) => (
                <option key={s} value={s}>
                  {t('runs.list.statusOption', { status: t(STATUS_KEY[s]), count: counts[s] ?? 0 })}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="segmented" aria-label={t('runs.attendance.filter.label')}>
            <legend className="visually-hidden">{t('runs.attendance.filter.label')}</legend>
            {ATTENDANCE_FILTERS.map((option) => (
              <label key={option.value} className="segmented__option">
                <input
                  type="radio"
                  name={`${id}-attendance`}
                  value={option.value}
                  checked={attendance === option.value}
                  onChange={() => setAttendance(option.value)}
                />
                <span>{t(option.label)}</span>
              </label>
            ))}
          </fieldset>
          <label className="inline-label">
            <span className="visually-hidden">{t('runs.list.find')}</span>
            <input
              type="search"
              value={nameQuery}
              placeholder={t('runs.list.findPlaceholder')}
              onChange={(e) => setNameQuery(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setNameQuery('');
              }}
            />
          </label>
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="empty">{t('runs.list.empty')}</p>
      ) : (
        <div ref={scrollRef} className="run-list" tabIndex={0} aria-label={t('runs.list.region')} role="region">
          <ul
            className="run-list__sizer"
            aria-label={t('runs.list.label')}
            style={{ height: virtualizer.getTotalSize() }}
            onClick={onClick}
          >
            {virtualizer.getVirtualItems().map((item) => {
              const outcome = rows[item.index];
              return (
                <RunRow
                  key={outcome.personId}
                  outcome={outcome}
                  index={item.index}
                  start={item.start}
                  setSize={rows.length}
                  canAdd={finished}
                  measure={virtualizer.measureElement}
                />
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
