// A second, modern client against the sandbox: mtcute (@mtcute/node 0.30, layer 227), configured
// as for any custom DC (defaultDcs, the sandbox key through addPublicKey), signs in by code and with
// 2FA after a PHONE_MIGRATE, lists dialogs, finds the live call and invites a contact. It acks with
// odd seq_nos (the sandbox must let that through, as Telegram does) and reads only layer-227
// constructors (the sandbox answers it in layer 227).
import { Long, MemoryStorage, TelegramClient, type tl } from '@mtcute/node';
import { NodeCryptoProvider, addPublicKey } from '@mtcute/node/utils.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDS } from '../src/index';
import { loadOrCreateServerKey } from '../src/mtproto/rsakey';
import { openSandbox, type TestSandbox } from './sandboxFixture';

let sandbox: TestSandbox;
const clients: TelegramClient[] = [];
let crypto: NodeCryptoProvider;

/**
 * mtcute 0.30.3 files a key under its fingerprint in 16 hex digits but looks a server's
 * fingerprint up without leading zeros (keys.js: hex.encode vs toString(16)), so a key whose
 * fingerprint starts with a zero digit is never found: 1 random key in 16, none of Telegram's.
 * The sandbox makes a fresh key per data folder; this folder holds one mtcute can find.
 */
function folderWithKeyMtcuteFinds(): string {
  for (;;) {
    const dir = mkdtempSync(join(tmpdir(), 'rollcall-sandbox-mtcute-'));
    const { fingerprint } = loadOrCreateServerKey(dir);
    if (BigInt.asUintN(64, BigInt(fingerprint)).toString(16).length === 16) return dir;
    rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  sandbox = await openSandbox({ dataDir: folderWithKeyMtcuteFinds() });
  crypto = new NodeCryptoProvider();
  await crypto.initialize?.();
  // Process-global in mtcute, as in GramJS: this test process never talks to the real Telegram.
  addPublicKey(crypto, sandbox.info.publicKeyPem);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.destroy().catch(() => undefined)));
  await sandbox.dispose();
  rmSync(sandbox.dataDir, { recursive: true, force: true });
});

function mtcuteClient(): TelegramClient {
  const first = sandbox.info.dcs.find((dc) => dc.id === sandbox.info.dcId)!;
  const dc = { id: first.id, ipAddress: first.host, port: first.port };
  const client = new TelegramClient({
    apiId: 1,
    apiHash: 'sandbox',
    storage: new MemoryStorage(),
    crypto,
    defaultDcs: { main: dc, media: dc },
    logLevel: 1, // errors only
  });
  clients.push(client);
  return client;
}

/** Rejects after `ms`: a loop like the one this test guards against must fail, not hang. */
function bounded<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)));
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

async function signIn(client: TelegramClient, index: number): Promise<{ name: string; askedForPassword: boolean }> {
  const account = sandbox.info.accounts[index]!;
  let askedForPassword = false;
  const me = await bounded(
    client.start({
      phone: account.phone,
      code: async () => account.code,
      codeSentCallback: () => undefined, // mtcute prints "code sent" otherwise
      password: async () => {
        askedForPassword = true;
        return account.password ?? '';
      },
    }),
    15_000,
    `signing in ${account.name}`,
  );
  return { name: me.displayName, askedForPassword };
}

describe('mtcute (layer 227)', () => {
  it('item 5: mtcute signs in by code, lists dialogs, finds the live call and invites a contact', async () => {
    const client = mtcuteClient();
    const { name, askedForPassword } = await signIn(client, 0);
    expect(name).toBe('Ada Quill');
    expect(askedForPassword).toBe(false);

    const dialogs = [];
    for await (const dialog of client.iterDialogs()) dialogs.push(dialog);
    const titles = dialogs.map((d) => d.peer.displayName);
    expect(titles).toContain('Rust Meetup Berlin');

    const rust = dialogs.find((d) => d.peer.displayName === 'Rust Meetup Berlin')!;
    expect(rust.peer.id).toBe(-1000000000000 - Number(IDS.rustMeetup));
    const channel = (await client.resolvePeer(rust.peer.id)) as tl.RawInputPeerChannel;
    const full = await bounded(
      client.call({ _: 'channels.getFullChannel', channel: { _: 'inputChannel', channelId: channel.channelId, accessHash: channel.accessHash } }),
      10_000,
      'channels.getFullChannel',
    );
    const call = (full.fullChat as tl.RawChannelFull).call;
    const live = sandbox.world.callOf(IDS.rustMeetup)!;
    expect(call?._).toBe('inputGroupCall');
    expect(BigInt((call as tl.RawInputGroupCall).id.toString())).toBe(live.id);

    const contacts = await bounded(client.getContacts(), 10_000, 'contacts.getContacts');
    const sophie = contacts.find((u) => u.id === Number(IDS.sophie))!;
    expect(sophie.displayName).toBe('Sophie Wilde');
    const before = sandbox.world.deliveries(live.id, IDS.sophie);
    const updates = await bounded(
      client.call({
        _: 'phone.inviteToGroupCall',
        call: call!,
        users: [{ _: 'inputUser', userId: sophie.id, accessHash: (sophie.raw as tl.RawUser).accessHash! }],
      }),
      10_000,
      'phone.inviteToGroupCall',
    );
    const invited = (updates as tl.RawUpdates).updates.flatMap((u) =>
      u._ === 'updateNewChannelMessage' && u.message._ === 'messageService' && u.message.action._ === 'messageActionInviteToGroupCall'
        ? u.message.action.users
        : [],
    );
    expect(invited).toEqual([sophie.id]);
    expect(sandbox.world.deliveries(live.id, IDS.sophie)).toBe(before + 1);
    expect(sandbox.stats().byAccount[`user:${IDS.ada}`]?.['phone.inviteToGroupCall']).toBe(1);
  });

  it('item 5: mtcute signs in with 2FA on the account home DC after PHONE_MIGRATE, and invites from there', async () => {
    const grace = sandbox.info.accounts[1]!;
    expect(grace.password).not.toBeNull();
    expect(grace.homeDc).not.toBe(sandbox.info.dcId);
    const client = mtcuteClient();
    const { name, askedForPassword } = await signIn(client, 1);
    expect(name).toBe('Grace Vance');
    expect(askedForPassword).toBe(true);
    expect(await client.getPrimaryDcId()).toBe(grace.homeDc);
    const stats = sandbox.stats();
    expect(stats.errors['auth.sendCode']?.[`303 PHONE_MIGRATE_${grace.homeDc}`]).toBe(1);
    expect(stats.byAccount[`user:${IDS.grace}`]?.['auth.checkPassword'] ?? stats.byMethod['auth.checkPassword']).toBeGreaterThan(0);

    const live = sandbox.world.callOf(IDS.rustMeetup)!;
    const contacts = await bounded(client.getContacts(), 10_000, 'contacts.getContacts');
    const zoe = contacts.find((u) => u.id === Number(IDS.zoe))!;
    const before = sandbox.world.deliveries(live.id, IDS.zoe);
    await bounded(
      client.call({
        _: 'phone.inviteToGroupCall',
        call: { _: 'inputGroupCall', id: Long.fromString(live.id.toString()), accessHash: Long.fromString(live.accessHash.toString()) },
        users: [{ _: 'inputUser', userId: zoe.id, accessHash: (zoe.raw as tl.RawUser).accessHash! }],
      }),
      10_000,
      'phone.inviteToGroupCall',
    );
    expect(sandbox.world.deliveries(live.id, IDS.zoe)).toBe(before + 1);
    // Served on Grace's home DC, as her account.
    expect(sandbox.stats().byAccount[`user:${IDS.grace}`]?.['phone.inviteToGroupCall']).toBe(1);
  });

  it('item 5: a method only layer 227 has is answered 400 INPUT_METHOD_INVALID_<name>, and the session goes on', async () => {
    const client = mtcuteClient();
    await signIn(client, 0);
    const error = await bounded(
      client.call({ _: 'account.getPasskeys' }).then(
        () => null,
        (e: unknown) => e as { code?: number; text?: string },
      ),
      10_000,
      'account.getPasskeys',
    );
    expect(error).toMatchObject({ code: 400, text: 'INPUT_METHOD_INVALID_account.getPasskeys' });
    const contacts = await bounded(client.getContacts(), 10_000, 'contacts.getContacts');
    expect(contacts.length).toBeGreaterThan(0);
  });
});
