// @vitest-environment jsdom
import { fake } from '../../testSupport/installFakeBridge';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { render } from '../../testSupport/render';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PersonOutcome } from '../../../../shared/domain/invite';
import { useStore } from '../../store';
import { outcome, snapshot } from '../../testSupport/fixtures';
import { okResult } from '../../testSupport/fakeBridge';
import { freshStore } from '../../testSupport/freshStore';
import { RunList } from './RunList';

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
});
