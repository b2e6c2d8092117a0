// Which of a run's people each control acts on: the rows the run list shows for its filter and
// name query, the people a retry would send again, and the non-members "Add … to the group" adds.
// Pure, so tested without a window.
import { FINAL_STATUSES, type InviteStatus, type PersonOutcome, type RunHeader } from '../../../../shared/domain/invite';
import { describeError } from '../../../../shared/errors/catalogue';

/** People a retry would send again: not sent, or failed for a reason worth another try. */
export function isRetryable(outcome: PersonOutcome): boolean {
  if (outcome.status !== 'notSent' && outcome.status !== 'failed') return false;
  return outcome.error === null || describeError(outcome.error.code).retryable;
}

/** People who have an outcome (n of N). */
export function doneCount(header: RunHeader): number {
  return FINAL_STATUSES.reduce((sum, status) => sum + (header.counts[status] ?? 0), 0);
}

const retryableCounts = new WeakMap<readonly PersonOutcome[], number>();

/** People a retry would send again (cached per people array: it changes only with progress). */
export function countRetryable(list: readonly PersonOutcome[]): number {
  let n = retryableCounts.get(list);
  if (n === undefined) {
    n = 0;
    for (const outcome of list) if (isRetryable(outcome)) n++;
    retryableCounts.set(list, n);
  }
  return n;
}

/** The run's people who are not members of the call's group, in the run's order. */
export const notMemberIds = (list: readonly PersonOutcome[]): string[] =>
  list.filter((p) => p.status === 'notMember').map((p) => p.personId);

export type RunFilter = 'all' | 'attention' | InviteStatus;

/** The statuses "Needs attention" shows: someone may still be reached. */
export const ATTENTION: readonly InviteStatus[] = ['notMember', 'unconfirmed', 'notSent', 'failed'];

/** The run list's rows: by filter, then by name or username (`query` already trimmed and lower-case). */
export function runRows(list: readonly PersonOutcome[], filter: RunFilter, query: string): PersonOutcome[] {
  const out: PersonOutcome[] = [];
  for (const p of list) {
    if (filter === 'attention' ? !ATTENTION.includes(p.status) : filter !== 'all' && p.status !== filter) continue;
    if (query && !p.name.toLowerCase().includes(query) && !(p.username ?? '').toLowerCase().includes(query.replace(/^@/, ''))) continue;
    out.push(p);
  }
  return out;
}
