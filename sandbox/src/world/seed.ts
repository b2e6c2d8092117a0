// The seeded world: an organiser (Ada, no 2FA) and a second account (Grace, with 2FA), their
// contacts and groups, and one call for every case phone.inviteToGroupCall must handle:
//   Rust Meetup Berlin  supergroup, live call, Ada joined as herself (the happy path; it grows
//                       with the world size for benchmarks)
//   Book Club           basic group, live call (updateNewMessage instead of updateNewChannelMessage)
//   Night Owls          supergroup, live call Ada joined as her channel (INVITE_FORBIDDEN_WITH_JOINAS)
//   Board Games Night   supergroup whose call has ended (GROUPCALL_FORBIDDEN), and the next one
//                       scheduled in two days (scheduled calls, start subscriptions)
//   Ada's Podcast       broadcast channel with a live stream
//   Hackers' Guild      Grace's supergroup; Ada is a plain member, not in its call
// Everything here is a pure function of the secret, so two fresh sandboxes agree on every id.
import {
  BASIC_CHAT_BASE,
  CHANNEL_BASE,
  NAMED_USER_BASE,
  derive64,
  deriveHex,
  testPhone,
} from './ids';
import { seedStrictCases, STRICT_IDS } from './seedStrict';
import { makeVerifier } from './srp';
import type {
  ActionRecord,
  AdminRight,
  CallParticipant,
  CallRecord,
  ChatKind,
  ChatRecord,
  MessageRecord,
  PeerRef,
  UserRecord,
  WorldSize,
  WorldState,
} from './types';
import { ALL_ADMIN_RIGHTS } from './types';

export const DEFAULT_SECRET = 'rollcall-sandbox-world-v1';

/** The demo accounts' credentials; sandbox.json and the README repeat them. */
export const DEMO = {
  organiser: { phone: testPhone(1), password: null },
  twoFactor: { phone: testPhone(2), password: 'sandbox-2fa', hint: 'sandbox-…' },
  /** A demo account without 2FA that lives on a DC other than the first (Linus). */
  elsewhere: { phone: testPhone(3), password: null },
} as const;

/**
 * Where accounts live, as on Telegram most accounts live on a DC other than the one a client dials
 * first (DC 2 here): Grace (2FA) on DC 1, Linus on DC 3; everyone else on the first DC. A DC the
 * sandbox doesn't run (fewer than 3) means the first DC. Phone numbers keep their 999662YYYY and
 * code 22222, so the DC is not in the number (unlike Telegram's test DCs).
 */
export function defaultHomeDcs(): Record<string, number> {
  return { [String(userId(2))]: 1, [String(userId(3))]: 3 };
}

export const userId = (n: number): bigint => NAMED_USER_BASE + BigInt(n);
export const channelId = (n: number): bigint => CHANNEL_BASE + BigInt(n);
export const basicChatId = (n: number): bigint => BASIC_CHAT_BASE + BigInt(n);

/** Named ids tests and the README refer to. */
export const IDS = {
  ada: userId(1),
  grace: userId(2),
  linus: userId(3),
  margaret: userId(4),
  alan: userId(5),
  barbara: userId(6),
  dennis: userId(7),
  edsger: userId(8),
  frances: userId(9),
  hedy: userId(10),
  ken: userId(11),
  radia: userId(12),
  sophie: userId(13),
  tim: userId(14),
  jean: userId(15),
  niklaus: userId(16),
  ivan: userId(17),
  mira: userId(18),
  omar: userId(19),
  zoe: userId(20),
  victor: userId(21),
  paula: userId(22),
  quinn: userId(23),
  helperBot: userId(30),
  meetupBot: userId(31),
  deleted: userId(40),
  rustMeetup: channelId(1),
  nightOwls: channelId(2),
  boardGames: channelId(3),
  podcast: channelId(4),
  hackersGuild: channelId(5),
  bookClub: basicChatId(1),
  family: basicChatId(2),
  ...STRICT_IDS,
} as const;

type Person = [n: number, first: string, last: string, username: string | null, phone: number | null];

const PEOPLE: Person[] = [
  [1, 'Ada', 'Quill', 'ada_quill', 1],
  [2, 'Grace', 'Vance', 'grace_vance', 2],
  [3, 'Linus', 'Brook', 'linus_brook', 3],
  [4, 'Margaret', 'Hale', 'margaret_hale', 4],
  [5, 'Alan', 'Frost', 'alan_frost', 5],
  [6, 'Barbara', 'Lin', null, 6],
  [7, 'Dennis', 'Rowe', 'dennis_rowe', 7],
  [8, 'Edsger', 'Vale', null, 8],
  [9, 'Frances', 'Ashby', 'frances_ashby', 9],
  [10, 'Hedy', 'Marsh', 'hedy_marsh', 10],
  [11, 'Ken', 'Thornton', 'ken_thornton', 11],
  [12, 'Radia', 'Stone', 'radia_stone', 12],
  [13, 'Sophie', 'Wilde', 'sophie_wilde', 13],
  [14, 'Tim', 'Okafor', 'tim_okafor', 14],
  [15, 'Jean', 'Bartok', 'jean_bartok', 15],
  [16, 'Niklaus', 'Wirtz', 'niklaus_wirtz', 16],
  [17, 'Ivan', 'Sato', 'ivan_sato', 17],
  [18, 'Mira', 'Castell', 'mira_castell', 18],
  [19, 'Omar', 'Haddad', null, 19],
  [20, 'Zoe', 'Park', 'zoe_park', 20],
  [21, 'Victor', 'Nyambura', 'victor_nyambura', 21],
  [22, 'Paula', 'Reyes', 'paula_reyes', 22],
  [23, 'Quinn', 'Alder', 'quinn_alder', 23],
];


export function seedState(size: WorldSize, secret = DEFAULT_SECRET, now = Math.floor(Date.now() / 1000)): WorldState {
  const createdAt = now;
  const day = 86_400;
  const users: Record<string, UserRecord> = {};
  for (const [n, firstName, lastName, username, phone] of PEOPLE) {
    users[String(userId(n))] = {
      id: userId(n),
      kind: 'person',
      firstName,
      lastName,
      ...(username ? { username } : {}),
      ...(phone !== null ? { phone: testPhone(phone) } : {}),
      lastSeen: n % 4 === 0 ? null : createdAt - n * 1800,
    };
  }
  users[String(IDS.ada)]!.about = 'Organises meetups. Demo account of the Rollcall sandbox.';
  const grace = users[String(IDS.grace)]!;
  grace.about = 'Demo account with two-step verification.';
  // Telegram appends 32 random bytes of its own to the client's new_salt1; the result is fixed here.
  const salt1 = Buffer.from(deriveHex(secret, 'grace:salt1', 40), 'hex');
  const salt2 = Buffer.from(deriveHex(secret, 'grace:salt2', 16), 'hex');
  const verifier = makeVerifier(DEMO.twoFactor.password, salt1, salt2);
  grace.password = {
    hint: DEMO.twoFactor.hint,
    salt1: verifier.salt1.toString('hex'),
    salt2: verifier.salt2.toString('hex'),
    verifier: verifier.verifier.toString('hex'),
  };
  users[String(IDS.helperBot)] = {
    id: IDS.helperBot, kind: 'bot', firstName: 'Rollcall Helper', username: 'rollcall_helper_bot', lastSeen: null,
  };
  users[String(IDS.meetupBot)] = {
    id: IDS.meetupBot, kind: 'bot', firstName: 'Meetup Schedule', username: 'meetup_schedule_bot', lastSeen: null,
  };
  users[String(IDS.deleted)] = { id: IDS.deleted, kind: 'deleted', firstName: '', lastSeen: null };

  const chats: Record<string, ChatRecord> = {};
  const member = (id: bigint, inviterId: bigint, date: number) => ({ userId: id, inviterId, date });
  const makeChat = (
    id: bigint,
    kind: ChatKind,
    title: string,
    creatorId: bigint,
    memberIds: bigint[],
    extra: Partial<ChatRecord> = {},
  ): ChatRecord => {
    const date = createdAt - 200 * day + Number(id % 97n) * day;
    const chat: ChatRecord = {
      id, kind, title, about: '', date, creatorId, admins: {},
      members: [creatorId, ...memberIds.filter((m) => m !== creatorId)].map((m, i) =>
        member(m, creatorId, date + i * 3600),
      ),
      bulkMembers: false, pts: 1, nextMessageId: 1, version: 1, ...extra,
    };
    chats[String(id)] = chat;
    return chat;
  };
  const admin = (chat: ChatRecord, id: bigint, rights: AdminRight[], rank?: string) => {
    chat.admins[String(id)] = { rights, promotedBy: chat.creatorId, date: chat.date + 600, ...(rank ? { rank } : {}) };
  };

  const rust = makeChat(IDS.rustMeetup, 'megagroup', 'Rust Meetup Berlin', IDS.ada, [
    IDS.grace, IDS.linus, IDS.margaret, IDS.alan, IDS.barbara, IDS.dennis, IDS.edsger, IDS.frances,
    IDS.hedy, IDS.ken, IDS.radia, IDS.sophie, IDS.tim, IDS.jean, IDS.niklaus, IDS.ivan, IDS.zoe,
    IDS.quinn, IDS.helperBot, IDS.deleted,
  ], { username: 'rust_meetup_berlin', about: 'Monthly talks and hacking. Video chat every first Thursday.', bulkMembers: true });
  admin(rust, IDS.grace, ['changeInfo', 'deleteMessages', 'banUsers', 'inviteUsers', 'pinMessages', 'manageCall', 'other'], 'co-host');
  admin(rust, IDS.linus, ['inviteUsers', 'pinMessages', 'other']);

  const owls = makeChat(IDS.nightOwls, 'megagroup', 'Night Owls', IDS.grace, [
    IDS.ada, IDS.victor, IDS.hedy, IDS.ken, IDS.sophie, IDS.linus,
  ], { about: 'For people who code after midnight.' });
  admin(owls, IDS.ada, ['inviteUsers', 'manageCall', 'pinMessages', 'other']);

  makeChat(IDS.boardGames, 'megagroup', 'Board Games Night', IDS.ada, [IDS.barbara, IDS.dennis, IDS.tim, IDS.linus], {
    about: 'Fridays, 7 pm.',
  });

  makeChat(IDS.podcast, 'broadcast', "Ada's Podcast", IDS.ada, [IDS.linus, IDS.margaret, IDS.alan, IDS.omar, IDS.grace], {
    username: 'adas_podcast', about: 'Conversations with people who build things.',
  });

  const guild = makeChat(IDS.hackersGuild, 'megagroup', "Hackers' Guild", IDS.grace, [
    IDS.ada, IDS.linus, IDS.zoe, IDS.victor,
  ], { username: 'hackers_guild' });
  admin(guild, IDS.zoe, ['inviteUsers', 'manageCall', 'other']);

  const bookClub = makeChat(IDS.bookClub, 'basic', 'Book Club', IDS.ada, [
    IDS.margaret, IDS.hedy, IDS.jean, IDS.paula, IDS.deleted, IDS.meetupBot,
  ]);
  admin(bookClub, IDS.margaret, ALL_ADMIN_RIGHTS.filter((r) => r !== 'addAdmins'));
  makeChat(IDS.family, 'basic', 'Family', IDS.ada, [IDS.omar, IDS.mira]);

  const calls: Record<string, CallRecord> = {};
  let source = 1000;
  const part = (userIdOf: bigint, peer: PeerRef, minutesAgo: number, muted = true): CallParticipant => ({
    userId: userIdOf, peer, date: createdAt - minutesAgo * 60, source: (source += 7919), muted,
  });
  const self = (id: bigint): PeerRef => ({ type: 'user', id });
  const makeCall = (n: number, chat: ChatRecord, title: string, participants: CallParticipant[], extra: Partial<CallRecord> = {}) => {
    const call: CallRecord = {
      id: derive64(secret, `call:${n}`),
      accessHash: derive64(secret, `call-access:${n}`),
      chatId: chat.id, title, startDate: createdAt - 45 * 60, joinMuted: false, participants,
      bulkParticipants: false, invited: {}, deliveries: {}, version: 1,
      inviteHash: deriveHex(secret, `call-invite:${n}`, 10), ...extra,
    };
    calls[String(call.id)] = call;
    if (call.endDate === undefined) chat.callId = call.id;
    return call;
  };
  const rustCall = makeCall(1, rust, 'Monthly meetup', [
    part(IDS.ada, self(IDS.ada), 44, false), part(IDS.linus, self(IDS.linus), 40, false),
    part(IDS.margaret, self(IDS.margaret), 38), part(IDS.quinn, self(IDS.quinn), 12),
  ], { bulkParticipants: true });
  const owlsCall = makeCall(2, owls, 'Late-night hack', [
    part(IDS.grace, self(IDS.grace), 90, false),
    part(IDS.ada, { type: 'channel', id: IDS.podcast }, 60),
    part(IDS.victor, self(IDS.victor), 30),
  ], { startDate: createdAt - 95 * 60 });
  const boardCall = makeCall(3, chats[String(IDS.boardGames)]!, 'Friday games', [], {
    startDate: createdAt - 3 * day, endDate: createdAt - 3 * day + 5400,
  });
  // Ada's next games night, scheduled: it starts by itself in two days, or by `start-scheduled`.
  const nextGames = createdAt + 2 * day;
  const scheduledCall = makeCall(9, chats[String(IDS.boardGames)]!, 'Friday games', [], {
    startDate: nextGames, scheduleDate: nextGames, startSubscribers: [String(IDS.tim)],
  });
  const podcastCall = makeCall(4, chats[String(IDS.podcast)]!, 'Live recording', [part(IDS.ada, self(IDS.ada), 20, false)], {
    joinMuted: true, startDate: createdAt - 25 * 60,
  });
  const guildCall = makeCall(5, guild, 'Open hack session', [
    part(IDS.grace, self(IDS.grace), 50, false), part(IDS.zoe, self(IDS.zoe), 47),
  ]);
  const bookCall = makeCall(6, bookClub, 'Chapter 7', [
    part(IDS.ada, self(IDS.ada), 15, false), part(IDS.margaret, self(IDS.margaret), 14),
  ]);
  const strictCalls = seedStrictCases({ users, chats, ids: IDS, createdAt, makeChat, makeCall, part });

  const contacts: Record<string, string[]> = {
    [String(IDS.ada)]: [
      IDS.grace, IDS.linus, IDS.margaret, IDS.alan, IDS.barbara, IDS.dennis, IDS.edsger, IDS.frances,
      IDS.hedy, IDS.ken, IDS.radia, IDS.sophie, IDS.tim, IDS.jean, IDS.niklaus, IDS.ivan, IDS.mira, IDS.omar,
    ].map(String),
    [String(IDS.grace)]: [IDS.ada, IDS.linus, IDS.victor, IDS.zoe].map(String),
    [String(IDS.linus)]: [IDS.ada, IDS.grace].map(String),
    [String(IDS.margaret)]: [IDS.ada].map(String),
  };

  const state: WorldState = {
    format: 1, secret, createdAt, size, users, chats, calls, contacts,
    bulkContactOwners: [String(IDS.ada)],
    commonMessages: [], nextCommonMessageId: 1, channelMessages: {}, ptsLog: {}, signedIn: {},
    nextCallId: 100,
    homeDcs: defaultHomeDcs(),
  };

  // History, oldest first, so every dialog has a top message to sort by.
  const post = (to: PeerRef, fromId: bigint, date: number, content: { text?: string; action?: ActionRecord }) => {
    const record: Omit<MessageRecord, 'id'> = { to, fromId, date, ...content };
    if (to.type === 'channel') {
      const chat = chats[String(to.id)]!;
      const list = (state.channelMessages[String(to.id)] ??= []);
      list.push({ ...record, id: chat.nextMessageId++ });
      chat.pts += 1;
    } else {
      state.commonMessages.push({ ...record, id: state.nextCommonMessageId++ });
    }
  };
  const ch = (id: bigint): PeerRef => ({ type: 'channel', id });
  const minutes = (m: number) => createdAt - m * 60;
  for (const chat of Object.values(chats)) {
    const peer: PeerRef = chat.kind === 'basic' ? { type: 'chat', id: chat.id } : ch(chat.id);
    post(peer, chat.creatorId, chat.date, chat.kind === 'basic'
      ? { action: { type: 'chatCreate', title: chat.title, users: chat.members.map((m) => m.userId) } }
      : { action: { type: 'channelCreate', title: chat.title } });
  }
  post(ch(IDS.boardGames), IDS.ada, boardCall.startDate, { action: { type: 'groupCall', callId: boardCall.id } });
  post(ch(IDS.boardGames), IDS.ada, boardCall.endDate!, { action: { type: 'groupCall', callId: boardCall.id, duration: 5400 } });
  post(ch(IDS.boardGames), IDS.ada, minutes(2 * 24 * 60 + 5), { action: { type: 'groupCallScheduled', callId: scheduledCall.id, scheduleDate: nextGames } });
  post(ch(IDS.boardGames), IDS.tim, minutes(2 * 24 * 60), { text: 'Thanks for the games! Same time next week?' });
  post(ch(IDS.podcast), IDS.ada, minutes(300), { text: 'New episode tonight: we talk about building tools for organisers.' });
  post(ch(IDS.hackersGuild), IDS.grace, guildCall.startDate, { action: { type: 'groupCall', callId: guildCall.id } });
  post(ch(IDS.nightOwls), IDS.grace, owlsCall.startDate, { action: { type: 'groupCall', callId: owlsCall.id } });
  post(ch(IDS.nightOwls), IDS.victor, minutes(70), { text: 'Anyone up for pairing on the parser?' });
  post(ch(IDS.rustMeetup), IDS.grace, minutes(24 * 60), { text: 'Slides from last month are pinned. See you Thursday!' });
  post(ch(IDS.rustMeetup), IDS.ada, rustCall.startDate, { action: { type: 'groupCall', callId: rustCall.id } });
  post(ch(IDS.rustMeetup), IDS.linus, minutes(40), { text: 'Joining the video chat now.' });
  post(ch(IDS.podcast), IDS.ada, podcastCall.startDate, { action: { type: 'groupCall', callId: podcastCall.id } });
  post({ type: 'chat', id: IDS.bookClub }, IDS.ada, bookCall.startDate, { action: { type: 'groupCall', callId: bookCall.id } });
  for (const c of strictCalls) post(ch(c.chatId), IDS.grace, c.startDate, { action: { type: 'groupCall', callId: c.id } });
  post({ type: 'chat', id: IDS.family }, IDS.omar, minutes(180), { text: 'Dinner on Sunday?' });
  const dm = (from: bigint, to: bigint, m: number, text: string) => post({ type: 'user', id: to }, from, minutes(m), { text });
  dm(IDS.linus, IDS.ada, 500, 'Can you send me the meetup link?');
  dm(IDS.ada, IDS.linus, 495, 'It is in the group, the call starts at 7.');
  dm(IDS.margaret, IDS.ada, 400, 'I will bring the book.');
  dm(IDS.alan, IDS.ada, 350, 'Happy to give a talk next month.');
  dm(IDS.grace, IDS.ada, 60, 'Starting the hack session in the guild, join if you like.');
  dm(IDS.helperBot, IDS.ada, 30, 'Hi! I can remind people about your calls.');
  return state;
}
