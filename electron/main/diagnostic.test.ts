// Report a problem's text: versions and state, the log's tail, no secret and no name.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { logSecrets } from '../core/log';
import { buildDiagnostic, recentLogLines } from './diagnostic';

describe('buildDiagnostic', () => {
  const apiHash = randomBytes(16).toString('hex');
  const key = randomBytes(256);
  const session = `1${Buffer.concat([Buffer.from([2, 0, 4, 1, 2, 3, 4, 1, 187]), key]).toString('base64')}`;
  const knownOnly = 'an-exact-secret-the-app-knows';
  logSecrets.add(knownOnly);
  afterAll(() => logSecrets.clear());

  const text = buildDiagnostic({
    appVersion: '1.2.3',
    versions: { electron: '45.0.0', chrome: '140', node: '22.0.0' },
    platform: 'linux x64',
    backendStatus: { target: 'telegram', credentials: 'settings', state: 'ready' },
    recentLogLines: [
      `2025-01-01T00:00:00.000Z [error] failed with session ${session}`,
      `2025-01-01T00:00:01.000Z [warn] api_hash=${apiHash} key ${key.toString('hex')}`,
      '2025-01-01T00:00:02.000Z [info] {"code":"22222","password":"sandbox-2fa"} phone +44 7700 900123',
      `2025-01-01T00:00:03.000Z [error] renderer: person {"name":"Grace Vance","username":"gracev"} @gracevance ${knownOnly}`,
      '2025-01-01T00:00:04.000Z [warn] authSubmitCode refused: PHONE_CODE_INVALID',
    ],
  });

  it('says which version, platform and backend state', () => {
    expect(text).toContain('Version: 1.2.3');
    expect(text).toContain('Platform: linux x64');
    expect(text).toContain('electron 45.0.0');
    expect(text).toContain('Backend: ready, target telegram, credentials settings');
    expect(text).toContain('PHONE_CODE_INVALID');
  });

  it('holds none of the secrets planted in the log lines, and no names', () => {
    for (const secret of [session.slice(0, 40), apiHash, key.toString('hex').slice(0, 32), '22222', 'sandbox-2fa', '7700 900123', 'Grace Vance', 'gracev', '@gracevance', knownOnly]) {
      expect(text).not.toContain(secret);
    }
  });

  it('reads the last lines of a log file, and nothing when there is none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rollcall-diag-'));
    writeFileSync(join(dir, 'main.log'), Array.from({ length: 300 }, (_, i) => `line ${i}`).join('\n') + '\n');
    expect(recentLogLines(join(dir, 'main.log'), 3)).toEqual(['line 297', 'line 298', 'line 299']);
    expect(recentLogLines(join(dir, 'missing.log'))).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });
});
