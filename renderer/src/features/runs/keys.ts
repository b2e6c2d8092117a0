// The words for a run's states, each person's status and why someone was left out: maps of
// literal keys (the unused-keys guard looks for each written out).
import type { InviteStatus, RunState, SkipReason } from '../../../../shared/domain/invite';
import type { MessageKey } from '../../../../shared/i18n/catalogues';

export const RUN_STATE_KEY = {
  running: 'runs.state.running',
  floodWait: 'runs.state.floodWait',
  done: 'runs.state.done',
  stopped: 'runs.state.stopped',
  cancelled: 'runs.state.cancelled',
  interrupted: 'runs.state.interrupted',
} as const satisfies Record<RunState, MessageKey>;

export const STATUS_KEY = {
  queued: 'runs.status.queued',
  sending: 'runs.status.sending',
  invited: 'runs.status.invited',
  alreadyInvited: 'runs.status.alreadyInvited',
  notMember: 'runs.status.notMember',
  unconfirmed: 'runs.status.unconfirmed',
  notSent: 'runs.status.notSent',
  failed: 'runs.status.failed',
  skipped: 'runs.status.skipped',
} as const satisfies Record<InviteStatus, MessageKey>;

export const SKIP_REASON_KEY = {
  self: 'runs.skip.self',
  bot: 'runs.skip.bot',
  deleted: 'runs.skip.deleted',
  inCall: 'runs.skip.inCall',
  invitedBefore: 'runs.skip.invitedBefore',
} as const satisfies Record<SkipReason, MessageKey>;
