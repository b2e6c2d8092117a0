// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { regionFromLocale } from '../../../../shared/domain/phoneRegion';
import type { Store } from '../../store';
import { createPhoneRegionSlice, localeRegion } from './phoneRegionSlice';

/** The slice alone, over a plain state object (it needs nothing else from the store). */
function slice() {
  let state = {} as Store;
  const set = vi.fn((partial: Partial<Store>) => void (state = { ...state, ...partial }));
  const created = createPhoneRegionSlice(set as never, () => state, {} as never);
  state = { ...state, ...created };
  return { get: () => state };
}

beforeEach(() => localStorage.clear());

describe('phoneRegionSlice', () => {
  it('item 8: localeRegion takes the first language that names a region with numbers', () => {
    expect(localeRegion(['en-GB', 'de-DE'])).toBe('GB');
    expect(localeRegion(['not a locale', 'de'])).toBe('DE');
    expect(localeRegion([])).toBe(regionFromLocale(Intl.DateTimeFormat().resolvedOptions().locale));
  });

  it('item 8: starts from the locale’s region when nothing was chosen on this computer', () => {
    expect(slice().get().phoneRegion).toBe(localeRegion());
  });

  it('item 8: setPhoneRegion is remembered for the next start, including "no region"', () => {
    slice().get().setPhoneRegion('FR');
    expect(slice().get().phoneRegion).toBe('FR');
    const first = slice();
    first.get().setPhoneRegion(null);
    expect(first.get().phoneRegion).toBeNull();
    expect(slice().get().phoneRegion).toBeNull();
  });

  it('item 8: a stored value that is not a region is ignored for the locale’s', () => {
    localStorage.setItem('rollcall.phoneRegion', 'ZZ');
    expect(slice().get().phoneRegion).toBe(localeRegion());
  });
});
