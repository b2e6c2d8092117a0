// GramJS's trusted server keys are one process-wide map. The sandbox's key is trusted for the
// sandbox only: a client for real Telegram restores Telegram's own keys first, so it could never
// complete a key exchange with anything holding the sandbox's key.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/src/index';
import { startTestCore, type TestCore } from '../core/testSupport/host';
import { randomBytes } from 'node:crypto';
import { Api } from 'telegram';
import { BinaryReader } from 'telegram/extensions';
import { readBigIntFromBuffer } from 'telegram/Helpers';
import { createPublicKey } from 'node:crypto';
import { _serverKeys } from 'telegram/crypto/RSA';
import { createServer, type AddressInfo } from 'node:net';
import { closeLink, fingerprintOfPem, openLink, PiecewiseNetSocket, sessionString, trustedFingerprints, type SandboxEndpoint } from './client';

const TELEGRAM_KEYS = ['-3414540481677951611', '-5595554452916591101'];
const CREDENTIALS = { TELEGRAM_API_ID: '12345', TELEGRAM_API_HASH: '0123456789abcdef0123456789abcdef' };

/** Telegram's keys as GramJS ships them, read before any client changes the trusted set. */
const SHIPPED = new Map([..._serverKeys].map(([fingerprint, key]) => [fingerprint, { n: BigInt(key.n.toString()), e: Number(key.e) }]));
const toBase64Url = (value: bigint) => Buffer.from(value.toString(16).padStart(2, '0').replace(/^(.(..)*)$/, '0$1'), 'hex').toString('base64url');
const pemOf = (key: { n: bigint; e: number }) =>
  createPublicKey({ key: { kty: 'RSA', n: toBase64Url(key.n), e: toBase64Url(BigInt(key.e)) }, format: 'jwk' }).export({ type: 'pkcs1', format: 'pem' }) as string;

let sandbox: Sandbox;
let dataDir: string;
let endpoint: SandboxEndpoint;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'rollcall-keys-'));
  sandbox = await startSandbox({ dataDir, port: 0 });
  const { host, port, dcId, fingerprint, publicKeyPem } = sandbox.info;
  endpoint = { kind: 'sandbox', host, port, dcId, fingerprint, publicKeyPem };
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the client factory', () => {
  it('reads large integers exactly as GramJS does, only faster', () => {
    for (const size of [8, 16, 32, 256]) {
      for (let i = 0; i < 200; i += 1) {
        const bytes = randomBytes(size);
        if (i === 0) bytes.fill(0xff);
        if (i === 1) bytes.fill(0);
        for (const signed of [true, false]) {
          const read = new BinaryReader(bytes).readLargeInt(size * 8, signed);
          expect(read.toString()).toBe(readBigIntFromBuffer(bytes, true, signed).toString());
        }
      }
    }
  });

  it('trusts the sandbox key for the sandbox, and connects', async () => {
    const link = await openLink({ endpoint, session: '', appVersion: 'test' });
    expect(trustedFingerprints()).toContain(sandbox.info.fingerprint);
    await closeLink(link);
  });

  it('gets every answer of a container in which one request failed', async () => {
    const link = await openLink({ endpoint, session: '', appVersion: 'test' });
    const failing = link.client.invoke(new Api.auth.SendCode({ phoneNumber: '12', apiId: 1, apiHash: 'x', settings: new Api.CodeSettings({}) }));
    const fine = link.client.invoke(new Api.help.GetNearestDc());
    const [a, b] = await Promise.allSettled([failing, fine]);
    expect(a).toMatchObject({ status: 'rejected', reason: { errorMessage: 'PHONE_NUMBER_INVALID' } });
    expect(b).toMatchObject({ status: 'fulfilled', value: { className: 'NearestDc' } });
    await closeLink(link);
  });

  it('restores Telegram’s own keys for target telegram, so the same server is refused', async () => {
    const dial = { host: endpoint.host, port: endpoint.port, dcId: endpoint.dcId };
    const attempt = openLink({ endpoint: { kind: 'telegram', apiId: 1, apiHash: CREDENTIALS.TELEGRAM_API_HASH, dial }, session: '', appVersion: 'test' });
    await expect(attempt).rejects.toMatchObject({ code: 'NETWORK_UNREACHABLE', message: expect.stringMatching(/valid key for fingerprints/) });
    expect(trustedFingerprints().sort()).toEqual([...TELEGRAM_KEYS].sort());
  });
});

describe('the socket GramJS reads packets from', () => {
  it('item 3: reads a 3 MB packet that arrives in hundreds of pieces whole, and the next one after it, byte for byte', async () => {
    const big = randomBytes(3 * 2 ** 20 + 5);
    const next = randomBytes(70_000);
    const stream = Buffer.concat([big, next]);
    // Written in uneven pieces, each in its own turn, so the reader meets them one at a time.
    const server = createServer((connection) => {
      let at = 0;
      const write = () => {
        if (at >= stream.length) return;
        const size = 1 + ((at * 7919) % 20_000);
        connection.write(stream.subarray(at, at + size));
        at += size;
        setImmediate(write);
      };
      write();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const socket = new PiecewiseNetSocket();
    try {
      await socket.connect((server.address() as AddressInfo).port, '127.0.0.1');
      expect((await socket.readExactly(big.length)).equals(big)).toBe(true);
      expect((await socket.readExactly(8)).equals(next.subarray(0, 8))).toBe(true);
      expect((await socket.readExactly(next.length - 8)).equals(next.subarray(8))).toBe(true);
    } finally {
      await socket.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('item 12: trusting the sandbox key', () => {
  it('item 12: the fingerprint is computed from the PEM, as Telegram’s own are', () => {
    expect(fingerprintOfPem(sandbox.info.publicKeyPem)).toBe(sandbox.info.fingerprint);
    expect(SHIPPED.size).toBe(2);
    for (const [fingerprint, key] of SHIPPED) expect(fingerprintOfPem(pemOf(key))).toBe(fingerprint);
  });

  it('item 12: a fingerprint that does not match the PEM is refused, and never trusted', async () => {
    const attempt = openLink({ endpoint: { ...endpoint, fingerprint: '1234567890' }, session: '', appVersion: 'test' });
    await expect(attempt).rejects.toMatchObject({ code: 'SANDBOX_FAILED', message: expect.stringMatching(/fingerprint/) });
    expect(trustedFingerprints()).not.toContain('1234567890');
  });

  it('item 12: Telegram’s own key is refused as the sandbox’s key', async () => {
    for (const [fingerprint, key] of SHIPPED) {
      const attempt = openLink({ endpoint: { ...endpoint, fingerprint, publicKeyPem: pemOf(key) }, session: '', appVersion: 'test' });
      await expect(attempt).rejects.toMatchObject({ code: 'SANDBOX_FAILED', message: expect.stringMatching(/Telegram/) });
    }
  });

  it('item 12: the sandbox key is not trusted while a client to Telegram is open', async () => {
    // A Telegram client connected without a key exchange: the session carries a key the server knows.
    const first = await openLink({ endpoint, session: '', appVersion: 'test' });
    const session = sessionString(first);
    await closeLink(first);
    const dial = { host: endpoint.host, port: endpoint.port, dcId: endpoint.dcId };
    const telegram = await openLink({ endpoint: { kind: 'telegram', apiId: 1, apiHash: CREDENTIALS.TELEGRAM_API_HASH, dial }, session, appVersion: 'test' });
    try {
      const attempt = openLink({ endpoint, session: '', appVersion: 'test' });
      await expect(attempt).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/client to Telegram is open/) });
      expect(trustedFingerprints().sort()).toEqual([...TELEGRAM_KEYS].sort());
    } finally {
      await closeLink(telegram);
    }
    const link = await openLink({ endpoint, session: '', appVersion: 'test' });
    expect(trustedFingerprints()).toContain(sandbox.info.fingerprint);
    await closeLink(link);
  });
});

describe('the core switching targets', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await startTestCore({ env: CREDENTIALS, telegramDial: { host: endpoint.host, port: endpoint.port, dcId: endpoint.dcId } });
  });
  afterAll(() => t.close());

  it('drops the sandbox key when sign-in goes to Telegram', async () => {
    expect((await t.ok('authExploreSandbox', {})).step).toBe('signedIn');
    expect(trustedFingerprints()).toContain(t.core.embeddedSandbox()!.info.fingerprint);
    expect(await t.ok('authSelectTarget', { target: 'telegram' })).toEqual({ step: 'signedOut', target: 'telegram', error: null });
    expect((await t.ok('appInfo', {})).backend).toMatchObject({ target: 'telegram', credentials: 'environment' });
    const state = await t.ok('authSendCode', { phone: '9996620001' });
    expect(state).toMatchObject({ step: 'signedOut', error: { code: 'NETWORK_UNREACHABLE', message: expect.stringMatching(/valid key for fingerprints/) } });
    expect(trustedFingerprints().sort()).toEqual([...TELEGRAM_KEYS].sort());
  });

  it('trusts it again for the sandbox', async () => {
    expect((await t.ok('authExploreSandbox', {})).step).toBe('signedIn');
    expect(trustedFingerprints()).toContain(t.core.embeddedSandbox()!.info.fingerprint);
  });
});

describe('target telegram without credentials', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await startTestCore();
  });
  afterAll(() => t.close());

  it('says credentials are needed, and keeps the api_hash out of every reply', async () => {
    const state = await t.ok('authSelectTarget', { target: 'telegram' });
    expect(state).toMatchObject({ step: 'signedOut', target: 'telegram', error: { code: 'CREDENTIALS_MISSING' } });
    expect((await t.ok('authSendCode', { phone: '+447700900123' })).step === 'signedOut').toBe(true);
    const settings = await t.ok('settingsSetCredentials', { apiId: 777, apiHash: 'ABCDEF0123456789abcdef0123456789' });
    expect(settings).toEqual({ apiId: 777, apiHashSet: true, credentialsSource: 'settings', batchSize: 10, inFlight: 2, perHourCeiling: 200, checkForUpdates: true, language: null });
    expect(JSON.stringify(t.events)).not.toMatch(/abcdef0123456789/i);
    expect((await t.ok('appInfo', {})).backend.credentials).toBe('settings');
    expect(await t.ok('settingsClearCredentials', {})).toEqual({ apiId: null, apiHashSet: false, credentialsSource: 'none', batchSize: 10, inFlight: 2, perHourCeiling: 200, checkForUpdates: true, language: null });
  });
});
