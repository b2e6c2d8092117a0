// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createTranslator } from '../../../shared/i18n/translate';
import { call } from '../testSupport/fixtures';
import { render } from '../testSupport/render';
import { CallName, callNameText } from './CallName';

afterEach(cleanup);

describe('CallName', () => {
  it('item 1: joins the chat and the call title through the message, from a summary or a run', () => {
    const t = createTranslator('en').t;
    expect(callNameText(t, call())).toBe('Rust Meetup Berlin — Monthly meetup');
    expect(callNameText(t, call({ title: null }))).toBe('Rust Meetup Berlin');
    expect(callNameText(t, { title: 'Q&A', chatTitle: 'Book club' })).toBe('Book club — Q&A');
  });

  it('item 3: each name is isolated in visible text, so a Latin title keeps its place in Arabic', () => {
    render(<p data-testid="name"><CallName call={{ title: 'Q&A', chatTitle: 'Book club' }} /></p>, { locale: 'ar' });
    const isolated = [...screen.getByTestId('name').querySelectorAll('bdi')].map((bdi) => bdi.textContent);
    expect(isolated).toEqual(['Book club', 'Q&A']);
  });
});
