// Item 10: whether the account may post in a chat, from the rights Telegram describes the chat
// with. Typed GramJS objects: the current sandbox seeds no chat whose members can't send messages.
import bigInt from 'big-integer';
import { Api } from 'telegram';
import { describe, expect, it } from 'vitest';
import { buildCallSummary, canSendMessages } from './buildCalls';

const rights = (sendMessages: boolean) => new Api.ChatBannedRights({ untilDate: 0, sendMessages });
const supergroup = (extra: Partial<Api.Channel> = {}) =>
  new Api.Channel({ id: bigInt(7), title: 'Group', photo: new Api.ChatPhotoEmpty(), date: 0, megagroup: true, ...extra });

describe('item 10: can the account send messages in the chat', () => {
  it.each([
    ['a member of an open supergroup', supergroup(), true],
    ['a member where the chat forbids sending by default', supergroup({ defaultBannedRights: rights(true) }), false],
    ['a member restricted from sending', supergroup({ bannedRights: rights(true) }), false],
    ['an admin where the chat forbids sending by default', supergroup({ defaultBannedRights: rights(true), adminRights: new Api.ChatAdminRights({ inviteUsers: true }) }), true],
    ['the creator', supergroup({ creator: true, defaultBannedRights: rights(true) }), true],
    ['a subscriber of a broadcast channel', supergroup({ megagroup: false, broadcast: true }), false],
    ['an admin who posts in a broadcast channel', supergroup({ megagroup: false, broadcast: true, adminRights: new Api.ChatAdminRights({ postMessages: true }) }), true],
    ['a member of a basic group that forbids sending', new Api.Chat({ id: bigInt(8), title: 'Basic', photo: new Api.ChatPhotoEmpty(), participantsCount: 3, date: 0, version: 1, defaultBannedRights: rights(true) }), false],
  ])('item 10: %s → %s', (_what, chat, expected) => expect(canSendMessages(chat)).toBe(expected));

  it('item 10: the call summary warns, and a broadcast channel says broadcast, not can’t send', () => {
    const call = new Api.GroupCall({ id: bigInt(1), accessHash: bigInt(2), participantsCount: 0, version: 1, unmutedVideoLimit: 0 });
    const restricted = buildCallSummary({ chat: supergroup({ defaultBannedRights: rights(true) }), call, joinAs: { kind: 'notJoined', title: null } });
    expect(restricted.warnings).toEqual(expect.arrayContaining(['cannotSendMessages', 'notJoined']));
    const channel = buildCallSummary({ chat: supergroup({ megagroup: false, broadcast: true, creator: true }), call, joinAs: { kind: 'self', title: null } });
    expect(channel.warnings).toEqual(['broadcastChannel']);
  });
});
