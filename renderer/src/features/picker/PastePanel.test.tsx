// @vitest-environment jsdom
import '../../testSupport/installFakeBridge';
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResolvedLine } from '../../../../shared/ipc/contract';
import { englishError } from '../../../../shared/i18n/english';
import { useStore } from '../../store';
import { person } from '../../testSupport/fixtures';
import { freshStore } from '../../testSupport/freshStore';
import { render } from '../../testSupport/render';
import { PastePanel } from './PastePanel';

beforeEach(freshStore);
afterEach(cleanup);

const found = (lineNumber: number, name: string): ResolvedLine => ({
  lineNumber,
  text: `@${name}`,
  person: person({ id: String(lineNumber), name, username: name }),
  error: null,
});
const bad = (lineNumber: number, text: string): ResolvedLine => ({
  lineNumber,
  text,
  person: null,
  error: { code: 'USERNAME_NOT_OCCUPIED', message: '' },
});

describe('the paste panel', () => {
  it('item 1: the result is one sentence with a plural for each count', () => {
    useStore.setState({ pasteText: '@ada', pasteLines: [found(1, 'ada')] });
    const { unmount } = render(<PastePanel />);
    expect(screen.getByRole('status').textContent).toBe('1 line matched a person.');
    unmount();
    useStore.setState({ pasteLines: [found(1, 'ada'), bad(2, '@x'), found(3, 'bo'), bad(4, '+44 7700'), found(5, 'cy')] });
    render(<PastePanel />);
    expect(screen.getByRole('status').textContent).toBe('3 lines matched a person; 2 lines need fixing.');
  });

  it('item 1: each line Rollcall couldn’t use shows its text left to right, isolated, with the catalogue’s reason', () => {
    useStore.setState({ pasteText: '+44 7700\n', pasteLines: [bad(1, '+44 7700')] });
    render(<PastePanel />);
    const item = screen.getByRole('list', { name: 'Lines Rollcall couldn’t use' }).querySelector('li')!;
    expect(item.querySelector('.line-error__line')!.textContent).toBe('Line 1: +44 7700');
    expect(item.querySelector('bdi[dir="ltr"] code')!.textContent).toBe('+44 7700');
    expect(item.textContent).toContain(englishError('USERNAME_NOT_OCCUPIED').title);
  });
});
