// A planned run: people chosen now for a scheduled call, invited by Rollcall as soon as the call
// starts (issue 12, item 4). Kept in the data folder until it is sent or cancelled.
import { z } from 'zod';
import { ChatKind, TelegramId } from './people';

export const PlannedRunId = z.string().regex(/^plan-[\w-]{1,58}$/, 'must be a planned run id');
export type PlannedRunId = z.infer<typeof PlannedRunId>;

export const PlannedPerson = z.strictObject({ id: TelegramId, name: z.string(), username: z.string().nullable() });
export type PlannedPerson = z.infer<typeof PlannedPerson>;

export const PlannedRun = z.strictObject({
  id: PlannedRunId,
  call: z.strictObject({ id: TelegramId, title: z.string().nullable(), chatId: TelegramId, chatTitle: z.string(), chatKind: ChatKind }),
  /** The account that planned it: only its session sends it. */
  selfId: TelegramId,
  /** When the call is due to start (epoch ms), as Telegram said when the run was planned. */
  scheduleDate: z.number(),
  people: z.array(PlannedPerson),
  /** Rollcall turned on the start subscription (so cancelling turns it off again). */
  subscribedByRollcall: z.boolean(),
  /**
   * 'waiting': sent as soon as the call starts. 'missed': the call started while Rollcall was
   * closed (or signed out); nothing is sent until the organiser says so. 'gone': the call ended
   * or disappeared before it started.
   */
  state: z.enum(['waiting', 'missed', 'gone']),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type PlannedRun = z.infer<typeof PlannedRun>;

/** A planned run's call started and its run began: what the organiser is told. */
export const PlannedStarted = z.strictObject({ planId: PlannedRunId, runId: z.string(), call: z.string(), count: z.number().int().nonnegative() });
export type PlannedStarted = z.infer<typeof PlannedStarted>;
