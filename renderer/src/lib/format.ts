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

