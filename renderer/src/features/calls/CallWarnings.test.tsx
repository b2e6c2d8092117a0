// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { describeError } from '../../../../shared/errors/catalogue';
import { call } from '../../testSupport/fixtures';
import { CallWarnings } from './CallWarnings';

afterEach(cleanup);

describe('CallWarnings', () => {
  it('item 8: words each warning with its catalogue entry, naming the channel the account joined as', () => {
    render(<CallWarnings call={call({ warnings: ['joinedAsChannel', 'ended'], joinAs: { kind: 'channel', title: 'Meetup News' } })} />);
    expect(screen.getByText(describeError('INVITE_FORBIDDEN_WITH_JOINAS').title)).toBeTruthy();
    expect(screen.getByText(describeError('GROUPCALL_FORBIDDEN').title)).toBeTruthy();
    expect(screen.getByText('Details: You appear in this call as “Meetup News”.')).toBeTruthy();
    // Warnings are known before anything is sent: they inform, they do not interrupt.
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('item 8: a call without warnings shows nothing', () => {
    const { container } = render(<CallWarnings call={call()} />);
    expect(container.childElementCount).toBe(0);
  });
});
