// @vitest-environment jsdom
import { fake } from '../../testSupport/installFakeBridge';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { render } from '../../testSupport/render';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIntl } from 'react-intl';
import { formatters } from '../../lib/format';
import { useStore } from '../../store';
import { header, snapshot } from '../../testSupport/fixtures';
import { failResult, okResult } from '../../testSupport/fakeBridge';
import { freshStore } from '../../testSupport/freshStore';
import { HistoryScreen } from './HistoryScreen';

const older = header({ id: 'run-1', startedAt: 1_700_000_000_000, state: 'done', finishedAt: 1, total: 4, counts: { invited: 3, failed: 1 } });
const newer = header({
  id: 'run-2', startedAt: 1_700_000_900_000, state: 'stopped', finishedAt: 2, total: 2,
  call: { id: '9002', title: null, chatId: '501', chatTitle: 'Book club', chatKind: 'group' },
});

// The date as the English provider writes it (Intl's own, so the test holds in any time zone).
const { dateTime } = formatters(createIntl({ locale: 'en' }));

beforeEach(freshStore);
afterEach(cleanup);

describe('HistoryScreen', () => {
  it('item 8: loads the runs and lists them newest first, with state and counts', async () => {
    fake.answer('runsList', () => okResult({ runs: [older, newer] }));
    await act(async () => render(<HistoryScreen />));
    const rows = within(screen.getByRole('table', { name: 'Past invite runs, newest first' })).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...row.querySelectorAll('td')].slice(1, 5).map((td) => td.textContent))).toEqual([
      ['Book club', 'Stopped', '0', '2'],
      ['Rust Meetup Berlin — Monthly meetup', 'Finished', '3', '4'],
    ]);
  });

  it('item 8: "Open" opens that run', async () => {
    fake.answer('runsList', () => okResult({ runs: [older] }));
    fake.answer('runGet', () => okResult(snapshot({ id: 'run-1' })));
    await act(async () => render(<HistoryScreen />));
    const open = screen.getByRole('button', { name: `Open the run of ${dateTime(older.startedAt)} to Rust Meetup Berlin` });
    await act(async () => fireEvent.click(open));
    expect(fake.sent('runGet')).toEqual([{ runId: 'run-1' }]);
    expect(useStore.getState().view).toBe('run');
  });

  it('item 8: no runs yet says so; a failed load shows the catalogue’s error', async () => {
    fake.answer('runsList', () => okResult({ runs: [] }));
    await act(async () => render(<HistoryScreen />));
    expect(screen.getByText(/No runs yet/)).toBeTruthy();
    fake.answer('runsList', () => failResult('STORAGE_FAILED'));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Refresh' })));
    expect(screen.getByRole('alert')).toBeTruthy();
  });
});
