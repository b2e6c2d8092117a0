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
import { big, eventually, invitedIn } from './sandboxFixture';

const dataDir = mkdtempSync(join(tmpdir(), 'rollcall-cli-'));
const scheduledDir = mkdtempSync(join(tmpdir(), 'rollcall-cli-scheduled-'));
let child: ChildProcessWithoutNullStreams | undefined;
let scheduledChild: ChildProcessWithoutNullStreams | undefined;
afterAll(() => {
  child?.kill('SIGKILL');
  scheduledChild?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(scheduledDir, { recursive: true, force: true });
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

  it('item 5: stdin start-scheduled starts the seeded scheduled call, and a subscriber hears it; join-call and leave-call move the version', async () => {
    scheduledChild = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', '--port', '0', '--data', scheduledDir, '--dcs', '1'], {
      cwd: join(__dirname, '..', '..'),
    });
    const proc = scheduledChild;
    await nextLine(proc.stdout, /^sandbox listening on /);
    const info = JSON.parse(readFileSync(join(scheduledDir, 'sandbox.json'), 'utf8')) as SandboxInfo;
    const client = await connectClient({ ...info });
    try {
      await client.start({ phoneNumber: info.demo.phone, phoneCode: async () => info.demo.code, onError: (e) => { throw e; } });
      const seen: Api.TypeUpdate[] = [];
      client.addEventHandler((update: Api.TypeUpdate) => {
        seen.push(update);
      });
      proc.stdin.write('calls\n');
      const line = await nextLine(proc.stdout, /\tscheduled \d{4}-.*\tFriday games$/);
      const callId = line.split('\t')[0]!;
      const accessHash = /access_hash (-?\d+)/.exec(line)![1]!;
      const call = new Api.InputGroupCall({ id: big(BigInt(callId)), accessHash: big(BigInt(accessHash)) });
      await client.invoke(new Api.phone.ToggleGroupCallStartSubscription({ call, subscribed: true }));
      proc.stdin.write(`start-scheduled ${callId}\n`);
      await nextLine(proc.stdout, /^started Friday games$/);
      const started = (u: Api.TypeUpdate) => u instanceof Api.UpdateGroupCall && u.call.id.toString() === callId && u.call instanceof Api.GroupCall && !u.call.scheduleDate;
      await eventually(() => seen.some(started));

      proc.stdin.write(`join-call ${callId} ${IDS.tim}\n`);
      expect(await nextLine(proc.stdout, /joined/)).toBe(`${IDS.tim} joined ${callId}, version 3`);
      proc.stdin.write(`leave-call ${callId} ${IDS.tim}\n`);
      expect(await nextLine(proc.stdout, /left/)).toBe(`${IDS.tim} left ${callId}, version 4`);
      await eventually(() => seen.filter((u) => u instanceof Api.UpdateGroupCallParticipants).length === 2);
      const versions = seen.filter((u): u is Api.UpdateGroupCallParticipants => u instanceof Api.UpdateGroupCallParticipants).map((u) => u.version);
      expect(versions.sort((a, b) => a - b)).toEqual([3, 4]);
    } finally {
      await client.destroy();
    }
  });
});
