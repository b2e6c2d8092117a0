// The stdin commands a script (the invite bench) drives the CLI with (issue 11, item 5):
// `fresh-call CHAT_ID [TITLE]` and `deliveries CALL_ID json`, each answering one line of JSON.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api } from 'telegram';
import type { RPCError } from 'telegram/errors';
import { afterAll, describe, expect, it } from 'vitest';
import type { SandboxInfo } from '../src/index';
import { IDS } from '../src/index';
import { connectClient } from './gramjs';
import { nextLine } from './cliProcess';
import { invitedIn } from './sandboxFixture';

const dataDir = mkdtempSync(join(tmpdir(), 'rollcall-cli-calls-'));
let child: ChildProcessWithoutNullStreams | undefined;
afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function command<T>(line: string): Promise<T> {
  const reply = nextLine(child!.stdout, /^\{/);
  child!.stdin.write(`${line}\n`);
  return JSON.parse(await reply) as T;
}

interface FreshCall {
  callId: string;
  accessHash: string;
  chatId: string;
  title: string;
  endedCallId: string | null;
}
type Deliveries = { callId: string; counts: Record<string, number> };

describe('npm run sandbox: stdin for scripts', () => {
  it('item 5: fresh-call ends the live call and starts one nobody is invited to; deliveries CALL_ID json counts each invitation', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', '--port', '0', '--data', dataDir], { cwd: join(__dirname, '..', '..') });
    await nextLine(child.stdout, /^sandbox listening on /);
    const info = JSON.parse(readFileSync(join(dataDir, 'sandbox.json'), 'utf8')) as SandboxInfo;
    const client = await connectClient({ ...info });
    try {
      await client.start({ phoneNumber: info.demo.phone, phoneCode: async () => info.demo.code, onError: (e) => { throw e; } });
      const liveCall = async () => ((await client.invoke(new Api.channels.GetFullChannel({ channel: 'rust_meetup_berlin' }))).fullChat as Api.ChannelFull).call!;
      const person = async (username: string) => (await client.invoke(new Api.contacts.ResolveUsername({ username }))).users[0] as Api.User;
      const [alan, dennis] = [await person('alan_frost'), await person('dennis_rowe')];
      const seeded = await liveCall();
      expect(invitedIn(await client.invoke(new Api.phone.InviteToGroupCall({ call: seeded, users: [alan] })))).toEqual([IDS.alan]);

      const fresh = await command<FreshCall>(`fresh-call ${IDS.rustMeetup} Bench call`);
      expect(fresh).toMatchObject({ chatId: String(IDS.rustMeetup), title: 'Bench call', endedCallId: seeded.id.toString() });
      const call = await liveCall();
      expect(call.id.toString()).toBe(fresh.callId);
      expect(call.accessHash.toString()).toBe(fresh.accessHash);
      expect(await command<Deliveries>(`deliveries ${fresh.callId} json`)).toEqual({ callId: fresh.callId, counts: {} });

      // Alan again (a fresh call: his invitation to the old one doesn't count), and Dennis.
      expect(invitedIn(await client.invoke(new Api.phone.InviteToGroupCall({ call, users: [alan, dennis] })))).toEqual([IDS.alan, IDS.dennis]);
      const again = await client.invoke(new Api.phone.InviteToGroupCall({ call, users: [alan] })).catch((e: unknown) => (e as RPCError).errorMessage);
      expect(again).toBe('USER_ALREADY_INVITED');
      expect(await command<Deliveries>(`deliveries ${fresh.callId} json`)).toEqual({
        callId: fresh.callId,
        counts: { [String(IDS.alan)]: 1, [String(IDS.dennis)]: 1 },
      });
      expect(await command<Deliveries>(`deliveries ${seeded.id.toString()} json`)).toEqual({ callId: seeded.id.toString(), counts: { [String(IDS.alan)]: 1 } });
      const refused = await client.invoke(new Api.phone.InviteToGroupCall({ call: seeded, users: [dennis] })).catch((e: unknown) => (e as RPCError).errorMessage);
      expect(refused).toBe('GROUPCALL_FORBIDDEN');

      // A chat without a live call gets one too, and nothing is ended.
      const ended = nextLine(child.stdout, /^ended Bench call$/);
      child.stdin.write(`end-call ${fresh.callId}\n`);
      await ended;
      const next = await command<FreshCall>(`fresh-call ${IDS.rustMeetup}`);
      expect(next).toMatchObject({ title: 'Video chat', endedCallId: null });
      expect((await liveCall()).id.toString()).toBe(next.callId);
    } finally {
      await client.destroy();
    }
  });
});
