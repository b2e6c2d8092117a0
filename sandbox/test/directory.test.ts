// What the demo account can see and find through the real GramJS client over TCP: dialogs, the
// live call of a group through its full chat, members and call participants page by page,
// contacts, search, resolving, invite links, adding members, and the updates it missed.
import { Api } from 'telegram';
import type { TelegramClient } from 'telegram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDS } from '../src/index';
import { asBigint, big, inputCall, inputChannel, inputUser, invitedIn, openSandbox, signedIn, type TestSandbox, failure } from './sandboxFixture';

let sandbox: TestSandbox;
let ada: TelegramClient;
beforeAll(async () => {
  sandbox = await openSandbox();
  ada = await signedIn(sandbox, 'ada');
});
afterAll(() => sandbox.dispose());

describe('the demo scenario', () => {
  it('opens its dialogs, finds the live call through the full chat, and invites a contact', async () => {
    const dialogs = await ada.getDialogs({});
    const titles = dialogs.map((d) => d.title);
    expect(titles).toEqual(expect.arrayContaining(['Rust Meetup Berlin', 'Book Club', 'Night Owls', "Ada's Podcast", 'Linus Brook']));
    const rust = dialogs.find((d) => d.title === 'Rust Meetup Berlin')!;
    expect(rust.isChannel).toBe(true);
    const full = await ada.invoke(new Api.channels.GetFullChannel({ channel: rust.inputEntity as Api.InputPeerChannel }));
    const fullChat = full.fullChat as Api.ChannelFull;
    expect(fullChat.call).toBeInstanceOf(Api.InputGroupCall);
    expect(fullChat.participantsCount).toBe(sandbox.world.model.memberCount(sandbox.world.model.chat(IDS.rustMeetup)!));

    const groupCall = await ada.invoke(new Api.phone.GetGroupCall({ call: fullChat.call!, limit: 10 }));
    expect(groupCall.call).toBeInstanceOf(Api.GroupCall);
    expect((groupCall.call as Api.GroupCall).title).toBe('Monthly meetup');
    const self = groupCall.participants.find((p) => p.self);
    expect(self && asBigint((self.peer as Api.PeerUser).userId)).toBe(IDS.ada);

    const contacts = (await ada.invoke(new Api.contacts.GetContacts({}))) as Api.contacts.Contacts;
    const alan = contacts.users.find((u) => (u as Api.User).firstName === 'Alan') as Api.User;
    const result = await ada.invoke(new Api.phone.InviteToGroupCall({ call: fullChat.call!, users: [alan] }));
    expect(invitedIn(result)).toEqual([IDS.alan]);
  });

  it('a basic group exposes its call and the join-as peer through messages.getFullChat', async () => {
    const full = await ada.invoke(new Api.messages.GetFullChat({ chatId: big(IDS.bookClub) }));
    const chatFull = full.fullChat as Api.ChatFull;
    expect(chatFull.call).toBeInstanceOf(Api.InputGroupCall);
    expect(chatFull.participants).toBeInstanceOf(Api.ChatParticipants);
    const owls = await ada.invoke(new Api.channels.GetFullChannel({ channel: inputChannel(sandbox, IDS.nightOwls) }));
    const joinAs = (owls.fullChat as Api.ChannelFull).groupcallDefaultJoinAs as Api.PeerChannel;
    expect(asBigint(joinAs.channelId)).toBe(IDS.podcast);
  });
});

describe('dialogs', () => {
  it('pages with offset_date/offset_id/offset_peer the way GramJS walks them, without repeats', async () => {
    const all = (await ada.invoke(new Api.messages.GetDialogs({ offsetPeer: new Api.InputPeerEmpty(), limit: 100, hash: big(0n) }))) as Api.messages.Dialogs;
    expect(all).toBeInstanceOf(Api.messages.Dialogs);
    const seen: string[] = [];
    let request = new Api.messages.GetDialogs({ offsetPeer: new Api.InputPeerEmpty(), limit: 4, hash: big(0n) });
    for (;;) {
      const page = await ada.invoke(request);
      if (!(page instanceof Api.messages.DialogsSlice)) throw new Error(`expected a slice, got ${page.className}`);
      expect(page.count).toBe(all.dialogs.length);
      seen.push(...page.dialogs.map((d) => JSON.stringify(d.peer.toJSON())));
      if (page.dialogs.length < 4) break;
      const last = page.dialogs.at(-1)! as Api.Dialog;
      const top = page.messages.find((m) => m.id === last.topMessage && JSON.stringify(m.peerId?.toJSON()) === JSON.stringify(last.peer.toJSON()))!;
      const entity = await ada.getInputEntity(last.peer);
      request = new Api.messages.GetDialogs({ offsetPeer: entity, offsetId: top.id, offsetDate: (top as Api.Message).date, limit: 4, hash: big(0n) });
    }
    expect(seen).toHaveLength(all.dialogs.length);
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe('members and participants', () => {
  it('pages through a supergroup with offset and limit, and filters admins and search', async () => {
    const channel = inputChannel(sandbox, IDS.rustMeetup);
    const total = sandbox.world.model.memberCount(sandbox.world.model.chat(IDS.rustMeetup)!);
    const seen = new Set<string>();
    for (let offset = 0; offset < total; offset += 100) {
      const page = (await ada.invoke(
        new Api.channels.GetParticipants({ channel, filter: new Api.ChannelParticipantsRecent(), offset, limit: 100, hash: big(0n) }),
      )) as Api.channels.ChannelParticipants;
      expect(page.count).toBe(total);
      for (const p of page.participants) seen.add(String((p as Api.ChannelParticipant).userId));
    }
    expect(seen.size).toBe(total);

    const admins = (await ada.invoke(
      new Api.channels.GetParticipants({ channel, filter: new Api.ChannelParticipantsAdmins(), offset: 0, limit: 50, hash: big(0n) }),
    )) as Api.channels.ChannelParticipants;
    expect(admins.participants.map((p) => p.className).sort()).toEqual(['ChannelParticipantAdmin', 'ChannelParticipantAdmin', 'ChannelParticipantCreator']);

    const search = (await ada.invoke(
      new Api.channels.GetParticipants({ channel, filter: new Api.ChannelParticipantsSearch({ q: 'zoe' }), offset: 0, limit: 50, hash: big(0n) }),
    )) as Api.channels.ChannelParticipants;
    expect(search.users.map((u) => (u as Api.User).firstName)).toContain('Zoe');
  });

  it('GramJS getParticipants walks the whole group', async () => {
    const members = await ada.getParticipants('rust_meetup_berlin', {});
    expect(members.length).toBe(sandbox.world.model.memberCount(sandbox.world.model.chat(IDS.rustMeetup)!));
  });

  it('pages call participants by next_offset', async () => {
    const live = inputCall(sandbox.world.callOf(IDS.rustMeetup)!);
    const all: string[] = [];
    let offset = '';
    let count: number;
    do {
      const page = await ada.invoke(new Api.phone.GetGroupParticipants({ call: live, ids: [], sources: [], offset, limit: 10 }));
      count = page.count;
      all.push(...page.participants.map((p) => String((p.peer as Api.PeerUser).userId)));
      offset = page.nextOffset;
    } while (offset);
    expect(all.length).toBe(count);
    expect(new Set(all).size).toBe(count);
  });
});

describe('people', () => {
  it('searches contacts and public users, resolves usernames and phones', async () => {
    const found = await ada.invoke(new Api.contacts.Search({ q: 'zoe', limit: 10 }));
    expect(found.results.map((p) => String((p as Api.PeerUser).userId))).toContain(String(IDS.zoe));
    const mine = await ada.invoke(new Api.contacts.Search({ q: 'linus', limit: 10 }));
    expect(mine.myResults.map((p) => String((p as Api.PeerUser).userId))).toContain(String(IDS.linus));

    const resolved = await ada.invoke(new Api.contacts.ResolveUsername({ username: 'margaret_hale' }));
    expect(asBigint((resolved.peer as Api.PeerUser).userId)).toBe(IDS.margaret);
    const group = await ada.invoke(new Api.contacts.ResolveUsername({ username: 'rust_meetup_berlin' }));
    expect(asBigint((group.peer as Api.PeerChannel).channelId)).toBe(IDS.rustMeetup);
    const missing = await failure(ada.invoke(new Api.contacts.ResolveUsername({ username: 'nobody_here_at_all' })));
    expect(missing.errorMessage).toBe('USERNAME_NOT_OCCUPIED');

    const byPhone = await ada.invoke(new Api.contacts.ResolvePhone({ phone: '+999 662 0004' }));
    expect(asBigint((byPhone.peer as Api.PeerUser).userId)).toBe(IDS.margaret);
    const noPhone = await failure(ada.invoke(new Api.contacts.ResolvePhone({ phone: '9996629998' })));
    expect(noPhone.errorMessage).toBe('PHONE_NOT_OCCUPIED');
  });

  it('reads profiles', async () => {
    const [me, bot] = await ada.invoke(new Api.users.GetUsers({ id: [new Api.InputUserSelf(), inputUser(sandbox, IDS.helperBot)] }));
    expect((me as Api.User).self).toBe(true);
    expect((bot as Api.User).bot).toBe(true);
    const full = await ada.invoke(new Api.users.GetFullUser({ id: inputUser(sandbox, IDS.linus) }));
    expect(full.fullUser.commonChatsCount).toBeGreaterThan(0);
    const deleted = await ada.invoke(new Api.users.GetUsers({ id: [inputUser(sandbox, IDS.deleted)] }));
    expect((deleted[0] as Api.User).deleted).toBe(true);
  });
});

describe('links and adding members', () => {
  it('exports listener and speaker links for a public group, refuses a private one', async () => {
    const live = inputCall(sandbox.world.callOf(IDS.rustMeetup)!);
    const listener = await ada.invoke(new Api.phone.ExportGroupCallInvite({ call: live }));
    expect(listener.link).toBe('https://t.me/rust_meetup_berlin?videochat');
    const speaker = await ada.invoke(new Api.phone.ExportGroupCallInvite({ call: live, canSelfUnmute: true }));
    expect(speaker.link).toMatch(/^https:\/\/t\.me\/rust_meetup_berlin\?videochat=[0-9a-f]+$/);
    const stream = await ada.invoke(new Api.phone.ExportGroupCallInvite({ call: inputCall(sandbox.world.callOf(IDS.podcast)!) }));
    expect(stream.link).toBe('https://t.me/adas_podcast?livestream');
    const privateGroup = await failure(ada.invoke(new Api.phone.ExportGroupCallInvite({ call: inputCall(sandbox.world.callOf(IDS.bookClub)!) })));
    expect([privateGroup.code, privateGroup.errorMessage]).toEqual([403, 'PUBLIC_CHANNEL_MISSING']);
  });

  it('adds a non-member first, then invites them (as Telegram Desktop offers)', async () => {
    const live = inputCall(sandbox.world.callOf(IDS.rustMeetup)!);
    const before = await failure(ada.invoke(new Api.phone.InviteToGroupCall({ call: live, users: [inputUser(sandbox, IDS.mira)] })));
    expect(before.errorMessage).toBe('USER_NOT_PARTICIPANT');
    const added = await ada.invoke(new Api.channels.InviteToChannel({ channel: inputChannel(sandbox, IDS.rustMeetup), users: [inputUser(sandbox, IDS.mira)] }));
    expect(added).toBeInstanceOf(Api.messages.InvitedUsers);
    const after = await ada.invoke(new Api.phone.InviteToGroupCall({ call: live, users: [inputUser(sandbox, IDS.mira)] }));
    expect(invitedIn(after)).toEqual([IDS.mira]);

    const chatAdd = await ada.invoke(new Api.messages.AddChatUser({ chatId: big(IDS.bookClub), userId: inputUser(sandbox, IDS.omar), fwdLimit: 10 }));
    expect(chatAdd).toBeInstanceOf(Api.messages.InvitedUsers);
    const again = await failure(ada.invoke(new Api.messages.AddChatUser({ chatId: big(IDS.bookClub), userId: inputUser(sandbox, IDS.omar), fwdLimit: 10 })));
    expect(again.errorMessage).toBe('USER_ALREADY_PARTICIPANT');
  });
});

describe('updates state', () => {
  it('getDifference returns what another session posted since getState', async () => {
    const state = await ada.invoke(new Api.updates.GetState());
    const empty = await ada.invoke(new Api.updates.GetDifference({ pts: state.pts, date: state.date, qts: 0 }));
    expect(empty).toBeInstanceOf(Api.updates.DifferenceEmpty);
    const other = await signedIn(sandbox, 'ada');
    await other.invoke(new Api.phone.InviteToGroupCall({ call: inputCall(sandbox.world.callOf(IDS.bookClub)!), users: [inputUser(sandbox, IDS.paula)] }));
    const difference = await ada.invoke(new Api.updates.GetDifference({ pts: state.pts, date: state.date, qts: 0 }));
    expect(difference).toBeInstanceOf(Api.updates.Difference);
    const messages = (difference as Api.updates.Difference).newMessages as Api.MessageService[];
    expect(messages).toHaveLength(1);
    expect(((messages[0]!.action as Api.MessageActionInviteToGroupCall).users.map(asBigint))).toEqual([IDS.paula]);
    expect((difference as Api.updates.Difference).state.pts).toBe(state.pts + 1);
  });
});
