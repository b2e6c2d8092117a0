import { useStore } from '../../store';

/** Always on screen while Rollcall talks to its sandbox, so nobody mistakes it for Telegram. */
export function SandboxBanner() {
  const shown = useStore((s) => {
    if (s.auth?.target !== 'sandbox') return s.signInForm === 'sandbox' || s.authPending === 'explore';
    return s.auth.step !== 'signedOut' || s.signInForm === 'sandbox' || s.authPending === 'explore';
  });
  if (!shown) return null;
  // In a landmark of its own, so screen-reader users can jump to it like the rest of the page.
  return (
    <aside className="sandbox-strip" aria-label="Sandbox notice">
      <div className="sandbox-banner" role="note" aria-label="Sandbox">
        <strong>SANDBOX</strong>
        <span>
          You are in Rollcall’s built-in test server. Its people, groups and calls are made up; nothing here reaches
          Telegram.
        </span>
      </div>
    </aside>
  );
}
