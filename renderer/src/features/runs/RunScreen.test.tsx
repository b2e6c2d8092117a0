// @vitest-environment jsdom
import { fake } from '../../testSupport/installFakeBridge';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { render } from '../../testSupport/render';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InviteStatus, type PersonOutcome } from '../../../../shared/domain/invite';
import { useStore } from '../../store';
import { header, outcome, snapshot } from '../../testSupport/fixtures';
import { okResult } from '../../testSupport/fakeBridge';
import { freshStore } from '../../testSupport/freshStore';
import { RunScreen, SUMMARY_ORDER, isActive } from './RunScreen';

const finished: PersonOutcome[] = [
  outcome({ personId: '1', name: 'Ada', status: 'invited' }),
  outcome({ personId: '2', name: 'Alan', status: 'notSent' }),
  outcome({ personId: '3', name: 'Grace', status: 'failed', error: { code: 'INVITE_UNCONFIRMED', message: '' } }),
  outcome({ personId: '4', name: 'Edsger', status: 'failed', error: { code: 'USER_PRIVACY_RESTRICTED', message: '' } }),
  outcome({ personId: '5', name: 'Barbara', status: 'notMember', error: { code: 'USER_NOT_PARTICIPANT', message: '' } }),
];
const counts = { invited: 1, notSent: 1, failed: 2, notMember: 1 };

function showRun(people: PersonOutcome[], over: Parameters<typeof header>[0] = {}) {
  const snap = snapshot({ id: 'run-1', state: 'done', finishedAt: 1_700_000_100_000, counts, ...over }, people);
  useStore.setState({ run: { header: snap.run, people: snap.people, index: new Map(people.map((p, i) => [p.personId, i])) } });
}

beforeEach(freshStore);
afterEach(cleanup);

describe('RunScreen', () => {
  it('item 8: isActive is true only while a run sends or waits; the summary has a place for every status', () => {
    expect(['running', 'floodWait', 'done', 'stopped', 'cancelled', 'interrupted'].filter((state) =>
      isActive(header({ state: state as never })),
    )).toEqual(['running', 'floodWait']);
    expect([...SUMMARY_ORDER].sort()).toEqual([...InviteStatus.options].sort());
  });

  it('item 8: after a run, "Retry" names the people a retry sends again and retries the run', async () => {
    showRun(finished);
    fake.answer('inviteRetry', () => okResult(snapshot({ id: 'run-2' })));
    render(<RunScreen />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Retry 2 people' })));
    expect(fake.sent('inviteRetry')).toEqual([{ runId: 'run-1', personIds: null }]);
  });

  it('item 8: "Add … to the group" adds exactly the run’s non-members', async () => {
    showRun([...finished, outcome({ personId: '6', name: 'Dennis', status: 'notMember', error: { code: 'USER_NOT_PARTICIPANT', message: '' } })], {
      counts: { ...counts, notMember: 2 },
    });
    fake.answer('inviteAddToGroup', () => okResult(snapshot({ id: 'run-3' })));
    render(<RunScreen />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Add 2 people to Rust Meetup Berlin, then invite them' })));
    expect(fake.sent('inviteAddToGroup')).toEqual([{ runId: 'run-1', personIds: ['5', '6'] }]);
  });

  it('item 8: with nothing to retry and nobody to add, it says so and offers neither', () => {
    showRun([finished[0], finished[3]], { counts: { invited: 1, failed: 1 } });
    render(<RunScreen />);
    expect(screen.getByText(/Nothing is left to retry/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Retry/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Add/ })).toBeNull();
  });

  it('item 8: a running run offers "Cancel the rest" and no retry', async () => {
    showRun(finished, { state: 'running', finishedAt: null });
    fake.answer('inviteCancel', () => okResult(snapshot({ id: 'run-1', state: 'cancelled', finishedAt: 2 })));
    render(<RunScreen />);
    expect(screen.queryByRole('button', { name: /^Retry/ })).toBeNull();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Cancel the rest' })));
    expect(fake.sent('inviteCancel')).toEqual([{ runId: 'run-1' }]);
  });
});
