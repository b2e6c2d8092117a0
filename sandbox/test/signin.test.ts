// Sign-in through the real GramJS client over TCP: by code, by 2FA password, by QR code, every
// auth error as GramJS raises it, sign-out, and a saved session reused after a restart.
import { Api } from 'telegram';
import { type RPCError } from 'telegram/errors';
import { type StringSession } from 'telegram/sessions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputCall, inputUser, openSandbox, newClient, signedIn, type TestSandbox, failure } from './sandboxFixture';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await openSandbox();
});
afterAll(() => sandbox.dispose());

const ada = () => sandbox.info.accounts[0]!;
const grace = () => sandbox.info.accounts[1]!;

/** The error GramJS raised for a request. */
async function sendCode(client: Awaited<ReturnType<typeof newClient>>, phone: string) {
  return client.sendCode({ apiId: 1, apiHash: 'sandbox' }, phone);
}

describe('sign-in by code', () => {
  it('signs in the demo account with GramJS client.start and reports it signed in', async () => {
    const client = await newClient(sandbox);
    expect(await client.checkAuthorization()).toBe(false);
    await client.start({ phoneNumber: ada().phone, phoneCode: async () => ada().code, onError: (e) => { throw e; } });
    const me = (await client.getMe()) as Api.User;
    expect(me.firstName).toBe('Ada');
    expect(me.self).toBe(true);
    expect(me.phone).toBe(ada().phone);
    expect(await client.checkAuthorization()).toBe(true);
  });

  it('answers every code error the way GramJS surfaces it', async () => {
    const client = await newClient(sandbox);
    const invalidPhone = await failure(sendCode(client, 'not a phone'));
    expect([invalidPhone.code, invalidPhone.errorMessage]).toEqual([400, 'PHONE_NUMBER_INVALID']);

    const { phoneCodeHash } = await sendCode(client, ada().phone);
    const signIn = (code: string, hash = phoneCodeHash, phone = ada().phone) =>
      client.invoke(new Api.auth.SignIn({ phoneNumber: phone, phoneCodeHash: hash, phoneCode: code }));
    const wrong = await failure(signIn('11111'));
    expect([wrong.code, wrong.errorMessage]).toEqual([400, 'PHONE_CODE_INVALID']);

    sandbox.world.expireLoginCodes();
    const expired = await failure(signIn(ada().code));
    expect([expired.code, expired.errorMessage]).toEqual([400, 'PHONE_CODE_EXPIRED']);

    const unused = '9996629999';
    const sent = await sendCode(client, unused);
    const unoccupied = await failure(signIn(ada().code, sent.phoneCodeHash, unused));
    expect([unoccupied.code, unoccupied.errorMessage]).toEqual([400, 'PHONE_NUMBER_UNOCCUPIED']);

    const graceCode = await sendCode(client, grace().phone);
    const needed = await failure(signIn(grace().code, graceCode.phoneCodeHash, grace().phone));
    expect([needed.code, needed.errorMessage]).toEqual([401, 'SESSION_PASSWORD_NEEDED']);
    // Until the password is checked, the key is not signed in.
    const blocked = await failure(client.invoke(new Api.contacts.GetContacts({})));
    expect([blocked.code, blocked.errorMessage]).toEqual([401, 'SESSION_PASSWORD_NEEDED']);
  });

  it('a used code cannot sign in twice', async () => {
    const client = await newClient(sandbox);
    const { phoneCodeHash } = await sendCode(client, ada().phone);
    await client.invoke(new Api.auth.SignIn({ phoneNumber: ada().phone, phoneCodeHash, phoneCode: ada().code }));
    const other = await newClient(sandbox);
    const reused = await failure(
      other.invoke(new Api.auth.SignIn({ phoneNumber: ada().phone, phoneCodeHash, phoneCode: ada().code })),
    );
    expect(reused.errorMessage).toBe('PHONE_CODE_EXPIRED');
  });
});

describe('two-step verification (SRP)', () => {
  it('signs in with the password through GramJS computeCheck, after a wrong one', async () => {
    const client = await newClient(sandbox);
    const errors: string[] = [];
    const passwords = ['not-the-password', grace().password!];
    let hint: string | undefined;
    await client.start({
      phoneNumber: grace().phone,
      phoneCode: async () => grace().code,
      password: async (h) => {
        hint = h;
        return passwords.shift()!;
      },
      onError: (e) => {
        errors.push(`${(e as RPCError).code} ${(e as RPCError).errorMessage}`);
      },
    });
    expect(errors).toEqual(['400 PASSWORD_HASH_INVALID']);
    expect(hint).toBe('sandbox-…');
    expect(((await client.getMe()) as Api.User).firstName).toBe('Grace');
  });

  it('describes the KDF with real parameters', async () => {
    const client = await newClient(sandbox);
    const { phoneCodeHash } = await sendCode(client, grace().phone);
    await failure(client.invoke(new Api.auth.SignIn({ phoneNumber: grace().phone, phoneCodeHash, phoneCode: grace().code })));
    const password = await client.invoke(new Api.account.GetPassword());
    expect(password.hasPassword).toBe(true);
    const algo = password.currentAlgo as Api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow;
    expect(algo.className).toBe('PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow');
    expect(algo.p.length).toBe(256);
    expect(algo.g).toBe(3);
    expect(password.srp_B!.length).toBe(256);
  });

  it('the account without 2FA has no password', async () => {
    const client = await signedIn(sandbox, 'ada');
    const password = await client.invoke(new Api.account.GetPassword());
    expect(password.hasPassword).toBeFalsy();
    expect(password.newAlgo.className).toBe('PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow');
  });
});

describe('QR code', () => {
  it('signs in with signInUserWithQrCode once the accept control scans the token', async () => {
    const client = await newClient(sandbox);
    const tokens: Buffer[] = [];
    const user = await client.signInUserWithQrCode(
      { apiId: 1, apiHash: 'sandbox' },
      {
        qrCode: async ({ token }) => {
          tokens.push(token);
          setTimeout(() => sandbox.world.acceptLoginToken(token), 50);
        },
        onError: (e) => {
          throw e;
        },
      },
    );
    expect(tokens).toHaveLength(1);
    expect((user as Api.User).firstName).toBe('Ada');
    expect(await client.checkAuthorization()).toBe(true);
  });

  it('falls through to the password for the 2FA account', async () => {
    const client = await newClient(sandbox);
    const user = await client.signInUserWithQrCode(
      { apiId: 1, apiHash: 'sandbox' },
      {
        qrCode: async ({ token }) => {
          setTimeout(() => sandbox.world.acceptLoginToken(token, sandbox.world.ids.grace), 50);
        },
        password: async () => grace().password!,
        onError: (e) => {
          throw e;
        },
      },
    );
    expect((user as Api.User).firstName).toBe('Grace');
  });

  it('a signed-in phone can accept the token with auth.acceptLoginToken', async () => {
    const phone = await signedIn(sandbox, 'ada');
    const desktop = await newClient(sandbox);
    const user = await desktop.signInUserWithQrCode(
      { apiId: 1, apiHash: 'sandbox' },
      {
        qrCode: async ({ token }) => {
          await phone.invoke(new Api.auth.AcceptLoginToken({ token }));
        },
        onError: (e) => {
          throw e;
        },
      },
    );
    expect((user as Api.User).firstName).toBe('Ada');
    const again = await failure(desktop.invoke(new Api.auth.AcceptLoginToken({ token: Buffer.alloc(32) })));
    expect(again.errorMessage).toBe('AUTH_TOKEN_INVALID');
  });
});

describe('signed out', () => {
  it('answers AUTH_KEY_UNREGISTERED before sign-in and after auth.logOut', async () => {
    const client = await newClient(sandbox);
    const before = await failure(client.invoke(new Api.updates.GetState()));
    expect([before.code, before.errorMessage]).toEqual([401, 'AUTH_KEY_UNREGISTERED']);
    const signedInClient = await signedIn(sandbox, 'ada');
    await signedInClient.invoke(new Api.auth.LogOut());
    const after = await failure(signedInClient.invoke(new Api.messages.GetDialogs({ offsetPeer: new Api.InputPeerEmpty(), limit: 10 })));
    expect([after.code, after.errorMessage]).toEqual([401, 'AUTH_KEY_UNREGISTERED']);
  });

  it('names an unknown method in its error', async () => {
    const client = await signedIn(sandbox, 'ada');
    const error = await failure(client.invoke(new Api.messages.SendReaction({ peer: 'me', msgId: 1 })));
    expect([error.code, error.errorMessage]).toEqual([400, 'INPUT_METHOD_INVALID_messages.sendReaction']);
  });
});

describe('restart', () => {
  it('a saved StringSession stays signed in after the sandbox restarts on the same folder; the world too', async () => {
    const first = await openSandbox();
    const client = await signedIn(first, 'ada');
    const saved = (client.session as StringSession).save();
    const live = first.world.callOf(first.world.ids.rustMeetup)!;
    const alan = inputUser(first, first.world.ids.alan);
    await client.invoke(new Api.phone.InviteToGroupCall({ call: inputCall(live), users: [alan] }));
    const dataDir = first.dataDir;
    const firstKey = first.info.fingerprint;
    await Promise.all(first.clients.map((c) => c.destroy()));
    first.clients.length = 0;
    await first.close();

    const second = await openSandbox({ dataDir });
    try {
      expect(second.info.fingerprint).toBe(firstKey);
      const resumed = await newClient(second, { session: saved });
      expect(await resumed.checkAuthorization()).toBe(true);
      expect(((await resumed.getMe()) as Api.User).firstName).toBe('Ada');
      // Same ids and access hashes, and the invitation is remembered.
      expect(second.world.callOf(second.world.ids.rustMeetup)).toEqual(live);
      const again = await failure(resumed.invoke(new Api.phone.InviteToGroupCall({ call: inputCall(live), users: [alan] })));
      expect(again.errorMessage).toBe('USER_ALREADY_INVITED');
      expect(second.world.deliveries(live.id, second.world.ids.alan)).toBe(1);
    } finally {
      await second.dispose();
      await first.dispose();
    }
  });
});
