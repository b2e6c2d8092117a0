import { describe, expect, it } from 'vitest';
import { takePreviewToken, tokenFromHash, type TokenPlace } from './previewToken';

function place(hash: string, stored: Record<string, string> = {}, refuseStorage = false) {
  const replaced: string[] = [];
  const target: TokenPlace = {
    location: { hash, pathname: '/', search: '' },
    history: { replaceState: (_data, _unused, url) => replaced.push(String(url)) },
    storage: {
      getItem: (key) => {
        if (refuseStorage) throw new Error('SecurityError');
        return stored[key] ?? null;
      },
      setItem: (key, value) => {
        if (refuseStorage) throw new Error('SecurityError');
        stored[key] = value;
      },
    },
  };
  return { target, replaced, stored };
}

describe('the preview token on the page', () => {
  it('item 1: takes the token from the fragment, keeps it for this tab and clears the address', () => {
    const { target, replaced, stored } = place('#token=abc-123');
    expect(takePreviewToken(target)).toBe('abc-123');
    expect(replaced).toEqual(['/']);
    expect(Object.values(stored)).toEqual(['abc-123']);
    // A reload: no fragment any more, the kept token is used.
    expect(takePreviewToken({ ...target, location: { hash: '', pathname: '/', search: '' } })).toBe('abc-123');
  });

  it('item 1: a fresh address replaces the kept token', () => {
    const { target, stored } = place('#token=new', { 'rollcall.previewToken': 'old' });
    expect(takePreviewToken(target)).toBe('new');
    expect(Object.values(stored)).toEqual(['new']);
  });

  it('item 1: without a token anywhere, or with storage refused and no fragment, there is none', () => {
    expect(takePreviewToken(place('').target)).toBeNull();
    expect(takePreviewToken(place('#token=').target)).toBeNull();
    expect(takePreviewToken(place('', {}, true).target)).toBeNull();
    expect(takePreviewToken({ ...place('').target, storage: null })).toBeNull();
    expect(takePreviewToken(place('#token=x', {}, true).target)).toBe('x');
  });

  it('reads only the token parameter of the fragment', () => {
    expect(tokenFromHash('#token=a%2Bb&other=1')).toBe('a+b');
    expect(tokenFromHash('#other=1')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
  });
});
