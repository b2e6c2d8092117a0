// Several data centres, through the real GramJS client over TCP: each DC on its own port with
// its own auth keys and one shared world, the 303 migrations, exporting an authorization to
// another DC, QR sign-in of an account homed elsewhere, and a saved session that comes back to
// its home DC after a restart.
import { Api, type TelegramClient } from 'telegram';
import { errors } from 'telegram';
import type { StringSession } from 'telegram/sessions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient } from './gramjs';
import { failure, inputCall, inputUser, newClient, openSandbox, signedIn, type TestSandbox } from './sandboxFixture';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await openSandbox();
});
afterAll(() => sandbox.dispose());

const account = (name: string) => sandbox.info.accounts.find((a) => a.name.startsWith(name))!;

/** One request straight through the client's sender: the raw answer, without GramJS's migration handling. */
async function raw(client: TelegramClient, request: Api.AnyRequest): Promise<unknown> {
  return client._sender!.send(request)!.then(
    (value: unknown) => value,
    (error: unknown) => error,
  );
}

/** A signed-out client connected to one DC. */
async function clientOn(dcId: number): Promise<TelegramClient> {
  const dc = sandbox.info.dcs.find((d) => d.id === dcId)!;
  const client = await connectClient({ ...sandbox.info, host: dc.host, port: dc.port, dcId });
  client.floodSleepThreshold = 0;
  sandbox.clients.push(client);
  return client;
}

async function signInByCode(client: TelegramClient, who: ReturnType<typeof account>): Promise<Api.User> {
  await client.start({
    phoneNumber: who.phone,
    phoneCode: async () => who.code,
    password: async () => who.password ?? '',
    onError: (error) => {
      throw error;
    },
  });
  return (await client.getMe()) as Api.User;
}

describe('item 1: several data centres', () => {
  it('item 1: three DCs by default, each on its own loopback port, listed by help.getConfig on every DC; accounts have a home DC', async () => {
    const { dcs, dcId, port, host } = sandbox.info;
    expect(dcs.map((d) => d.id)).toEqual([1, 2, 3]);
    expect(new Set(dcs.map((d) => d.port)).size).toBe(3);
    expect(dcs.every((d) => d.host === '127.0.0.1')).toBe(true);
    // host/port/dcId: the DC a client dials first.
    expect(dcs.find((d) => d.id === dcId)).toEqual({ id: dcId, host, port });
    expect(sandbox.info.accounts.map((a) => [a.name, a.homeDc])).toEqual([
      ['Ada Quill', 2],
      ['Grace Vance', 1],
      ['Linus Brook', 3],
    ]);
    for (const dc of dcs) {
      const client = await clientOn(dc.id);
      const config = (await client.invoke(new Api.help.GetConfig())) as Api.Config;
      expect(config.thisDc).toBe(dc.id);
      expect(config.dcOptions.map((o) => [o.id, o.ipAddress, o.port])).toEqual(dcs.map((d) => [d.id, d.host, d.port]));
    }
  });

  it('item 1: auth.sendCode on the wrong DC is PHONE_MIGRATE_X; NETWORK_MIGRATE_X for an unknown number when the network belongs to another DC', async () => {
    const client = await clientOn(2);
    const send = (phone: string) => raw(client, new Api.auth.SendCode({ phoneNumber: phone, apiId: 1, apiHash: 'x', settings: new Api.CodeSettings({}) }));
    const grace = await send(account('Grace').phone);
    expect(grace).toBeInstanceOf(errors.PhoneMigrateError);
    expect((grace as errors.PhoneMigrateError).newDc).toBe(1);
    const linus = await send(account('Linus').phone);
    expect((linus as errors.PhoneMigrateError).newDc).toBe(3);
    expect(await send(account('Ada').phone)).toBeInstanceOf(Api.auth.SentCode);

    expect(await send('9996629999')).toBeInstanceOf(Api.auth.SentCode);
    sandbox.world.setNetworkDc(3);
    try {
      const unknown = await send('9996629999');
      expect(unknown).toBeInstanceOf(errors.NetworkMigrateError);
      expect((unknown as errors.NetworkMigrateError).newDc).toBe(3);
      // A registered number still goes to its home, whatever the network.
      expect(await send(account('Ada').phone)).toBeInstanceOf(Api.auth.SentCode);
    } finally {
      sandbox.world.setNetworkDc(null);
    }
  });

  it('item 1: a signed-in key on a DC other than its account\'s home gets USER_MIGRATE_X; exportAuthorization/importAuthorization carry the account to another DC', async () => {
    const ada = await signedIn(sandbox, 'ada');
    expect(ada.session.dcId).toBe(2);
    const exported = (await ada.invoke(new Api.auth.ExportAuthorization({ dcId: 3 }))) as Api.auth.ExportedAuthorization;
    const sameDc = await failure(ada.invoke(new Api.auth.ExportAuthorization({ dcId: 2 })));
    expect(sameDc.errorMessage).toBe('DC_ID_INVALID');

    const onDc3 = await clientOn(3);
    const wrongId = await failure(onDc3.invoke(new Api.auth.ImportAuthorization({ id: exported.id.add(1), bytes: exported.bytes })));
    expect(wrongId.errorMessage).toBe('AUTH_BYTES_INVALID');
    const imported = (await onDc3.invoke(new Api.auth.ImportAuthorization({ id: exported.id, bytes: exported.bytes }))) as Api.auth.Authorization;
    expect((imported.user as Api.User).firstName).toBe('Ada');
    const reused = await failure((await clientOn(3)).invoke(new Api.auth.ImportAuthorization({ id: exported.id, bytes: exported.bytes })));
    expect(reused.errorMessage).toBe('AUTH_BYTES_INVALID');

    // Ada lives on DC 2: her key on DC 3 may use help.*, auth.*, upload.* only.
    const elsewhere = await raw(onDc3, new Api.updates.GetState());
    expect(elsewhere).toBeInstanceOf(errors.UserMigrateError);
    expect((elsewhere as errors.UserMigrateError).newDc).toBe(2);
    expect(await raw(onDc3, new Api.help.GetNearestDc())).toBeInstanceOf(Api.NearestDc);
  });

  it('item 1: moving an account\'s home DC answers its keys on the old DC with USER_MIGRATE_X; nothing is done there', async () => {
    const linus = await clientOn(3);
    await signInByCode(linus, account('Linus'));
    const linusId = BigInt(account('Linus').userId);
    const call = sandbox.world.callOf(sandbox.world.ids.hackersGuild) ?? sandbox.world.callOf(sandbox.world.ids.rustMeetup)!;
    sandbox.world.moveHomeDc(linusId, 1);
    try {
      const moved = await raw(linus, new Api.phone.InviteToGroupCall({ call: inputCall(call), users: [inputUser(sandbox, sandbox.world.ids.zoe)] }));
      expect(moved).toBeInstanceOf(errors.UserMigrateError);
      expect((moved as errors.UserMigrateError).newDc).toBe(1);
      expect(sandbox.world.deliveries(call.id, sandbox.world.ids.zoe)).toBe(0);
      // Exporting still works from the old DC, so a client can carry its sign-in over.
      const exported = (await raw(linus, new Api.auth.ExportAuthorization({ dcId: 1 }))) as Api.auth.ExportedAuthorization;
      expect(exported).toBeInstanceOf(Api.auth.ExportedAuthorization);
    } finally {
      sandbox.world.moveHomeDc(linusId, 3);
    }
  });
});

describe('item 7 (sandbox side): sign-in of accounts homed on another DC through real GramJS', () => {
  it('item 7: by code: GramJS follows PHONE_MIGRATE to the home DC (Linus, DC 3)', async () => {
    const client = await newClient(sandbox);
    const me = await signInByCode(client, account('Linus'));
    expect(me.firstName).toBe('Linus');
    expect(client.session.dcId).toBe(3);
  });

  it('item 7: by code and 2FA (Grace, DC 1)', async () => {
    const client = await newClient(sandbox);
    const me = await signInByCode(client, account('Grace'));
    expect(me.firstName).toBe('Grace');
    expect(client.session.dcId).toBe(1);
  });

  it('item 7: by QR: the DC the token was shown on answers auth.loginTokenMigrateTo, the home DC imports it (Linus; Grace with 2FA)', async () => {
    for (const [who, dc] of [['Linus', 3], ['Grace', 1]] as const) {
      const client = await newClient(sandbox);
      const user = await client.signInUserWithQrCode(
        { apiId: 1, apiHash: 'sandbox' },
        {
          qrCode: async ({ token }) => {
            setTimeout(() => sandbox.world.acceptLoginToken(token, BigInt(account(who).userId)), 50);
          },
          password: async () => account(who).password ?? '',
          onError: (e) => {
            throw e;
          },
        },
      );
      expect((user as Api.User).firstName).toBe(who);
      expect(client.session.dcId).toBe(dc);
      expect(((await client.getMe()) as Api.User).firstName).toBe(who);
    }
  });

  it('item 7: a saved session reconnects to its home DC after the sandbox restarts', async () => {
    const first = await openSandbox();
    const client = await newClient(first);
    await client.start({ phoneNumber: first.info.accounts[2]!.phone, phoneCode: async () => first.info.accounts[2]!.code, onError: (e) => { throw e; } });
    const saved = (client.session as StringSession).save();
    const dataDir = first.dataDir;
    await Promise.all(first.clients.map((c) => c.destroy()));
    first.clients.length = 0;
    await first.close();

    const second = await openSandbox({ dataDir });
    try {
      // New ports: the connection dials the DC the session names, at the address sandbox.json gives.
      const resumed = await newClient(second, { session: saved });
      expect(resumed.session.dcId).toBe(3);
      expect(((await resumed.getMe()) as Api.User).firstName).toBe('Linus');
      expect(second.server.stats().authKeys).toBeGreaterThan(0);
      expect(second.servers.get(3)!.stats().connections).toBeGreaterThan(0);
    } finally {
      await second.dispose();
      await first.dispose();
    }
  });
});
