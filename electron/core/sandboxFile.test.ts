// A sandbox started on its own, used by the app through its sandbox.json (npm run preview:web --
// --sandbox, npm start with ROLLCALL_SANDBOX): what the sandbox's controls change, the app sees.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, writeSandboxJson, type Sandbox } from '../../sandbox/src/index';
import { externalSandbox, externalSandboxDataDir, readSandboxFile } from './sandboxFile';
import { startTestCore } from './testSupport/host';

let root: string;
let sandbox: Sandbox;
let file: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'rollcall-external-'));
  sandbox = await startSandbox({ dataDir: join(root, 'sbx') });
  file = writeSandboxJson(join(root, 'sbx'), sandbox.info);
});
afterAll(async () => {
  await sandbox.close();
  rmSync(root, { recursive: true, force: true });
});

describe('item 13: a sandbox started on its own', () => {
  it('item 13: sandbox.json is read and checked; the flag wins over ROLLCALL_SANDBOX', () => {
    expect(readSandboxFile(file)).toMatchObject({ port: sandbox.info.port, fingerprint: sandbox.info.fingerprint });
    expect(externalSandbox(undefined, { ROLLCALL_SANDBOX: file })?.port).toBe(sandbox.info.port);
    expect(externalSandbox(file, { ROLLCALL_SANDBOX: join(root, 'nowhere.json') })?.port).toBe(sandbox.info.port);
    expect(externalSandbox(undefined, {})).toBeUndefined();
    expect(externalSandboxDataDir('/data/app', sandbox.info)).toMatch(/^\/data\/app-sandbox-\w+$/);
  });

  it('item 13: a missing, non-JSON or wrong sandbox.json says what is wrong and what to do', () => {
    mkdirSync(join(root, 'bad'), { recursive: true });
    writeFileSync(join(root, 'bad', 'text.json'), 'not json');
    writeFileSync(join(root, 'bad', 'port.json'), JSON.stringify({ ...sandbox.info, port: 'eighty' }));
    expect(() => readSandboxFile(join(root, 'nowhere.json'))).toThrow(/No sandbox at .*nowhere\.json: there is no such file\. Start one with "npm run sandbox/);
    expect(() => readSandboxFile(join(root, 'bad'))).toThrow(/it is a folder/);
    expect(() => readSandboxFile(join(root, 'bad', 'text.json'))).toThrow(/is not JSON/);
    expect(() => readSandboxFile(join(root, 'bad', 'port.json'))).toThrow(/is not a sandbox\.json .*\(port: /);
  });

  it('item 13: the app signs in to the external sandbox, and a call ended from outside is gone from its list', { timeout: 60_000 }, async () => {
    const t = await startTestCore({ sandbox: { external: readSandboxFile(file) } });
    try {
      expect((await t.ok('authExploreSandbox', {})).step).toBe('signedIn');
      // Nothing was started in the app's process: the sandbox is the one this test holds.
      expect(t.core.embeddedSandbox()).toBeNull();
      const before = (await t.ok('callsList', {})).calls;
      expect(before.length).toBeGreaterThan(0);
      const ended = before[0]!;
      sandbox.world.endCall(BigInt(ended.id));
      const after = (await t.ok('callsList', {})).calls;
      expect(after.map((call) => call.id)).not.toContain(ended.id);
    } finally {
      await t.close();
    }
  });

  it('item 13: npm run preview:web -- --sandbox with a wrong path exits with one line saying so', () => {
    const result = spawnSync(process.execPath, [join(__dirname, '../../node_modules/tsx/dist/cli.mjs'), join(__dirname, '../preview/cli.ts'), '--sandbox', join(root, 'nowhere.json')], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^No sandbox at .*nowhere\.json: there is no such file\./);
  });
});
