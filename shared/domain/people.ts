// People and calls as the renderer sees them: plain data, ids as decimal strings (Telegram ids
// are 64-bit). Access hashes and every other GramJS detail stay in electron/telegram/.
import { z } from 'zod';

/** A Telegram id (user, chat, channel or call) as a decimal string. */
export const TelegramId = z.string().regex(/^-?\d{1,20}$/, 'must be a Telegram id (digits)');
export type TelegramId = z.infer<typeof TelegramId>;

export const PersonKind = z.enum(['user', 'bot', 'deleted', 'self']);
export type PersonKind = z.infer<typeof PersonKind>;

export const Person = z.strictObject({
  id: TelegramId,
  /** First and last name as Telegram shows them; "Deleted Account" for deleted accounts. */
  name: z.string(),
  username: z.string().nullable(),
  /** Only when Telegram shares it (contacts, mostly). */
  phone: z.string().nullable(),
  kind: PersonKind,
  isContact: z.boolean(),
});
export type Person = z.infer<typeof Person>;

export const ChatKind = z.enum(['group', 'supergroup', 'channel']);
export type ChatKind = z.infer<typeof ChatKind>;

/** Why Telegram will (or may) refuse invites to this call, known before anything is sent. */
export const CallWarning = z.enum([
  /** The account joined the call as a channel: INVITE_FORBIDDEN_WITH_JOINAS on every invite. */
  'joinedAsChannel',
  /** The call has ended: GROUPCALL_FORBIDDEN on every invite. */
  'ended',
  /** The account is not an admin of the chat: it can invite, but not add people to the group. */
  'cannotAddMembers',
  /** A broadcast channel's live stream: official clients never offer invites there (blocks the invite). */
  'broadcastChannel',
  /** The account may not send messages in the chat (an invite is a service message there). */
  'cannotSendMessages',
  /** The account is not among the call's participants: official clients invite only from inside the call. */
  'notJoined',
]);
export type CallWarning = z.infer<typeof CallWarning>;

export const CallSummary = z.strictObject({
  /** The group call's id. */
  id: TelegramId,
  chat: z.strictObject({ id: TelegramId, title: z.string(), kind: ChatKind, username: z.string().nullable() }),
  /** The call's own title, if it has one. */
  title: z.string().nullable(),
  participantsCount: z.number().int().nonnegative(),
  /** 'scheduled': not started yet (nobody can be invited until it starts; see `scheduled`). */
  state: z.enum(['active', 'ended', 'scheduled']),
  /**
   * Set for a scheduled call: when it is due to start (epoch ms) and whether this account asked
   * Telegram to be told when it starts (schedule_start_subscribed). Telegram tells a viewer only
   * their own subscription, not how many others subscribed.
   */
  scheduled: z.strictObject({ date: z.number(), subscribed: z.boolean() }).nullable().optional(),
  /** Whether the account can manage the call (admin with manage_call, or the creator). */
  canManage: z.boolean(),
  /** Who the account joined as: itself, a channel, or not joined. */
  joinAs: z.strictObject({ kind: z.enum(['self', 'channel', 'notJoined']), title: z.string().nullable() }),
  warnings: z.array(CallWarning),
});
export type CallSummary = z.infer<typeof CallSummary>;

/** A page of people, with where the next page starts (null at the end). */
export const PeoplePage = z.strictObject({
  people: z.array(Person),
  total: z.number().int().nonnegative(),
  nextOffset: z.string().nullable(),
});
export type PeoplePage = z.infer<typeof PeoplePage>;
