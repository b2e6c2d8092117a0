// An invite run and each person's outcome. The statuses are the product: every person ends in
// exactly one final status, with the catalogue's explanation when it is not `invited`.
import { z } from 'zod';
import { ErrorCodeSchema } from '../errors/schema';
import { ChatKind, TelegramId } from './people';

export const InviteStatus = z.enum([
  /** Planned, not sent yet. */
  'queued',
  /** In a request that has not returned yet. */
  'sending',
  /** Telegram's service message lists this person: invited. */
  'invited',
  /** Telegram says this person was invited to this call before. */
  'alreadyInvited',
  /** Not a member of the call's chat (USER_NOT_PARTICIPANT): can be added to the group first. */
  'notMember',
  /** The request succeeded but Telegram's reply itemised nobody, so nobody can be confirmed. */
  'unconfirmed',
  /** Never sent: the run stopped (call ended, cancelled, signed out, ...) before this person. */
  'notSent',
  /** Telegram refused this person (privacy, blocked, ...), or an unknown failure. */
  'failed',
  /** Left out on purpose: self, bot, deleted account, already in the call, invited before by Rollcall. */
  'skipped',
]);
export type InviteStatus = z.infer<typeof InviteStatus>;

export const FINAL_STATUSES: readonly InviteStatus[] = [
  'invited',
  'alreadyInvited',
  'notMember',
  'unconfirmed',
  'notSent',
  'failed',
  'skipped',
];

/**
 * A run's id. It is also its journal's file name (runs/<id>.jsonl), so the contract, the engine
 * and the journal all accept exactly this and nothing else: no dots, no slashes.
 */
export const RUN_ID_PATTERN = /^[\w-]{1,64}$/;
export const RunId = z.string().regex(RUN_ID_PATTERN, 'must be a run id');
export type RunId = z.infer<typeof RunId>;

export const SkipReason = z.enum(['self', 'bot', 'deleted', 'inCall', 'invitedBefore']);
export type SkipReason = z.infer<typeof SkipReason>;

export const PersonOutcome = z.strictObject({
  personId: TelegramId,
  name: z.string(),
  username: z.string().nullable(),
  status: InviteStatus,
  skipReason: SkipReason.nullable(),
  /** The catalogued reason for any status but queued/sending/invited/skipped. */
  error: z.strictObject({ code: ErrorCodeSchema, message: z.string() }).nullable(),
  /** Requests this person has been part of in this run. */
  attempts: z.number().int().nonnegative(),
  updatedAt: z.number(),
  /**
   * Attendance (epoch ms): when they first joined the call, and when they left it (null once they
   * are back). Absent in runs from before attendance, read as "not yet".
   */
  joinedAt: z.number().nullable().optional(),
  leftAt: z.number().nullable().optional(),
});
export type PersonOutcome = z.infer<typeof PersonOutcome>;

export const RunState = z.enum([
  'running',
  /** Waiting out Telegram's rate limit; resumes by itself. */
  'floodWait',
  /** Finished: every person has a final status. */
  'done',
  /** Stopped by a call-level error; the rest are `notSent`. */
  'stopped',
  'cancelled',
  /** Interrupted by a crash or quit; resumes from its journal once the organiser says so. */
  'interrupted',
]);
export type RunState = z.infer<typeof RunState>;

/** The most flood-wait spans a run keeps; past it a new wait joins the last span (the picture shades the gap too). */
export const MAX_FLOOD_SPANS = 1000;
export const FloodSpan = z.strictObject({ from: z.number(), to: z.number() });
export type FloodSpan = z.infer<typeof FloodSpan>;

export const RunHeader = z.strictObject({
  id: RunId,
  call: z.strictObject({ id: TelegramId, title: z.string().nullable(), chatId: TelegramId, chatTitle: z.string(), chatKind: ChatKind }),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  state: RunState,
  /** Set while state is floodWait: when sending resumes, and why. */
  floodWait: z
    .strictObject({
      until: z.number(),
      seconds: z.number().int().nonnegative(),
      /** Telegram's FLOOD_WAIT (the default), or Rollcall's own per-hour pacing. */
      source: z.enum(['telegram', 'pacing']).optional(),
      /**
       * A wait longer than the engine's threshold asks the organiser first: 'pending' until they
       * answer (nothing is sent meanwhile, even once the wait is over), 'wait' once they chose to wait.
       */
      question: z.enum(['pending', 'wait']).optional(),
    })
    .nullable(),
  /**
   * Telegram's flood waits in this run (epoch ms), in order: from when it asked to when its wait
   * ended (cut short if the run ended first). Absent in headers from before it was kept.
   */
  floodWaits: z.array(FloodSpan).max(MAX_FLOOD_SPANS).optional(),
  /** Why the run stopped, for state `stopped`. */
  stopReason: z.strictObject({ code: ErrorCodeSchema, message: z.string() }).nullable(),
  batches: z.strictObject({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  counts: z.record(InviteStatus, z.number().int().nonnegative()),
  total: z.number().int().nonnegative(),
});
export type RunHeader = z.infer<typeof RunHeader>;

export const RunSnapshot = z.strictObject({ run: RunHeader, people: z.array(PersonOutcome) });
export type RunSnapshot = z.infer<typeof RunSnapshot>;

/** What the engine will do before it sends anything. */
export const InvitePlan = z.strictObject({
  callId: TelegramId,
  /** A refusal that will hit every invite (call ended, joined as a channel): nothing should be sent. */
  callProblem: z.strictObject({ code: ErrorCodeSchema, message: z.string() }).nullable(),
  /**
   * Pre-flight, as tdesktop checks before it offers invites: each finding in the catalogue's words
   * (PREFLIGHT_*), whether it blocks sending, and the listener link offered instead.
   */
  preflight: z.array(z.strictObject({ code: ErrorCodeSchema, message: z.string(), blocks: z.boolean() })),
  people: z.array(PersonOutcome),
  toSend: z.number().int().nonnegative(),
  batches: z.number().int().nonnegative(),
});
export type InvitePlan = z.infer<typeof InvitePlan>;

/** A person's attendance of the call: in it now, came and left, or not (yet). */
export type Attendance = 'joined' | 'left' | 'notYet';
export const attendanceOf = (p: Pick<PersonOutcome, 'joinedAt' | 'leftAt'>): Attendance =>
  p.leftAt != null ? 'left' : p.joinedAt != null ? 'joined' : 'notYet';

/** Whole minutes from the invitation (the outcome's time) to the first join; null if not invited or not joined. */
export function minutesAfterInvite(p: Pick<PersonOutcome, 'status' | 'updatedAt' | 'joinedAt'>): number | null {
  if (p.joinedAt == null || (p.status !== 'invited' && p.status !== 'alreadyInvited')) return null;
  // The join can land just before the reply that records the invitation: never "-1 min".
  return Math.max(0, Math.floor((p.joinedAt - p.updatedAt) / 60_000));
}
