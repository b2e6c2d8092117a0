import { describe, expect, it } from 'vitest';
import { formatCount, formatDateTime, formatDuration, formatTime, people, plural, toMillis } from './format';

describe('format', () => {
  it('item 8: formatCount groups thousands', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(100_000)).toBe('100,000');
  });

  it('item 8: plural picks the noun by count, people says person or people', () => {
    expect(plural(1, 'batch', 'batches')).toBe('1 batch');
    expect(plural(3, 'batch', 'batches')).toBe('3 batches');
    expect(plural(0, 'batch', 'batches')).toBe('0 batches');
    expect(people(1)).toBe('1 person');
    expect(people(1_200)).toBe('1,200 people');
  });

  it('item 8: toMillis reads epoch seconds and leaves milliseconds alone', () => {
    expect(toMillis(1_700_000_000)).toBe(1_700_000_000_000);
    expect(toMillis(1_700_000_000_123)).toBe(1_700_000_000_123);
  });

  it('item 8: formatTime and formatDateTime show the same moment from seconds or milliseconds', () => {
    const ms = new Date(2026, 10, 30, 9, 5).getTime();
    expect(formatTime(ms)).toBe('09:05');
    expect(formatTime(ms / 1000)).toBe('09:05');
    expect(formatDateTime(ms)).toBe('30 Nov, 09:05');
    expect(formatDateTime(ms / 1000)).toBe(formatDateTime(ms));
  });

  it('item 8: formatDuration says seconds, minutes and hours, dropping a zero part', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(59.6)).toBe('1 min');
    expect(formatDuration(125)).toBe('2 min 5 s');
    expect(formatDuration(3600)).toBe('1 h');
    expect(formatDuration(3780)).toBe('1 h 3 min');
    expect(formatDuration(-5)).toBe('0 s');
  });
});
