import { describe, expect, it } from 'vitest';
import { header, outcome } from '../../testSupport/fixtures';
import { countRetryable, doneCount, isRetryable, notMemberIds, runRows } from './runSelection';

const run = [
  outcome({ personId: '1', name: 'Ada Lovelace', username: 'ada', status: 'invited' }),
  outcome({ personId: '2', name: 'Alan Turing', username: 'alan', status: 'notSent' }),
  outcome({ personId: '3', name: 'Grace Hopper', username: null, status: 'failed', error: { code: 'INVITE_UNCONFIRMED', message: '' } }),
  outcome({ personId: '4', name: 'Edsger Dijkstra', username: 'ewd', status: 'failed', error: { code: 'USER_PRIVACY_RESTRICTED', message: '' } }),
  outcome({ personId: '5', name: 'Barbara Liskov', username: 'liskov', status: 'notMember', error: { code: 'USER_NOT_PARTICIPANT', message: '' } }),
  outcome({ personId: '6', name: 'Ken Thompson', username: 'ken', status: 'skipped', skipReason: 'bot' }),
  outcome({ personId: '7', name: 'Dennis Ritchie', username: 'dmr', status: 'notMember', error: { code: 'USER_NOT_PARTICIPANT', message: '' } }),
];

describe('the run list’s selections', () => {
  it('item 8: isRetryable takes the not sent and the failed whose reason may pass, nobody else', () => {
    expect(run.map((p) => isRetryable(p))).toEqual([false, true, true, false, false, false, false]);
    expect(isRetryable(outcome({ status: 'failed', error: null }))).toBe(true);
    expect(isRetryable(outcome({ status: 'unconfirmed', error: { code: 'INVITE_UNCONFIRMED', message: '' } }))).toBe(false);
  });

  it('item 8: countRetryable counts what a retry would send again, and recounts a new list', () => {
    expect(countRetryable(run)).toBe(2);
    // Progress replaces the array: the cached count of the old one must not answer for it.
    const next = run.map((p) => (p.personId === '2' ? { ...p, status: 'invited' as const } : p));
    expect(countRetryable(next)).toBe(1);
    expect(countRetryable([])).toBe(0);
  });

  it('item 8: notMemberIds picks the non-members in the run’s order', () => {
    expect(notMemberIds(run)).toEqual(['5', '7']);
    expect(notMemberIds(run.slice(0, 4))).toEqual([]);
  });

  it('item 8: runRows filters by status, by "needs attention" and by name or @username', () => {
    const ids = (rows: ReturnType<typeof runRows>) => rows.map((p) => p.personId);
    expect(ids(runRows(run, 'all', ''))).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(ids(runRows(run, 'attention', ''))).toEqual(['2', '3', '4', '5', '7']);
    expect(ids(runRows(run, 'failed', ''))).toEqual(['3', '4']);
    expect(ids(runRows(run, 'all', 'grace'))).toEqual(['3']);
    expect(ids(runRows(run, 'all', '@ewd'))).toEqual(['4']);
    expect(ids(runRows(run, 'notMember', 'dmr'))).toEqual(['7']);
    expect(ids(runRows(run, 'invited', 'alan'))).toEqual([]);
  });

  it('item 8: doneCount adds the final statuses, not the queued or sending', () => {
    expect(doneCount(header({ counts: { invited: 2, failed: 1, skipped: 1, queued: 5, sending: 3 } }))).toBe(4);
    expect(doneCount(header())).toBe(0);
  });
});
