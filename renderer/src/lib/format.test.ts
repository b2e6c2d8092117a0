import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { formatters, toMillis } from './format';

const inLocale = (locale: string) => formatters(createIntl({ locale, timeZone: 'UTC' }));
const at = Date.UTC(2026, 10, 30, 14, 5);

describe('format', () => {
  it('item 1: counts group digits as the locale does', () => {
    expect(inLocale('en').count(100_000)).toBe('100,000');
    expect(inLocale('ru').count(100_000)).toBe('100\u00a0000');
    expect(inLocale('fa').count(1_234)).toBe('۱٬۲۳۴');
    expect(inLocale('id').count(100_000)).toBe('100.000');
  });

  it('item 8: toMillis reads epoch seconds and leaves milliseconds alone', () => {
    expect(toMillis(1_700_000_000)).toBe(1_700_000_000_000);
    expect(toMillis(1_700_000_000_123)).toBe(1_700_000_000_123);
  });

  it('item 1: times and dates follow the locale, from seconds or milliseconds', () => {
    expect(inLocale('en-GB').time(at)).toBe('14:05');
    expect(inLocale('en-US').time(at)).toBe('02:05 PM');
    expect(inLocale('ru').time(at / 1000)).toBe('14:05');
    expect(inLocale('en-GB').dateTime(at)).toBe('30 Nov, 14:05');
    expect(inLocale('ru').dateTime(at)).toBe('30 нояб., 14:05');
    expect(inLocale('en-GB').dateTime(at / 1000)).toBe(inLocale('en-GB').dateTime(at));
  });

  it('item 1: durations say seconds, minutes and hours in the locale’s short units, dropping a zero part', () => {
    const en = inLocale('en');
    expect(en.duration(45)).toBe('45 sec');
    expect(en.duration(59.6)).toBe('1 min');
    expect(en.duration(125)).toBe('2 min 5 sec');
    expect(en.duration(3600)).toBe('1 hr');
    expect(en.duration(3780)).toBe('1 hr 3 min');
    expect(en.duration(-5)).toBe('0 sec');
    expect(inLocale('ru').duration(125)).toBe('2 мин 5 с');
    expect(inLocale('es').duration(3780)).toBe('1 h 3 min');
  });
});
