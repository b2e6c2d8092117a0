import { personHandle } from '../../lib/labels';
import { useStore } from '../../store';

/** Who is signed in, where, and the way out. */
export function AccountBar() {
  const auth = useStore((s) => s.auth);
  const signOut = useStore((s) => s.signOut);
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
      <button type="button" className="button button--quiet" onClick={() => void signOut()} disabled={pending}>
        {pending ? 'Signing out…' : 'Sign out'}
      </button>
    </div>
  );
}
