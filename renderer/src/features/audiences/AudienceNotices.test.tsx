// @vitest-environment jsdom
import '../../testSupport/installFakeBridge';
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { englishError } from '../../../../shared/i18n/english';
import { useStore } from '../../store';
import { freshStore } from '../../testSupport/freshStore';
import { render } from '../../testSupport/render';
import { AudienceNotices } from './AudienceNotices';

beforeEach(freshStore);
afterEach(cleanup);

const notFound = { lineNumber: 3, text: '@nobody_here', person: null, error: { code: 'USERNAME_NOT_OCCUPIED' as const, message: '' } };

describe('audience notices', () => {
  it('item 1: a save is one sentence from the messages, the count a plural and the audience’s name isolated', () => {
    useStore.setState({ audienceNotice: { origin: 'new', outcome: { kind: 'saved', name: 'Tuesday regulars', count: 1 }, unresolved: [notFound] } });
    render(<AudienceNotices origin="new" />);
    const status = screen.getByRole('status');
    expect(status.querySelector('p')!.textContent).toBe('Saved “Tuesday regulars”: 1 person.');
    expect([...status.querySelectorAll('bdi')].map((b) => [b.textContent, b.getAttribute('dir')])).toContainEqual(['Tuesday regulars', null]);
    // The line that named nobody: its text stays left to right, the reason is the catalogue's title.
    const lines = screen.getByRole('list', { name: 'Lines not found' });
    expect(lines.textContent).toBe(`Line 3 (@nobody_here): ${englishError('USERNAME_NOT_OCCUPIED').title}`);
    expect(lines.querySelector('bdi[dir="ltr"]')!.textContent).toBe('@nobody_here');
  });

  it('item 1: each outcome has its own sentence; only the form that asked says it', () => {
    useStore.setState({ audienceNotice: { origin: 'manage', outcome: { kind: 'changed', name: 'Speakers', count: 1234 }, unresolved: [] } });
    const { rerender } = render(<AudienceNotices origin="manage" />);
    expect(screen.getByRole('status').textContent).toBe('Changed “Speakers”: 1,234 people.');
    useStore.setState({ audienceNotice: { origin: 'manage', outcome: { kind: 'deleted', name: null }, unresolved: [] } });
    rerender(<AudienceNotices origin="manage" />);
    expect(screen.getByRole('status').textContent).toBe('Deleted the audience.');
    useStore.setState({ audienceNotice: { origin: 'manage', outcome: { kind: 'exported', fileName: 'speakers.csv' }, unresolved: [] } });
    rerender(<AudienceNotices origin="manage" />);
    expect(screen.getByRole('status').textContent).toBe('Saved speakers.csv.');
    rerender(<AudienceNotices origin="new" />);
    expect(screen.getByRole('status').textContent).toBe('');
  });
});
