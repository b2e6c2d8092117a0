// Issue 10, item 3's must-show: a core in Node against the embedded sandbox writes its log to a
// folder; after real api credentials in settings, a code sign-in with 2FA (a wrong code and a
// wrong password on the way), an invite run, failing requests and renderer errors that quote the
// secrets, no log file holds the session string, the api_hash, the auth key (hex or base64), the
// login code in a "code" context or either password.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthState } from '../../shared/domain/auth';
import type { RunSnapshot } from '../../shared/domain/invite';
import { authKeyOfSession } from './log';
import { createKeyFileSecretStore } from './secrets';
import { SessionStore } from './sessionStore';
import { startTestCore, type TestCore } from './testSupport/host';
import { allPeople } from './testSupport/people';

const GRACE = '9996620002';
const CODE = '22222';
const GRACE_PASSWORD = 'sandbox-2fa';
const WRONG_PASSWORD = 'not-the-password';

const errorCode = (state: AuthState) => ('error' in state ? state.error?.code : undefined);

async function settled(t: TestCore, runId: string): Promise<RunSnapshot> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const snapshot = await t.ok('runGet', { runId });
    if (!['running', 'floodWait', 'interrupted'].includes(snapshot.run.state)) return snapshot;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${snapshot.run.state}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function readLogs(dir: string): string {
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');
}

describe('item 3: the log never holds a secret', () => {
  const logDir = mkdtempSync(join(tmpdir(), 'rollcall-logs-'));
  const apiHash = randomBytes(16).toString('hex');
  const sessions: string[] = [];
  let t: TestCore;

  beforeAll(async () => {
    t = await startTestCore({ logDir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(logDir, { recursive: true, force: true });
  });

  const storedSession = async () => {
    const stored = await new SessionStore(t.dataDir, createKeyFileSecretStore(t.keyDir)).load();
    if (!stored) throw new Error('no stored session');
    return stored.session;
  };

  it('signs in by code with 2FA, runs an invite run and fails on the way', async () => {
    await t.ok('settingsSetCredentials', { apiId: 2_040_123, apiHash });
    await t.ok('authSendCode', { phone: GRACE });
    expect(errorCode(await t.ok('authSubmitCode', { code: '11111' }))).toBe('PHONE_CODE_INVALID');
    expect((await t.ok('authSubmitCode', { code: CODE })).step).toBe('password');
    expect(errorCode(await t.ok('authSubmitPassword', { password: WRONG_PASSWORD }))).toBe('PASSWORD_HASH_INVALID');
    expect(await t.ok('authSubmitPassword', { password: GRACE_PASSWORD })).toMatchObject({ step: 'signedIn', me: { name: 'Grace Vance' } });
    sessions.push(await storedSession());

    // A run: in Rust Meetup Berlin's call when Grace sees it, else as the demo account (signed in afresh).
    const rust = (list: { chat: { title: string } }[]) => list.find((c) => c.chat.title === 'Rust Meetup Berlin');
    let { calls } = await t.ok('callsList', {});
    if (!rust(calls)) {
      await t.ok('authSignOut', {});
      await t.ok('authExploreSandbox', {});
      sessions.push(await storedSession());
      ({ calls } = await t.ok('callsList', {}));
    }
    const call = calls.find((c) => c.chat.title === 'Rust Meetup Berlin')!;
    const people = await allPeople(t, { source: 'members', callId: call.id });
    const started = await t.ok('inviteStart', { callId: call.id, personIds: people.filter((p) => p.kind === 'user').slice(0, 8).map((p) => p.id) });
    expect((await settled(t, started.run.id)).run.state).toBe('done');

    // Error paths: an unknown channel, an unknown run, and renderer errors quoting every secret.
    expect((await t.dispatch('noSuchCall', {})).ok).toBe(false);
    expect((await t.fail('runGet', { runId: 'run-that-does-not-exist' })).code).toBeTruthy();
    for (const quoted of [sessions[0]!, apiHash, `code: ${CODE}`, `password=${GRACE_PASSWORD}`, `{"password":"${WRONG_PASSWORD}"}`]) {
      await t.ok('logRendererError', { source: 'error', message: `TypeError near ${quoted}`, stack: `at f (${quoted})` });
    }
    const key = authKeyOfSession(sessions[0]!)!;
    await t.ok('logRendererError', { source: 'boundary', message: `key ${key.toString('hex')}`, stack: key.toString('base64') });
  });

  it('wrote the steps, and none of the secrets', () => {
    const text = readLogs(logDir);
    // The log is real: it saw the sign-in, its refusals, the run and the renderer's errors.
    expect(text).toContain('authSubmitCode: code (PHONE_CODE_INVALID)');
    expect(text).toContain('authSubmitPassword: signedIn');
    expect(text).toMatch(/inviteStart: run \S+/);
    expect(text).toContain('renderer boundary');

    expect(sessions.length).toBeGreaterThan(0);
    for (const session of sessions) {
      expect(text).not.toContain(session);
      expect(text).not.toContain(session.slice(1, 41));
      const key = authKeyOfSession(session);
      expect(key, 'the auth key is readable from the session').not.toBeNull();
      expect(text.toLowerCase()).not.toContain(key!.toString('hex').slice(0, 32));
      expect(text).not.toContain(key!.toString('base64').slice(0, 32));
    }
    expect(text.toLowerCase()).not.toContain(apiHash);
    expect(text).not.toMatch(new RegExp(`code\\W{0,4}${CODE}`, 'i'));
    expect(text).not.toContain(GRACE_PASSWORD);
    expect(text).not.toContain(WRONG_PASSWORD);
    expect(text).not.toContain(GRACE);
  });
});
