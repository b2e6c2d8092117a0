// Sign-in as one state machine in the main process; the renderer only renders AuthState.
// Steps run one at a time (a queue), so a QR update or a timer never interleaves with a typed
// code. Telegram's refusals land in AuthState.error next to the step they concern; asking for a
// step that is not active is refused outright (SIGN_IN_STEP_INVALID).
import type { AuthState, Target } from '../../shared/domain/auth';
import type { Person } from '../../shared/domain/people';
import type { IpcError } from '../../shared/ipc/result';
import { AppError } from '../../shared/ipc/result';
import type { EventSink } from '../ipc/dispatcher';
import * as tg from '../telegram/auth';
import { closeLink, isConnected, openLink, sessionString, type Endpoint, type TelegramLink } from '../telegram/client';
import { toAppError } from '../telegram/errors';
import type { EmbeddedSandbox } from './embeddedSandbox';
import type { Protection, SecretStore } from './secrets';
import type { SessionStore } from './sessionStore';
import type { SettingsStore } from './settings';

export interface AuthDeps {
  appVersion: string;
  settings: () => Promise<SettingsStore>;
  sessions: SessionStore;
  secrets: SecretStore;
  sandbox: EmbeddedSandbox;
  emit: EventSink;
  /** Tests only: where target 'telegram' dials instead of Telegram (to prove which keys it trusts). */
  telegramDial?: { host: string; port: number; dcId: number };
  /** Called when the backend status may have changed (target, sandbox state). */
  onStatusChange: () => void;
  /** Called each time a session becomes signed in (sign-in, or restored at start). */
  onSignedIn?: () => void;
}

/** Errors that mean Telegram no longer knows this session: forget it. */
const SESSION_GONE = new Set(['AUTH_KEY_UNREGISTERED', 'SESSION_REVOKED']);
/** Errors of the code step that concern the number, not the code: back to the phone step. */
const NUMBER_ERRORS = new Set(['PHONE_NUMBER_INVALID', 'PHONE_NUMBER_BANNED', 'PHONE_NUMBER_UNOCCUPIED', 'PHONE_NUMBER_FLOOD', 'AUTH_RESTART']);
const QR_RETRY_MS = 5_000;
/** Refresh a QR token this long before Telegram's expiry, so a scan never meets an expired code. */
const QR_REFRESH_LEAD_MS = 1_000;
const LOG_OUT_TIMEOUT_MS = 5_000;

const ipcError = (error: unknown): IpcError => toAppError(error).toIpcError();

/** Only a real account's session needs the warning; a sandbox session protects nothing real. */
export function storageWarningFor(target: Target, protection: Protection, persisted: boolean): Exclude<Protection, 'os'> | null {
  if (target !== 'telegram') return null;
  if (!persisted) return 'unavailable';
  return protection === 'os' ? null : protection;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([promise, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref())]);
}

export class AuthService {
  private state: AuthState;
  /** The connected client: signed in when state is signedIn, otherwise mid-sign-in or idle. */
  private link: TelegramLink | null = null;
  private pendingCode: { phone: string; phoneCodeHash: string } | null = null;
  private qr: { timer: NodeJS.Timeout | null; unsubscribe: () => void; link: TelegramLink } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** A stored session could not be checked (network): try again when asked. */
  private restorePending = false;
  private disposed = false;

  constructor(private readonly deps: AuthDeps) {
    this.state = { step: 'signedOut', target: 'sandbox', error: null };
  }

  current(): AuthState {
    if (this.restorePending && this.state.step === 'signedOut') {
      this.restorePending = false;
      void this.start();
    }
    return this.state;
  }

  get target(): Target {
    return this.state.target;
  }

  /** The signed-in client; NOT_SIGNED_IN otherwise. */
  signedInLink(): TelegramLink {
    if (this.state.step !== 'signedIn' || !this.link) {
      throw new AppError('NOT_SIGNED_IN', 'Sign in with Telegram, or explore the sandbox, first.');
    }
    return this.link;
  }

  /** Restores the stored session, if any (state signedIn without a new sign-in). */
  start(): Promise<AuthState> {
    return this.enqueue(async () => {
      const settings = await this.deps.settings();
      this.setState({ step: 'signedOut', target: settings.target, error: null });
      let stored;
      try {
        stored = await this.deps.sessions.load();
      } catch (error) {
        await this.deps.sessions.remove();
        this.setState({ step: 'signedOut', target: settings.target, error: ipcError(error) });
        return;
      }
      if (!stored) return;
      await settings.setTarget(stored.target);
      this.setState({ step: 'connecting', target: stored.target });
      try {
        const link = await this.open(stored.target, stored.session);
        const me = await tg.getSelf({ link }).catch(async (error: unknown) => {
          await closeLink(link);
          throw error;
        });
        this.link = link;
        this.setState(this.signedInState(me, true));
      } catch (error) {
        const failure = ipcError(error);
        if (SESSION_GONE.has(failure.code) || failure.code === 'STORAGE_FAILED') await this.deps.sessions.remove();
        else this.restorePending = true;
        this.setState({ step: 'signedOut', target: stored.target, error: failure });
      }
    });
  }

  selectTarget(target: Target): Promise<AuthState> {
    return this.enqueue(async () => {
      if (target === this.state.target) return;
      await this.signOutNow();
      // Any local process can connect to the embedded sandbox: it listens only while it is the
      // target, and starts again (same folder, new port) when it is chosen again.
      if (target === 'telegram') await this.deps.sandbox.close();
      await (await this.deps.settings()).setTarget(target);
      const missing = target === 'telegram' && !(await (await this.deps.settings()).credentials());
      this.setState({ step: 'signedOut', target, error: missing ? this.credentialsMissing().toIpcError() : null });
    });
  }

  /** Starts the embedded sandbox and signs in as its demo account, by the code path. */
  exploreSandbox(): Promise<AuthState> {
    return this.enqueue(async () => {
      if (this.state.step === 'signedIn' && this.state.target === 'sandbox') return;
      if (this.state.target !== 'sandbox') {
        await this.signOutNow();
        await (await this.deps.settings()).setTarget('sandbox');
      }
      this.stopQr();
      this.pendingCode = null;
      this.setState({ step: 'connecting', target: 'sandbox' });
      try {
        const { info } = await this.deps.sandbox.ensure();
        const link = await this.ensureLink('sandbox');
        const sent = await tg.sendCode({ link, phone: info.demo.phone });
        let me: Person;
        if (sent.kind === 'signedIn') me = sent.me;
        else {
          const outcome = await tg.signIn({ link, phone: info.demo.phone, phoneCodeHash: sent.phoneCodeHash, code: info.demo.code });
          if (outcome.kind === 'signUpRequired') throw new AppError('PHONE_NUMBER_UNOCCUPIED', 'The sandbox has no demo account.');
          me = outcome.kind === 'signedIn' ? outcome.me : await tg.checkPassword({ link, password: info.demo.password ?? '' });
        }
        await this.complete(me);
      } catch (error) {
        this.setState({ step: 'signedOut', target: 'sandbox', error: ipcError(error) });
      }
    });
  }

  sendCode(phone: string): Promise<AuthState> {
    return this.enqueue(async () => {
      this.expectStep('send a code', 'signedOut', 'code', 'password', 'qr');
      const { target } = this.state;
      this.stopQr();
      this.pendingCode = null;
      const digits = phone.replace(/\D/g, '');
      if (!digits) {
        this.setState({ step: 'signedOut', target, error: { code: 'PHONE_NUMBER_INVALID', message: 'The phone number has no digits.' } });
        return;
      }
      try {
        const link = await this.ensureLink(target);
        const sent = await tg.sendCode({ link, phone: digits });
        if (sent.kind === 'signedIn') return await this.complete(sent.me);
        this.pendingCode = { phone: digits, phoneCodeHash: sent.phoneCodeHash };
        this.setState({
          step: 'code',
          target,
          phone: phone.trim(),
          deliveredVia: sent.deliveredVia,
          codeLength: sent.codeLength,
          error: null,
        });
      } catch (error) {
        this.setState({ step: 'signedOut', target, error: ipcError(error) });
      }
    });
  }

  submitCode(code: string): Promise<AuthState> {
    return this.enqueue(async () => {
      const state = this.expectStep('submit a code', 'code');
      const pending = this.pendingCode;
      if (!pending || !this.link) throw new AppError('SIGN_IN_STEP_INVALID', 'No code was sent in this sign-in.');
      try {
        const outcome = await tg.signIn({ link: this.link, ...pending, code: code.replace(/\s/g, '') });
        if (outcome.kind === 'signedIn') return await this.complete(outcome.me);
        this.pendingCode = null;
        if (outcome.kind === 'passwordNeeded') {
          this.setState({ step: 'password', target: state.target, hint: outcome.hint, error: null });
        } else {
          this.setState({
            step: 'signedOut',
            target: state.target,
            error: { code: 'PHONE_NUMBER_UNOCCUPIED', message: `No Telegram account uses ${state.phone}.` },
          });
        }
      } catch (error) {
        const failure = ipcError(error);
        if (NUMBER_ERRORS.has(failure.code)) {
          this.pendingCode = null;
          this.setState({ step: 'signedOut', target: state.target, error: failure });
        } else {
          this.setState({ ...state, error: failure });
        }
      }
    });
  }

  submitPassword(password: string): Promise<AuthState> {
    return this.enqueue(async () => {
      const state = this.expectStep('submit a password', 'password');
      if (!password) {
        this.setState({ ...state, error: { code: 'PASSWORD_EMPTY', message: 'The password field is empty.' } });
        return;
      }
      if (!this.link) throw new AppError('SIGN_IN_STEP_INVALID', 'This sign-in has no connection any more.');
      try {
        await this.complete(await tg.checkPassword({ link: this.link, password }));
      } catch (error) {
        const failure = ipcError(error);
        // The password step lapsed on Telegram's side: start over.
        if (SESSION_GONE.has(failure.code)) this.setState({ step: 'signedOut', target: state.target, error: failure });
        else this.setState({ ...state, error: failure });
      }
    });
  }

  /** Sandbox only: accepts the QR token now shown, as the demo account's phone scanning it would. */
  async sandboxScanQr(): Promise<AuthState> {
    const state = this.state;
    const sandbox = this.deps.sandbox.handle();
    if (state.step !== 'qr' || state.target !== 'sandbox' || !sandbox) {
      throw new AppError('SIGN_IN_STEP_INVALID', 'Only a QR code shown by the sandbox can be scanned from Rollcall.');
    }
    const token = new URL(state.url).searchParams.get('token');
    if (!token) throw new AppError('SIGN_IN_STEP_INVALID', 'The QR code shown carries no login token.');
    try {
      sandbox.world.acceptLoginToken(token);
    } catch (error) {
      throw new AppError('QR_LOGIN_EXPIRED', `The sandbox no longer knows this code: ${(error as Error).message}`.slice(0, 200));
    }
    return this.current();
  }

  startQr(): Promise<AuthState> {
    return this.enqueue(async () => {
      this.expectStep('show a QR code', 'signedOut', 'code', 'qr');
      const { target } = this.state;
      this.stopQr();
      this.pendingCode = null;
      try {
        const link = await this.ensureLink(target);
        const unsubscribe = tg.onLoginTokenAccepted(link, () => {
          void this.enqueue(() => this.refreshQr(link, 'accepted'));
        });
        this.qr = { timer: null, unsubscribe, link };
        await this.refreshQr(link, 'start');
      } catch (error) {
        this.stopQr();
        this.setState({ step: 'signedOut', target, error: ipcError(error) });
      }
    });
  }

  cancel(): Promise<AuthState> {
    return this.enqueue(async () => {
      if (this.state.step === 'signedIn') return;
      this.stopQr();
      this.pendingCode = null;
      this.setState({ step: 'signedOut', target: this.state.target, error: null });
    });
  }

  signOut(): Promise<AuthState> {
    return this.enqueue(async () => {
      await this.signOutNow();
      this.setState({ step: 'signedOut', target: this.state.target, error: null });
    });
  }

  /** Telegram said the session is gone (in the directory or a run): forget it and say why. */
  sessionLost(error: AppError): void {
    if (!SESSION_GONE.has(error.code)) return;
    void this.enqueue(async () => {
      if (this.state.step !== 'signedIn') return;
      const link = this.link;
      this.link = null;
      if (link) await closeLink(link);
      await this.deps.sessions.remove();
      this.setState({ step: 'signedOut', target: this.state.target, error: error.toIpcError() });
    });
  }

  /** Credentials changed: a client made with the old ones must not be reused for sign-in. */
  credentialsChanged(): void {
    void this.enqueue(async () => {
      if (this.state.step === 'signedIn' || this.link?.target !== 'telegram') return;
      this.stopQr();
      this.pendingCode = null;
      await closeLink(this.link);
      this.link = null;
      if (this.state.step !== 'signedOut') this.setState({ step: 'signedOut', target: this.state.target, error: null });
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.stopQr();
    await this.queue.catch(() => {});
    if (this.link) await closeLink(this.link);
    this.link = null;
  }

  // ---- internals ----

  private enqueue(step: () => Promise<void>): Promise<AuthState> {
    const run = this.queue.then(async () => {
      if (this.disposed) throw new AppError('INTERNAL', 'Rollcall is shutting down.');
      await step();
      return this.state;
    });
    this.queue = run.catch(() => {});
    return run;
  }

  private setState(next: AuthState): void {
    if (JSON.stringify(next) === JSON.stringify(this.state)) return;
    const targetChanged = next.target !== this.state.target;
    const signedIn = next.step === 'signedIn' && this.state.step !== 'signedIn';
    this.state = next;
    if (this.disposed) return;
    this.deps.emit('authChanged', next);
    if (targetChanged) this.deps.onStatusChange();
    if (signedIn) this.deps.onSignedIn?.();
  }

  private expectStep<S extends AuthState['step']>(what: string, ...steps: S[]): Extract<AuthState, { step: S }> {
    if (!(steps as string[]).includes(this.state.step)) {
      throw new AppError('SIGN_IN_STEP_INVALID', `Can’t ${what} while sign-in is at “${this.state.step}”.`);
    }
    return this.state as Extract<AuthState, { step: S }>;
  }

  private credentialsMissing(): AppError {
    return new AppError('CREDENTIALS_MISSING', 'Signing in to Telegram needs an api_id and api_hash (Settings).');
  }

  private async endpointFor(target: Target): Promise<Endpoint> {
    if (target === 'sandbox') {
      try {
        const { info } = await this.deps.sandbox.ensure();
        return {
          kind: 'sandbox',
          host: info.host,
          port: info.port,
          dcId: info.dcId,
          dcs: info.dcs,
          fingerprint: info.fingerprint,
          publicKeyPem: info.publicKeyPem,
        };
      } finally {
        this.deps.onStatusChange();
      }
    }
    const credentials = await (await this.deps.settings()).credentials();
    if (!credentials) throw this.credentialsMissing();
    return { kind: 'telegram', apiId: credentials.apiId, apiHash: credentials.apiHash, dial: this.deps.telegramDial };
  }

  private async open(target: Target, session: string): Promise<TelegramLink> {
    const link = await openLink({ endpoint: await this.endpointFor(target), session, appVersion: this.deps.appVersion });
    // The account moved to another DC mid-session (USER_MIGRATE): the saved session must name the
    // new DC and its key, or the next start would dial the old one.
    link.onDcChanged = () => {
      if (this.link !== link || this.state.step !== 'signedIn') return;
      void this.deps.sessions.save(link.target, sessionString(link)).catch(() => {});
    };
    return link;
  }

  /** The current client if it serves this target, else a fresh one (a new auth key). */
  private async ensureLink(target: Target): Promise<TelegramLink> {
    if (this.link?.target === target && isConnected(this.link)) return this.link;
    if (this.link) await closeLink(this.link);
    this.link = null;
    // A new connection (and auth key) takes a moment: say so. The caller sets the next state.
    if (this.state.step === 'signedOut') this.setState({ step: 'connecting', target });
    this.link = await this.open(target, '');
    return this.link;
  }

  private signedInState(me: Person, persisted: boolean): AuthState {
    return {
      step: 'signedIn',
      target: this.state.target,
      me,
      storageWarning: storageWarningFor(this.state.target, this.deps.secrets.protection, persisted),
    };
  }

  private async complete(me: Person): Promise<void> {
    this.stopQr();
    this.pendingCode = null;
    const link = this.link!;
    let persisted = true;
    try {
      await this.deps.sessions.save(link.target, sessionString(link));
    } catch {
      // Signed in all the same; the warning says the next start will ask again.
      persisted = false;
    }
    this.setState(this.signedInState(me, persisted));
  }

  private async refreshQr(link: TelegramLink, reason: 'start' | 'accepted' | 'expired'): Promise<void> {
    if (reason !== 'start' && (this.state.step !== 'qr' || this.qr?.link !== link)) return;
    const target = this.state.target;
    let outcome: tg.QrOutcome;
    try {
      outcome = await tg.exportLoginToken({ link });
    } catch (error) {
      if (reason === 'start') throw error;
      if (this.state.step !== 'qr') return;
      this.setState({ ...this.state, error: ipcError(error) });
      this.scheduleQr(link, QR_RETRY_MS);
      return;
    }
    if (outcome.kind === 'signedIn') return this.complete(outcome.me);
    if (outcome.kind === 'passwordNeeded') {
      this.stopQr();
      this.setState({ step: 'password', target, hint: outcome.hint, error: null });
      return;
    }
    this.setState({ step: 'qr', target, url: outcome.url, expiresAt: outcome.expiresAt, error: null });
    this.scheduleQr(link, outcome.expiresAt - Date.now() - QR_REFRESH_LEAD_MS);
  }

  private scheduleQr(link: TelegramLink, delayMs: number): void {
    if (!this.qr) return;
    if (this.qr.timer) clearTimeout(this.qr.timer);
    const delay = Math.min(Math.max(delayMs, 1_000), 120_000);
    this.qr.timer = setTimeout(() => void this.enqueue(() => this.refreshQr(link, 'expired')), delay);
    this.qr.timer.unref();
  }

  private stopQr(): void {
    if (!this.qr) return;
    if (this.qr.timer) clearTimeout(this.qr.timer);
    this.qr.unsubscribe();
    this.qr = null;
  }

  /** Logs out on Telegram (best effort), closes the client and forgets the stored session. */
  private async signOutNow(): Promise<void> {
    this.stopQr();
    this.pendingCode = null;
    const link = this.link;
    this.link = null;
    if (link) {
      if (this.state.step === 'signedIn') await withTimeout(tg.logOut({ link }).catch(() => {}), LOG_OUT_TIMEOUT_MS);
      await closeLink(link);
    }
    await this.deps.sessions.remove();
  }
}
