// @vitest-environment jsdom
import '../../testSupport/installFakeBridge';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../store';
import { person } from '../../testSupport/fixtures';
import { freshStore } from '../../testSupport/freshStore';
import { render } from '../../testSupport/render';
import { SelectionPanel } from './SelectionPanel';

beforeEach(freshStore);
afterEach(cleanup);

const people = Array.from({ length: 20 }, (_, i) => person({ id: String(i + 1), name: `Person ${i + 1}` }));
const chipNames = () =>
  within(screen.getByRole('list', { name: 'Selected people' }))
    .queryAllByRole('listitem')
    .map((chip) => chip.textContent!.replace('×', ''));
const status = () => screen.getAllByRole('status').find((s) => s.classList.contains('selection__count'))!.textContent;

describe('the selection panel', () => {
  it('item 4: the chips and the count follow every change of the selection (select all, remove, toggle, clear)', () => {
    useStore.getState().showAudience({ status: 'ready', people });
    useStore.getState().setSource('audience');
    render(<SelectionPanel />);
    expect(status()).toBe('Nobody selected yet');

    act(() => useStore.getState().selectAllVisible());
    expect(status()).toBe('20 people selected');
    expect(chipNames()).toEqual(people.slice(0, 12).map((p) => p.name));

    fireEvent.click(screen.getByRole('button', { name: 'Remove Person 1' }));
    expect(status()).toBe('19 people selected');
    expect(chipNames()).toEqual(people.slice(1, 13).map((p) => p.name));

    // Selected again, it comes last in selection order: not among the first twelve.
    act(() => useStore.getState().toggle('1'));
    expect(status()).toBe('20 people selected');
    expect(chipNames()).toEqual(people.slice(1, 13).map((p) => p.name));

    act(() => useStore.getState().clearSelection());
    expect(status()).toBe('Nobody selected yet');
    expect(screen.queryByRole('list', { name: 'Selected people' })).toBeNull();

    act(() => useStore.getState().toggle('7'));
    expect(chipNames()).toEqual(['Person 7']);
  });
});
