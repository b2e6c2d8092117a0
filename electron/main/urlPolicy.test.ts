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

  it.each([
    ['https://t.me/rollcall_demo?videochat', true],
    ['https://telegram.org/faq', true],
    ['https://my.telegram.org/apps', true],
    ['https://T.ME/rollcall_demo', true],
    ['https://example.com/', false],
    ['https://evil.example/t.me', false],
    ['https://t.me.evil.example/', false],
    ['https://evil-t.me/', false],
    ['https://core.telegram.org/', false],
    ['https://telegram.org.evil.example/', false],
    ['https://t.me@evil.example/', false],
    ['https://user@t.me/', false],
    ['https://t.me:8443/x', false],
    ['http://t.me/x', false],
  ])('item 11: opens only allowlisted hosts: %s → %s', (url, expected) => expect(isSafeExternalUrl(url)).toBe(expected));

  it('lets through only blob downloads the page made itself', () => {
    expect(isOwnBlobDownload('blob:app://rollcall/6f1c-…', 'app://rollcall')).toBe(true);
    expect(isOwnBlobDownload('https://evil.example/x.exe', 'app://rollcall')).toBe(false);
    expect(isOwnBlobDownload('blob:https://evil.example/1', 'app://rollcall')).toBe(false);
  });
});
