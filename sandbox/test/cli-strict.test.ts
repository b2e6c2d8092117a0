// The CLI with --profile strict and --fail (issue 9, item 2) and the stdin `fail` and `stats`
// commands (items 2 and 4), driven as a person would: flags, stdin lines, stdout lines.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api } from 'telegram';
import type { RPCError } from 'telegram/errors';
import { afterAll, describe, expect, it } from 'vitest';
import type { RequestStats, SandboxInfo } from '../src/index';
import { IDS } from '../src/index';
import { connectClient } from './gramjs';
import { nextLine } from './cliProcess';
import { invitedIn } from './sandboxFixture';

const dataDir = mkdtempSync(join(tmpdir(), 'rollcall-cli-strict-'));
let child: ChildProcessWithoutNullStreams | undefined;
afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function command(line: string, answer: RegExp): Promise<string> {
  const reply = nextLine(child!.stdout, answer);
  child!.stdin.write(`${line}\n`);
  return reply;
}

const errorOf = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => (e as RPCError).errorMessage);

describe('npm run sandbox -- --profile strict --fail', () => {
  it('item 2 and item 4: --fail fails every invite until `fail off`, strict refuses a call not joined, `stats` prints one JSON line', async () => {
    child = spawn(
      process.execPath,
      ['--import', 'tsx', 'sandbox/cli.ts', '--port', '0', '--data', dataDir, '--profile', 'strict', '--fail', 'phone.inviteToGroupCall:400:CALL_NEVER_SEEN'],
      { cwd: join(__dirname, '..', '..') },
    );
    await nextLine(child.stdout, /^sandbox listening on /);
    const info = JSON.parse(readFileSync(join(dataDir, 'sandbox.json'), 'utf8')) as SandboxInfo;
    const client = await connectClient({ ...info });
    try {
      await client.start({ phoneNumber: info.demo.phone, phoneCode: async () => info.demo.code, onError: (e) => { throw e; } });
      const full = await client.invoke(new Api.channels.GetFullChannel({ channel: 'rust_meetup_berlin' }));
      const call = (full.fullChat as Api.ChannelFull).call!;
      const person = async (username: string) =>
        ((await client.invoke(new Api.contacts.ResolveUsername({ username }))).users[0] as Api.User);
      const [alan, dennis] = [await person('alan_frost'), await person('dennis_rowe')];
      const inviteRust = (user: Api.User) => client.invoke(new Api.phone.InviteToGroupCall({ call, users: [user] }));

      // Persistent: every request of the method, not only the next one.
      for (const user of [alan, dennis, alan]) expect(await errorOf(inviteRust(user))).toBe('CALL_NEVER_SEEN');
      await command('fail phone.getGroupCall:500:ALSO_NEW', /^failing always: /);
      expect(await errorOf(client.invoke(new Api.phone.GetGroupCall({ call, limit: 1 })))).toBe('ALSO_NEW');
      await command('fail off', /^failing always: \[\]$/);
      expect(invitedIn(await inviteRust(alan))).toEqual([IDS.alan]);
      await client.invoke(new Api.phone.GetGroupCall({ call, limit: 1 }));

      // The strict profile: Ada is not in the Hackers' Guild call.
      const guild = await client.invoke(new Api.channels.GetFullChannel({ channel: 'hackers_guild' }));
      const guildCall = (guild.fullChat as Api.ChannelFull).call!;
      expect(await errorOf(client.invoke(new Api.phone.InviteToGroupCall({ call: guildCall, users: [dennis] })))).toBe('GROUPCALL_FORBIDDEN');

      const stats = JSON.parse(await command('stats', /^\{"total":/)) as RequestStats;
      expect(stats.byMethod['phone.inviteToGroupCall']).toBe(5);
      expect(stats.byAccount[`user:${IDS.ada}`]!['phone.inviteToGroupCall']).toBe(5);
      expect(stats.errors['phone.inviteToGroupCall']).toEqual({ '400 CALL_NEVER_SEEN': 3, '403 GROUPCALL_FORBIDDEN': 1 });
      expect(stats.errors['phone.getGroupCall']).toEqual({ '500 ALSO_NEW': 1 });
      await command('stats reset', /^stats reset$/);
      expect((JSON.parse(await command('stats', /^\{"total":/)) as RequestStats).total).toBe(0);
    } finally {
      await client.destroy();
    }
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
