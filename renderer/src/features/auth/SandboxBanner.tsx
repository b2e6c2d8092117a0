import { useT } from '../../i18n/useT';
import { useStore } from '../../store';

/** Always on screen while Rollcall talks to its sandbox, so nobody mistakes it for Telegram. */
export function SandboxBanner() {
  const t = useT();
  const shown = useStore((s) => {
    if (s.auth?.target !== 'sandbox') return s.signInForm === 'sandbox' || s.authPending === 'explore';
    return s.auth.step !== 'signedOut' || s.signInForm === 'sandbox' || s.authPending === 'explore';
  });
  if (!shown) return null;
  // In a landmark of its own, so screen-reader users can jump to it like the rest of the page.
  return (
    <aside className="sandbox-strip" aria-label={t('auth.sandbox.landmark')}>
      <div className="sandbox-banner" role="note" aria-label={t('auth.sandbox.label')}>
        <strong>{t('auth.sandbox.badge')}</strong>
        <span>{t('auth.sandbox.text')}</span>
      </div>
    </aside>
  );
}
