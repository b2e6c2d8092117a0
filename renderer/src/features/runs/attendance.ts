// Attendance in words (issue 12, item 1): who of the invited came to the call, and when.
import { attendanceOf, minutesAfterInvite, type PersonOutcome } from '../../../../shared/domain/invite';
import type { MessageKey } from '../../../../shared/i18n/catalogues';
import type { T } from '../../i18n/useT';
import type { Formatters } from '../../lib/format';

export type AttendanceFilter = 'all' | 'joined' | 'notYet' | 'left';

export const ATTENDANCE_FILTERS: readonly { value: AttendanceFilter; label: MessageKey }[] = [
  { value: 'all', label: 'runs.attendance.filter.all' },
  { value: 'joined', label: 'runs.attendance.filter.joined' },
  { value: 'notYet', label: 'runs.attendance.filter.notYet' },
  { value: 'left', label: 'runs.attendance.filter.left' },
];

const holdsInvite = (p: PersonOutcome) => p.status === 'invited' || p.status === 'alreadyInvited';

export const matchesAttendance = (p: PersonOutcome, filter: AttendanceFilter): boolean =>
  filter === 'all' || (holdsInvite(p) || p.joinedAt != null ? attendanceOf(p) === filter : false);

export interface AttendanceSummary {
  invited: number;
  /** Of the invited, those who came (some may have left since). */
  joined: number;
  left: number;
}

const summaries = new WeakMap<readonly PersonOutcome[], AttendanceSummary>();
/** Cached per people array: it changes only with progress. */
export function summarizeAttendance(people: readonly PersonOutcome[]): AttendanceSummary {
  let summary = summaries.get(people);
  if (!summary) {
    summary = { invited: 0, joined: 0, left: 0 };
    for (const p of people) {
      if (!holdsInvite(p)) continue;
      summary.invited += 1;
      if (p.joinedAt != null) summary.joined += 1;
      if (p.leftAt != null) summary.left += 1;
    }
    summaries.set(people, summary);
  }
  return summary;
}

/** "Joined 12 of 40 (30%)", and how many of them left again. */
export function summaryText(t: T, { invited, joined, left }: AttendanceSummary): string {
  const values = { joined, invited, left, share: invited > 0 ? joined / invited : 0 };
  return left > 0 ? t('runs.attendance.summaryLeft', values) : t('runs.attendance.summary', values);
}

/** "joined at 19:04 (3 min after the invite)", "left at 19:20 (joined at 19:04)", "not yet"; null for people not invited. */
export function attendanceText(t: T, format: Formatters, p: PersonOutcome): string | null {
  if (p.joinedAt == null) return holdsInvite(p) ? t('runs.attendance.notYet') : null;
  const joined = format.time(p.joinedAt);
  if (p.leftAt != null) return t('runs.attendance.leftAt', { left: format.time(p.leftAt), joined });
  const minutes = minutesAfterInvite(p);
  if (minutes === null) return t('runs.attendance.joinedAt', { joined });
  if (minutes === 0) return t('runs.attendance.joinedWithin', { joined });
  return t('runs.attendance.joinedAfter', { joined, duration: format.duration(minutes * 60) });
}
