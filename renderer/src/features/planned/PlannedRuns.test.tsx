// @vitest-environment jsdom
import { fake } from '../../testSupport/installFakeBridge';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { render } from '../../testSupport/render';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlannedRun } from '../../../../shared/domain/planned';
import { createIntl } from 'react-intl';
import { formatters } from '../../lib/format';
import { useStore } from '../../store';
import { okResult } from '../../testSupport/fakeBridge';
import { freshStore } from '../../testSupport/freshStore';
import { PlannedRuns, PlannedStartedNotice } from './PlannedRuns';

const plan = (over: Partial<PlannedRun> = {}): PlannedRun => ({
  id: 'plan-1',
  call: { id: '9001', title: 'Friday games', chatId: '500', chatTitle: 'Board Games Night', chatKind: 'supergroup' },
  selfId: '1',
  scheduleDate: Date.UTC(2026, 10, 30, 19, 0),
  people: [
    { id: '11', name: 'Barbara Lin', username: null },
    { id: '12', name: 'Dennis Rowe', username: 'dennis_rowe' },
  ],
  subscribedByRollcall: true,
  state: 'waiting',
  createdAt: 1,
  updatedAt: 1,
  ...over,
});

/** A time as the English provider writes it (Intl's own, in the machine's time zone). */
const { time } = formatters(createIntl({ locale: 'en' }));

beforeEach(freshStore);
afterEach(cleanup);

describe('planned runs', () => {
  it('item 4: a waiting plan lists its people; removing one sends the rest as the plan’s people', async () => {
    useStore.setState({ plans: [plan()] });
    render(<PlannedRuns />);
    expect(screen.getByRole('list', { name: 'Planned runs' }).textContent).toContain('Friday games in Board Games Night: 2 people invited when it starts');
    fake.answer('plannedUpdate', ({ personIds }) => okResult(plan({ people: plan().people.filter((p) => personIds.includes(p.id)) })));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Remove Dennis Rowe from the planned run' })));
    expect(fake.sent('plannedUpdate')).toEqual([{ planId: 'plan-1', personIds: ['11'] }]);
    expect(screen.getByRole('list', { name: 'Planned runs' }).textContent).toContain('1 person invited when it starts');
  });

  it('item 4: a plan whose call started while Rollcall was closed asks before sending', async () => {
    useStore.setState({ plans: [plan({ state: 'missed', updatedAt: Date.UTC(2026, 10, 30, 20, 0) })] });
    render(<PlannedRuns />);
    expect(screen.getByRole('list', { name: 'Planned runs' }).textContent).toContain(
      `Friday games started at ${time(plan().scheduleDate)} while Rollcall was closed: send the invitations now?`,
    );
    expect(fake.sent('plannedSendNow')).toEqual([]);
    fake.answer('plannedCancel', () => okResult({ cancelled: 'plan-1' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Cancel the planned run to Friday games' })));
    expect(fake.sent('plannedCancel')).toEqual([{ planId: 'plan-1' }]);
    expect(screen.queryByRole('list', { name: 'Planned runs' })).toBeNull();
  });

  it('item 4: the start is told in the page in the notification’s words, and the calls are read again', () => {
    render(<PlannedStartedNotice />);
    act(() => fake.emit('plannedChanged', { plans: [], started: { planId: 'plan-1', runId: 'run-1', call: 'Friday games', count: 2 } }));
    expect(screen.getByRole('status', { name: 'Scheduled call started' }).textContent).toContain('Friday games started: inviting 2 people.');
    // The call is live now: the calls list is read again, to move it from the scheduled ones.
    expect(fake.sent('callsList')).toEqual([{}]);
  });
});
