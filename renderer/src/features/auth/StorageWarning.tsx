import { useStore } from '../../store';

const TEXT = {
  basicText:
    'This system offers Rollcall no real secret storage (Electron reports “basic_text”), so your Telegram session is saved on disk only obfuscated. Anyone who can read your user folder could use it. Sign out when you are done, or use a system with a keyring.',
  unavailable:
    'This system offers Rollcall no secret storage, so your Telegram session is protected only by a key file beside it. Anyone who can read your user folder could use it. Sign out when you are done.',
} as const;

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
