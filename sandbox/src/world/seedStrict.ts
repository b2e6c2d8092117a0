// The part of the seeded world the strict profile and adding members need (sandbox/README.md,
// "The world"): people whose privacy or state refuses being added, a group the organiser left, a
// group where she may not send messages and members may not add people, and a private channel
// she can't see. Kept apart from seed.ts so the original seed reads as it did.
import { CHANNEL_BASE, NAMED_USER_BASE, testPhone } from './ids';
import type { CallParticipant, CallRecord, ChatKind, ChatRecord, PeerRef, UserRecord } from './types';

const user = (n: number): bigint => NAMED_USER_BASE + BigInt(n);
const channel = (n: number): bigint => CHANNEL_BASE + BigInt(n);

export const STRICT_IDS = {
  /** Chat-invite privacy "contacts and Premium": missing invitee, premium_would_allow_invite. */
  nadia: user(24),
  /** Same, and messages need Premium: missing invitee with both flags. */
  otto: user(25),
  /** Adds by nobody, messages need Premium: missing invitee, premium_required_for_pm only. */
  yara: user(26),
  /** Adds by contacts only (Ada isn't theirs): missing invitee without flags, or USER_PRIVACY_RESTRICTED. */
  pavel: user(27),
  /** Left Rust Meetup himself, not a mutual contact: USER_NOT_MUTUAL_CONTACT. */
  leon: user(28),
  /** Removed and banned from Rust Meetup: USER_KICKED. */
  rex: user(29),
  /** In too many channels: USER_CHANNELS_TOO_MUCH. */
  uma: user(32),
  /** Adding him fails: CHAT_MEMBER_ADD_FAILED. */
  kai: user(33),
  /** A member of Library Talks who may not send messages. */
  felix: user(34),
  /** Library Talks: Ada may not send messages, members may not add people; live call Ada joined. */
  libraryTalks: channel(6),
  /** Go Meetup Berlin @go_meetup_berlin: public, Ada left it; live call. */
  goMeetup: channel(7),
  /** Secret Lab: private supergroup Ada is not in (CHANNEL_PRIVATE, 406). */
  secretLab: channel(8),
} as const;

type Extra = Partial<UserRecord>;
const PEOPLE: [id: bigint, phone: number, first: string, last: string, username: string, extra: Extra][] = [
  [STRICT_IDS.nadia, 24, 'Nadia', 'Kern', 'nadia_kern', { invitePrivacy: 'contactsAndPremium' }],
  [STRICT_IDS.otto, 25, 'Otto', 'Brandt', 'otto_brandt', { invitePrivacy: 'contactsAndPremium', messagesNeedPremium: true }],
  [STRICT_IDS.yara, 26, 'Yara', 'Lind', 'yara_lind', { invitePrivacy: 'nobody', messagesNeedPremium: true }],
  [STRICT_IDS.pavel, 27, 'Pavel', 'Ostrov', 'pavel_ostrov', { invitePrivacy: 'contacts' }],
  [STRICT_IDS.leon, 28, 'Leon', 'Abbott', 'leon_abbott', {}],
  [STRICT_IDS.rex, 29, 'Rex', 'Banner', 'rex_banner', {}],
  [STRICT_IDS.uma, 32, 'Uma', 'Castillo', 'uma_castillo', { inTooManyChannels: true }],
  [STRICT_IDS.kai, 33, 'Kai', 'Moreau', 'kai_moreau', { addFails: true }],
  [STRICT_IDS.felix, 34, 'Felix', 'Grau', 'felix_grau', {}],
];

export interface SeedTools {
  users: Record<string, UserRecord>;
  chats: Record<string, ChatRecord>;
  ids: { ada: bigint; grace: bigint; linus: bigint; alan: bigint; dennis: bigint; victor: bigint; zoe: bigint; rustMeetup: bigint };
  createdAt: number;
  makeChat(id: bigint, kind: ChatKind, title: string, creatorId: bigint, memberIds: bigint[], extra?: Partial<ChatRecord>): ChatRecord;
  makeCall(n: number, chat: ChatRecord, title: string, participants: CallParticipant[], extra?: Partial<CallRecord>): CallRecord;
  part(userId: bigint, peer: PeerRef, minutesAgo: number, muted?: boolean): CallParticipant;
}

/** Adds the strict cases to a world being seeded; returns the calls it started (for their service messages). */
export function seedStrictCases(t: SeedTools): CallRecord[] {
  for (const [id, phone, firstName, lastName, username, extra] of PEOPLE) {
    t.users[String(id)] = {
      id, kind: 'person', firstName, lastName, username, phone: testPhone(phone), lastSeen: t.createdAt - 7200, ...extra,
    };
  }
  const { ids } = t;
  const self = (id: bigint): PeerRef => ({ type: 'user', id });
  const rust = t.chats[String(ids.rustMeetup)]!;
  rust.left = { [String(STRICT_IDS.leon)]: t.createdAt - 20 * 86_400 };
  rust.kicked = [String(STRICT_IDS.rex)];

  const library = t.makeChat(STRICT_IDS.libraryTalks, 'megagroup', 'Library Talks', ids.grace, [
    ids.ada, ids.linus, ids.victor, ids.zoe, STRICT_IDS.felix,
  ], {
    about: 'Readings on Wednesdays. Only admins post and add people.',
    mutedMembers: [String(ids.ada), String(STRICT_IDS.felix)],
    membersCannotAdd: true,
  });
  const go = t.makeChat(STRICT_IDS.goMeetup, 'megagroup', 'Go Meetup Berlin', ids.grace, [ids.linus, ids.alan, ids.dennis], {
    username: 'go_meetup_berlin', about: 'Gophers in Berlin.', left: { [String(ids.ada)]: t.createdAt - 86_400 },
  });
  t.makeChat(STRICT_IDS.secretLab, 'megagroup', 'Secret Lab', ids.grace, [ids.victor, ids.zoe], { about: 'Invite only.' });
  return [
    t.makeCall(7, library, 'Reading hour', [t.part(ids.grace, self(ids.grace), 30, false), t.part(ids.ada, self(ids.ada), 25)]),
    t.makeCall(8, go, 'Go night', [t.part(ids.grace, self(ids.grace), 20, false), t.part(ids.linus, self(ids.linus), 18)]),
  ];
}
