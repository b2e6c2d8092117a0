// The protocol layer's TL writer: byte for byte GramJS's getBytes(), on real answers of the world's
// methods and on the values where it must hand over to GramJS (and fail the same way).
import bigInt from 'big-integer';
import { Api } from 'telegram';
import { Api as Api143 } from 'telegram-143';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultControls } from '../src/controls';
import { createRpcService } from '../src/methods';
import { convertTo, loadOldSchema, oldSchema } from '../src/mtproto/layers';
import { tlBytes } from '../src/mtproto/tlwrite';
import { userToApi } from '../src/methods/tl';
import { bulkUserId } from '../src/world/bulk';
import { channelAccessHash, userAccessHash } from '../src/world/ids';
import { IDS } from '../src/world/seed';
import { World } from '../src/world/world';
import { FakeServer } from './inProcessClient';

// The layer-143 schema loads on demand (a client declaring that layer): load it for the comparisons.
beforeAll(async () => {
  await loadOldSchema();
});

const L = (v: bigint) => bigInt(v.toString());

function same(object: { getBytes(): Buffer }): void {
  expect(tlBytes(object).toString('hex')).toBe(object.getBytes().toString('hex'));
}

describe('tlBytes', () => {
  it("writes what getBytes() writes for the world's answers", async () => {
    const world = World.open({ dataDir: null, size: { contacts: 300, members: 450, callParticipants: 30 } });
    const rpc = createRpcService({ world, controls: defaultControls(), endpoint: { host: '127.0.0.1', port: 1 } });
    const server = new FakeServer(rpc);
    const client = server.client();
    server.bindings.set(client.authKeyId, IDS.ada);
    const channel = new Api.InputChannel({ channelId: L(IDS.rustMeetup), accessHash: L(channelAccessHash(world.secret, IDS.rustMeetup)) });
    const call = world.call(world.chat(IDS.rustMeetup)!.callId!)!;
    const inputCall = new Api.InputGroupCall({ id: L(call.id), accessHash: L(call.accessHash) });
    const inputUser = (id: bigint) => new Api.InputUser({ userId: L(id), accessHash: L(userAccessHash(world.secret, id)) });
    const requests: Api.AnyRequest[] = [
      new Api.contacts.GetContacts({ hash: bigInt(0) }),
      new Api.messages.GetDialogs({ offsetPeer: new Api.InputPeerEmpty(), limit: 100 }),
      new Api.channels.GetFullChannel({ channel }),
      new Api.channels.GetParticipants({ channel, filter: new Api.ChannelParticipantsRecent(), offset: 0, limit: 200, hash: bigInt(0) }),
      new Api.channels.GetParticipants({ channel, filter: new Api.ChannelParticipantsAdmins(), offset: 0, limit: 200, hash: bigInt(0) }),
      new Api.contacts.Search({ q: 'a', limit: 50 }),
      new Api.users.GetFullUser({ id: inputUser(IDS.grace) }),
      new Api.phone.GetGroupCall({ call: inputCall, limit: 100 }),
      new Api.phone.GetGroupParticipants({ call: inputCall, ids: [], sources: [], offset: '', limit: 100 }),
      new Api.phone.InviteToGroupCall({ call: inputCall, users: [inputUser(IDS.alan)] }),
      new Api.updates.GetDifference({ pts: 1, date: 0, qts: 0 }),
    ];
    for (const request of requests) {
      const result = await rpc.handle(client.context(), request);
      same(result as { getBytes(): Buffer });
    }
    const users = (await rpc.handle(client.context(), new Api.users.GetUsers({ id: [inputUser(IDS.ada), inputUser(IDS.deleted), inputUser(IDS.helperBot)] }))) as Api.User[];
    users.forEach(same);
  });

  it('agrees on flags, Bool, bytes, int128/int256, doubles and long strings', () => {
    same(new Api.ChannelParticipantAdmin({ userId: L(7n), self: false, canEdit: true, promotedBy: L(-1n), date: 5, adminRights: new Api.ChatAdminRights({ manageCall: true }), rank: 'x' }));
    same(new Api.messages.Chats({ chats: [] }));
    same(new Api.PeerNotifySettings({ showPreviews: false, silent: true, muteUntil: 0 }));
    same(new Api.auth.SentCode({ type: new Api.auth.SentCodeTypeApp({ length: 5 }), phoneCodeHash: 'h'.repeat(300), timeout: 0 }));
    same(new Api.ResPQ({ nonce: L(-(2n ** 127n)), serverNonce: L(2n ** 127n - 1n), pq: Buffer.alloc(8, 7), serverPublicKeyFingerprints: [L(-5n)] }));
    same(new Api.ServerDHInnerData({ nonce: L(1n), serverNonce: L(2n), g: 3, dhPrime: Buffer.alloc(256, 1), gA: Buffer.alloc(253, 2), serverTime: 1 }));
    same(new Api.PQInnerDataDc({ pq: Buffer.alloc(0), p: Buffer.alloc(3), q: Buffer.alloc(4), nonce: L(3n), serverNonce: L(4n), newNonce: L(-(2n ** 255n)), dc: -2 }));
    same(new Api.DataJSON({ data: 'é✓'.repeat(100) }));
    same(new Api.StatsAbsValueAndPrev({ current: 1.5, previous: -0 }));
    same(new Api.User({ id: 5 as never, accessHash: 123456789123456789n as never, firstName: 'n' }));
  });

  it('hands unusual values to getBytes(), which writes or throws as before', () => {
    same(new Api.PeerUser({ userId: '42' as never }));
    same(new Api.UpdateShort({ update: new Api.UpdateConfig(), date: 1.7 }));
    same(new Api.User({ id: L(1n), accessHash: undefined, firstName: 'x' }));
    const overflow = new Api.UpdateShort({ update: new Api.UpdateConfig(), date: 2 ** 40 });
    expect(() => overflow.getBytes()).toThrow(RangeError);
    expect(() => tlBytes(overflow)).toThrow(RangeError);
    const missing = new Api.messages.Chats({ chats: undefined as never });
    expect(() => missing.getBytes()).toThrow();
    expect(() => tlBytes(missing)).toThrow();
    // Another GramJS's classes (layer 143) go through their own getBytes().
    same(new Api143.User({ id: L(9n), accessHash: L(-9n), firstName: 'Old' }) as unknown as { getBytes(): Buffer });
  });

  it("userToApi's Users are Api.Users that write and convert as GramJS's own would", () => {
    const world = World.open({ dataDir: null, size: { contacts: 50, members: 60, callParticipants: 5 } });
    const ids = [IDS.ada, IDS.grace, IDS.alan, IDS.helperBot, IDS.deleted, bulkUserId(0), bulkUserId(55)];
    for (const viewer of [IDS.ada, IDS.grace]) {
      for (const id of ids) {
        const light = userToApi(world, viewer, world.user(id)!) as Api.User & { originalArgs: Record<string, unknown> };
        const real = new Api.User(light.originalArgs as never);
        expect(light).toBeInstanceOf(Api.User);
        expect({ ...light }).toMatchObject(light.originalArgs);
        expect(tlBytes(light)).toEqual(real.getBytes());
        expect(light.getBytes()).toEqual(real.getBytes());
        expect((convertTo(oldSchema(), light) as Api.User).getBytes()).toEqual((convertTo(oldSchema(), real) as Api.User).getBytes());
      }
    }
  });
});
