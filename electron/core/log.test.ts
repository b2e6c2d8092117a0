// The redactor and the logger's file sink: every pattern, the registry of exact secrets, rotation.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretRegistry, authKeyOfSession, createLogger, fileSink, formatLine, logProcessFailures, redact } from './log';

/** A StringSession like GramJS's save(): '1' + base64(dcId, ipLength, ip, port, key). */
function fakeSession(key = randomBytes(256)): { session: string; key: Buffer } {
  const ip = Buffer.from('149.154.167.50');
  const head = Buffer.alloc(3);
  head.writeUInt8(2, 0);
  head.writeUInt16BE(ip.length, 1);
  const port = Buffer.alloc(2);
  port.writeUInt16BE(443, 0);
  return { session: `1${Buffer.concat([head, ip, port, key]).toString('base64')}`, key };
}

describe('redact: patterns', () => {
  const none = new SecretRegistry();

  it('removes a GramJS session string', () => {
    const { session } = fakeSession();
    const out = redact(`saved ${session} ok`, none);
    expect(out).not.toContain(session.slice(10, 60));
    expect(out).toContain('[session redacted]');
  });

  it('removes a 32-hex api_hash and longer hex (an auth key)', () => {
    const hash = randomBytes(16).toString('hex');
    const key = randomBytes(256).toString('hex');
    const out = redact(`hash ${hash} key ${key}`, none);
    expect(out).not.toContain(hash);
    expect(out).not.toContain(key.slice(0, 40));
  });

  it('removes key bytes written as a Buffer or an array, and long base64', () => {
    const key = randomBytes(256);
    expect(redact(`k=${inspect(key)}`, none)).not.toMatch(/[0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2}/);
    expect(redact(`k ${JSON.stringify([...key.subarray(0, 40)])}`, none)).toContain('[bytes redacted]');
    expect(redact(`k ${key.toString('base64')}`, none)).not.toContain(key.toString('base64').slice(0, 30));
  });

  it('removes codes and passwords in named fields and keeps error codes', () => {
    const out = redact(`{"code":"22222","password":"hunter22","phoneCodeHash":"abc","error":{"code":"PHONE_CODE_INVALID"}} code=54321 password: swordfish`, none);
    expect(out).not.toMatch(/22222|hunter22|54321|swordfish|"abc"/);
    expect(out).toContain('PHONE_CODE_INVALID');
  });

  it('masks phone numbers but keeps times, durations and line numbers', () => {
    const out = redact('sent to +44 7700 900123 and 9996620002 at 2025-01-02T03:04:05.678Z after 1500 ms (core.ts:123:45)', none);
    expect(out).not.toMatch(/7700 900123|9996620002/);
    expect(out).toContain('+44…23');
    expect(out).toContain('2025-01-02T03:04:05.678Z');
    expect(out).toContain('1500 ms');
    expect(out).toContain('core.ts:123:45');
  });
});

describe('redact: known secrets', () => {
  it('replaces every registered secret exactly, wherever it is', () => {
    const secrets = new SecretRegistry();
    secrets.add('my-api-hash-value', 'api-hash');
    secrets.addTransient('pass word with spaces');
    const out = redact('a my-api-hash-value b pass word with spaces c', secrets);
    expect(out).toBe('a [api-hash redacted] b [secret redacted] c');
  });

  it('finds the auth key of a session and redacts it in hex and base64', () => {
    const { session, key } = fakeSession();
    expect(authKeyOfSession(session)?.equals(key)).toBe(true);
    const secrets = new SecretRegistry();
    secrets.addSession(session);
    // Split the hex so that no pattern alone would catch it: only the exact registry does.
    const out = redact(`${key.toString('hex')} | ${key.toString('base64')}`, secrets);
    expect(out).not.toContain(key.toString('hex').slice(0, 32));
    expect(out).not.toContain(key.toString('base64').slice(0, 32));
    expect(out).toContain('[auth-key redacted]');
  });

  it('ignores values too short to replace safely', () => {
    const secrets = new SecretRegistry();
    secrets.add('ab');
    expect(redact('abc', secrets)).toBe('abc');
  });
});

describe('the logger', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('writes levels at or above its threshold, redacted, with error stacks', () => {
    const lines: string[] = [];
    const secrets = new SecretRegistry();
    secrets.add('sekrit-value-1');
    const logger = createLogger({ sinks: [(_level, line) => lines.push(line)], level: 'info', secrets });
    logger.debug('not written');
    logger.info('hello', { password: 'x' });
    logger.error('failed', new Error('boom sekrit-value-1'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/\[info\] hello \{"password":"\[redacted\]"\}/);
    expect(lines[1]).toContain('[error] failed Error: boom [secret redacted]');
    expect(lines[1]).toContain('log.test.ts');
  });

  it('formats causes and codes', () => {
    const error = Object.assign(new Error('outer', { cause: new Error('inner') }), { code: 'E_X' });
    const line = formatLine('error', 'x', error, new Date(0), new SecretRegistry());
    expect(line).toContain('[E_X]');
    expect(line).toContain('caused by Error: inner');
  });

  it('rotates the file past its size, keeping one old file (0600)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rollcall-log-'));
    dirs.push(dir);
    const logger = createLogger({ sinks: [fileSink(dir, { maxBytes: 1000 })], secrets: new SecretRegistry() });
    for (let i = 0; i < 60; i += 1) logger.info(`line ${i} ${'x'.repeat(40)}`);
    expect(readdirSync(dir).sort()).toEqual(['main.log', 'main.old.log']);
    expect(statSync(join(dir, 'main.log')).size).toBeLessThanOrEqual(1000);
    expect(readFileSync(join(dir, 'main.log'), 'utf8')).toContain('line 59');
    if (process.platform !== 'win32') expect(statSync(join(dir, 'main.log')).mode & 0o777).toBe(0o600);
  });

  it('logs unhandled rejections and uncaught exceptions of the process', () => {
    const emitter = new EventEmitter();
    const proc = emitter as unknown as NodeJS.Process;
    const lines: string[] = [];
    const uninstall = logProcessFailures(proc, { error: (message, error) => lines.push(`${message}: ${(error as Error).message}`) });
    emitter.emit('unhandledRejection', new Error('nobody waited'));
    emitter.emit('uncaughtException', new Error('thrown'));
    expect(lines).toEqual(['unhandled promise rejection: nobody waited', 'uncaught exception: thrown']);
    uninstall();
    expect(emitter.listenerCount('unhandledRejection')).toBe(0);
  });
});
