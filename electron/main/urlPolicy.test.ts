import { describe, expect, it } from 'vitest';
import { isOwnBlobDownload, isSafeExternalUrl } from './urlPolicy';

describe('URL policy', () => {
  it.each([
    ['https://my.telegram.org/apps', true],
    ['https://t.me/rollcall?videochat', true],
    ['http://my.telegram.org', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['tg://resolve?domain=x', false],
    ['https://user:pass@example.com', false],
    ['not a url', false],
  ])('external %s → %s', (url, expected) => expect(isSafeExternalUrl(url)).toBe(expected));

  it('lets through only blob downloads the page made itself', () => {
    expect(isOwnBlobDownload('blob:app://rollcall/6f1c-…', 'app://rollcall')).toBe(true);
    expect(isOwnBlobDownload('https://evil.example/x.exe', 'app://rollcall')).toBe(false);
    expect(isOwnBlobDownload('blob:https://evil.example/1', 'app://rollcall')).toBe(false);
  });
});
