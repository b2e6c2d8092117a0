// @vitest-environment jsdom
import '../../testSupport/installFakeBridge';
import { act, cleanup, screen, within } from '@testing-library/react';
import { render } from '../../testSupport/render';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PersonOutcome } from '../../../../shared/domain/invite';
import { createIntl } from 'react-intl';
import { formatters } from '../../lib/format';
import { useStore } from '../../store';
import { header, outcome } from '../../testSupport/fixtures';
import { freshStore } from '../../testSupport/freshStore';
import { RunCharts } from './RunCharts';

const T0 = new Date(2026, 0, 5, 19, 0, 30).getTime();
const at = (minutes: number, seconds = 0) => T0 + minutes * 60_000 + seconds * 1000;
/** 19:0m as the English provider writes a time (Intl's own, e.g. "07:01 PM"). */
const { time, duration } = formatters(createIntl({ locale: 'en' }));
const m = (minute: number) => time(new Date(2026, 0, 5, 19, minute).getTime());

const people: PersonOutcome[] = [
  outcome({ personId: '1', name: 'Ada', status: 'invited', updatedAt: at(0, 10), joinedAt: at(0, 20) }),
  outcome({ personId: '2', name: 'Alan', status: 'invited', updatedAt: at(1, 5) }),
  outcome({ personId: '3', name: 'Grace', status: 'failed', updatedAt: at(1, 6), error: { code: 'USER_PRIVACY_RESTRICTED', message: '' } }),
  outcome({ personId: '4', name: 'Barbara', status: 'queued', updatedAt: T0 }),
];
const running = header({
  id: 'run-1',
  startedAt: T0,
  state: 'floodWait',
  floodWait: { until: at(2, 10), seconds: 60 },
  floodWaits: [{ from: at(1, 10), to: at(2, 10) }],
  total: 4,
  counts: { invited: 2, failed: 1, queued: 1 },
});

function show(people: PersonOutcome[]) {
  useStore.setState({ run: { header: running, people, index: new Map(people.map((p, i) => [p.personId, i])) } });
}

const rowsOf = (table: HTMLElement) => within(table).getAllByRole('row').map((row) => [...row.querySelectorAll('th, td')].map((c) => c.textContent));

beforeEach(freshStore);
afterEach(cleanup);

describe('RunCharts', () => {
  it('item 2: the outcome bar is a figure named "Outcomes": each outcome in words with its number and share; the picture itself is hidden', () => {
    show(people);
    render(<RunCharts />);
    const figure = screen.getByRole('figure', { name: 'Outcomes' });
    expect(within(figure).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Invited: 2 (50%)',
      'Already invited: 0 (0%)',
      'Not a member: 0 (0%)',
      'Refused: 1 (25%)',
      'Not sent: 0 (0%)',
      'Still to send: 1 (25%)',
    ]);
    expect(figure.querySelector('svg')!.getAttribute('aria-hidden')).toBe('true');
    // Three marks drawn: the outcomes nobody has take no room.
    expect(figure.querySelectorAll('svg rect.chart__mark')).toHaveLength(3);
  });

  it('item 2: the timeline is a figure whose numbers are a table: invites, joins and waits per minute, and the waits in words', () => {
    show(people);
    render(<RunCharts />);
    const figure = screen.getByRole('figure', { name: 'Invites and joins over time' });
    expect(figure.querySelector('svg')!.getAttribute('aria-hidden')).toBe('true');
    expect(rowsOf(within(figure).getByRole('table', { name: 'Invited and joined, per minute' }))).toEqual([
      ['From', 'Invited', 'Joined', 'Telegram asked to wait'],
      [m(0), '1', '1', 'no'],
      [m(1), '1', '0', 'yes'],
      [m(2), '0', '0', 'yes'],
    ]);
    expect(within(figure).getByRole('list', { name: 'Flood waits' }).textContent).toBe(`From ${m(1)} for ${duration(60)}`);
    expect(duration(60)).toBe('1 min');
    expect(within(figure).getByText(`2 invited and 1 joined between ${m(0)} and ${m(3)}. Telegram asked to wait 1 time, 1 min in all.`)).toBeTruthy();
  });

  it('item 2: live: the charts follow progress and attendance events as they arrive', () => {
    show(people);
    render(<RunCharts />);
    act(() =>
      useStore.getState().applyProgress({
        run: { ...running, state: 'running', floodWait: null, counts: { ...running.counts, invited: 3, queued: 0 }, batches: { done: 2, total: 2 } },
        changed: [
          { ...people[1]!, joinedAt: at(2, 40) },
          { ...people[3]!, status: 'invited', updatedAt: at(2, 50) },
        ],
      }),
    );
    expect(within(screen.getByRole('figure', { name: 'Outcomes' })).getAllByRole('listitem')[0]!.textContent).toBe('Invited: 3 (75%)');
    const table = within(screen.getByRole('figure', { name: 'Invites and joins over time' })).getByRole('table');
    expect(rowsOf(table).slice(1)).toEqual([
      [m(0), '1', '1', 'no'],
      [m(1), '1', '0', 'yes'],
      [m(2), '0', '0', 'yes'],
      [m(3), '1', '1', 'no'],
    ]);
  });

  it('item 2: before anything is sent there is no timeline, only the bar', () => {
    show([people[3]!]);
    useStore.setState({ run: { ...useStore.getState().run!, header: { ...running, floodWaits: [], counts: { ...running.counts, invited: 0, failed: 0, queued: 4 } } } });
    render(<RunCharts />);
    expect(screen.getByRole('figure', { name: 'Outcomes' })).toBeTruthy();
    expect(screen.queryByRole('figure', { name: 'Invites and joins over time' })).toBeNull();
  });
});
