// Plain records of the sandbox's world. They hold what Telegram's server would know; the
// methods turn them into TL objects for whoever asks (src/methods/tl.ts). Ids are bigint in
// memory and persisted through store.ts.

export type PeerRef =
  | { type: 'user'; id: bigint }
  | { type: 'chat'; id: bigint }
  | { type: 'channel'; id: bigint };

export type UserKind = 'person' | 'bot' | 'deleted';

export interface PasswordRecord {
  hint: string;
  /** Hex. salt1 as the client sees it (the server-side part Telegram appends is already in it). */
  salt1: string;
  salt2: string;
  /** Hex of the SRP verifier v = g^x mod p; the password itself is never stored. */
  verifier: string;
}

export interface UserRecord {
  id: bigint;
  kind: UserKind;
  firstName: string;
  lastName?: string;
  username?: string;
  /** Digits only, as Telegram sends it (no '+'). */
  phone?: string;
  about?: string;
  /** Unix time last seen; null = hidden ("recently"). */
  lastSeen: number | null;
  password?: PasswordRecord;
  /**
   * Who may add this person to groups (Telegram's chat-invite privacy; everybody when absent):
   * their contacts, their contacts and Premium users, or nobody.
   */
  invitePrivacy?: 'contacts' | 'contactsAndPremium' | 'nobody';
  /** Non-contacts need Telegram Premium to message them (new_noncontact_peers_require_premium). */
  messagesNeedPremium?: true;
  /** In as many channels and supergroups as Telegram allows: USER_CHANNELS_TOO_MUCH when added to one. */
  inTooManyChannels?: true;
  /** Adding them fails with CHAT_MEMBER_ADD_FAILED (Telegram doesn't say when; the sandbox pins it to one person). */
  addFails?: true;
}

/** Names of ChatAdminRights flags, as in the schema's camelCase (e.g. 'manageCall'). */
export type AdminRight =
  | 'changeInfo'
  | 'postMessages'
  | 'editMessages'
  | 'deleteMessages'
  | 'banUsers'
  | 'inviteUsers'
  | 'pinMessages'
  | 'addAdmins'
  | 'anonymous'
  | 'manageCall'
  | 'other';

/** Every right: what a chat's creator has. */
export const ALL_ADMIN_RIGHTS: readonly AdminRight[] = [
  'changeInfo', 'postMessages', 'editMessages', 'deleteMessages', 'banUsers', 'inviteUsers',
  'pinMessages', 'addAdmins', 'manageCall', 'other',
];

export interface AdminEntry {
  rights: AdminRight[];
  promotedBy: bigint;
  date: number;
  rank?: string;
}

export interface MemberEntry {
  userId: bigint;
  inviterId: bigint;
  date: number;
}

export type ChatKind = 'basic' | 'megagroup' | 'broadcast';

export interface ChatRecord {
  id: bigint;
  kind: ChatKind;
  title: string;
  username?: string;
  about: string;
  date: number;
  creatorId: bigint;
  /** Admins other than the creator (the creator has every right). */
  admins: Record<string, AdminEntry>;
  /** Named members in join order (the creator included). */
  members: MemberEntry[];
  /** Whether the size-dependent range of generated users also belongs (see bulk.ts). */
  bulkMembers: boolean;
  /** The active group call, if any. */
  callId?: bigint;
  /** Channels only: message box pts and the next message id. */
  pts: number;
  nextMessageId: number;
  /** Basic groups: version of the participant list. */
  version: number;
  /** user id → when they left the chat themselves. */
  left?: Record<string, number>;
  /** Users an admin removed and banned: USER_KICKED when added again. */
  kicked?: string[];
  /** Members who may not send messages here (ChatBannedRights send_messages). */
  mutedMembers?: string[];
  /** Only admins with the invite right may add people (default banned rights: invite_users). */
  membersCannotAdd?: true;
}

export interface CallParticipant {
  /** The account behind the participant (for a channel join-as, the user who joined). */
  userId: bigint;
  /** Who the call shows: the user, or the channel they joined as. */
  peer: PeerRef;
  date: number;
  source: number;
  muted: boolean;
}

export interface CallRecord {
  id: bigint;
  accessHash: bigint;
  chatId: bigint;
  title: string;
  /** When it started (for a scheduled call: when it is due to start). */
  startDate: number;
  /** Set while the call is scheduled and has not started (Unix time it is due). */
  scheduleDate?: number;
  /** Scheduled calls: ids of people who asked to be told when it starts. */
  startSubscribers?: string[];
  /** Set when the call ended. */
  endDate?: number;
  joinMuted: boolean;
  participants: CallParticipant[];
  /** Also in the call: this many generated members of the chat (see bulk.ts), by size. */
  bulkParticipants: boolean;
  /** inviter id → ids they invited; USER_ALREADY_INVITED is per inviter, as the docs word it. */
  invited: Record<string, string[]>;
  /** invitee id → how many invitations reached them (any inviter). Tests prove "never twice". */
  deliveries: Record<string, number>;
  /** Participant list version: one more for every join or leave (updateGroupCallParticipants). */
  version: number;
  /** Seed of the speaker-link hash. */
  inviteHash: string;
}

export type ActionRecord =
  | { type: 'chatCreate'; title: string; users: bigint[] }
  | { type: 'channelCreate'; title: string }
  | { type: 'chatAddUser'; users: bigint[] }
  | { type: 'groupCall'; callId: bigint; duration?: number }
  | { type: 'groupCallScheduled'; callId: bigint; scheduleDate: number }
  | { type: 'inviteToGroupCall'; callId: bigint; users: bigint[] };

export interface MessageRecord {
  id: number;
  /** Where it was posted. For a private chat: the recipient user (the viewer sees the other party). */
  to: PeerRef;
  fromId: bigint;
  date: number;
  text?: string;
  action?: ActionRecord;
}

export interface WorldSize {
  /** Generated contacts of the first demo account. */
  contacts: number;
  /** Generated members of the big supergroup. */
  members: number;
  /** Generated members of the big supergroup who are in its live call. */
  callParticipants: number;
}

export interface WorldState {
  format: 1;
  /** Secret behind access hashes, login-code hashes and links; fixed by the seed so runs repeat. */
  secret: string;
  createdAt: number;
  size: WorldSize;
  users: Record<string, UserRecord>;
  chats: Record<string, ChatRecord>;
  calls: Record<string, CallRecord>;
  /** owner id → contact ids (named users); the first demo also has the generated ones. */
  contacts: Record<string, string[]>;
  /** Owner ids whose contact list includes the generated range. */
  bulkContactOwners: string[];
  /** Private chats and basic groups share one id sequence ("common message box"). */
  commonMessages: MessageRecord[];
  nextCommonMessageId: number;
  /** channel id → its messages (own id sequence and pts). */
  channelMessages: Record<string, MessageRecord[]>;
  /** user id → ids of common-box messages that reached them, in pts order (pts = base + index + 1). */
  ptsLog: Record<string, number[]>;
  /** Signed-in accounts, so pushes can reach members without asking every user. */
  signedIn: Record<string, string[]>;
  nextCallId: number;
  /**
   * user id → the data centre the account lives on, for accounts not on the first DC (worlds saved
   * before there were several DCs lack it: World.open fills in the seed's).
   */
  homeDcs?: Record<string, number>;
}
