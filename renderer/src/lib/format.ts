// Small formatting helpers: counts with the right noun, times, durations.

const numberFormat = new Intl.NumberFormat('en');

export const formatCount = (n: number): string => numberFormat.format(n);

/** "1 person", "25 people", "3 batches". */
export function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export const people = (n: number): string => plural(n, 'person', 'people');

const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** Timestamps cross IPC as epoch milliseconds; tolerate epoch seconds too. */
export const toMillis = (t: number): number => (t < 1e12 ? t * 1000 : t);

export const formatTime = (t: number): string => timeFormat.format(toMillis(t));
export const formatDateTime = (t: number): string => dateTimeFormat.format(toMillis(t));

/** "45 s", "2 min 5 s", "1 h 3 min". */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return s % 60 ? `${minutes} min ${s % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}
