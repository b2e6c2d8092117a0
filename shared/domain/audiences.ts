// Audiences: named, saved lists of people ("Tuesday meetup regulars"), kept in the data folder
// and offered as a source in the picker. A person is kept with what addresses them again (their
// Telegram id; the username to find them by when this session has not seen them) and the name shown.
import { z } from 'zod';
import { RunId } from './invite';
import { PersonKind, TelegramId } from './people';

/** An audience's id; also how the file refers to it, so nothing but this shape is accepted. */
export const AudienceId = z.string().regex(/^[\w-]{1,64}$/, 'must be an audience id');
export type AudienceId = z.infer<typeof AudienceId>;

export const AudienceName = z.string().trim().min(1, 'needs a name').max(120);

/** The most people one audience holds (the picker's ceiling). */
export const MAX_AUDIENCE_PEOPLE = 100_000;

export const AudiencePerson = z.strictObject({
  id: TelegramId,
  name: z.string().max(512),
  username: z.string().max(64).nullable(),
  kind: PersonKind,
});
export type AudiencePerson = z.infer<typeof AudiencePerson>;

export const Audience = z.strictObject({
  id: AudienceId,
  name: AudienceName,
  createdAt: z.number(),
  updatedAt: z.number(),
  people: z.array(AudiencePerson).max(MAX_AUDIENCE_PEOPLE),
});
export type Audience = z.infer<typeof Audience>;

export const AudienceSummary = Audience.omit({ people: true }).extend({ count: z.number().int().nonnegative() });
export type AudienceSummary = z.infer<typeof AudienceSummary>;

/**
 * Which people of a run: everyone, those invited (or found already invited), those who were not,
 * those who joined the call, or those invited who didn't (AUDIENCE_RUN_GROUPS in the core decides
 * who belongs to each).
 */
export const RunGroup = z.enum(['everyone', 'invited', 'notInvited', 'joined', 'notJoined']);
export type RunGroup = z.infer<typeof RunGroup>;

/** Where the people of a new audience (or those added to one) come from. */
export const AudienceSource = z.discriminatedUnion('kind', [
  /** The picker's selection, as the picker shows it. */
  z.strictObject({ kind: z.literal('people'), people: z.array(AudiencePerson).min(1).max(MAX_AUDIENCE_PEOPLE) }),
  z.strictObject({ kind: z.literal('run'), runId: RunId, group: RunGroup }),
  /** Usernames, t.me links or phone numbers, one per line, resolved as the picker's pasted list. */
  z.strictObject({ kind: z.literal('pasted'), text: z.string().min(1).max(1_000_000) }),
  /** A CSV file's text: its username, phone or id column (Rollcall's own run and audience CSVs have them). */
  z.strictObject({ kind: z.literal('csv'), text: z.string().min(1).max(5_000_000) }),
]);
export type AudienceSource = z.infer<typeof AudienceSource>;
