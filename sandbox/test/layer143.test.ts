// A client of the layer-143 era (telegram@2.10.10, npm alias telegram-143) signs in and invites:
// the protocol layer converts requests and answers between schemas; the world answers
// layer-dependent results (messages.invitedUsers appeared in layer 177) in the client's terms.
import { Api as Api143 } from 'telegram-143';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDS } from '../src/index';
import { setOldSchemaLoader } from '../src/mtproto/layers';
import { big, newClient, openSandbox, type TestSandbox } from './sandboxFixture';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await openSandbox();
});
afterAll(() => sandbox.dispose());

describe('layer 143 client', () => {
  it('signs in by code and invites a contact to the live call', async () => {
    const client = await newClient(sandbox, { layer143: true });
    const account = sandbox.info.demo;
    await client.start({ phoneNumber: account.phone, phoneCode: async () => account.code, onError: (e) => { throw e; } });
    const me = (await client.getMe()) as unknown as Api143.User;
    expect(me.firstName).toBe('Ada');

    const live = sandbox.world.callOf(IDS.rustMeetup)!;
    const inviteUser = (id: bigint) => new Api143.InputUser({ userId: big(id), accessHash: big(sandbox.world.userAccessHash(id)) });
    const result = (await client.invoke(
      new Api143.phone.InviteToGroupCall({
        call: new Api143.InputGroupCall({ id: big(live.id), accessHash: big(live.accessHash) }),
        users: [inviteUser(IDS.sophie)],
      }) as never,
    )) as unknown as Api143.Updates;
    expect(result).toBeInstanceOf(Api143.Updates);
    const message = (result.updates[0] as Api143.UpdateNewChannelMessage).message as Api143.MessageService;
    const action = message.action as Api143.MessageActionInviteToGroupCall;
    expect(action.users.map(String)).toEqual([String(IDS.sophie)]);
    expect(sandbox.world.deliveries(live.id, IDS.sophie)).toBe(1);
  });

  it('gets bare Updates from channels.inviteToChannel, as its schema says', async () => {
    const client = await newClient(sandbox, { layer143: true });
    const account = sandbox.info.demo;
    await client.start({ phoneNumber: account.phone, phoneCode: async () => account.code, onError: (e) => { throw e; } });
    const result = await client.invoke(
      new Api143.channels.InviteToChannel({
        channel: new Api143.InputChannel({ channelId: big(IDS.boardGames), accessHash: big(sandbox.world.channelAccessHash(IDS.boardGames)) }),
        users: [new Api143.InputUser({ userId: big(IDS.sophie), accessHash: big(sandbox.world.userAccessHash(IDS.sophie)) })],
      }) as never,
    );
    expect(result).toBeInstanceOf(Api143.Updates);
    expect(sandbox.world.isMember(IDS.boardGames, IDS.sophie)).toBe(true);
  });
});

describe('without telegram-143 (the packaged app ships it only as a dev dependency)', () => {
  beforeAll(() => {
    setOldSchemaLoader(async () => {
      throw Object.assign(new Error("Cannot find package 'telegram-143'"), { code: 'ERR_MODULE_NOT_FOUND' });
    });
  });
  afterAll(() => setOldSchemaLoader(null));

  it('item 10: a layer-143 client gets CONNECTION_LAYER_INVALID; a current client still signs in and works', async () => {
    const refused = await newClient(sandbox, { layer143: true }).then(
      async (client) => {
        try {
          return await client.getMe().then(() => null, (e: unknown) => e);
        } finally {
          await client.destroy().catch(() => {});
        }
      },
      (e: unknown) => e,
    );
    expect((refused as { errorMessage?: string } | null)?.errorMessage).toBe('CONNECTION_LAYER_INVALID');

    const client = await newClient(sandbox);
    const account = sandbox.info.demo;
    await client.start({ phoneNumber: account.phone, phoneCode: async () => account.code, onError: (e) => { throw e; } });
    expect(((await client.getMe()) as { firstName?: string }).firstName).toBe('Ada');
  });
});
