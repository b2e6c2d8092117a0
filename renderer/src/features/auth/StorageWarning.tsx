import type { AuthState } from '../../../../shared/domain/auth';
import { useStore } from '../../store';

const TEXT = {
  basicText:
    'This system offers Rollcall no real secret storage (Electron reports “basic_text”), so your Telegram session is saved on disk only obfuscated. Anyone who can read your user folder could use it. Sign out when you are done, or use a system with a keyring.',
  unavailable:
    'This system offers Rollcall no secret storage, so your Telegram session is protected only by a key file beside it. Anyone who can read your user folder could use it. Sign out when you are done.',
  unknownBackend:
    'Rollcall does not recognise the secret storage this system offers, so it can’t tell how well your Telegram session is protected on disk. Sign out when you are done, or use a system with a keyring.',
  backendChanged:
    'Your Telegram session was saved with a different secret storage than the one this system uses now. If you did not change your keyring, sign out (that ends this session for good) and sign in again.',
} as const satisfies Record<NonNullable<Extract<AuthState, { step: 'signedIn' }>['storageWarning']>, string>;

/** Said once, plainly, when the session at rest is weaker than it should be. */
export function StorageWarning() {
  const warning = useStore((s) => (s.auth?.step === 'signedIn' ? s.auth.storageWarning : null));
  if (!warning) return null;
  return (
    <p className="notice storage-warning" role="note" aria-label="How your session is stored">
      {TEXT[warning]}
    </p>
  );
}
