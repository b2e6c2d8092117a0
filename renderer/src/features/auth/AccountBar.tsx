import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { Target } from '../../../../shared/domain/auth';
import type { MessageKey } from '../../../../shared/i18n/catalogues';
import { useT } from '../../i18n/useT';
import { personHandle } from '../../lib/labels';
import { useStore } from '../../store';

const SIGNED_IN_KEY = {
  sandbox: 'auth.account.signedIn.sandbox',
  telegram: 'auth.account.signedIn.telegram',
} as const satisfies Record<Target, MessageKey>;

/** Who is signed in, where, and the way out. */
export function AccountBar() {
  const auth = useStore((s) => s.auth);
  const requestSignOut = useStore((s) => s.requestSignOut);
  const answerSignOut = useStore((s) => s.answerSignOut);
  const confirming = useStore((s) => s.signOutConfirm);
  const pending = useStore((s) => s.authPending === 'signOut');
  const t = useT();
  if (auth?.step !== 'signedIn') return null;
  const handle = personHandle(auth.me);
  return (
    <div className="account-bar">
      <p className="account-bar__who">
        <FormattedMessage
          id={SIGNED_IN_KEY[auth.target]}
          values={{
            name: <bdi>{auth.me.name}</bdi>,
            muted: (chunks: ReactNode[]) => <span className="muted">{chunks}</span>,
            b: (chunks: ReactNode[]) => <strong>{chunks}</strong>,
          }}
        />
        {/* The username or phone number beside the name: a value, not part of the sentence. */}
        {handle ? (
          <span className="muted">
            {' '}
            <bdi dir="ltr">{handle}</bdi>
          </span>
        ) : null}
      </p>
      {confirming ? (
        <div
          className="account-bar__confirm"
          role="alertdialog"
          aria-label={t('auth.account.confirm.label')}
          aria-describedby="sign-out-confirm-text"
        >
          <p id="sign-out-confirm-text">{t('auth.account.confirm.text')}</p>
          <button type="button" className="button button--quiet" onClick={() => answerSignOut(false)} autoFocus>
            {t('auth.account.confirm.keep')}
          </button>
          <button type="button" className="button" onClick={() => answerSignOut(true)}>
            {t('auth.account.confirm.signOut')}
          </button>
        </div>
      ) : (
        <button type="button" className="button button--quiet" onClick={requestSignOut} disabled={pending}>
          {pending ? t('auth.account.signingOut') : t('auth.account.signOut')}
        </button>
      )}
    </div>
  );
}
