// Sign-in through the contract (dispatcher → core → GramJS over TCP → the sandbox), every path
// and every error with its catalogue code. Nothing here mocks the client.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthState } from '../../shared/domain/auth';
import { createKeyFileSecretStore } from './secrets';
import { SESSION_FILE_NAME } from './sessionStore';
import { startTestCore, tempDirs, type TestCore } from './testSupport/host';
import { storageWarningFor } from './auth';

const ADA = '9996620001';
const GRACE = '9996620002';
const CODE = '22222';
const GRACE_PASSWORD = 'sandbox-2fa';

const step = (state: AuthState) => state.step;
const errorCode = (state: AuthState) => ('error' in state ? state.error?.code : undefined);

describe('sign-in with a code', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await startTestCore();
  });
  afterAll(() => t.close());

  it('starts signed out, aimed at the sandbox', async () => {
    expect(await t.ok('authState', {})).toEqual({ step: 'signedOut', target: 'sandbox', error: null });
    expect((await t.ok('appInfo', {})).backend).toEqual({ target: 'sandbox', credentials: 'none', state: 'ready' });
  });

  it('refuses a step that is not active', async () => {
    expect((await t.fail('authSubmitCode', { code: CODE })).code).toBe('SIGN_IN_STEP_INVALID');
    expect((await t.fail('authSubmitPassword', { password: 'x' })).code).toBe('SIGN_IN_STEP_INVALID');
  });

  it('explains a malformed number, locally and from Telegram', async () => {
    expect(errorCode(await t.ok('authSendCode', { phone: 'abc' }))).toBe('PHONE_NUMBER_INVALID');
    const state = await t.ok('authSendCode', { phone: '12' });
    expect([step(state), errorCode(state)]).toEqual(['signedOut', 'PHONE_NUMBER_INVALID']);
  });

  it('says when no account uses the number', async () => {
    expect(step(await t.ok('authSendCode', { phone: '+999 662 9999' }))).toBe('code');
    const state = await t.ok('authSubmitCode', { code: CODE });
    expect([step(state), errorCode(state)]).toEqual(['signedOut', 'PHONE_NUMBER_UNOCCUPIED']);
  });

  it('keeps the code step on an empty, wrong or expired code', async () => {
    const sent = await t.ok('authSendCode', { phone: `+${ADA}` });
    expect(sent).toEqual({ step: 'code', target: 'sandbox', phone: `+${ADA}`, deliveredVia: 'app', codeLength: 5, error: null });
    expect(errorCode(await t.ok('authSubmitCode', { code: '' }))).toBe('PHONE_CODE_EMPTY');
    const wrong = await t.ok('authSubmitCode', { code: '12345' });
    expect([step(wrong), errorCode(wrong)]).toEqual(['code', 'PHONE_CODE_INVALID']);
    t.core.embeddedSandbox()!.world.expireLoginCodes();
    const expired = await t.ok('authSubmitCode', { code: CODE });
    expect([step(expired), errorCode(expired)]).toEqual(['code', 'PHONE_CODE_EXPIRED']);
  });

  it('signs in with the right code, and says so in an event', async () => {
    expect(step(await t.ok('authSendCode', { phone: ADA }))).toBe('code');
    const state = await t.ok('authSubmitCode', { code: ` ${CODE} ` });
    expect(state).toMatchObject({ step: 'signedIn', target: 'sandbox', me: { name: 'Ada Quill', username: 'ada_quill', kind: 'self' }, storageWarning: null });
    await t.nextEvent('authChanged', (s) => s.step === 'signedIn');
  });

  it('keeps the session only encrypted on disk', async () => {
    const file = join(t.dataDir, SESSION_FILE_NAME);
    const bytes = readFileSync(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(t.keyDir, 'rollcall-secret.key')).mode & 0o777).toBe(0o600);
    const session = JSON.parse((await createKeyFileSecretStore(t.keyDir).decrypt(bytes)).text) as { session: string; target: string };
    expect(session.target).toBe('sandbox');
    // GramJS session strings start with "1" and are base64: no piece of one is in the file.
    expect(bytes.toString('latin1')).not.toContain(session.session.slice(1, 40));
    await expect(createKeyFileSecretStore(tempDirs().keyDir).decrypt(bytes)).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
  });

  it('refuses sign-in steps while signed in, and signs out', async () => {
    expect((await t.fail('authSendCode', { phone: ADA })).code).toBe('SIGN_IN_STEP_INVALID');
    expect(await t.ok('authSignOut', {})).toEqual({ step: 'signedOut', target: 'sandbox', error: null });
    expect(() => statSync(join(t.dataDir, SESSION_FILE_NAME))).toThrow();
    expect((await t.fail('callsList', {})).code).toBe('NOT_SIGNED_IN');
  });
});

describe('two-step verification', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await startTestCore();
  });
  afterAll(() => t.close());

  it('asks for the password after the code, with its hint', async () => {
    await t.ok('authSendCode', { phone: GRACE });
    expect(await t.ok('authSubmitCode', { code: CODE })).toEqual({ step: 'password', target: 'sandbox', hint: 'sandbox-…', error: null });
  });

  it('explains an empty or wrong password and stays at the step', async () => {
    expect(errorCode(await t.ok('authSubmitPassword', { password: '' }))).toBe('PASSWORD_EMPTY');
    const wrong = await t.ok('authSubmitPassword', { password: 'not-it' });
    expect([step(wrong), errorCode(wrong)]).toEqual(['password', 'PASSWORD_HASH_INVALID']);
  });

  it('signs in with the right password (SRP)', async () => {
    const state = await t.ok('authSubmitPassword', { password: GRACE_PASSWORD });
    expect(state).toMatchObject({ step: 'signedIn', me: { name: 'Grace Vance', kind: 'self' } });
  });
});

describe('QR sign-in', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await startTestCore({ sandbox: { controls: { loginTokenTtlSeconds: 2 } } });
  });
  afterAll(() => t.close());

  it('shows a tg://login URL and refreshes it before it expires', async () => {
    const first = await t.ok('authStartQr', {});
    if (first.step !== 'qr') throw new Error(`expected the QR step, got ${first.step}`);
    expect(first.url).toMatch(/^tg:\/\/login\?token=[\w-]{20,}$/);
    expect(first.expiresAt).toBeGreaterThan(Date.now());
    expect(first.expiresAt).toBeLessThanOrEqual(Date.now() + 3_000);
    const refreshed = await t.nextEvent('authChanged', (s) => s.step === 'qr' && s.url !== first.url, 6_000);
    expect(refreshed.step).toBe('qr');
  });

  it('signs in when a phone accepts the code (updateLoginToken)', async () => {
    const shown = await t.ok('authState', {});
    if (shown.step !== 'qr') throw new Error('expected the QR step');
    t.core.embeddedSandbox()!.world.acceptLoginToken(shown.url.split('token=')[1]);
    const state = await t.nextEvent('authChanged', (s) => s.step === 'signedIn');
    expect(state).toMatchObject({ me: { name: 'Ada Quill' } });
    await t.ok('authSignOut', {});
  });

  it('goes on to the password for an account with 2FA', async () => {
    await t.ok('authStartQr', {});
    t.core.embeddedSandbox()!.world.acceptLoginToken(undefined, t.core.embeddedSandbox()!.world.ids.grace);
    await t.nextEvent('authChanged', (s) => s.step === 'password');
    expect(await t.ok('authSubmitPassword', { password: GRACE_PASSWORD })).toMatchObject({ step: 'signedIn', me: { name: 'Grace Vance' } });
  });

  it('lets the sandbox play the phone: sandboxScanQr accepts the code shown, and only that', async () => {
    await t.ok('authSignOut', {});
    expect(await t.fail('sandboxScanQr', {})).toMatchObject({ code: 'SIGN_IN_STEP_INVALID' });
    expect(step(await t.ok('authStartQr', {}))).toBe('qr');
    t.events.splice(0); // Earlier tests signed in too: wait for this sign-in's event only.
    await t.ok('sandboxScanQr', {});
    const state = await t.nextEvent('authChanged', (s) => s.step === 'signedIn');
    expect(state).toMatchObject({ target: 'sandbox', me: { name: 'Ada Quill' } });
  });

  it('cancels back to signed out', async () => {
    await t.ok('authSignOut', {});
    expect(step(await t.ok('authStartQr', {}))).toBe('qr');
    expect(await t.ok('authCancel', {})).toEqual({ step: 'signedOut', target: 'sandbox', error: null });
  });
});

describe('Telegram errors during sign-in', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await startTestCore();
    await t.ok('authExploreSandbox', {});
    await t.ok('authSignOut', {});
  });
  afterAll(() => t.close());

  it.each([
    ['auth.sendCode', 400, 'PHONE_NUMBER_BANNED', 'PHONE_NUMBER_BANNED'],
    ['auth.sendCode', 400, 'PHONE_NUMBER_FLOOD', 'PHONE_NUMBER_FLOOD'],
    ['auth.sendCode', 400, 'API_ID_INVALID', 'API_ID_INVALID'],
    ['auth.sendCode', 420, 'FLOOD_WAIT_37', 'FLOOD_WAIT'],
    ['auth.signIn', 400, 'AUTH_RESTART', 'AUTH_RESTART'],
    ['auth.exportLoginToken', 400, 'AUTH_TOKEN_EXPIRED', 'QR_LOGIN_EXPIRED'],
    ['auth.sendCode', 400, 'SOMETHING_NEW', 'TELEGRAM_UNKNOWN'],
  ])('%s answering %i %s shows %s', async (method, code, message, expected) => {
    t.core.embeddedSandbox()!.controls.failNext = { method, code, message };
    let state = method === 'auth.exportLoginToken' ? await t.ok('authStartQr', {}) : await t.ok('authSendCode', { phone: ADA });
    if (method === 'auth.signIn') state = await t.ok('authSubmitCode', { code: CODE });
    expect([step(state), errorCode(state)]).toEqual(['signedOut', expected]);
    if (expected === 'FLOOD_WAIT') expect('error' in state && state.error?.retryAfterSeconds).toBe(37);
    expect(state.step === 'signedOut' && state.error?.message).toContain(message);
  });
});

describe('a session across restarts', () => {
  const dirs = tempDirs();
  afterAll(async () => {
    const t = await startTestCore(dirs);
    await t.close();
  });

  it('is restored on start without a new sign-in', async () => {
    const first = await startTestCore(dirs);
    expect(step(await first.ok('authExploreSandbox', {}))).toBe('signedIn');
    await first.stop();
    const second = await startTestCore(dirs);
    expect(await second.ok('authState', {})).toMatchObject({ step: 'signedIn', target: 'sandbox', me: { name: 'Ada Quill' } });
    expect((await second.ok('callsList', {})).calls.length).toBeGreaterThan(0);
    await second.stop();
  });

  it('is not restored without its key', async () => {
    const other = tempDirs();
    const t = await startTestCore({ dataDir: dirs.dataDir, keyDir: other.keyDir });
    const state = await t.ok('authState', {});
    expect([step(state), errorCode(state)]).toEqual(['signedOut', 'STORAGE_FAILED']);
    await t.stop();
  });

  it('is forgotten, with the reason, when Telegram no longer knows it', async () => {
    const first = await startTestCore(dirs);
    await first.ok('authExploreSandbox', {});
    // The session ends elsewhere (Settings › Devices on a phone): the next request is refused.
    first.core.embeddedSandbox()!.controls.failNext = { code: 401, message: 'SESSION_REVOKED' };
    expect((await first.fail('callsList', {})).code).toBe('SESSION_REVOKED');
    const state = await first.nextEvent('authChanged', (s) => s.step === 'signedOut');
    expect(errorCode(state)).toBe('SESSION_REVOKED');
    await first.stop();
    const second = await startTestCore(dirs);
    expect(await second.ok('authState', {})).toEqual({ step: 'signedOut', target: 'sandbox', error: null });
    await second.stop();
  });

  it('is refused at start when Telegram signed it out meanwhile', async () => {
    const first = await startTestCore(dirs);
    await first.ok('authExploreSandbox', {});
    await first.stop();
    // Restart: the sandbox answers the session check (users.getUsers) as for a logged-out key.
    const second = await startTestCore({ ...dirs, sandbox: { controls: { failNext: { method: 'users.getUsers', code: 401, message: 'AUTH_KEY_UNREGISTERED' } } } });
    const state = await second.ok('authState', {});
    expect([step(state), errorCode(state)]).toEqual(['signedOut', 'AUTH_KEY_UNREGISTERED']);
    await second.stop();
  });
});

describe('storage warning', () => {
  it('warns only for a real account whose secrets lack OS protection', () => {
    expect(storageWarningFor('telegram', 'os', true)).toBeNull();
    expect(storageWarningFor('telegram', 'basicText', true)).toBe('basicText');
    expect(storageWarningFor('telegram', 'unavailable', true)).toBe('unavailable');
    expect(storageWarningFor('telegram', 'os', false)).toBe('unavailable');
    expect(storageWarningFor('telegram', 'unknownBackend', true)).toBe('unknownBackend');
    expect(storageWarningFor('telegram', 'backendChanged', true)).toBe('backendChanged');
    expect(storageWarningFor('sandbox', 'basicText', true)).toBeNull();
  });
});
