import { describe, expect, it } from 'vitest';
import { regionFromLocale } from '../../shared/domain/phoneRegion';
import { readListLine, readPastedList } from './pastedList';

describe('readListLine', () => {
  it.each([
    ['@ada_quill', 'u:ada_quill'],
    ['Ada_Quill', 'u:ada_quill'],
    ['https://t.me/linus_brook', 'u:linus_brook'],
    ['t.me/linus_brook', 'u:linus_brook'],
    ['telegram.me/linus_brook,', 'u:linus_brook'],
    ['<https://t.me/linus_brook>', 'u:linus_brook'],
    ['linus_brook.t.me', 'u:linus_brook'],
    ['tg://resolve?domain=linus_brook', 'u:linus_brook'],
    ['+999 662 0003', 'p:9996620003'],
    ['(999) 662-0003;', 'p:9996620003'],
    ['https://t.me/+9996620003', 'p:9996620003'],
    ['tg://resolve?phone=9996620003', 'p:9996620003'],
  ])('reads %s', (text, key) => {
    const entry = readListLine(text);
    expect(entry.kind === 'invalid' ? entry : entry.key).toBe(key);
  });

  it.each([
    ['@ab', 'USERNAME_INVALID'],
    ['9lives', 'USERNAME_INVALID'],
    ['john doe', 'LINE_UNRECOGNISED'],
    ['123', 'LINE_UNRECOGNISED'],
    ['https://example.com/linus_brook', 'LINE_UNRECOGNISED'],
    ['https://t.me/+AbCdEf', 'LINE_UNRECOGNISED'],
    ['https://t.me/c/123/4', 'LINE_UNRECOGNISED'],
    ['https://t.me/linus_brook/42', 'LINE_UNRECOGNISED'],
  ])('explains %j', (text, code) => {
    const entry = readListLine(text);
    expect(entry.kind === 'invalid' ? entry.code : entry.kind).toBe(code);
  });
});

describe('item 6: trailing separators', () => {
  const MB = 1024 * 1024;

  it('item 6: trims a 1 MB line of separators in one linear pass', () => {
    expect(readListLine(',;'.repeat(MB / 2))).toMatchObject({ kind: 'invalid', code: 'LINE_UNRECOGNISED' });
    expect(readListLine(`@ada_quill${',;'.repeat(MB / 2)}`)).toMatchObject({ kind: 'username', key: 'u:ada_quill' });
    expect(readListLine(`${','.repeat(MB)}x`)).toMatchObject({ kind: 'invalid', code: 'LINE_UNRECOGNISED' });
    const [line] = readPastedList(`+999 662 0003 ${';,'.repeat(MB / 2)}`);
    expect(line?.entry).toMatchObject({ kind: 'phone', key: 'p:9996620003' });
  });
});

describe('readPastedList', () => {
  it('numbers lines as the organiser sees them and skips blank ones', () => {
    const lines = readPastedList('@ada_quill\r\n\n  \n+9996620003\rjohn doe');
    expect(lines.map((l) => [l.lineNumber, l.text, l.entry.kind])).toEqual([
      [1, '@ada_quill', 'username'],
      [4, '+9996620003', 'phone'],
      [5, 'john doe', 'invalid'],
    ]);
  });
});

describe('item 12: national numbers', () => {
  it.each([
    ['07911 123456', 'GB', 'p:447911123456'],
    ['(202) 555-0147', 'US', 'p:12025550147'],
    ['030 1234567', 'DE', 'p:49301234567'],
    ['+44 7911 123456', 'US', 'p:447911123456'],
    ['0044 7911 123456', 'US', 'p:447911123456'],
    // Not a valid national number there: read as an international number without its "+", as before.
    ['9996620003', 'GB', 'p:9996620003'],
    ['9996620003', null, 'p:9996620003'],
    ['https://t.me/+9996620003', 'GB', 'p:9996620003'],
  ] as const)('item 12: reads %s in region %s', (text, region, key) => {
    const entry = readListLine(text, region);
    expect(entry.kind === 'invalid' ? entry : entry.key).toBe(key);
  });

  it('item 12: a 1 MB line of digits is still read in one pass, without asking libphonenumber-js', () => {
    expect(readListLine('1'.repeat(1024 * 1024), 'GB')).toMatchObject({ kind: 'invalid', code: 'LINE_UNRECOGNISED' });
    expect(readPastedList('07911 123456\n@ada_quill', 'GB').map((l) => l.entry.kind === 'invalid' ? l.entry.code : l.entry.key)).toEqual(['p:447911123456', 'u:ada_quill']);
  });
});

describe('item 12: the region of a locale', () => {
  it.each([
    ['en-GB', 'GB'],
    ['de', 'DE'],
    ['en', 'US'],
    ['pt-BR', 'BR'],
    ['', null],
    ['not a locale!', null],
  ])('item 12: %j → %s', (locale, region) => expect(regionFromLocale(locale)).toBe(region));
});
