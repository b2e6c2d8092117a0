// The sandbox's data folder holds auth keys (anyone with one is signed in as its account), the
// world (names, phone numbers) and the RSA private key: other local users must not read any of it.
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { writeSandboxJson } from '../src/index';
import { openSandbox, signedIn } from './sandboxFixture';

const mode = (path: string) => statSync(path).mode & 0o777;

// Windows has no POSIX modes: the test is skipped there, and says so in its name.
const posix = process.platform !== 'win32';
const name = posix ? 'item 4: sandbox files are 0700/0600 after a sign-in' : 'item 4: sandbox files are 0700/0600 after a sign-in (skipped: Windows has no POSIX modes)';

it.skipIf(!posix)(name, { timeout: 30_000 }, async () => {
  const first = await openSandbox();
  await signedIn(first);
  await first.close();
  // Wider modes left by an older version are tightened at the next start.
  chmodSync(first.dataDir, 0o755);
  for (const name of readdirSync(first.dataDir)) chmodSync(join(first.dataDir, name), 0o644);

  const sandbox = await openSandbox({ dataDir: first.dataDir });
  try {
    await signedIn(sandbox);
    writeSandboxJson(sandbox.dataDir, sandbox.info);
    await sandbox.close();
    expect(mode(sandbox.dataDir).toString(8)).toBe('700');
    const files = readdirSync(sandbox.dataDir);
    expect(files).toEqual(expect.arrayContaining(['server-rsa-key.pem', 'world.json', 'auth-keys.json', 'sandbox.json']));
    // Each DC other than the first keeps its auth keys in a folder of its own (dc1, dc3): 0700, files 0600.
    expect(files).toEqual(expect.arrayContaining(['dc1', 'dc3']));
    for (const name of files) {
      const path = join(sandbox.dataDir, name);
      if (statSync(path).isDirectory()) {
        expect(`${name} ${mode(path).toString(8)}`).toBe(`${name} 700`);
        for (const inner of readdirSync(path)) expect(`${name}/${inner} ${mode(join(path, inner)).toString(8)}`).toBe(`${name}/${inner} 600`);
      } else {
        expect(`${name} ${mode(path).toString(8)}`).toBe(`${name} 600`);
      }
    }
  } finally {
    await sandbox.dispose();
    await first.dispose();
  }
});
