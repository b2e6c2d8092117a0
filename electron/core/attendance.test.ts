// Attendance's version logic against a scripted source (the GramJS path is in
// attendance.integration.test.ts): pushes applied by version whatever order they arrive in, a gap
// that fills in time costs no request, one that stays open costs one read of the list.
import { describe, expect, it } from 'vitest';
import { attendanceOf, type PersonOutcome } from '../../shared/domain/invite';
import { Attendance, type AttendanceSource, type ParticipantsPush, type ParticipantsSnapshot } from './attendance';
import { Run } from './invite/run';

const CALL = '1';
const invited = (id: string): PersonOutcome => ({
  personId: id, name: `P${id}`, username: null, status: 'invited', skipReason: null, error: null, attempts: 1, updatedAt: 1_000,
});

/** A call whose list is `present` at `version`; pushes are sent by the test. */
class ScriptedCall implements AttendanceSource {
  version = 1;
  present = new Map<string, number>();
  reads = 0;
  private listener: ((push: ParticipantsPush) => void) | null = null;
  onPush(listener: (push: ParticipantsPush) => void) {
    this.listener = listener;
    return () => (this.listener = null);
  }
  async snapshot(): Promise<ParticipantsSnapshot> {
    this.reads += 1;
    return { version: this.version, present: new Map(this.present), requests: 1 };
  }
  /** A leave carries the person's join date, as Telegram's does. */
  push(version: number, userId: string, present: boolean, joinedAt = 2_000 + version): void {
    this.listener!({ callId: CALL, version, changes: [{ userId, present, joinedAt }] });
  }
}

function setup(gapWaitMs: number) {
  const call = new ScriptedCall();
  const run = new Run({
    id: 'run-a', call: { id: CALL, title: null, chatId: '2', chatTitle: 'C', chatKind: 'supergroup' }, selfId: '9', startedAt: 0, state: 'done',
    people: ['10', '11', '12'].map(invited),
  });
  const journal: { id: string; joinedAt: number | null; leftAt: number | null }[] = [];
  const attendance = new Attendance({
    source: () => call,
    runsOfCall: async () => [run],
    journal: async (_runId, people) => void journal.push(...people),
    emit: () => {},
    gapWaitMs,
    catchUpIntervalMs: 0,
    flushMs: 1,
  });
  const status = () => ['10', '11', '12'].map((id) => attendanceOf(run.person(id)!));
  return { call, run, attendance, journal, status };
}

const until = async (condition: () => boolean) => {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 2));
  }
};

describe('attendance by version', () => {
  it('item 1: pushes out of order (a leave before its join) end in the state of the highest version, with no extra read', async () => {
    const { call, run, attendance, journal, status } = setup(60_000);
    await attendance.follow(CALL);
    await until(() => call.reads === 1);
    call.push(4, '11', true);
    call.push(3, '10', false, 2_002);
    call.push(2, '10', true);
    await attendance.flush();
    // 10's join (2) arrived after their leave (3): they are out.
    expect(status()).toEqual(['left', 'joined', 'notYet']);
    call.push(5, '10', true);
    call.push(6, '11', false, 2_004);
    call.push(7, '10', false, 2_005);
    await attendance.flush();
    expect(status()).toEqual(['left', 'left', 'notYet']);
    expect(run.person('10')!.joinedAt).toBe(2_002);
    // The first join is kept; the journal holds the latest of each.
    expect(journal.filter((e) => e.id === '11').at(-1)).toMatchObject({ joinedAt: 2_004, leftAt: expect.any(Number) });
    expect(call.reads).toBe(1);
    await attendance.dispose();
  });

  it('item 1: a gap that fills within the wait costs no request; one that stays open is caught up by one read', async () => {
    const { call, attendance, status } = setup(30);
    await attendance.follow(CALL);
    await until(() => call.reads === 1);
    call.push(3, '11', true);
    call.push(2, '10', true);
    await attendance.flush();
    expect(status()).toEqual(['joined', 'joined', 'notYet']);
    // Version 4 (12 joins) is never pushed; 5 (11 leaves) is.
    call.version = 5;
    call.present = new Map([['10', 2_002], ['12', 2_004]]);
    call.push(5, '11', false, 2_003);
    await until(() => call.reads === 2);
    await attendance.flush();
    expect(status()).toEqual(['joined', 'left', 'joined']);
    expect(call.reads).toBe(2);
    await attendance.dispose();
  });
});
