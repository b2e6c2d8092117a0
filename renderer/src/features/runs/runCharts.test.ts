import { describe, expect, it } from 'vitest';
import type { PersonOutcome } from '../../../../shared/domain/invite';
import { createIntl } from 'react-intl';
import { messagesFor } from '../../../../shared/i18n/catalogues';
import type { T } from '../../i18n/useT';
import { formatters } from '../../lib/format';
import { header, outcome } from '../../testSupport/fixtures';
import { MAX_BUCKETS, outcomeSegments, runTimeline, timelineText } from './runCharts';

// English, as the window's provider gives it in tests; times and durations as Intl writes them there.
const intl = createIntl({ locale: 'en', messages: messagesFor('en') });
const t: T = (key, values) => intl.formatMessage({ id: key }, values);
const format = formatters(intl);
const time = (hours: number, minutes: number) => format.time(new Date(2026, 0, 5, hours, minutes).getTime());

/** 19:00:30 on a day, in the machine's own time zone (the chart's times are local). */
const T0 = new Date(2026, 0, 5, 19, 0, 30).getTime();
const at = (minutes: number, seconds = 0) => T0 + minutes * 60_000 + seconds * 1000;

describe('the outcome bar', () => {
  it('item 2: the five outcomes always, the others only when someone has them, with shares of the run', () => {
    const segments = outcomeSegments(t, header({ total: 10, counts: { invited: 6, alreadyInvited: 1, failed: 1, unconfirmed: 1, queued: 1 } }));
    expect(segments.map((s) => [s.label, s.count, s.share, s.offset])).toEqual([
      ['Invited', 6, 60, 0],
      ['Already invited', 1, 10, 6],
      ['Not a member', 0, 0, 7],
      ['Refused', 1, 10, 7],
      ['Not sent', 0, 0, 8],
      ['Sent, not confirmed', 1, 10, 8],
      ['Still to send', 1, 10, 9],
    ]);
    // Queued and sending are one segment; skipped people show once there are any.
    expect(outcomeSegments(t, header({ total: 3, counts: { queued: 1, sending: 1, skipped: 1 } })).slice(5).map((s) => [s.key, s.count])).toEqual([
      ['skipped', 1],
      ['waiting', 2],
    ]);
  });
});

describe('the timeline', () => {
  const people: PersonOutcome[] = [
    outcome({ personId: '1', status: 'invited', updatedAt: at(0, 10) }),
    outcome({ personId: '2', status: 'invited', updatedAt: at(1, 5), joinedAt: at(1, 20) }),
    outcome({ personId: '3', status: 'invited', updatedAt: at(1, 20), joinedAt: at(2, 0), leftAt: at(2, 30) }),
    outcome({ personId: '4', status: 'alreadyInvited', updatedAt: at(1, 25), joinedAt: at(2, 10) }),
    // Neither an invite nor a join of the invited: not a member, and someone already in the call.
    outcome({ personId: '5', status: 'notMember', updatedAt: at(1, 0) }),
    outcome({ personId: '6', status: 'skipped', skipReason: 'inCall', updatedAt: at(0, 0), joinedAt: at(-30) }),
  ];

  it('item 2: invites by their outcome’s time and joins of the invited by when they joined, per minute, with the flood waits', () => {
    const timeline = runTimeline({ startedAt: T0, finishedAt: at(3, 0), floodWaits: [{ from: at(1, 25), to: at(2, 40) }] }, people);
    expect(timeline.minutes).toBe(1);
    expect(timeline.start).toBe(new Date(2026, 0, 5, 19, 0).getTime());
    expect(timeline.end).toBe(new Date(2026, 0, 5, 19, 4).getTime());
    expect(timeline.buckets.map((b) => [b.start, b.invited, b.joined, b.floodWait])).toEqual([
      [new Date(2026, 0, 5, 19, 0).getTime(), 1, 0, false],
      [new Date(2026, 0, 5, 19, 1).getTime(), 2, 1, true],
      [new Date(2026, 0, 5, 19, 2).getTime(), 0, 2, true],
      [new Date(2026, 0, 5, 19, 3).getTime(), 0, 0, true],
    ]);
    expect(timeline.peak).toBe(2);
    expect(timeline.any).toBe(true);
    expect(timelineText(t, format, timeline)).toBe(
      `3 invited and 3 joined between ${time(19, 0)} and ${time(19, 4)}. Telegram asked to wait 1 time, ${format.duration(75)} in all.`,
    );
    expect(format.duration(75)).toMatch(/^1 min 15 \S+$/);
  });

  it('item 2: a run from before flood waits were kept, and a run that has sent nothing yet', () => {
    const old = runTimeline({ startedAt: T0, finishedAt: at(1, 0) }, people.slice(0, 1));
    expect(old.floodWaits).toEqual([]);
    expect(timelineText(t, format, old)).toBe(`1 invited and 0 joined between ${time(19, 0)} and ${time(19, 2)}. Telegram never asked to wait.`);
    const fresh = runTimeline({ startedAt: T0, finishedAt: null, floodWaits: [] }, [outcome({ status: 'queued', updatedAt: T0 })]);
    expect(fresh.any).toBe(false);
    expect(fresh.buckets).toHaveLength(1);
  });

  it('item 2: a live flood wait reaches as far as Telegram asked; the timeline follows new people arrays', () => {
    const waiting = runTimeline({ startedAt: T0, finishedAt: null, floodWaits: [{ from: at(0, 20), to: at(5, 0) }] }, people.slice(0, 1));
    expect(waiting.buckets.map((b) => b.floodWait)).toEqual([true, true, true, true, true, true]);
    const joined = people.slice(0, 1).map((p) => ({ ...p, joinedAt: at(0, 20) }));
    expect(runTimeline({ startedAt: T0, finishedAt: null }, joined).buckets[0]).toMatchObject({ invited: 1, joined: 1 });
  });

  it('item 2: 10,000 people over five hours: wider buckets, never more than MAX_BUCKETS, and every invite and join counted', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      outcome({ personId: String(i), status: 'invited', updatedAt: at(Math.floor(i / 40)), joinedAt: i % 2 ? at(Math.floor(i / 40) + 50) : null }),
    );
    const timeline = runTimeline({ startedAt: T0, finishedAt: at(250), floodWaits: [] }, many);
    expect(timeline.minutes).toBe(5);
    expect(timeline.buckets.length).toBeLessThanOrEqual(MAX_BUCKETS);
    expect(timeline.buckets.reduce((n, b) => n + b.invited, 0)).toBe(10_000);
    expect(timeline.buckets.reduce((n, b) => n + b.joined, 0)).toBe(5_000);
    expect(timeline.buckets[0]!.invited).toBe(200);
  });
});
