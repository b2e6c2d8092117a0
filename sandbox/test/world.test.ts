// The world model on its own: determinism, persistence, and a benchmark-sized world that is
// fast to open and to query.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api } from 'telegram';
import { describe, expect, it } from 'vitest';
import { defaultControls } from '../src/controls';
import { createRpcService } from '../src/methods';
import { bulkUserId } from '../src/world/bulk';
import { userAccessHash, channelAccessHash, LOGIN_CODE, testPhone } from '../src/world/ids';
import { DEMO, IDS } from '../src/world/seed';
import { World } from '../src/world/world';
import { FakeServer } from './inProcessClient';
import bigInt from 'big-integer';

const dir = () => mkdtempSync(join(tmpdir(), 'rollcall-world-'));

describe('seeded world', () => {
  it('is the same in two fresh folders: ids, access hashes, calls', () => {
    const a = World.open({ dataDir: dir() });
    const b = World.open({ dataDir: dir() });
    expect(a.calls.map((c) => [c.id, c.accessHash])).toEqual(b.calls.map((c) => [c.id, c.accessHash]));
    expect(userAccessHash(a.secret, IDS.alan)).toBe(userAccessHash(b.secret, IDS.alan));
    expect(channelAccessHash(a.secret, IDS.rustMeetup)).toBe(channelAccessHash(b.secret, IDS.rustMeetup));
    expect(a.state.users[String(IDS.grace)]!.password).toEqual(b.state.users[String(IDS.grace)]!.password);
  });

  it('follows the test-number convention: 99966XYYYY with X = DC 2, code 22222', () => {
    expect(DEMO.organiser.phone).toBe('9996620001');
    expect(testPhone(42)).toMatch(/^999662\d{4}$/);
    expect(LOGIN_CODE).toBe('22222');
  });

  it('has every case the invite method needs', () => {
    const world = World.open({ dataDir: null });
    const callIn = (chatId: bigint) => world.calls.find((c) => c.chatId === chatId)!;
    expect(callIn(IDS.rustMeetup).endDate).toBeUndefined();
    expect(world.participantOf(callIn(IDS.rustMeetup), IDS.ada)?.peer).toEqual({ type: 'user', id: IDS.ada });
    expect(world.participantOf(callIn(IDS.nightOwls), IDS.ada)?.peer).toEqual({ type: 'channel', id: IDS.podcast });
    expect(callIn(IDS.boardGames).endDate).toBeDefined();
    expect(world.chat(IDS.bookClub)!.kind).toBe('basic');
    expect(world.user(IDS.helperBot)!.kind).toBe('bot');
    expect(world.user(IDS.deleted)!.kind).toBe('deleted');
    expect(world.isMember(IDS.rustMeetup, IDS.mira)).toBe(false);
    expect(world.isContact(IDS.ada, IDS.mira)).toBe(true);
  });
});

describe('persistence', () => {
  it('keeps invitations, members, messages and the size across a reopen; the file is replaced whole', () => {
    const folder = dir();
    const world = World.open({ dataDir: folder, size: { contacts: 5, members: 30, callParticipants: 3 } });
    const call = world.calls.find((c) => c.chatId === IDS.rustMeetup)!;
    world.recordInvite(call, IDS.ada, [IDS.alan]);
    world.addMember(world.chat(IDS.rustMeetup)!, IDS.mira, IDS.ada);
    const posted = world.post({ type: 'channel', id: IDS.rustMeetup }, IDS.ada, { text: 'hello' });
    world.flush();
    expect(() => JSON.parse(readFileSync(join(folder, 'world.json'), 'utf8'))).not.toThrow();

    const reopened = World.open({ dataDir: folder });
    const again = reopened.call(call.id)!;
    expect(reopened.deliveries(call.id, IDS.alan)).toBe(1);
    expect(reopened.hasInvited(again, IDS.ada, IDS.alan)).toBe(true);
    expect(reopened.isMember(IDS.rustMeetup, IDS.mira)).toBe(true);
    expect(reopened.channelMessages(IDS.rustMeetup).at(-1)!.id).toBe(posted.message.id);
    expect(reopened.size).toEqual({ contacts: 5, members: 30, callParticipants: 3 });
    expect(reopened.calls.map((c) => c.accessHash)).toEqual(world.calls.map((c) => c.accessHash));
  });
});

describe('benchmark size', () => {
  // Sizes only: how fast is for the benchmarks to report (timings are never asserted in tests).
  it('opens with 100,000 contacts and a group of 10,000', () => {
    const world = World.open({ dataDir: dir(), size: 'big' });
    expect(world.contactIds(IDS.ada).length).toBeGreaterThanOrEqual(100_000);
    expect(world.memberCount(world.chat(IDS.rustMeetup)!)).toBeGreaterThanOrEqual(10_000);
    expect(world.user(bulkUserId(99_999))!.phone).toMatch(/^42\d{9}$/);
    expect(world.userByUsername(world.user(bulkUserId(12_345))!.username!)!.id).toBe(bulkUserId(12_345));
  });

  it('answers contacts.getContacts and a deep members page', async () => {
    const world = World.open({ dataDir: null, size: 'big' });
    const rpc = createRpcService({ world, controls: defaultControls(), endpoint: { host: '127.0.0.1', port: 1 } });
    const server = new FakeServer(rpc);
    const client = server.client();
    server.bindings.set(client.authKeyId, IDS.ada);
    const contacts = (await rpc.handle(client.context(), new Api.contacts.GetContacts({ hash: bigInt(0) }))) as Api.contacts.Contacts;
    expect(contacts.users.length).toBeGreaterThanOrEqual(100_000);
    const page = (await client.invoke(
      new Api.channels.GetParticipants({
        channel: new Api.InputChannel({ channelId: bigInt(IDS.rustMeetup.toString()), accessHash: bigInt(channelAccessHash(world.secret, IDS.rustMeetup).toString()) }),
        filter: new Api.ChannelParticipantsRecent(),
        offset: 9_900,
        limit: 200,
        hash: bigInt(0),
      }),
    )) as Api.channels.ChannelParticipants;
    expect(page.count).toBe(world.memberCount(world.chat(IDS.rustMeetup)!));
    expect(page.participants.length).toBe(page.count - 9_900);
  });
});
