// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { englishError } from '../../../../shared/i18n/english';
import { call } from '../../testSupport/fixtures';
import { render } from '../../testSupport/render';
import { CallWarnings } from './CallWarnings';

afterEach(cleanup);

describe('CallWarnings', () => {
  it('item 8: words each warning with its catalogue entry, naming the channel the account joined as', () => {
    render(<CallWarnings call={call({ warnings: ['joinedAsChannel', 'ended'], joinAs: { kind: 'channel', title: 'Meetup News' } })} />);
    expect(screen.getByText(englishError('INVITE_FORBIDDEN_WITH_JOINAS').title)).toBeTruthy();
    expect(screen.getByText(englishError('GROUPCALL_FORBIDDEN').title)).toBeTruthy();
    expect(screen.getByText('You appear in this call as “Meetup News”.').parentElement?.textContent).toBe('Details: You appear in this call as “Meetup News”.');
    // Warnings are known before anything is sent: they inform, they do not interrupt.
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('item 8: a call without warnings shows nothing', () => {
    const { container } = render(<CallWarnings call={call()} />);
    expect(container.childElementCount).toBe(0);
  });
});
