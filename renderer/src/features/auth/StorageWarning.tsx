import { FormattedMessage } from 'react-intl';
import type { AuthState } from '../../../../shared/domain/auth';
import type { MessageKey } from '../../../../shared/i18n/catalogues';
import { useT } from '../../i18n/useT';
import { useStore } from '../../store';

const TEXT_KEY = {
  basicText: 'auth.storage.basicText',
  unavailable: 'auth.storage.unavailable',
  unknownBackend: 'auth.storage.unknownBackend',
  backendChanged: 'auth.storage.backendChanged',
} as const satisfies Record<NonNullable<Extract<AuthState, { step: 'signedIn' }>['storageWarning']>, MessageKey>;

/** Said once, plainly, when the session at rest is weaker than it should be. */
export function StorageWarning() {
  const t = useT();
  const warning = useStore((s) => (s.auth?.step === 'signedIn' ? s.auth.storageWarning : null));
  if (!warning) return null;
  return (
    <p className="notice storage-warning" role="note" aria-label={t('auth.storage.label')}>
      {/* Electron's own name for the storage, as it reports it. */}
      <FormattedMessage id={TEXT_KEY[warning]} values={{ backend: <bdi dir="ltr">basic_text</bdi> }} />
    </p>
  );
}
