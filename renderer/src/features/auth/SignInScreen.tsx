import { useId, useState, type FormEvent } from 'react';
import type { AuthState, Target } from '../../../../shared/domain/auth';
import type { ErrorCode } from '../../../../shared/errors/codes';
import type { IpcError } from '../../../../shared/ipc/result';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useCountdown } from '../../lib/useCountdown';
import { useStore } from '../../store';
import { AboutPanel } from '../about/AboutPanel';
import { SettingsScreen } from '../settings/SettingsScreen';
import { QrImage } from './QrImage';

type Field = 'phone' | 'code' | 'password' | 'qr' | 'form';

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

  const back = () => {
    go('calls');
    // Credentials may have changed: ask again for the sign-in that was open.
    if (form && auth?.step === 'signedOut') void openSignIn(form);
  };

  if (view === 'settings') {
    return (
      <div className="stack">
        <button type="button" className="button button--quiet back-button" onClick={back}>
          ← Back to sign-in
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
  const loading = auth === null && pending === 'load';
  const stateError = auth?.step === 'signedOut' ? auth.error : null;
  const error = requestError ?? stateError;

  return (
    <div className="stack">
      <section className="panel welcome" aria-labelledby="welcome-heading">
        <h2 id="welcome-heading">Welcome</h2>
        <p className="lead">
          Pick a live Telegram call, pick people, invite them — and see, for each person, whether the invitation
          arrived and what to do if it didn’t.
        </p>
        {loading ? (
          <p role="status" className="muted">
            Checking whether you are signed in…
          </p>
        ) : null}
        {error ? <ErrorNotice error={error} /> : null}
        <div className="welcome__choices">
          <div className="choice">
            <h3>Your Telegram account</h3>
            <p className="muted">Sign in with your phone number or a QR code. You need an api_id and api_hash of your own.</p>
            <div className="button-row">
              <button type="button" className="button button--primary" disabled={pending !== null} onClick={() => void openSignIn('telegram')}>
                Sign in with Telegram
              </button>
              <button type="button" className="button button--quiet" onClick={() => go('settings')}>
                API credentials…
              </button>
            </div>
          </div>
          <div className="choice">
            <h3>Try it safely</h3>
            <p className="muted">
              Rollcall’s built-in sandbox has a demo account, groups and live calls. Nothing you do there reaches Telegram.
            </p>
            <div className="button-row">
              <button type="button" className="button button--primary" disabled={pending !== null} onClick={() => void exploreSandbox()}>
                {pending === 'explore' ? 'Starting the sandbox…' : 'Explore the sandbox'}
              </button>
              <button type="button" className="button button--quiet" disabled={pending !== null} onClick={() => void openSignIn('sandbox')}>
                Use a sandbox test account
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
  const aboutCredentials = formError?.code === 'CREDENTIALS_MISSING' || formError?.code === 'API_ID_INVALID' || formError?.code === 'CREDENTIALS_INVALID';

  return (
    <section className="panel sign-in" aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">{target === 'sandbox' ? 'Sign in to the sandbox' : 'Sign in to Telegram'}</h2>
      {formError ? <ErrorNotice error={formError} /> : null}
      {aboutCredentials ? (
        <button type="button" className="button" onClick={() => go('settings')}>
          Enter API credentials
        </button>
      ) : null}
      {step === 'connecting' || (pending === 'select' && step === 'signedOut') ? (
        <p role="status" className="muted">
          Connecting to {target === 'sandbox' ? 'the sandbox' : 'Telegram'}…
        </p>
      ) : null}
      {auth?.step === 'code' ? <CodeStep state={auth} error={error} /> : null}
      {auth?.step === 'password' ? <PasswordStep state={auth} error={error} /> : null}
      {auth?.step === 'qr' ? <QrStep state={auth} error={error} /> : null}
      {step === 'signedOut' ? <PhoneStep target={target} error={error} credentialsShown={aboutCredentials} /> : null}
      <div className="button-row">
        <button type="button" className="button button--quiet" onClick={() => void closeSignIn()}>
          {step === 'signedOut' ? '← Back' : 'Cancel sign-in'}
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
            Enter API credentials
          </button>
        </div>
      ) : null}
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-phone`}>Phone number</label>
          <input
            id={`${id}-phone`}
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
            {target === 'sandbox'
              ? 'Sandbox test numbers look like 9996620001; their login code is 22222.'
              : 'In international format, with the country code: +44 7700 900123.'}
          </p>
          <FieldError id={`${id}-phone-error`} error={fieldError} />
        </div>
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={pending !== null || phone.trim() === ''}>
            {pending === 'sendCode' ? 'Sending the code…' : 'Send code'}
          </button>
          <span className="muted">or</span>
          <button type="button" className="button" disabled={pending !== null} onClick={() => void startQr()}>
            {pending === 'startQr' ? 'Preparing a QR code…' : 'Sign in with a QR code'}
          </button>
        </div>
      </form>
    </>
  );
}

const DELIVERED_VIA: Record<Extract<AuthState, { step: 'code' }>['deliveredVia'], string> = {
  app: 'in your Telegram app',
  sms: 'by SMS',
  call: 'by a phone call',
  other: '',
};

function CodeStep({ state, error }: { state: Extract<AuthState, { step: 'code' }>; error: IpcError | null }) {
  const submitCode = useStore((s) => s.submitCode);
  const cancelSignIn = useStore((s) => s.cancelSignIn);
  const pending = useStore((s) => s.authPending);
  const [code, setCode] = useState('');
  const id = useId();
  const fieldError = error && fieldOf(error.code) === 'code' ? error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void submitCode(code.trim());
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <p>
        Telegram sent a login code to <strong>{state.phone}</strong> {DELIVERED_VIA[state.deliveredVia]}.
      </p>
      <div className="field">
        <label htmlFor={`${id}-code`}>Login code</label>
        <input
          id={`${id}-code`}
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
          {pending === 'submitCode' ? 'Checking…' : 'Sign in'}
        </button>
        <button type="button" className="button button--quiet" onClick={() => void cancelSignIn()}>
          Use a different number
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
  const fieldError = error && fieldOf(error.code) === 'password' ? error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void submitPassword(password);
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <p>This account has two-step verification. Enter its password to finish signing in.</p>
      <div className="field">
        <label htmlFor={`${id}-password`}>Password</label>
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
            Hint: {state.hint}
          </p>
        ) : null}
        <FieldError id={`${id}-password-error`} error={fieldError} />
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={pending !== null}>
          {pending === 'submitPassword' ? 'Checking…' : 'Sign in'}
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
  const fieldError = error && fieldOf(error.code) === 'qr' ? error : null;
  const id = useId();
  return (
    <div className="qr-step">
      <QrImage text={state.url} label="QR code to sign in: scan it with Telegram on your phone" />
      <div className="stack">
        <ol className="steps">
          <li>Open Telegram on your phone.</li>
          <li>Go to Settings › Devices › Link Desktop Device.</li>
          <li>Point the phone at this code.</li>
        </ol>
        <p className="muted" aria-describedby={fieldError ? `${id}-qr-error` : undefined}>
          {seconds > 0 ? `This code is replaced by a fresh one in ${seconds} s.` : 'Getting a fresh code…'}
        </p>
        <FieldError id={`${id}-qr-error`} error={fieldError} />
        <div className="button-row">
          {state.target === 'sandbox' ? (
            <button type="button" className="button" disabled={pending === 'scanQr'} onClick={() => void scanQrInSandbox()}>
              Scan it with the sandbox’s phone
            </button>
          ) : null}
          <button type="button" className="button button--quiet" onClick={() => void cancelSignIn()}>
            Use a phone number instead
          </button>
        </div>
      </div>
    </div>
  );
}
