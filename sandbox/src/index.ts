// startSandbox: the world and its methods behind the MTProto server, in one call. Tests,
// benchmarks, the web preview and the CLI all start the sandbox through here.
import { join } from 'node:path';
import { writeFileAtomicSync } from '../../platform/atomicWrite';
import { mergeControls, profileControls, type AttendanceRules, type ControlOverrides, type Controls, type Profile } from './controls';
import { createRpcService, SUPPORTED_METHODS, type SandboxRpc } from './methods';
import type { RequestStats } from './methods/stats';
import { privateDir } from './mtproto/atomic';
import { DEFAULT_LIMITS, type ServerLimits } from './mtproto/limits';
import { DcTable, dcIds, type DcEndpoint } from './methods/dcs';
import { SessionRegistry, startServer, type RunningServer } from './server';
import type { SizeName } from './world/bulk';
import { LOGIN_CODE, channelAccessHash, userAccessHash } from './world/ids';
import { DEMO, IDS } from './world/seed';
import type { CallRecord, WorldSize } from './world/types';
import { World } from './world/world';

export { IDS, DEMO, LOGIN_CODE, SUPPORTED_METHODS, DEFAULT_LIMITS };
export type { AttendanceRules, Controls, ControlOverrides, Profile, RequestStats, SizeName, WorldSize, ServerLimits, DcEndpoint };

export interface SandboxOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * The first DC's port; 0 (the default) picks a free port for every DC. Otherwise the other DCs
   * listen on the next ports, in the order of their ids (port + 1, port + 2, ...).
   */
  port?: number;
  /** How many data centres (1 to 5, default 3), each on its own port, sharing one world. The first is DC 2. */
  dcs?: number;
  /** Holds the RSA key, auth keys and the world; reuse it to restart where it stopped. */
  dataDir: string;
  /** 'small' (default for a new folder), 'big' (100,000 contacts, a group of 10,000) or counts. */
  size?: SizeName | Partial<WorldSize>;
  /**
   * 'default' (the default) or 'strict': where Telegram's behaviour is unknown, strict takes the
   * harshest plausible form (controls.strict, long flood waits; sandbox/README.md "Behaviours").
   */
  profile?: Profile;
  /** Initial scenario controls, over the profile's; the returned `controls` object can be changed at any time. */
  controls?: ControlOverrides;
  /**
   * Caps on connections, idle timeouts, the key-exchange rate and stored keys (DEFAULT_LIMITS),
   * for each DC: every DC is a server of its own, as Telegram's are, so a flood of one DC can't
   * take from a client signed in on another, and the whole stays bounded (dcs × the caps).
   */
  limits?: Partial<ServerLimits>;
  log?: (line: string) => void;
}

export interface DemoAccount {
  phone: string;
  code: string;
  /** null for an account without two-step verification. */
  password: string | null;
}

/** The content of DIR/sandbox.json: everything a client needs to reach and trust the sandbox. */
export interface SandboxInfo {
  /** The DC a client should dial first (`dcs` lists them all; help.getConfig says the same). */
  host: string;
  port: number;
  dcId: number;
  /** Every data centre: one port each, one RSA key for all, auth keys per DC. */
  dcs: DcEndpoint[];
  fingerprint: string;
  /** PKCS#1 PEM of the sandbox's RSA key. */
  publicKeyPem: string;
  demo: DemoAccount;
  /**
   * Every demo account: the organiser (no 2FA, on the first DC) first, then the one with a 2FA
   * password, then one without 2FA on another DC. `homeDc`: where the account lives (signing in
   * on another DC is answered with a migration to it).
   */
  accounts: (DemoAccount & { name: string; userId: string; homeDc: number })[];
}

export interface CallInfo {
  id: bigint;
  accessHash: bigint;
  chatId: bigint;
  title: string;
  ended: boolean;
  /** Set while the call is scheduled: when it starts (Unix time). */
  scheduleDate?: number;
  /** The participant list's version (one more per join or leave). */
  version: number;
}

/** What tests and the CLI may do to the world from outside any client. */
export interface SandboxWorld {
  /** The seeded ids (users, chats) tests refer to. */
  readonly ids: typeof IDS;
  readonly size: WorldSize;
  setSize(size: SizeName | Partial<WorldSize>): void;
  calls(): CallInfo[];
  /** The active call of a chat, if any. */
  callOf(chatId: bigint): CallInfo | undefined;
  endCall(callId: bigint): CallInfo;
  startCall(chatId: bigint, title: string, starterId?: bigint): CallInfo;
  /** Schedules a call in a chat that has none; it starts by itself at `scheduleDate` (Unix time). */
  scheduleCall(chatId: bigint, title: string, scheduleDate: number, creatorId?: bigint): CallInfo;
  /** Starts a scheduled call now (its subscribers and the chat's members get updateGroupCall). */
  startScheduledCall(callId: bigint): CallInfo;
  /** The user joins the call now (updateGroupCallParticipants to the chat's members); returns the call's new state. */
  joinCall(callId: bigint, userId: bigint): CallInfo;
  /** The user leaves the call now (pushed with `left`); returns the call's new state. */
  leaveCall(callId: bigint, userId: bigint): CallInfo;
  /** Whether the user is in the call now. */
  inCall(callId: bigint, userId: bigint): boolean;
  /** Joins and leaves controls.attendance has planned that have not happened yet (wait for 0, don't sleep). */
  pendingAttendance(): number;
  /** Accepts a QR login token as a phone of `userId` (default: the organiser) would; default token: the latest shown. */
  acceptLoginToken(token?: Buffer | string, userId?: bigint): void;
  /**
   * The QR login tokens issued and not yet accepted, newest last, base64url as in
   * tg://login?token=…; expired ones too, while a screen may still show them.
   */
  loginTokens(): string[];
  /** The DC an account lives on. */
  homeDc(userId: bigint): number;
  /**
   * Moves an account to another DC, as Telegram rarely does: its keys elsewhere then get
   * USER_MIGRATE_X for everything but help.*, auth.* and upload.*.
   */
  moveHomeDc(userId: bigint, dcId: number): void;
  /** Unknown phones get NETWORK_MIGRATE_X on any other DC (null: off, the default). */
  setNetworkDc(dcId: number | null): void;
  /** Makes every login code sent so far expire (PHONE_CODE_EXPIRED on use). */
  expireLoginCodes(): void;
  /** How many invitations to this call reached this user, from anyone. */
  deliveries(callId: bigint, userId: bigint): number;
  /** Every user of a call with their delivery count. */
  deliveryCounts(callId: bigint): Map<bigint, number>;
  isMember(chatId: bigint, userId: bigint): boolean;
  /** The user leaves the chat (as if they left it themselves); an organiser who left gets USER_NOT_PARTICIPANT. */
  leaveChat(chatId: bigint, userId: bigint): void;
  userAccessHash(userId: bigint): bigint;
  channelAccessHash(channelId: bigint): bigint;
  /** The world itself, for what the list above doesn't cover. */
  readonly model: World;
}

export interface Sandbox {
  info: SandboxInfo;
  controls: Controls;
  world: SandboxWorld;
  /** The first DC's server (the one `info.host`/`info.port` name). */
  server: RunningServer;
  /** Requests received per method and per account, and errors answered, since the start or the last reset. */
  stats(): RequestStats;
  resetStats(): void;
  /** Every DC's server, by DC id. */
  servers: Map<number, RunningServer>;
  close(): Promise<void>;
}

function callInfo(call: CallRecord): CallInfo {
  return {
    id: call.id, accessHash: call.accessHash, chatId: call.chatId, title: call.title, ended: call.endDate !== undefined,
    ...(call.scheduleDate !== undefined ? { scheduleDate: call.scheduleDate } : {}),
    version: call.version,
  };
}

function callRecord(world: World, callId: bigint): CallRecord {
  const call = world.call(callId);
  if (!call) throw new Error(`no call ${callId}`);
  return call;
}

function worldApi(world: World, rpc: SandboxRpc, dcs: DcTable): SandboxWorld {
  return {
    ids: IDS,
    get size() {
      return world.size;
    },
    setSize: (size) => {
      world.setSize(size);
      world.flush();
    },
    calls: () => world.calls.map(callInfo),
    callOf: (chatId) => {
      const callId = world.chat(chatId)?.callId;
      return callId === undefined ? undefined : callInfo(world.call(callId)!);
    },
    endCall: (callId) => callInfo(rpc.endCall(callId)),
    startCall: (chatId, title, starterId = IDS.ada) => callInfo(rpc.startCall(chatId, title, starterId)),
    scheduleCall: (chatId, title, scheduleDate, creatorId = IDS.ada) => callInfo(rpc.scheduleCall(chatId, title, scheduleDate, creatorId)),
    startScheduledCall: (callId) => {
      const call = callRecord(world, callId);
      if (call.scheduleDate === undefined) throw new Error(`call ${callId} is not scheduled`);
      rpc.env.activity.startScheduled(callId);
      return callInfo(call);
    },
    joinCall: (callId, userId) => {
      const call = callRecord(world, callId);
      rpc.env.activity.join(call, userId);
      return callInfo(call);
    },
    leaveCall: (callId, userId) => {
      const call = callRecord(world, callId);
      rpc.env.activity.leave(call, userId);
      return callInfo(call);
    },
    pendingAttendance: () => rpc.env.activity.pendingAttendance(),
    inCall: (callId, userId) => world.participantOf(callRecord(world, callId), userId) !== undefined,
    acceptLoginToken: (token, userId = IDS.ada) => {
      let bytes: Buffer;
      if (token === undefined) {
        const latest = rpc.env.signIn.pendingTokens().at(-1);
        if (!latest) throw new Error('no QR login token is waiting to be accepted');
        bytes = latest.token;
      } else {
        bytes = typeof token === 'string' ? Buffer.from(token, 'base64url') : token;
      }
      rpc.acceptLoginToken(bytes, userId);
    },
    loginTokens: () => rpc.env.signIn.issuedTokens().map((t) => Buffer.from(t.token).toString('base64url')),
    homeDc: (userId) => dcs.homeOf(world, userId),
    moveHomeDc: (userId, dcId) => {
      if (!dcs.has(dcId)) throw new Error(`no DC ${dcId} (DCs: ${dcs.list.map((dc) => dc.id).join(', ')})`);
      if (!world.user(userId)) throw new Error(`no user ${userId}`);
      world.setHomeDc(userId, dcId);
      world.flush();
    },
    setNetworkDc: (dcId) => {
      if (dcId !== null && !dcs.has(dcId)) throw new Error(`no DC ${dcId}`);
      dcs.networkDc = dcId;
    },
    expireLoginCodes: () => rpc.env.signIn.expireCodes(),
    deliveries: (callId, userId) => world.deliveries(callId, userId),
    deliveryCounts: (callId) =>
      new Map(Object.entries(world.call(callId)?.deliveries ?? {}).map(([id, n]) => [BigInt(id), n])),
    isMember: (chatId, userId) => world.isMember(chatId, userId),
    leaveChat: (chatId, userId) => {
      // Leaving the group takes them out of its call too: members hear it as a leave.
      const callId = world.chat(chatId)?.callId;
      const call = callId === undefined ? undefined : world.call(callId);
      if (call?.participants.some((p) => p.userId === userId) && world.chat(chatId)!.members.some((m) => m.userId === userId)) {
        rpc.env.activity.leave(call, userId);
      }
      world.leaveChat(chatId, userId);
      world.flush();
    },
    userAccessHash: (userId) => userAccessHash(world.secret, userId),
    channelAccessHash: (channelId) => channelAccessHash(world.secret, channelId),
    model: world,
  };
}

function demoAccounts(world: World, dcs: DcTable): SandboxInfo['accounts'] {
  const home = (id: bigint) => dcs.homeOf(world, id);
  return [
    { name: 'Ada Quill', userId: String(IDS.ada), phone: DEMO.organiser.phone, code: LOGIN_CODE, password: null, homeDc: home(IDS.ada) },
    { name: 'Grace Vance', userId: String(IDS.grace), phone: DEMO.twoFactor.phone, code: LOGIN_CODE, password: DEMO.twoFactor.password, homeDc: home(IDS.grace) },
    { name: 'Linus Brook', userId: String(IDS.linus), phone: DEMO.elsewhere.phone, code: LOGIN_CODE, password: null, homeDc: home(IDS.linus) },
  ];
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  privateDir(options.dataDir);
  const controls: Controls = mergeControls(profileControls(options.profile), options.controls);
  const world = World.open({ dataDir: options.dataDir, size: options.size });
  const host = options.host ?? '127.0.0.1';
  const basePort = options.port ?? 0;
  const ids = dcIds(options.dcs ?? 3);
  const firstId = ids.includes(2) ? 2 : ids[0]!;
  // The first DC first: it takes `port`, the others the ports after it. Ports are known only
  // once each server listens; help.getConfig reads them from the table.
  const order = [firstId, ...ids.filter((id) => id !== firstId)];
  const dcs = new DcTable(ids.map((id) => ({ id, host, port: 0 })), firstId);
  const rpc = createRpcService({ world, controls, dcs });
  const sessions = new SessionRegistry();
  const servers = new Map<number, RunningServer>();
  try {
    for (const [index, id] of order.entries()) {
      const server = await startServer({
        host,
        port: basePort === 0 ? 0 : basePort + index,
        dataDir: options.dataDir,
        // The first DC keeps its keys where the single-DC sandbox kept them, so saved sessions stay valid.
        keysDir: id === firstId ? undefined : join(options.dataDir, `dc${id}`),
        sessions,
        controls,
        rpc,
        dcId: id,
        limits: options.limits,
        log: options.log,
      });
      servers.set(id, server);
      dcs.list.find((dc) => dc.id === id)!.port = server.port;
    }
  } catch (error) {
    rpc.close();
    await Promise.all([...servers.values()].map((server) => server.close()));
    throw error;
  }
  const first = servers.get(firstId)!;
  // Every server shares the session registry: the first one's pushes reach sessions on any DC.
  rpc.env.pushes.attach(first);
  const accounts = demoAccounts(world, dcs);
  const { name: _name, userId: _userId, homeDc: _homeDc, ...demo } = accounts[0]!;
  const info: SandboxInfo = {
    host: first.host,
    port: first.port,
    dcId: first.dcId,
    dcs: dcs.list.map((dc) => ({ ...dc })),
    fingerprint: first.fingerprint,
    publicKeyPem: first.publicKeyPem,
    demo,
    accounts,
  };
  let closed = false;
  return {
    info,
    controls,
    world: worldApi(world, rpc, dcs),
    server: first,
    servers,
    stats: () => rpc.stats(),
    resetStats: () => rpc.resetStats(),
    async close() {
      if (closed) return;
      closed = true;
      rpc.close();
      // Held answers never leave: their connections close with the servers.
      controls.holds.drop();
      await Promise.all([...servers.values()].map((server) => server.close()));
      world.flush();
    },
  };
}

/** Writes DIR/sandbox.json atomically, so a reader never sees half a file. */
export function writeSandboxJson(dataDir: string, info: SandboxInfo): string {
  writeFileAtomicSync(dataDir, 'sandbox.json', `${JSON.stringify(info, null, 2)}\n`);
  return join(dataDir, 'sandbox.json');
}
