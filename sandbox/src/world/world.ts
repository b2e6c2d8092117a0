// The world: who exists, who belongs where, which calls run, what was posted. Methods read it and
// change it only through this class, which keeps the indexes right and the state file current.
import { bulkIndex, bulkUser, bulkUserId, resolveSize, type SizeName } from './bulk';
import { derive64, deriveHex } from './ids';
import { DEFAULT_SECRET, defaultHomeDcs, seedState } from './seed';
import { loadState, saveState } from './store';
import type {
  ActionRecord,
  AdminEntry,
  AdminRight,
  CallParticipant,
  CallRecord,
  ChatRecord,
  MemberEntry,
  MessageRecord,
  PeerRef,
  UserRecord,
  WorldSize,
  WorldState,
} from './types';
import { ALL_ADMIN_RIGHTS } from './types';

export interface WorldOptions {
  /** Folder for world.json; null keeps the world in memory only (unit tests). */
  dataDir: string | null;
  /** Preset or explicit counts; omitted: what the data folder has, else small. */
  size?: SizeName | Partial<WorldSize>;
  secret?: string;
}

/** pts of a common message box before anything reached it (Telegram's boxes start above 0). */
export const PTS_BASE = 1;

export interface DialogEntry {
  peer: PeerRef;
  top: MessageRecord;
}

export interface Posted {
  message: MessageRecord;
  /** Channel messages: the channel's new pts. */
  channelPts?: number;
  /** Common-box messages: each recipient's new pts. */
  userPts: Map<string, number>;
}


export class World {
  private dirty = false;
  private readonly byPhone = new Map<string, bigint>();
  private readonly byUsername = new Map<string, bigint>();
  /** state.users by id (users are fixed by the seed, like the phone and username indexes). */
  private readonly namedUsers = new Map<bigint, UserRecord>();
  private readonly memberIndex = new Map<string, Map<string, MemberEntry>>();
  /** owner → named contacts, and the owners who also have the generated range (state.contacts and
   * state.bulkContactOwners are fixed by the seed: no method adds or removes contacts). */
  private readonly namedContacts = new Map<bigint, Set<bigint>>();
  private readonly bulkContactOwners: Set<bigint>;

  private constructor(
    readonly state: WorldState,
    private readonly dataDir: string | null,
  ) {
    for (const user of Object.values(state.users)) this.indexUser(user);
    for (const chat of Object.values(state.chats)) {
      this.memberIndex.set(String(chat.id), new Map(chat.members.map((m) => [String(m.userId), m])));
    }
    for (const [owner, ids] of Object.entries(state.contacts)) this.namedContacts.set(BigInt(owner), new Set(ids.map(BigInt)));
    this.bulkContactOwners = new Set(state.bulkContactOwners.map(BigInt));
  }

  /** Loads the world from its data folder, or seeds a new one there. */
  static open(options: WorldOptions): World {
    const stored = options.dataDir ? loadState(options.dataDir) : null;
    const state = stored ?? seedState(resolveSize(options.size), options.secret ?? DEFAULT_SECRET);
    const world = new World(state, options.dataDir);
    if (options.size !== undefined) world.setSize(options.size);
    if (!state.homeDcs) {
      state.homeDcs = defaultHomeDcs();
      world.markDirty();
    }
    if (!stored) world.markDirty();
    world.flush();
    return world;
  }

  now(): number {
    return Math.floor(Date.now() / 1000);
  }

  get secret(): string {
    return this.state.secret;
  }

  // ── size ──────────────────────────────────────────────────────────────────────────────────

  get size(): WorldSize {
    return this.state.size;
  }

  /** Grows or shrinks the generated part; named users, chats and history are untouched. */
  setSize(size: SizeName | Partial<WorldSize>): void {
    const next = resolveSize(typeof size === 'string' ? size : { ...this.state.size, ...size });
    if (JSON.stringify(next) === JSON.stringify(this.state.size)) return;
    this.state.size = next;
    this.markDirty();
  }

  /** How many generated users exist: enough for the contacts and the big group. */
  private get population(): number {
    return Math.max(this.state.size.contacts, this.state.size.members);
  }

  // ── users ─────────────────────────────────────────────────────────────────────────────────

  private indexUser(user: UserRecord): void {
    this.namedUsers.set(user.id, user);
    if (user.phone) this.byPhone.set(user.phone, user.id);
    if (user.username) this.byUsername.set(user.username.toLowerCase(), user.id);
  }

  user(id: bigint): UserRecord | undefined {
    const named = this.namedUsers.get(id);
    if (named) return named;
    const index = bulkIndex(id);
    return index !== null && index < this.population ? bulkUser(index, this.state.createdAt) : undefined;
  }

  /**
   * Tests only: gives a seeded user another phone number (digits, e.g. a real-format one a national
   * number resolves to). Saved with the world like any other change.
   */
  setUserPhone(id: bigint, phone: string): void {
    const user = this.namedUsers.get(id);
    if (!user) throw new Error(`no seeded user ${id}`);
    if (user.phone && this.byPhone.get(user.phone) === id) this.byPhone.delete(user.phone);
    user.phone = phone.replace(/\D/g, '');
    this.byPhone.set(user.phone, id);
    this.markDirty();
  }

  userByPhone(phone: string): UserRecord | undefined {
    const digits = phone.replace(/\D/g, '');
    const named = this.byPhone.get(digits);
    if (named !== undefined) return this.user(named);
    const match = /^42(\d{9})$/.exec(digits);
    return match ? this.user(bulkUserId(Number(match[1]))) : undefined;
  }

  userByUsername(username: string): UserRecord | undefined {
    const name = username.replace(/^@/, '').toLowerCase();
    const named = this.byUsername.get(name);
    if (named !== undefined) return this.user(named);
    const match = /_(\d+)$/.exec(name);
    const user = match ? this.user(bulkUserId(Number(match[1]))) : undefined;
    return user?.username === name ? user : undefined;
  }

  /** Named users, then generated ones; lazily, so a search can stop early. */
  *allUsers(): Generator<UserRecord> {
    yield* Object.values(this.state.users);
    for (let i = 0; i < this.population; i++) yield bulkUser(i, this.state.createdAt);
  }

  // ── contacts ──────────────────────────────────────────────────────────────────────────────

  contactIds(ownerId: bigint): bigint[] {
    const named = (this.state.contacts[String(ownerId)] ?? []).map(BigInt);
    if (!this.state.bulkContactOwners.includes(String(ownerId))) return named;
    const generated = Array.from({ length: this.state.size.contacts }, (_, i) => bulkUserId(i));
    return named.concat(generated);
  }

  isContact(ownerId: bigint, userId: bigint): boolean {
    const index = bulkIndex(userId);
    if (index !== null && index < this.state.size.contacts && this.bulkContactOwners.has(ownerId)) return true;
    return this.namedContacts.get(ownerId)?.has(userId) ?? false;
  }

  // ── chats and membership ──────────────────────────────────────────────────────────────────

  chat(id: bigint): ChatRecord | undefined {
    return this.state.chats[String(id)];
  }

  chatByUsername(username: string): ChatRecord | undefined {
    const name = username.replace(/^@/, '').toLowerCase();
    return Object.values(this.state.chats).find((c) => c.username?.toLowerCase() === name);
  }

  private bulkMemberCount(chat: ChatRecord): number {
    return chat.bulkMembers ? this.state.size.members : 0;
  }

  private isBulkMember(chat: ChatRecord, userId: bigint): boolean {
    const index = bulkIndex(userId);
    return index !== null && index < this.bulkMemberCount(chat);
  }

  isMember(chatId: bigint, userId: bigint): boolean {
    const chat = this.chat(chatId);
    if (!chat) return false;
    return this.memberIndex.get(String(chatId))!.has(String(userId)) || this.isBulkMember(chat, userId);
  }

  memberEntry(chat: ChatRecord, userId: bigint): MemberEntry | undefined {
    const named = this.memberIndex.get(String(chat.id))!.get(String(userId));
    if (named) return named;
    if (!this.isBulkMember(chat, userId)) return undefined;
    return { userId, inviterId: chat.creatorId, date: chat.date + 86_400 + bulkIndex(userId)! * 60 };
  }

  memberCount(chat: ChatRecord): number {
    const overlap = chat.members.filter((m) => this.isBulkMember(chat, m.userId)).length;
    return chat.members.length + this.bulkMemberCount(chat) - overlap;
  }

  /**
   * Members in join order: named first, then generated (those also named are listed once, as
   * named), starting at position `from` without walking the ones before it.
   */
  *members(chat: ChatRecord, from = 0): Generator<MemberEntry> {
    for (let i = Math.max(0, from); i < chat.members.length; i++) yield chat.members[i]!;
    const generated = this.bulkMemberCount(chat);
    if (generated === 0) return;
    const named = this.memberIndex.get(String(chat.id))!;
    // Generated indexes listed among the named members, ascending: skipped below.
    const skip: number[] = [];
    for (const key of named.keys()) {
      const index = bulkIndex(BigInt(key));
      if (index !== null && index < generated) skip.push(index);
    }
    skip.sort((a, b) => a - b);
    // The generated index at position `from - named` of the generated sequence.
    let i = Math.max(0, from - chat.members.length);
    let k = 0;
    while (k < skip.length && skip[k]! <= i) {
      i++;
      k++;
    }
    for (; i < generated; i++) {
      if (k < skip.length && skip[k] === i) {
        k++;
        continue;
      }
      yield this.memberEntry(chat, bulkUserId(i))!;
    }
  }

  /** The creator has every right; admins have theirs; everyone else none. */
  adminRights(chat: ChatRecord, userId: bigint): readonly AdminRight[] | null {
    if (chat.creatorId === userId) return ALL_ADMIN_RIGHTS;
    return chat.admins[String(userId)]?.rights ?? null;
  }

  adminEntry(chat: ChatRecord, userId: bigint): AdminEntry | undefined {
    return chat.admins[String(userId)];
  }

  chatsOf(userId: bigint): ChatRecord[] {
    return Object.values(this.state.chats).filter((c) => this.isMember(c.id, userId));
  }

  addMember(chat: ChatRecord, userId: bigint, inviterId: bigint): MemberEntry {
    const entry: MemberEntry = { userId, inviterId, date: this.now() };
    if (chat.left) delete chat.left[String(userId)];
    chat.members.push(entry);
    this.memberIndex.get(String(chat.id))!.set(String(userId), entry);
    chat.version += 1;
    this.markDirty();
    return entry;
  }

  /**
   * The user leaves the chat themselves (and its call, if in it). Generated members can't leave.
   * The app's organiser leaving a group is the strict case of USER_NOT_PARTICIPANT on every invite.
   */
  leaveChat(chatId: bigint, userId: bigint): void {
    const chat = this.chat(chatId);
    if (!chat) throw new Error(`no chat ${chatId}`);
    const index = chat.members.findIndex((m) => m.userId === userId);
    if (index < 0) throw new Error(`${userId} is not a named member of ${chatId}`);
    chat.members.splice(index, 1);
    this.memberIndex.get(String(chat.id))!.delete(String(userId));
    (chat.left ??= {})[String(userId)] = this.now();
    delete chat.admins[String(userId)];
    const call = chat.callId !== undefined ? this.call(chat.callId) : undefined;
    if (call) call.participants = call.participants.filter((p) => p.userId !== userId);
    chat.version += 1;
    this.markDirty();
  }

  /** Whether the user left the chat themselves (and is not back). */
  hasLeft(chat: ChatRecord, userId: bigint): boolean {
    return chat.left?.[String(userId)] !== undefined && !this.isMember(chat.id, userId);
  }

  isKicked(chat: ChatRecord, userId: bigint): boolean {
    return chat.kicked?.includes(String(userId)) ?? false;
  }

  /** A member whose send rights are restricted (admins never are). */
  isMuted(chat: ChatRecord, userId: bigint): boolean {
    return (chat.mutedMembers?.includes(String(userId)) ?? false) && !this.adminRights(chat, userId);
  }

  // ── calls ─────────────────────────────────────────────────────────────────────────────────

  call(id: bigint): CallRecord | undefined {
    return this.state.calls[String(id)];
  }

  get calls(): CallRecord[] {
    return Object.values(this.state.calls);
  }

  private bulkParticipantCount(call: CallRecord): number {
    if (!call.bulkParticipants || call.endDate !== undefined) return 0;
    return Math.min(this.state.size.callParticipants, this.bulkMemberCount(this.chat(call.chatId)!));
  }

  /** Everyone in the call: named participants, then generated ones (by join time). */
  callParticipants(call: CallRecord): CallParticipant[] {
    if (call.endDate !== undefined) return [];
    const generated = Array.from({ length: this.bulkParticipantCount(call) }, (_, i): CallParticipant => ({
      userId: bulkUserId(i),
      peer: { type: 'user', id: bulkUserId(i) },
      date: call.startDate + 60 + i,
      source: 100_000 + i,
      muted: true,
    }));
    return call.participants.concat(generated);
  }

  participantCount(call: CallRecord): number {
    return call.endDate !== undefined ? 0 : call.participants.length + this.bulkParticipantCount(call);
  }

  /** The participant entry of an account, whether it joined as itself or as a channel. */
  participantOf(call: CallRecord, userId: bigint): CallParticipant | undefined {
    if (call.endDate !== undefined) return undefined;
    const named = call.participants.find((p) => p.userId === userId);
    if (named) return named;
    const index = bulkIndex(userId);
    if (index === null || index >= this.bulkParticipantCount(call)) return undefined;
    return this.callParticipants(call)[call.participants.length + index];
  }

  /**
   * Ends a call as its admin would: the chat loses it, a service message says how long it ran.
   * Returns that message (null if the call had already ended).
   */
  endCall(callId: bigint): { call: CallRecord; posted: Posted | null } {
    const call = this.call(callId);
    if (!call) throw new Error(`no call ${callId}`);
    if (call.endDate !== undefined) return { call, posted: null };
    const chat = this.chat(call.chatId)!;
    call.endDate = this.now();
    call.version += 1;
    if (chat.callId === call.id) delete chat.callId;
    const posted = this.post(this.peerOfChat(chat), chat.creatorId, {
      action: { type: 'groupCall', callId: call.id, duration: call.endDate - call.startDate },
    });
    this.markDirty();
    return { call, posted };
  }

  /** Starts a new call in a chat that has none (test API, e.g. after ending the seeded one). */
  startCall(chatId: bigint, title: string, starterId: bigint): { call: CallRecord; posted: Posted } {
    const chat = this.chat(chatId);
    if (!chat) throw new Error(`no chat ${chatId}`);
    if (chat.callId !== undefined) throw new Error(`chat ${chatId} already has a call`);
    const n = this.state.nextCallId++;
    const now = this.now();
    const call: CallRecord = {
      id: derive64(this.secret, `call:${n}`),
      accessHash: derive64(this.secret, `call-access:${n}`),
      chatId, title, startDate: now, joinMuted: false,
      participants: [{ userId: starterId, peer: { type: 'user', id: starterId }, date: now, source: 50_000 + n, muted: false }],
      bulkParticipants: false, invited: {}, deliveries: {}, version: 1, inviteHash: deriveHex(this.secret, `call-invite:${n}`, 10),
    };
    this.state.calls[String(call.id)] = call;
    chat.callId = call.id;
    const posted = this.post(this.peerOfChat(chat), starterId, { action: { type: 'groupCall', callId: call.id } });
    this.markDirty();
    return { call, posted };
  }

  /**
   * Schedules a call in a chat that has none (Telegram: phone.createGroupCall with schedule_date):
   * the chat shows it, nobody can be in it until it starts, a service message announces it.
   */
  scheduleCall(chatId: bigint, title: string, scheduleDate: number, creatorId: bigint): { call: CallRecord; posted: Posted } {
    const chat = this.chat(chatId);
    if (!chat) throw new Error(`no chat ${chatId}`);
    if (chat.callId !== undefined) throw new Error(`chat ${chatId} already has a call`);
    const n = this.state.nextCallId++;
    const call: CallRecord = {
      id: derive64(this.secret, `call:${n}`),
      accessHash: derive64(this.secret, `call-access:${n}`),
      chatId, title, startDate: scheduleDate, scheduleDate, startSubscribers: [], joinMuted: false, participants: [],
      bulkParticipants: false, invited: {}, deliveries: {}, version: 1, inviteHash: deriveHex(this.secret, `call-invite:${n}`, 10),
    };
    this.state.calls[String(call.id)] = call;
    chat.callId = call.id;
    const posted = this.post(this.peerOfChat(chat), creatorId, { action: { type: 'groupCallScheduled', callId: call.id, scheduleDate } });
    this.markDirty();
    return { call, posted };
  }

  /** Starts a scheduled call now, as its admin would (phone.startScheduledGroupCall); null if it is not scheduled. */
  startScheduledCall(callId: bigint, starterId?: bigint): { call: CallRecord; posted: Posted } | null {
    const call = this.call(callId);
    if (!call) throw new Error(`no call ${callId}`);
    if (call.scheduleDate === undefined || call.endDate !== undefined) return null;
    const chat = this.chat(call.chatId)!;
    delete call.scheduleDate;
    call.startDate = this.now();
    call.version += 1;
    const posted = this.post(this.peerOfChat(chat), starterId ?? chat.creatorId, { action: { type: 'groupCall', callId: call.id } });
    this.markDirty();
    return { call, posted };
  }

  /** Scheduled calls: whether `userId` asked to be told when it starts. */
  isStartSubscriber(call: CallRecord, userId: bigint): boolean {
    return call.startSubscribers?.includes(String(userId)) ?? false;
  }

  setStartSubscription(call: CallRecord, userId: bigint, subscribed: boolean): void {
    const rest = (call.startSubscribers ?? []).filter((id) => id !== String(userId));
    call.startSubscribers = subscribed ? [...rest, String(userId)] : rest;
    this.markDirty();
  }

  /**
   * The user joins a live call as themselves (people join through their own apps; the sandbox
   * does it for them). The list's version goes up by one. Members only (anyone, in a public chat).
   */
  joinCall(call: CallRecord, userId: bigint): CallParticipant {
    if (call.endDate !== undefined) throw new Error(`call ${call.id} has ended`);
    if (call.scheduleDate !== undefined) throw new Error(`call ${call.id} has not started`);
    const user = this.user(userId);
    if (!user || user.kind !== 'person') throw new Error(`${userId} is not a person who can join a call`);
    const chat = this.chat(call.chatId)!;
    if (!this.isMember(chat.id, userId) && !chat.username) throw new Error(`${userId} is not a member of ${chat.id}`);
    if (this.participantOf(call, userId)) throw new Error(`${userId} is already in call ${call.id}`);
    call.version += 1;
    // The version is new on every change, so it makes the source (the SSRC) unique in the call.
    const participant: CallParticipant = { userId, peer: { type: 'user', id: userId }, date: this.now(), source: 1_000_000 + call.version, muted: true };
    call.participants.push(participant);
    this.markDirty();
    return participant;
  }

  /** The user leaves the call (and stays in the chat); the version goes up by one. Generated participants can't. */
  leaveCall(call: CallRecord, userId: bigint): CallParticipant {
    const index = call.participants.findIndex((p) => p.userId === userId);
    if (index < 0 || call.endDate !== undefined) throw new Error(`${userId} is not a named participant of call ${call.id}`);
    const [participant] = call.participants.splice(index, 1);
    call.version += 1;
    this.markDirty();
    return participant!;
  }

  hasInvited(call: CallRecord, inviterId: bigint, inviteeId: bigint): boolean {
    return call.invited[String(inviterId)]?.includes(String(inviteeId)) ?? false;
  }

  /** Records an invitation and counts one delivery per invitee. */
  recordInvite(call: CallRecord, inviterId: bigint, invitees: bigint[]): void {
    const list = (call.invited[String(inviterId)] ??= []);
    for (const id of invitees) {
      list.push(String(id));
      call.deliveries[String(id)] = (call.deliveries[String(id)] ?? 0) + 1;
    }
    this.markDirty();
  }

  deliveries(callId: bigint, userId: bigint): number {
    return this.call(callId)?.deliveries[String(userId)] ?? 0;
  }

  // ── messages and update boxes ─────────────────────────────────────────────────────────────

  peerOfChat(chat: ChatRecord): PeerRef {
    return chat.kind === 'basic' ? { type: 'chat', id: chat.id } : { type: 'channel', id: chat.id };
  }

  /**
   * Posts a message. Channel messages take the channel's next id and pts; private and basic-group
   * messages share the common id sequence and advance the pts of every recipient's box.
   */
  post(to: PeerRef, fromId: bigint, content: { text?: string; action?: ActionRecord }, date = this.now()): Posted {
    const base = { to, fromId, date, ...content };
    const userPts = new Map<string, number>();
    if (to.type === 'channel') {
      const chat = this.chat(to.id)!;
      const message: MessageRecord = { ...base, id: chat.nextMessageId++ };
      (this.state.channelMessages[String(chat.id)] ??= []).push(message);
      chat.pts += 1;
      this.markDirty();
      return { message, channelPts: chat.pts, userPts };
    }
    const message: MessageRecord = { ...base, id: this.state.nextCommonMessageId++ };
    this.state.commonMessages.push(message);
    const recipients =
      to.type === 'user' ? [fromId, to.id] : [...this.members(this.chat(to.id)!)].map((m) => m.userId);
    for (const id of new Set(recipients.map(String))) {
      const log = (this.state.ptsLog[id] ??= []);
      log.push(message.id);
      userPts.set(id, PTS_BASE + log.length);
    }
    this.markDirty();
    return { message, userPts };
  }

  commonPts(userId: bigint): number {
    return PTS_BASE + (this.state.ptsLog[String(userId)]?.length ?? 0);
  }

  /** Common-box messages that reached `userId` after `pts`, oldest first, at most `limit`. */
  commonMessagesAfter(userId: bigint, pts: number, limit: number): MessageRecord[] {
    const log = this.state.ptsLog[String(userId)] ?? [];
    const wanted = new Set(log.slice(Math.max(0, pts - PTS_BASE), Math.max(0, pts - PTS_BASE) + limit));
    return this.state.commonMessages.filter((m) => wanted.has(m.id));
  }

  channelMessages(chatId: bigint): MessageRecord[] {
    return this.state.channelMessages[String(chatId)] ?? [];
  }

  /** Messages of one dialog as `viewerId` sees it, oldest first. */
  history(viewerId: bigint, peer: PeerRef): MessageRecord[] {
    if (peer.type === 'channel') return this.channelMessages(peer.id);
    if (peer.type === 'chat') {
      return this.state.commonMessages.filter((m) => m.to.type === 'chat' && m.to.id === peer.id);
    }
    return this.state.commonMessages.filter(
      (m) =>
        m.to.type === 'user' &&
        ((m.fromId === viewerId && m.to.id === peer.id) || (m.fromId === peer.id && m.to.id === viewerId)),
    );
  }

  /** The dialogs of an account, newest top message first. */
  dialogsOf(userId: bigint): DialogEntry[] {
    const tops = new Map<string, DialogEntry>();
    for (const chat of this.chatsOf(userId)) {
      if (chat.kind === 'basic') continue;
      const top = this.channelMessages(chat.id).at(-1);
      if (top) tops.set(`channel:${chat.id}`, { peer: { type: 'channel', id: chat.id }, top });
    }
    for (const m of this.state.commonMessages) {
      if (m.to.type === 'chat') {
        if (this.isMember(m.to.id, userId)) tops.set(`chat:${m.to.id}`, { peer: m.to, top: m });
      } else if (m.to.type === 'user' && (m.to.id === userId || m.fromId === userId)) {
        const other = m.fromId === userId ? m.to.id : m.fromId;
        tops.set(`user:${other}`, { peer: { type: 'user', id: other }, top: m });
      }
    }
    return [...tops.values()].sort((a, b) => b.top.date - a.top.date || b.top.id - a.top.id);
  }

  // ── signed-in accounts ────────────────────────────────────────────────────────────────────

  noteSignIn(userId: bigint, authKeyId: string): void {
    this.noteSignOut(authKeyId);
    (this.state.signedIn[String(userId)] ??= []).push(authKeyId);
    this.markDirty();
  }

  noteSignOut(authKeyId: string): void {
    for (const [user, keys] of Object.entries(this.state.signedIn)) {
      const rest = keys.filter((k) => k !== authKeyId);
      if (rest.length === keys.length) continue;
      if (rest.length) this.state.signedIn[user] = rest;
      else delete this.state.signedIn[user];
      this.markDirty();
    }
  }

  /** Accounts that have been signed in somewhere: the only ones a push can reach. */
  signedInUsers(): bigint[] {
    return Object.keys(this.state.signedIn).map(BigInt);
  }

  // ── data centres ──────────────────────────────────────────────────────────────────────────

  /** The DC an account was put on, or undefined for the first DC (see DcTable.homeOf). */
  storedHomeDc(userId: bigint): number | undefined {
    return this.state.homeDcs?.[String(userId)];
  }

  /** Moves an account to another DC (a control: Telegram moves accounts rarely, without telling). */
  setHomeDc(userId: bigint, dcId: number | undefined): void {
    const homes = (this.state.homeDcs ??= {});
    if (dcId === undefined) delete homes[String(userId)];
    else homes[String(userId)] = dcId;
    this.markDirty();
  }

  // ── persistence ───────────────────────────────────────────────────────────────────────────

  markDirty(): void {
    this.dirty = true;
  }

  /** Writes the state if anything changed; the dispatcher calls it before each reply leaves. */
  flush(): void {
    if (!this.dirty || !this.dataDir) return;
    saveState(this.dataDir, this.state);
    this.dirty = false;
  }
}

