import type { CallSummary, CallWarning } from '../../../../shared/domain/people';
import type { ErrorCode } from '../../../../shared/errors/codes';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT, type T } from '../../i18n/useT';

/** Each warning is a refusal Telegram is known to give; the catalogue words it. */
const WARNING_CODE: Record<CallWarning, ErrorCode> = {
  joinedAsChannel: 'INVITE_FORBIDDEN_WITH_JOINAS',
  ended: 'GROUPCALL_FORBIDDEN',
  cannotAddMembers: 'CHAT_ADMIN_REQUIRED',
  broadcastChannel: 'PREFLIGHT_BROADCAST',
  cannotSendMessages: 'PREFLIGHT_CANNOT_SEND',
  notJoined: 'PREFLIGHT_NOT_JOINED',
};

/** Warnings that may not stop invites (the others will). */
const MILD: ReadonlySet<CallWarning> = new Set(['cannotAddMembers', 'cannotSendMessages', 'notJoined']);

function detail(t: T, call: CallSummary, warning: CallWarning): string {
  if (warning === 'joinedAsChannel' && call.joinAs.title) return t('calls.warning.joinedAs', { channel: call.joinAs.title });
  return '';
}

/** What Telegram will refuse, said before anything is sent. */
export function CallWarnings({ call }: { call: CallSummary }) {
  const t = useT();
  if (call.warnings.length === 0) return null;
  return (
    <div className="call-warnings">
      {call.warnings.map((warning) => (
        <ErrorNotice
          key={warning}
          className={MILD.has(warning) ? 'error-notice--mild' : undefined}
          error={{ code: WARNING_CODE[warning], message: detail(t, call, warning) }}
          alert={false}
          compact
        />
      ))}
    </div>
  );
}
