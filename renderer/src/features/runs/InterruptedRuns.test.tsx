// @vitest-environment jsdom
import { fake } from '../../testSupport/installFakeBridge';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { render } from '../../testSupport/render';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../store';
import { header, snapshot } from '../../testSupport/fixtures';
import { failResult, okResult } from '../../testSupport/fakeBridge';
import { freshStore } from '../../testSupport/freshStore';
import { InterruptedRuns } from './InterruptedRuns';

const interrupted = header({ id: 'run-4', state: 'interrupted', total: 10, counts: { invited: 3, failed: 1, queued: 6 } });

beforeEach(freshStore);
afterEach(cleanup);

describe('InterruptedRuns', () => {
  it('item 8: lists each interrupted run with the people it has left, named by its call', () => {
    useStore.setState({ interrupted: [interrupted] });
    render(<InterruptedRuns />);
    const list = screen.getByRole('list', { name: 'Interrupted runs' });
    expect(list.textContent).toContain('Resume the run to Rust Meetup Berlin — Monthly meetup: 6 people not yet invited');
  });

  it('item 8: "Resume" resumes that run, and the buttons wait meanwhile', async () => {
    useStore.setState({ interrupted: [interrupted] });
    const release = fake.hold('inviteResume');
    render(<InterruptedRuns />);
    fireEvent.click(screen.getByRole('button', { name: 'Resume the run to Rust Meetup Berlin — Monthly meetup' }));
    expect(screen.getByRole('button', { name: 'Resume the run to Rust Meetup Berlin — Monthly meetup' }).textContent).toBe('Resuming…');
    expect(screen.getByRole('button', { name: /End the run/ })).toHaveProperty('disabled', true);
    await act(async () => release(okResult(snapshot({ id: 'run-4' }))));
    expect(fake.sent('inviteResume')).toEqual([{ runId: 'run-4' }]);
    expect(screen.queryByRole('list', { name: 'Interrupted runs' })).toBeNull();
  });

  it('item 8: "End without sending" cancels that run; a failure is shown in the catalogue’s words', async () => {
    useStore.setState({ interrupted: [interrupted] });
    fake.answer('inviteCancel', () => failResult('RUN_NOT_FOUND'));
    render(<InterruptedRuns />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'End the run to Rust Meetup Berlin — Monthly meetup without sending' })));
    expect(fake.sent('inviteCancel')).toEqual([{ runId: 'run-4' }]);
    expect(screen.getByRole('alert')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Interrupted runs' })).toBeTruthy();
  });
});
