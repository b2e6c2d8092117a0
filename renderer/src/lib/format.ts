// Numbers, times and durations in the window's locale (react-intl's Intl formatters, so Russian
// gets "1 234", Arabic its own digits). Counted nouns are ICU plural messages, never built here.
import { useMemo } from 'react';
import { useIntl, type IntlShape } from 'react-intl';

/** Timestamps cross IPC as epoch milliseconds; tolerate epoch seconds too. */
export const toMillis = (t: number): number => (t < 1e12 ? t * 1000 : t);

export interface Formatters {
  /** "100,018" / "100 018". */
  count(n: number): string;
  /** "14:05" or "2:05 PM", as the locale writes a time. */
  time(t: number): string;
  /** "30 Nov, 14:05". */
  dateTime(t: number): string;
  /** "45 s", "2 min 5 s", "1 h 3 min", in the locale's short units. */
  duration(totalSeconds: number): string;
}

export function formatters(intl: IntlShape): Formatters {
  const unit = (value: number, unit: 'hour' | 'minute' | 'second') =>
    intl.formatNumber(value, { style: 'unit', unit, unitDisplay: 'short' });
  return {
    count: (n) => intl.formatNumber(n),
    time: (t) => intl.formatTime(toMillis(t), { hour: '2-digit', minute: '2-digit' }),
    dateTime: (t) => intl.formatDate(toMillis(t), { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }),
    duration: (totalSeconds) => {
      const s = Math.max(0, Math.round(totalSeconds));
      const hours = Math.floor(s / 3600);
      const minutes = Math.floor((s % 3600) / 60);
      const seconds = s % 60;
      const parts =
        hours > 0
          ? [unit(hours, 'hour'), ...(minutes ? [unit(minutes, 'minute')] : [])]
          : minutes > 0
            ? [unit(minutes, 'minute'), ...(seconds ? [unit(seconds, 'second')] : [])]
            : [unit(seconds, 'second')];
      return intl.formatList(parts, { type: 'unit', style: 'narrow' });
    },
  };
}

export function useFormat(): Formatters {
  const intl = useIntl();
  return useMemo(() => formatters(intl), [intl]);
}

// ---- English-only formatters, deleted once every screen formats through useFormat (issue 13). ----
const numberFormat = new Intl.NumberFormat('en');
export const formatCount = (n: number): string => numberFormat.format(n);
export function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
export const people = (n: number): string => plural(n, 'person', 'people');
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
export const formatTime = (t: number): string => timeFormat.format(toMillis(t));
export const formatDateTime = (t: number): string => dateTimeFormat.format(toMillis(t));
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return s % 60 ? `${minutes} min ${s % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}
