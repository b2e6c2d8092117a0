import { useId, useState } from 'react';
import type { MessageKey } from '../../../../shared/i18n/catalogues';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n/useT';
import { useStore } from '../../store';
import type { LinkRole } from './runsSlice';

const ROLE_KEY = {
  listener: { label: 'runs.links.listener', copy: 'runs.links.copyListener', copied: 'runs.links.copiedListener' },
  speaker: { label: 'runs.links.speaker', copy: 'runs.links.copySpeaker', copied: 'runs.links.copiedSpeaker' },
} as const satisfies Record<LinkRole, Record<'label' | 'copy' | 'copied', MessageKey>>;

/** The call's invite links (phone.exportGroupCallInvite), copied to the clipboard and shown. */
export function InviteLinks({ heading, callId }: { heading: string; callId: string }) {
  const id = useId();
  const t = useT();
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
      <p className="muted">{t('runs.links.intro')}</p>
      <div className="button-row">
        {(['listener', 'speaker'] as const).map((role) => (
          <button key={role} type="button" className="button" disabled={pending !== null} onClick={() => void copy(role)}>
            {pending === role ? t('runs.links.getting') : t(ROLE_KEY[role].copy)}
          </button>
        ))}
      </div>
      <p role="status" className="muted">
        {copied ? t(ROLE_KEY[copied].copied) : ''}
      </p>
      {error ? <ErrorNotice error={error} compact /> : null}
      {(['listener', 'speaker'] as const).map((role) =>
        links[`${callId}:${role}`] ? (
          <div key={role} className="field">
            <label htmlFor={`${id}-${role}`}>{t(ROLE_KEY[role].label)}</label>
            <input id={`${id}-${role}`} dir="ltr" readOnly value={links[`${callId}:${role}`]} onFocus={(e) => e.currentTarget.select()} />
          </div>
        ) : null,
      )}
    </section>
  );
}
