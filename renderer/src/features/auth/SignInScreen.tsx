import { useId, useState, type FormEvent } from 'react';
import { FormattedMessage } from 'react-intl';
import type { AuthState, Target } from '../../../../shared/domain/auth';
import type { ErrorCode } from '../../../../shared/errors/codes';
import type { IpcError } from '../../../../shared/ipc/result';
import type { MessageKey } from '../../../../shared/i18n/catalogues';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n/useT';
import { useFormat } from '../../lib/format';
import { useCountdown } from '../../lib/useCountdown';
import { useStore } from '../../store';
import { AboutPanel } from '../about/AboutPanel';
import { SettingsScreen } from '../settings/SettingsScreen';
import { QrImage } from './QrImage';

type Field = 'phone' | 'code' | 'password' | 'qr' | 'form';

const HEADING_KEY = { sandbox: 'auth.form.heading.sandbox', telegram: 'auth.form.heading.telegram' } as const satisfies Record<Target, MessageKey>;
const CONNECTING_KEY = { sandbox: 'auth.form.connecting.sandbox', telegram: 'auth.form.connecting.telegram' } as const satisfies Record<Target, MessageKey>;

/** Which field an auth error belongs next to. */
function fieldOf(code: ErrorCode): Field {
  if (code.startsWith('PHONE_CODE_')) return 'code';
  if (code.startsWith('PHONE_NUMBER_')) return 'phone';
  if (code.startsWith('PASSWORD_')) return 'password';
  if (code === 'QR_LOGIN_EXPIRED') return 'qr';
  return 'form';
}

/** The error to show now: a failed request first, else the state machine's own. */
function useAuthError(): IpcError | null {
  const requestError = useStore((s) => s.authRequestError);
  const stateError = useStore((s) => (s.auth && 'error' in s.auth ? s.auth.error : null));
  return requestError ?? stateError;
}

export function SignInScreen() {
  const auth = useStore((s) => s.auth);
  const form = useStore((s) => s.signInForm);
  const view = useStore((s) => s.view);
  const go = useStore((s) => s.go);
  const openSignIn = useStore((s) => s.openSignIn);
  const t = useT();

  const back = () => {
    go('calls');
    // Credentials may have changed: ask again for the sign-in that was open.
    if (form && auth?.step === 'signedOut') void openSignIn(form);
  };

  if (view === 'settings') {
    return (
      <div className="stack">
        <button type="button" className="button button--quiet back-button" onClick={back}>
          {t('auth.settings.back')}
        </button>
        <SettingsScreen />
      </div>
    );
  }
  const inProgress = auth && auth.step !== 'signedOut' && auth.step !== 'signedIn';
  if (inProgress) return <SignInForm target={auth.target} />;
  if (form) return <SignInForm target={form} />;
  return <Welcome />;
}

function Welcome() {
  const auth = useStore((s) => s.auth);
  const pending = useStore((s) => s.authPending);
  const requestError = useStore((s) => s.authRequestError);
  const exploreSandbox = useStore((s) => s.exploreSandbox);
  const openSignIn = useStore((s) => s.openSignIn);
  const go = useStore((s) => s.go);
  const t = useT();
  const loading = auth === null && pending === 'load';
  const stateError = auth?.step === 'signedOut' ? auth.error : null;
  const error = requestError ?? stateError;

  return (
    <div className="stack">
      <section className="panel welcome" aria-labelledby="welcome-heading">
        <h2 id="welcome-heading">{t('auth.welcome.heading')}</h2>
        <p className="lead">{t('auth.welcome.lead')}</p>
        {loading ? (
          <p role="status" className="muted">
            {t('auth.welcome.checking')}
          </p>
        ) : null}
        {error ? <ErrorNotice error={error} /> : null}
        <div className="welcome__choices">
          <div className="choice">
            <h3>{t('auth.welcome.telegram.heading')}</h3>
            <p className="muted">
              <FormattedMessage
                id="auth.welcome.telegram.text"
                values={{ apiId: <bdi dir="ltr">api_id</bdi>, apiHash: <bdi dir="ltr">api_hash</bdi> }}
              />
            </p>
            <div className="button-row">
              <button type="button" className="button button--primary" disabled={pending !== null} onClick={() => void openSignIn('telegram')}>
                {t('auth.welcome.telegram.signIn')}
              </button>
              <button type="button" className="button button--quiet" onClick={() => go('settings')}>
                {t('auth.welcome.telegram.credentials')}
              </button>
            </div>
          </div>
          <div className="choice">
            <h3>{t('auth.welcome.sandbox.heading')}</h3>
            <p className="muted">{t('auth.welcome.sandbox.text')}</p>
            <div className="button-row">
              <button type="button" className="button button--primary" disabled={pending !== null} onClick={() => void exploreSandbox()}>
                {pending === 'explore' ? t('auth.welcome.sandbox.starting') : t('auth.welcome.sandbox.explore')}
              </button>
              <button type="button" className="button button--quiet" disabled={pending !== null} onClick={() => void openSignIn('sandbox')}>
                {t('auth.welcome.sandbox.testAccount')}
              </button>
            </div>
          </div>
        </div>
      </section>
      <AboutPanel />
    </div>
  );
}

function SignInForm({ target }: { target: Target }) {
  const auth = useStore((s) => s.auth);
  const closeSignIn = useStore((s) => s.closeSignIn);
  const pending = useStore((s) => s.authPending);
  const error = useAuthError();
  const step = auth?.step ?? 'signedOut';
  const formError = error && (fieldOf(error.code) === 'form' || !fieldMatchesStep(fieldOf(error.code), step)) ? error : null;
  const go = useStore((s) => s.go);
  const t = useT();
  const aboutCredentials = formError?.code === 'CREDENTIALS_MISSING' || formError?.code === 'API_ID_INVALID' || formError?.code === 'CREDENTIALS_INVALID';

  return (
    <section className="panel sign-in" aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">{t(HEADING_KEY[target])}</h2>
      {formError ? <ErrorNotice error={formError} /> : null}
      {aboutCredentials ? (
        <button type="button" className="button" onClick={() => go('settings')}>
          {t('auth.form.enterCredentials')}
        </button>
      ) : null}
      {step === 'connecting' || (pending === 'select' && step === 'signedOut') ? (
        <p role="status" className="muted">
          {t(CONNECTING_KEY[target])}
        </p>
      ) : null}
      {auth?.step === 'code' ? <CodeStep state={auth} error={error} /> : null}
      {auth?.step === 'password' ? <PasswordStep state={auth} error={error} /> : null}
      {auth?.step === 'qr' ? <QrStep state={auth} error={error} /> : null}
      {step === 'signedOut' ? <PhoneStep target={target} error={error} credentialsShown={aboutCredentials} /> : null}
      <div className="button-row">
        <button type="button" className="button button--quiet" onClick={() => void closeSignIn()}>
          {step === 'signedOut' ? t('auth.form.back') : t('auth.form.cancel')}
        </button>
      </div>
    </section>
  );
}

function fieldMatchesStep(field: Field, step: AuthState['step']): boolean {
  return (
    (field === 'phone' && step === 'signedOut') ||
    (field === 'code' && step === 'code') ||
    (field === 'password' && step === 'password') ||
    (field === 'qr' && step === 'qr')
  );
}

/** An input's error: next to it, announced, and tied to it with aria-describedby. */
function FieldError({ id, error }: { id: string; error: IpcError | null }) {
  return error ? <ErrorNotice id={id} error={error} compact /> : null;
}

function PhoneStep({ target, error, credentialsShown }: { target: Target; error: IpcError | null; credentialsShown: boolean }) {
  const sendCode = useStore((s) => s.sendCode);
  const startQr = useStore((s) => s.startQr);
  const pending = useStore((s) => s.authPending);
  const credentialsMissing = useStore((s) => target === 'telegram' && s.settings?.credentialsSource === 'none') && !credentialsShown;
  const go = useStore((s) => s.go);
  const [phone, setPhone] = useState('');
  const id = useId();
  const t = useT();
  const fieldError = error && fieldOf(error.code) === 'phone' ? error : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void sendCode(phone.trim());
  };

  return (
    <>
      {credentialsMissing ? (
        <div className="notice">
          <ErrorNotice error={{ code: 'CREDENTIALS_MISSING', message: '' }} alert={false} />
          <button type="button" className="button" onClick={() => go('settings')}>
            {t('auth.form.enterCredentials')}
          </button>
        </div>
      ) : null}
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-phone`}>{t('auth.phone.label')}</label>
          {/* A phone number reads left to right in every language. */}
          <input
            id={`${id}-phone`}
            dir="ltr"
            type="tel"
            autoComplete="tel"
            inputMode="tel"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={`${id}-phone-help${fieldError ? ` ${id}-phone-error` : ''}`}
            maxLength={32}
            required
          />
          <p id={`${id}-phone-help`} className="help">
            {target === 'sandbox' ? (
              <FormattedMessage
                id="auth.phone.help.sandbox"
                values={{ phone: <bdi dir="ltr">9996620001</bdi>, code: <bdi dir="ltr">22222</bdi> }}
              />
            ) : (
              <FormattedMessage id="auth.phone.help.telegram" values={{ example: <bdi dir="ltr">+44 7700 900123</bdi> }} />
            )}
          </p>
          <FieldError id={`${id}-phone-error`} error={fieldError} />
        </div>
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={pending !== null || phone.trim() === ''}>
            {pending === 'sendCode' ? t('auth.phone.sending') : t('auth.phone.send')}
          </button>
          <span className="muted">{t('auth.phone.or')}</span>
          <button type="button" className="button" disabled={pending !== null} onClick={() => void startQr()}>
            {pending === 'startQr' ? t('auth.phone.qrPreparing') : t('auth.phone.qr')}
          </button>
        </div>
      </form>
    </>
  );
}

const SENT_KEY = {
  app: 'auth.code.sent.app',
  sms: 'auth.code.sent.sms',
  call: 'auth.code.sent.call',
  other: 'auth.code.sent.other',
} as const satisfies Record<Extract<AuthState, { step: 'code' }>['deliveredVia'], MessageKey>;

function CodeStep({ state, error }: { state: Extract<AuthState, { step: 'code' }>; error: IpcError | null }) {
  const submitCode = useStore((s) => s.submitCode);
  const cancelSignIn = useStore((s) => s.cancelSignIn);
  const pending = useStore((s) => s.authPending);
  const [code, setCode] = useState('');
  const id = useId();
  const t = useT();
  const fieldError = error && fieldOf(error.code) === 'code' ? error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void submitCode(code.trim());
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <p>
        <FormattedMessage
          id={SENT_KEY[state.deliveredVia]}
          values={{ phone: <bdi dir="ltr">{state.phone}</bdi>, b: (chunks) => <strong>{chunks}</strong> }}
        />
      </p>
      <div className="field">
        <label htmlFor={`${id}-code`}>{t('auth.code.label')}</label>
        {/* Digits typed left to right, as on the phone that received them. */}
        <input
          id={`${id}-code`}
          dir="ltr"
          className="input--code"
          inputMode="numeric"
          autoComplete="one-time-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          maxLength={state.codeLength ?? 16}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? `${id}-code-error` : undefined}
          autoFocus
        />
        <FieldError id={`${id}-code-error`} error={fieldError} />
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={pending !== null}>
          {pending === 'submitCode' ? t('auth.form.checking') : t('auth.form.signIn')}
        </button>
        <button type="button" className="button button--quiet" onClick={() => void cancelSignIn()}>
          {t('auth.code.differentNumber')}
        </button>
      </div>
    </form>
  );
}

function PasswordStep({ state, error }: { state: Extract<AuthState, { step: 'password' }>; error: IpcError | null }) {
  const submitPassword = useStore((s) => s.submitPassword);
  const pending = useStore((s) => s.authPending);
  const [password, setPassword] = useState('');
  const id = useId();
  const t = useT();
  const fieldError = error && fieldOf(error.code) === 'password' ? error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void submitPassword(password);
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <p>{t('auth.password.text')}</p>
      <div className="field">
        <label htmlFor={`${id}-password`}>{t('auth.password.label')}</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          maxLength={256}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={`${state.hint ? `${id}-hint ` : ''}${fieldError ? `${id}-password-error` : ''}`.trim() || undefined}
          autoFocus
        />
        {state.hint ? (
          <p id={`${id}-hint`} className="help">
            <FormattedMessage id="auth.password.hint" values={{ hint: <bdi>{state.hint}</bdi> }} />
          </p>
        ) : null}
        <FieldError id={`${id}-password-error`} error={fieldError} />
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={pending !== null}>
          {pending === 'submitPassword' ? t('auth.form.checking') : t('auth.form.signIn')}
        </button>
      </div>
    </form>
  );
}

function QrStep({ state, error }: { state: Extract<AuthState, { step: 'qr' }>; error: IpcError | null }) {
  const cancelSignIn = useStore((s) => s.cancelSignIn);
  const scanQrInSandbox = useStore((s) => s.scanQrInSandbox);
  const pending = useStore((s) => s.authPending);
  const seconds = useCountdown(state.expiresAt);
  const t = useT();
  const format = useFormat();
  const fieldError = error && fieldOf(error.code) === 'qr' ? error : null;
  const id = useId();
  return (
    <div className="qr-step">
      <QrImage text={state.url} label={t('auth.qr.image')} />
      <div className="stack">
        <ol className="steps">
          <li>{t('auth.qr.step.open')}</li>
          <li>{t('auth.qr.step.menu')}</li>
          <li>{t('auth.qr.step.point')}</li>
        </ol>
        <p className="muted" aria-describedby={fieldError ? `${id}-qr-error` : undefined}>
          {seconds > 0 ? t('auth.qr.replacedIn', { duration: format.duration(seconds) }) : t('auth.qr.refreshing')}
        </p>
        <FieldError id={`${id}-qr-error`} error={fieldError} />
        <div className="button-row">
          {state.target === 'sandbox' ? (
            <button type="button" className="button" disabled={pending === 'scanQr'} onClick={() => void scanQrInSandbox()}>
              {t('auth.qr.sandboxScan')}
            </button>
          ) : null}
          <button type="button" className="button button--quiet" onClick={() => void cancelSignIn()}>
            {t('auth.qr.usePhone')}
          </button>
        </div>
      </div>
    </div>
  );
}
