// Attendance in words (issue 12, item 1): who of the invited came to the call, and when.
import { attendanceOf, minutesAfterInvite, type PersonOutcome } from '../../../../shared/domain/invite';
import { formatCount, formatDuration, formatTime } from '../../lib/format';

export type AttendanceFilter = 'all' | 'joined' | 'notYet' | 'left';

export const ATTENDANCE_FILTERS: readonly { value: AttendanceFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'joined', label: 'Joined' },
  { value: 'notYet', label: 'Not yet' },
  { value: 'left', label: 'Left' },
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
export function summaryText({ invited, joined, left }: AttendanceSummary): string {
  const share = invited > 0 ? Math.round((joined / invited) * 100) : 0;
  return `Joined ${formatCount(joined)} of ${formatCount(invited)} (${share}%)${left > 0 ? ` · ${formatCount(left)} left again` : ''}`;
}

/** "joined at 19:04 (3 min after the invite)", "left at 19:20 (joined at 19:04)", "not yet"; null for people not invited. */
export function attendanceText(p: PersonOutcome): string | null {
  if (p.joinedAt == null) return holdsInvite(p) ? 'not yet' : null;
  if (p.leftAt != null) return `left at ${formatTime(p.leftAt)} (joined at ${formatTime(p.joinedAt)})`;
  const minutes = minutesAfterInvite(p);
  const after = minutes === null ? '' : minutes === 0 ? ' (within a minute of the invite)' : ` (${formatDuration(minutes * 60)} after the invite)`;
  return `joined at ${formatTime(p.joinedAt)}${after}`;
}
