// The words for statuses and reasons. These are states, not errors: errors take their words from
// shared/errors/catalogue.ts only.
import type { AuthState } from '../../../shared/domain/auth';
import type { InviteStatus, RunState, SkipReason } from '../../../shared/domain/invite';
import type { CallSummary, ChatKind, Person } from '../../../shared/domain/people';

export const STATUS_LABEL: Record<InviteStatus, string> = {
  queued: 'Queued',
  sending: 'Sending',
  invited: 'Invited',
  alreadyInvited: 'Already invited',
  notMember: 'Not a member',
  unconfirmed: 'Unconfirmed',
  notSent: 'Not sent',
  failed: 'Failed',
  skipped: 'Left out',
};

/** Lower-case, after a count: "3 already invited", "1 not a member". */
export function statusPhrase(status: InviteStatus, n: number): string {
  if (status === 'notMember') return n === 1 ? 'not a member' : 'not members';
  return STATUS_LABEL[status].toLowerCase();
}

/** Why the engine leaves someone out on purpose; shown on the disabled row in the picker. */
export const SKIP_REASON_LABEL: Record<SkipReason, string> = {
  self: 'That’s you',
  bot: 'Bot: bots can’t join calls',
  deleted: 'Deleted account',
  inCall: 'Already in the call',
  invitedBefore: 'Already invited by Rollcall',
};

export const RUN_STATE_LABEL: Record<RunState, string> = {
  running: 'Inviting',
  floodWait: 'Waiting for Telegram',
  done: 'Finished',
  stopped: 'Stopped',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

export const CHAT_KIND_LABEL: Record<ChatKind, string> = {
  group: 'Group',
  supergroup: 'Supergroup',
  channel: 'Channel',
};

/** What the person's kind alone says about inviting them, before any plan arrives. */
export function kindSkipReason(kind: Person['kind']): SkipReason | null {
  if (kind === 'self') return 'self';
  if (kind === 'bot') return 'bot';
  if (kind === 'deleted') return 'deleted';
  return null;
}

/** "Rust Meetup Berlin — Monthly meetup", from a CallSummary or a run's call. */
export function callName(call: { title: string | null; chat: { title: string } } | { title: string | null; chatTitle: string }): string {
  const chat = 'chat' in call ? call.chat.title : call.chatTitle;
  return call.title ? `${chat} — ${call.title}` : chat;
}

export function joinAsLabel(joinAs: CallSummary['joinAs']): string {
  if (joinAs.kind === 'self') return 'Joined as yourself';
  if (joinAs.kind === 'channel') return `Joined as the channel ${joinAs.title ?? ''}`.trim();
  return 'Not in the call';
}

export const roleLabel = (call: CallSummary): string => (call.canManage ? 'You manage this call' : 'You don’t manage this call');

export function personHandle(person: Pick<Person, 'username' | 'phone'>): string {
  if (person.username) return `@${person.username}`;
  if (person.phone) return `+${person.phone.replace(/^\+/, '')}`;
  return '';
}

export const targetLabel = (target: AuthState['target']): string =>
  target === 'sandbox' ? 'the sandbox' : 'Telegram';
