// The run's pictures as data (issue 12 item 2): the outcomes as one stacked bar, and a timeline
// of invites sent, joins and Telegram's flood waits. Pure functions over the run: the people are
// read once (per minute), so a 10,000-person run costs one pass per progress event.
import type { FloodSpan, InviteStatus, PersonOutcome, RunHeader } from '../../../../shared/domain/invite';
import type { MessageKey } from '../../../../shared/i18n/catalogues';
import type { T } from '../../i18n/useT';
import type { Formatters } from '../../lib/format';

export type OutcomeKey = 'invited' | 'alreadyInvited' | 'notMember' | 'refused' | 'unconfirmed' | 'notSent' | 'skipped' | 'waiting';

export interface OutcomeSegment {
  key: OutcomeKey;
  label: string;
  count: number;
  /** Of the run's people, in whole percent. */
  share: number;
  /** People in the segments before it: where it starts on the bar. */
  offset: number;
}

/** The bar's order; the first five are always named, the rest only when someone has them. */
const OUTCOMES: readonly { key: OutcomeKey; label: MessageKey; statuses: readonly InviteStatus[]; always: boolean }[] = [
  { key: 'invited', label: 'runs.charts.outcome.invited', statuses: ['invited'], always: true },
  { key: 'alreadyInvited', label: 'runs.charts.outcome.alreadyInvited', statuses: ['alreadyInvited'], always: true },
  { key: 'notMember', label: 'runs.charts.outcome.notMember', statuses: ['notMember'], always: true },
  { key: 'refused', label: 'runs.charts.outcome.refused', statuses: ['failed'], always: true },
  { key: 'notSent', label: 'runs.charts.outcome.notSent', statuses: ['notSent'], always: true },
  { key: 'unconfirmed', label: 'runs.charts.outcome.unconfirmed', statuses: ['unconfirmed'], always: false },
  { key: 'skipped', label: 'runs.charts.outcome.skipped', statuses: ['skipped'], always: false },
  { key: 'waiting', label: 'runs.charts.outcome.waiting', statuses: ['queued', 'sending'], always: false },
];

/** The stacked bar's segments, from the run's counts (no pass over the people). */
export function outcomeSegments(t: T, header: Pick<RunHeader, 'counts' | 'total'>): OutcomeSegment[] {
  const total = Math.max(1, header.total);
  let offset = 0;
  return OUTCOMES.flatMap(({ key, label, statuses, always }) => {
    const count = statuses.reduce((sum, status) => sum + (header.counts[status] ?? 0), 0);
    const segment = { key, label: t(label), count, share: Math.round((count / total) * 100), offset };
    offset += count;
    return always || count > 0 ? [segment] : [];
  });
}

export interface TimelineBucket {
  /** Epoch ms of the bucket's start (a whole minute). */
  start: number;
  /** People Telegram listed as invited whose outcome came in this bucket. */
  invited: number;
  /** People holding an invitation who first joined the call in this bucket. */
  joined: number;
  /** Part of a flood wait falls in this bucket. */
  floodWait: boolean;
}

export interface Timeline {
  /** Minutes per bucket: 1, or more when the run and its call span more than MAX_BUCKETS minutes. */
  minutes: number;
  start: number;
  end: number;
  buckets: TimelineBucket[];
  /** Telegram's flood waits, as the run keeps them. */
  floodWaits: FloodSpan[];
  /** The highest invited or joined count of a bucket (at least 1). */
  peak: number;
  /** Anything to draw: an invite, a join or a wait. */
  any: boolean;
}

const MINUTE = 60_000;
/** The most bars a timeline draws: a long run or call gets wider buckets instead of more. */
export const MAX_BUCKETS = 90;
const BUCKET_MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 240, 480, 720, 1440];

interface PerMinute {
  /** Epoch minute → [invited, joined]. */
  counts: Map<number, [number, number]>;
  /** The last time anything happened (ms). */
  last: number;
}

const perMinuteCache = new WeakMap<readonly PersonOutcome[], PerMinute>();

/** One pass over the people, cached per people array (it is replaced, never changed, on progress). */
function perMinute(people: readonly PersonOutcome[]): PerMinute {
  let cached = perMinuteCache.get(people);
  if (cached) return cached;
  const counts = new Map<number, [number, number]>();
  let last = 0;
  const add = (t: number, which: 0 | 1) => {
    const minute = Math.floor(t / MINUTE);
    let slot = counts.get(minute);
    if (!slot) counts.set(minute, (slot = [0, 0]));
    slot[which] += 1;
    if (t > last) last = t;
  };
  for (const p of people) {
    if (p.status === 'invited') add(p.updatedAt, 0);
    // Joins of the invited, as the attendance line counts them (not those already in the call).
    if (p.joinedAt != null && (p.status === 'invited' || p.status === 'alreadyInvited')) add(p.joinedAt, 1);
  }
  cached = { counts, last };
  perMinuteCache.set(people, cached);
  return cached;
}

/**
 * The run and its call on one time axis, from the run's start to the last thing that happened
 * (its end, an invite, a join, or the end of the flood wait it is in), in buckets of whole minutes.
 */
export function runTimeline(header: Pick<RunHeader, 'startedAt' | 'finishedAt' | 'floodWaits'>, people: readonly PersonOutcome[]): Timeline {
  const { counts, last } = perMinute(people);
  const floodWaits = header.floodWaits ?? [];
  const firstMinute = Math.floor(header.startedAt / MINUTE);
  const lastAt = Math.max(header.startedAt, header.finishedAt ?? 0, last, floodWaits.at(-1)?.to ?? 0);
  const spanMinutes = Math.floor(lastAt / MINUTE) - firstMinute + 1;
  const minutes = BUCKET_MINUTES.find((m) => Math.ceil(spanMinutes / m) <= MAX_BUCKETS) ?? Math.ceil(spanMinutes / MAX_BUCKETS);
  const startMinute = Math.floor(firstMinute / minutes) * minutes;
  const size = Math.floor((Math.floor(lastAt / MINUTE) - startMinute) / minutes) + 1;
  const buckets: TimelineBucket[] = Array.from({ length: size }, (_, i) => ({
    start: (startMinute + i * minutes) * MINUTE,
    invited: 0,
    joined: 0,
    floodWait: false,
  }));
  const at = (minute: number) => Math.min(size - 1, Math.max(0, Math.floor((minute - startMinute) / minutes)));
  for (const [minute, [invited, joined]] of counts) {
    const bucket = buckets[at(minute)]!;
    bucket.invited += invited;
    bucket.joined += joined;
  }
  for (const span of floodWaits) {
    for (let i = at(Math.floor(span.from / MINUTE)); i <= at(Math.floor(Math.max(span.from, span.to - 1) / MINUTE)); i++) buckets[i]!.floodWait = true;
  }
  const peak = buckets.reduce((max, b) => Math.max(max, b.invited, b.joined), 1);
  return {
    minutes,
    start: startMinute * MINUTE,
    end: (startMinute + size * minutes) * MINUTE,
    buckets,
    floodWaits,
    peak,
    any: counts.size > 0 || floodWaits.length > 0,
  };
}

/** The timeline in one line of words: the totals, and how often and how long Telegram made the run wait. */
export function timelineText(t: T, format: Formatters, { buckets, floodWaits, start, end }: Timeline): string {
  const invited = buckets.reduce((n, b) => n + b.invited, 0);
  const joined = buckets.reduce((n, b) => n + b.joined, 0);
  const waited = floodWaits.reduce((n, s) => n + Math.max(0, s.to - s.from), 0);
  const totals = t('runs.charts.totals', { invited, joined, start: format.time(start), end: format.time(end) });
  const waits =
    floodWaits.length === 0
      ? t('runs.charts.noWaits')
      : t('runs.charts.waits', { count: floodWaits.length, duration: format.duration(waited / 1000) });
  return `${totals} ${waits}`;
}
