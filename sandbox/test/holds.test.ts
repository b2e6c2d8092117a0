// controls.holds through the real GramJS client over TCP: an answer waits, after the world has
// carried the request out, until the test releases it (or fails it); other methods and requests
// past the rule's count pass; closing the sandbox drops what is held. And the CLI's commands.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api, type TelegramClient } from 'telegram';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Holds } from '../src/holds';
import { IDS, type SandboxInfo } from '../src/index';
import { connectClient } from './gramjs';
import { nextLine } from './cliProcess';
import { failure, inputCall, inputUser, invitedIn, openSandbox, signedIn, type TestSandbox } from './sandboxFixture';

const INVITE = 'phone.inviteToGroupCall';

let sandbox: TestSandbox;
let ada: TelegramClient;
beforeAll(async () => {
  sandbox = await openSandbox();
  ada = await signedIn(sandbox, 'ada');
});
afterAll(() => sandbox.dispose());
beforeEach(() => {
  sandbox.controls.holds.unhold();
  sandbox.controls.holds.release();
});

const rust = () => sandbox.world.callOf(IDS.rustMeetup)!;
const invite = (client: TelegramClient, users: bigint[]) =>
  client.invoke(new Api.phone.InviteToGroupCall({ call: inputCall(rust()), users: users.map((u) => inputUser(sandbox, u)) }));

/** A promise's answer, or 'pending' while it has none (a held answer can't have arrived). */
function track<T>(promise: Promise<T>): { state: () => 'pending' | 'answered' | 'failed'; promise: Promise<T> } {
  let state: 'pending' | 'answered' | 'failed' = 'pending';
  promise.then(
    () => (state = 'answered'),
    () => (state = 'failed'),
  );
  return { state: () => state, promise };
}

describe('item 7: holding answers', () => {
  it('item 7: a held invite is carried out at once and answered only when released, oldest first', async () => {
    const holds = sandbox.controls.holds;
    holds.hold(INVITE);
    const first = track(invite(ada, [IDS.alan]));
    const second = track(invite(ada, [IDS.barbara]));
    const held = await holds.until(INVITE, 2);
    expect(held.map((h) => h.method)).toEqual([INVITE, INVITE]);
    // The world did the work; only the answers wait.
    expect(sandbox.world.deliveries(rust().id, IDS.alan)).toBe(1);
    expect(sandbox.world.deliveries(rust().id, IDS.barbara)).toBe(1);
    // Other methods pass while invites are held.
    expect(await ada.invoke(new Api.help.GetNearestDc())).toBeInstanceOf(Api.NearestDc);
    expect([first.state(), second.state()]).toEqual(['pending', 'pending']);

    expect(holds.release(INVITE, 1)).toBe(1);
    expect(invitedIn(await first.promise)).toEqual([IDS.alan]);
    expect(second.state()).toBe('pending');
    expect(holds.held(INVITE)).toHaveLength(1);
    expect(holds.release(INVITE)).toBe(1);
    expect(invitedIn(await second.promise)).toEqual([IDS.barbara]);
    expect(holds.held()).toEqual([]);
  });

  it('item 7: failing a held request answers its error; what the world did stays done', async () => {
    const holds = sandbox.controls.holds;
    holds.hold(INVITE);
    const pending = invite(ada, [IDS.dennis]);
    const [held] = await holds.until(INVITE, 1);
    expect((held!.request as Api.phone.InviteToGroupCall).users).toHaveLength(1);
    held!.fail(500, 'INTERNAL_SERVER_ERROR');
    const error = await failure(pending);
    expect([error.code, error.errorMessage]).toEqual([500, 'INTERNAL_SERVER_ERROR']);
    expect(sandbox.world.deliveries(rust().id, IDS.dennis)).toBe(1);
  });

  it('item 7: skip lets the first requests through and count stops holding after that many', async () => {
    const holds = sandbox.controls.holds;
    holds.hold(INVITE, { skip: 1, count: 1 });
    expect(invitedIn(await invite(ada, [IDS.edsger]))).toEqual([IDS.edsger]);
    const held = track(invite(ada, [IDS.frances]));
    await holds.until(INVITE, 1);
    // Past the count: answered at once, while the one before is still held.
    expect(invitedIn(await invite(ada, [IDS.hedy]))).toEqual([IDS.hedy]);
    expect(held.state()).toBe('pending');
    holds.release();
    expect(invitedIn(await held.promise)).toEqual([IDS.frances]);
  });

  it('item 7: until() says how many are held when they never come', async () => {
    const holds = new Holds();
    await expect(holds.until(INVITE, 1, 50)).rejects.toThrow(`0 of 1 ${INVITE} answers held after 50 ms`);
  });

  it('item 7: closing the sandbox drops held answers and stops holding', async () => {
    const own = await openSandbox();
    try {
      const client = await signedIn(own, 'ada');
      own.controls.holds.hold(INVITE);
      const call = own.world.callOf(IDS.rustMeetup)!;
      void client.invoke(new Api.phone.InviteToGroupCall({ call: inputCall(call), users: [inputUser(own, IDS.ken)] })).catch(() => {});
      await own.controls.holds.until(INVITE, 1);
      await own.close();
      expect(own.controls.holds.held()).toEqual([]);
      expect(own.controls.holds.toJSON().rules).toEqual({});
    } finally {
      await own.dispose();
    }
  });
});

describe('item 7: the CLI holds and releases', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rollcall-cli-hold-'));
  let child: ChildProcessWithoutNullStreams | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('item 7: hold, wait-held, release-error and release from stdin', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', '--port', '0', '--data', dataDir], { cwd: join(__dirname, '..', '..') });
    await nextLine(child.stdout, /^sandbox listening on /);
    const info = JSON.parse(readFileSync(join(dataDir, 'sandbox.json'), 'utf8')) as SandboxInfo;
    const client = await connectClient({ ...info });
    try {
      await client.start({ phoneNumber: info.demo.phone, phoneCode: async () => info.demo.code, onError: (e) => { throw e; } });
      const full = await client.invoke(new Api.channels.GetFullChannel({ channel: 'rust_meetup_berlin' }));
      const call = (full.fullChat as Api.ChannelFull).call!;
      const user = async (name: string) => (await client.invoke(new Api.contacts.ResolveUsername({ username: name }))).users[0] as Api.User;
      const [alan, dennis] = [await user('alan_frost'), await user('dennis_rowe')];

      child.stdin.write(`hold ${INVITE}\n`);
      await nextLine(child.stdout, new RegExp(`^holding ${INVITE}$`));
      const waited = nextLine(child.stdout, new RegExp(`^held 2 ${INVITE}$`));
      child.stdin.write(`wait-held ${INVITE} 2\n`);
      const first = client.invoke(new Api.phone.InviteToGroupCall({ call, users: [alan] }));
      const second = client.invoke(new Api.phone.InviteToGroupCall({ call, users: [dennis] }));
      await waited;
      child.stdin.write(`release-error ${INVITE} 500:INTERNAL_SERVER_ERROR 1\n`);
      await nextLine(child.stdout, /^failed 1$/);
      expect((await failure(first)).errorMessage).toBe('INTERNAL_SERVER_ERROR');
      child.stdin.write('release all\n');
      await nextLine(child.stdout, /^released 1$/);
      expect(invitedIn(await second)).toEqual([IDS.dennis]);
    } finally {
      await client.destroy();
    }
  });
});
