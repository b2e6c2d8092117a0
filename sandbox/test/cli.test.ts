// The CLI as a user runs it: it writes sandbox.json when ready, prints the listening line, any
// MTProto client that trusts the key in sandbox.json can sign in, stdin commands change the
// world, and SIGTERM closes it cleanly.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api } from 'telegram';
import { type RPCError } from 'telegram/errors';
import { afterAll, describe, expect, it } from 'vitest';
import type { SandboxInfo } from '../src/index';
import { IDS } from '../src/index';
import { connectClient } from './gramjs';
import { nextLine } from './cliProcess';
import { big, invitedIn } from './sandboxFixture';

const dataDir = mkdtempSync(join(tmpdir(), 'rollcall-cli-'));
let child: ChildProcessWithoutNullStreams | undefined;
afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run sandbox', () => {
  it('starts, serves a client from sandbox.json alone, takes stdin controls, and stops on SIGTERM', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', '--port', '0', '--data', dataDir, '--latency', '1'], {
      cwd: join(__dirname, '..', '..'),
    });
    const listening = await nextLine(child.stdout, /^sandbox listening on /);
    const info = JSON.parse(readFileSync(join(dataDir, 'sandbox.json'), 'utf8')) as SandboxInfo;
    expect(listening).toBe(`sandbox listening on 127.0.0.1:${info.port}`);
    expect(Object.keys(info)).toEqual(expect.arrayContaining(['host', 'port', 'dcId', 'fingerprint', 'publicKeyPem', 'demo']));
    expect(info.publicKeyPem).toMatch(/^-----BEGIN RSA PUBLIC KEY-----/);
    expect(info.demo).toEqual({ phone: '9996620001', code: '22222', password: null });

    const client = await connectClient({ ...info });
    try {
      await client.start({ phoneNumber: info.demo.phone, phoneCode: async () => info.demo.code, onError: (e) => { throw e; } });
      const full = await client.invoke(new Api.channels.GetFullChannel({ channel: 'rust_meetup_berlin' }));
      const call = (full.fullChat as Api.ChannelFull).call!;
      const linus = await client.getInputEntity('linus_brook');
      expect(invitedIn(await client.invoke(new Api.phone.InviteToGroupCall({ call, users: [linus] })))).toEqual([]);
      const alan = await client.invoke(new Api.contacts.ResolveUsername({ username: 'alan_frost' }));
      const result = await client.invoke(new Api.phone.InviteToGroupCall({ call, users: [alan.users[0] as Api.User] }));
      expect(invitedIn(result)).toEqual([IDS.alan]);

      child.stdin.write(`deliveries ${call.id.toString()}\n`);
      expect(await nextLine(child.stdout, new RegExp(`^${IDS.alan}\\t1$`))).toBeTruthy();
      child.stdin.write(`end-call ${call.id.toString()}\n`);
      await nextLine(child.stdout, /^ended Monthly meetup/);
      const error = await client
        .invoke(new Api.phone.InviteToGroupCall({ call: new Api.InputGroupCall({ id: big(BigInt(call.id.toString())), accessHash: call.accessHash }), users: [linus] }))
        .catch((e: unknown) => e);
      expect((error as RPCError).errorMessage).toBe('GROUPCALL_FORBIDDEN');
    } finally {
      await client.destroy();
    }

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
