// @vitest-environment jsdom
import { fake } from '../../testSupport/installFakeBridge';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { render } from '../../testSupport/render';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PersonOutcome } from '../../../../shared/domain/invite';
import { messagesFor } from '../../../../shared/i18n/catalogues';
import { PSEUDO_LOCALE } from '../../../../shared/i18n/locales';
import { useStore } from '../../store';
import { outcome, snapshot } from '../../testSupport/fixtures';
import { okResult } from '../../testSupport/fakeBridge';
import { freshStore } from '../../testSupport/freshStore';
import { RunList } from './RunList';
import { RunScreen } from './RunScreen';

const people: PersonOutcome[] = [
  outcome({ personId: '1', name: 'Ada Lovelace', username: 'ada', status: 'invited' }),
  outcome({ personId: '2', name: 'Alan Turing', username: 'alan', status: 'notSent' }),
  outcome({ personId: '3', name: 'Barbara Liskov', username: 'liskov', status: 'notMember', error: { code: 'USER_NOT_PARTICIPANT', message: '' } }),
];

function show(state: 'running' | 'done') {
  const snap = snapshot({ id: 'run-1', state, finishedAt: state === 'done' ? 2 : null }, people);
  useStore.setState({ run: { header: snap.run, people, index: new Map(people.map((p, i) => [p.personId, i])) } });
}

const names = () =>
  within(screen.getByRole('list', { name: 'People in this run' }))
    .getAllByRole('listitem')
    .map((row) => row.querySelector('.run-row__name')?.textContent);

beforeAll(() => {
  // jsdom lays nothing out, so the virtual list would see a 0-pixel window and render no rows:
  // give the list the size a browser window would, and each row its usual height.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 52 });
});
beforeEach(freshStore);
afterEach(cleanup);

describe('RunList', () => {
  it('item 8: the filter offers each status present with its count, and "Needs attention" shows who may still be reached', () => {
    show('done');
    render(<RunList />);
    const filter = screen.getByRole('combobox', { name: 'Show' });
    expect(within(filter).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Everyone (3)', 'Needs attention (2)', 'Invited (1)', 'Not a member (1)', 'Not sent (1)',
    ]);
    expect(names()).toEqual(['Ada Lovelace', 'Alan Turing', 'Barbara Liskov']);
    fireEvent.change(filter, { target: { value: 'attention' } });
    expect(names()).toEqual(['Alan Turing', 'Barbara Liskov']);
  });

  it('item 8: finding a person by @username narrows the list; nobody matching says so', async () => {
    show('done');
    render(<RunList />);
    const search = screen.getByRole('searchbox', { name: 'Find a person in this run' });
    await act(async () => fireEvent.change(search, { target: { value: '@lisk' } }));
    expect(names()).toEqual(['Barbara Liskov']);
    await act(async () => fireEvent.change(search, { target: { value: 'nobody' } }));
    expect(screen.getByText('Nobody in this run matches.')).toBeTruthy();
  });

  it('item 8: after the run, a non-member’s row adds that person to the group', async () => {
    show('done');
    fake.answer('inviteAddToGroup', () => okResult(snapshot({ id: 'run-2' })));
    render(<RunList />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Add Barbara Liskov to the group, then invite' })));
    expect(fake.sent('inviteAddToGroup')).toEqual([{ runId: 'run-1', personIds: ['3'] }]);
  });

  it('item 8: while the run sends, no row offers to add anyone', () => {
    show('running');
    render(<RunList />);
    expect(screen.queryByRole('button', { name: /to the group/ })).toBeNull();
  });

  it('item 1: in the pseudo-locale every word of a running run’s screen, its rows and charts included, comes from the messages; names stay as they are, isolated', () => {
    const all = [
      ...people.map((p, i) => ({ ...p, updatedAt: 1_700_000_030_000, joinedAt: i === 0 ? 1_700_000_060_000 : null })),
      outcome({ personId: '4', name: 'Linus Brook', username: 'linus_b', status: 'skipped', skipReason: 'bot' }),
      outcome({ personId: '5', name: 'Grace Hopper', username: null, status: 'queued' }),
    ];
    const running = snapshot({
      id: 'run-1', state: 'floodWait', startedAt: 1_700_000_000_000, finishedAt: null, total: 5,
      floodWait: { until: Date.now() + 60_000, seconds: 60 }, floodWaits: [{ from: 1_700_000_040_000, to: Date.now() + 60_000 }],
      counts: { invited: 1, notSent: 1, notMember: 1, skipped: 1, queued: 1 },
    }, all);
    useStore.setState({ run: { header: running.run, people: all, index: new Map(all.map((p, i) => [p.personId, i])) } });
    const { container } = render(
      <IntlProvider locale={PSEUDO_LOCALE} messages={messagesFor(PSEUDO_LOCALE)}>
        <RunScreen />
      </IntlProvider>,
    );
    // Plain English words left in the page, outside names (<bdi>) and Intl's own ("PM", "Nov", "sec").
    const INTL_WORDS = /^(AM|PM|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|sec|min|hr)$/;
    const english = (text: string | null) => (text?.match(/[A-Za-z]{2,}/g) ?? []).filter((word) => !INTL_WORDS.test(word));
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    const left: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (!node.parentElement?.closest('bdi')) left.push(...english(node.textContent));
    for (const element of container.querySelectorAll('[aria-label], [placeholder]')) {
      left.push(...english(element.getAttribute('aria-label')), ...english(element.getAttribute('placeholder')));
    }
    expect(left).toEqual([]);
    expect(screen.getByRole('heading', { level: 2, name: /Rust Meetup Berlin — Monthly meetup/ })).toBeTruthy();
    expect([...container.querySelectorAll('.run-row__name')].map((n) => n.textContent)).toEqual([
      'Ada Lovelace', 'Alan Turing', 'Barbara Liskov', 'Linus Brook', 'Grace Hopper',
    ]);
    expect(screen.getByText('Linus Brook').tagName).toBe('BDI');
    expect(screen.getByText('@linus_b').getAttribute('dir')).toBe('ltr');
  });
});
