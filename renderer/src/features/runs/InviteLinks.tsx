import { useId, useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useStore } from '../../store';
import type { LinkRole } from './runsSlice';

const ROLE_LABEL: Record<LinkRole, string> = { listener: 'Listener link', speaker: 'Speaker link' };

/** The call's invite links (phone.exportGroupCallInvite), copied to the clipboard and shown. */
export function InviteLinks({ heading, callId }: { heading: string; callId: string }) {
  const id = useId();
  const links = useStore((s) => s.links);
  const pending = useStore((s) => s.linkPending);
  const error = useStore((s) => s.inviteLinkError);
  const exportLink = useStore((s) => s.exportLink);
  const [copied, setCopied] = useState<LinkRole | null>(null);

  const copy = async (role: LinkRole) => {
    setCopied(null);
    const link = links[`${callId}:${role}`] ?? (await exportLink(callId, role));
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopied(role);
    } catch {
      // No clipboard (permissions, an unfocused window): the link is shown below to copy by hand.
    }
  };

  return (
    <section className="invite-links" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{heading}</h3>
      <p className="muted">Anyone with a link can join: listeners muted, speakers allowed to talk.</p>
      <div className="button-row">
        {(['listener', 'speaker'] as const).map((role) => (
          <button key={role} type="button" className="button" disabled={pending !== null} onClick={() => void copy(role)}>
            {pending === role ? 'Getting the link…' : `Copy ${role} link`}
          </button>
        ))}
      </div>
      <p role="status" className="muted">
        {copied ? `${ROLE_LABEL[copied]} copied.` : ''}
      </p>
      {error ? <ErrorNotice error={error} compact /> : null}
      {(['listener', 'speaker'] as const).map((role) =>
        links[`${callId}:${role}`] ? (
          <div key={role} className="field">
            <label htmlFor={`${id}-${role}`}>{ROLE_LABEL[role]}</label>
            <input id={`${id}-${role}`} readOnly value={links[`${callId}:${role}`]} onFocus={(e) => e.currentTarget.select()} />
          </div>
        ) : null,
      )}
    </section>
  );
}
