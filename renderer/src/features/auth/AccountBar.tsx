import { personHandle } from '../../lib/labels';
import { useStore } from '../../store';

/** Who is signed in, where, and the way out. */
export function AccountBar() {
  const auth = useStore((s) => s.auth);
  const requestSignOut = useStore((s) => s.requestSignOut);
  const answerSignOut = useStore((s) => s.answerSignOut);
  const confirming = useStore((s) => s.signOutConfirm);
  const pending = useStore((s) => s.authPending === 'signOut');
  if (auth?.step !== 'signedIn') return null;
  const handle = personHandle(auth.me);
  return (
    <div className="account-bar">
      <p className="account-bar__who">
        <span className="muted">Signed in{auth.target === 'sandbox' ? ' to the sandbox' : ''} as </span>
        <strong>{auth.me.name}</strong>
        {handle ? <span className="muted"> {handle}</span> : null}
      </p>
      {confirming ? (
        <div className="account-bar__confirm" role="alertdialog" aria-label="Sign out during a run" aria-describedby="sign-out-confirm-text">
          <p id="sign-out-confirm-text">A run is still sending invites. Signing out stops it before everyone is invited.</p>
          <button type="button" className="button button--quiet" onClick={() => answerSignOut(false)} autoFocus>
            Keep signed in
          </button>
          <button type="button" className="button" onClick={() => answerSignOut(true)}>
            Sign out anyway
          </button>
        </div>
      ) : (
        <button type="button" className="button button--quiet" onClick={requestSignOut} disabled={pending}>
          {pending ? 'Signing out…' : 'Sign out'}
        </button>
      )}
    </div>
  );
}
