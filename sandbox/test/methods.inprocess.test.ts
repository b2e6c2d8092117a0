// The world's methods called in-process (no network), through GramJS's serializer and reader.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api } from 'telegram';
import { computeCheck } from 'telegram/Password';
import { describe, expect, it } from 'vitest';
import { defaultControls } from '../src/controls';
import { createRpcService } from '../src/methods';
import { LOGIN_CODE, userAccessHash, channelAccessHash } from '../src/world/ids';
import { DEMO, IDS } from '../src/world/seed';
import { World } from '../src/world/world';
import { FakeServer, type InProcessClient } from './inProcessClient';
import bigInt from 'big-integer';

function setup() {
  const world = World.open({ dataDir: mkdtempSync(join(tmpdir(), 'rollcall-world-')) });
  const controls = defaultControls();
  const rpc = createRpcService({ world, controls, endpoint: { host: '127.0.0.1', port: 4444 } });
  const server = new FakeServer(rpc);
  return { world, controls, rpc, server };
}

async function signIn(client: InProcessClient, phone: string) {
  const sent = (await client.invoke(
    new Api.auth.SendCode({ phoneNumber: phone, apiId: 1, apiHash: 'x', settings: new Api.CodeSettings({}) }),
  )) as Api.auth.SentCode;
  return client.invoke(new Api.auth.SignIn({ phoneNumber: phone, phoneCodeHash: sent.phoneCodeHash, phoneCode: LOGIN_CODE }));
}

const L = (v: bigint) => bigInt(v.toString());
const inputUser = (world: World, id: bigint) => new Api.InputUser({ userId: L(id), accessHash: L(userAccessHash(world.secret, id)) });

describe('methods in-process', () => {
  it('signs in by code and invites a contact', async () => {
    const { world, server } = setup();
    const ada = server.client();
    const auth = (await signIn(ada, DEMO.organiser.phone)) as Api.auth.Authorization;
    expect((auth.user as Api.User).firstName).toBe('Ada');
    const dialogs = (await ada.invoke(new Api.messages.GetDialogs({ offsetPeer: new Api.InputPeerEmpty(), limit: 100 }))) as Api.messages.Dialogs;
    expect(dialogs.dialogs.length).toBeGreaterThan(5);
    const full = (await ada.invoke(
      new Api.channels.GetFullChannel({
        channel: new Api.InputChannel({ channelId: L(IDS.rustMeetup), accessHash: L(channelAccessHash(world.secret, IDS.rustMeetup)) }),
      }),
    )) as Api.messages.ChatFull;
    const call = (full.fullChat as Api.ChannelFull).call as Api.InputGroupCall;
    expect(call).toBeDefined();
    const result = (await ada.invoke(new Api.phone.InviteToGroupCall({ call, users: [inputUser(world, IDS.alan)] }))) as Api.Updates;
    const update = result.updates[0] as Api.UpdateNewChannelMessage;
    const action = (update.message as Api.MessageService).action as Api.MessageActionInviteToGroupCall;
    expect(action.users.map(String)).toEqual([String(IDS.alan)]);
    await expect(ada.invoke(new Api.phone.InviteToGroupCall({ call, users: [inputUser(world, IDS.alan)] }))).rejects.toMatchObject({
      errorMessage: 'USER_ALREADY_INVITED',
    });
    expect(world.deliveries(BigInt(call.id.toString()), IDS.alan)).toBe(1);
  });

  it('checks a 2FA password with real SRP', async () => {
    const { server } = setup();
    const grace = server.client();
    await expect(signIn(grace, DEMO.twoFactor.phone)).rejects.toMatchObject({ errorMessage: 'SESSION_PASSWORD_NEEDED' });
    const pw = (await grace.invoke(new Api.account.GetPassword())) as Api.account.Password;
    const wrong = await computeCheck(pw, 'nope');
    await expect(grace.invoke(new Api.auth.CheckPassword({ password: wrong }))).rejects.toMatchObject({ errorMessage: 'PASSWORD_HASH_INVALID' });
    const pw2 = (await grace.invoke(new Api.account.GetPassword())) as Api.account.Password;
    const right = await computeCheck(pw2, DEMO.twoFactor.password);
    const auth = (await grace.invoke(new Api.auth.CheckPassword({ password: right }))) as Api.auth.Authorization;
    expect((auth.user as Api.User).firstName).toBe('Grace');
  });
});
