// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { englishError } from '../../../shared/i18n/english';
import { render } from '../testSupport/render';
import { ErrorLine, ErrorNotice } from './ErrorNotice';

afterEach(cleanup);

describe('ErrorNotice', () => {
  it('item 8: announces the catalogue’s title, meaning and action for the code, and the details', () => {
    const entry = englishError('USER_PRIVACY_RESTRICTED');
    render(<ErrorNotice error={{ code: 'USER_PRIVACY_RESTRICTED', message: 'Ada refused invites' }} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveProperty('textContent', `${entry.title}${entry.meaning}${entry.action}Details: Ada refused invites`);
  });

  it('item 8: without details or as a quiet notice, it is not an alert and shows no details line', () => {
    const entry = englishError('FLOOD_WAIT');
    render(<ErrorNotice error={{ code: 'FLOOD_WAIT', message: '' }} alert={false} id="why" />);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText(entry.title).closest('#why')).not.toBeNull();
    expect(screen.queryByText(/Details:/)).toBeNull();
  });
});

describe('ErrorLine', () => {
  it('item 8: puts the catalogue’s words and the details on one line', () => {
    const entry = englishError('USER_NOT_PARTICIPANT');
    const { container } = render(<ErrorLine error={{ code: 'USER_NOT_PARTICIPANT', message: 'not in Rust Meetup' }} />);
    expect(container.textContent).toBe(`${entry.title}. ${entry.meaning} ${entry.action} Details: not in Rust Meetup`);
  });
});
