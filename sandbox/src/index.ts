// startSandbox: the world and its methods behind the MTProto server, in one call. Tests,
// benchmarks, the web preview and the CLI all start the sandbox through here.
import { chmodSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { mergeControls, profileControls, type ControlOverrides, type Controls, type Profile } from './controls';
import { createRpcService, SUPPORTED_METHODS, type SandboxRpc } from './methods';
import type { RequestStats } from './methods/stats';
import { privateDir } from './mtproto/atomic';
import { DEFAULT_LIMITS, type ServerLimits } from './mtproto/limits';
import { startServer, type RunningServer } from './server';
import type { SizeName } from './world/bulk';
import { DC_ID, LOGIN_CODE, channelAccessHash, userAccessHash } from './world/ids';
import { DEMO, IDS } from './world/seed';
import type { CallRecord, WorldSize } from './world/types';
import { World } from './world/world';

export { IDS, DEMO, LOGIN_CODE, SUPPORTED_METHODS, DEFAULT_LIMITS };
export type { Controls, ControlOverrides, Profile, RequestStats, SizeName, WorldSize, ServerLimits };

export interface SandboxOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
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
  /** Caps on connections, idle timeouts, the key-exchange rate and stored keys (DEFAULT_LIMITS). */
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
  host: string;
  port: number;
  dcId: number;
  fingerprint: string;
  /** PKCS#1 PEM of the sandbox's RSA key. */
  publicKeyPem: string;
  demo: DemoAccount;
  /** Every demo account: the organiser (no 2FA) first, then the one with a 2FA password. */
  accounts: (DemoAccount & { name: string; userId: string })[];
}

export interface CallInfo {
  id: bigint;
  accessHash: bigint;
  chatId: bigint;
  title: string;
  ended: boolean;
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
  /** Accepts a QR login token as a phone of `userId` (default: the organiser) would; default token: the latest shown. */
  acceptLoginToken(token?: Buffer | string, userId?: bigint): void;
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
  server: RunningServer;
  /** Requests received per method and per account, and errors answered, since the start or the last reset. */
  stats(): RequestStats;
  resetStats(): void;
  close(): Promise<void>;
}

function callInfo(call: CallRecord): CallInfo {
  return { id: call.id, accessHash: call.accessHash, chatId: call.chatId, title: call.title, ended: call.endDate !== undefined };
}

function worldApi(world: World, rpc: SandboxRpc): SandboxWorld {
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
    expireLoginCodes: () => rpc.env.signIn.expireCodes(),
    deliveries: (callId, userId) => world.deliveries(callId, userId),
    deliveryCounts: (callId) =>
      new Map(Object.entries(world.call(callId)?.deliveries ?? {}).map(([id, n]) => [BigInt(id), n])),
    isMember: (chatId, userId) => world.isMember(chatId, userId),
    leaveChat: (chatId, userId) => {
      world.leaveChat(chatId, userId);
      world.flush();
    },
    userAccessHash: (userId) => userAccessHash(world.secret, userId),
    channelAccessHash: (channelId) => channelAccessHash(world.secret, channelId),
    model: world,
  };
}

function demoAccounts(): SandboxInfo['accounts'] {
  return [
    { name: 'Ada Quill', userId: String(IDS.ada), phone: DEMO.organiser.phone, code: LOGIN_CODE, password: null },
    { name: 'Grace Vance', userId: String(IDS.grace), phone: DEMO.twoFactor.phone, code: LOGIN_CODE, password: DEMO.twoFactor.password },
  ];
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  privateDir(options.dataDir);
  const controls: Controls = mergeControls(profileControls(options.profile), options.controls);
  const world = World.open({ dataDir: options.dataDir, size: options.size });
  // The port is known only once the server listens; help.getConfig reads it from here.
  const endpoint = { host: options.host ?? '127.0.0.1', port: options.port ?? 0 };
  const rpc = createRpcService({ world, controls, endpoint });
  const server = await startServer({
    host: endpoint.host,
    port: endpoint.port,
    dataDir: options.dataDir,
    controls,
    rpc,
    dcId: DC_ID,
    limits: options.limits,
    log: options.log,
  });
  endpoint.port = server.port;
  rpc.env.pushes.attach(server);
  const accounts = demoAccounts();
  const { name: _name, userId: _userId, ...demo } = accounts[0]!;
  const info: SandboxInfo = {
    host: server.host,
    port: server.port,
    dcId: server.dcId,
    fingerprint: server.fingerprint,
    publicKeyPem: server.publicKeyPem,
    demo,
    accounts,
  };
  let closed = false;
  return {
    info,
    controls,
    world: worldApi(world, rpc),
    server,
    stats: () => rpc.stats(),
    resetStats: () => rpc.resetStats(),
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
      world.flush();
    },
  };
}

/** Writes DIR/sandbox.json atomically, so a reader never sees half a file. */
export function writeSandboxJson(dataDir: string, info: SandboxInfo): string {
  const target = join(dataDir, 'sandbox.json');
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  if (process.platform !== 'win32') chmodSync(temporary, 0o600);
  renameSync(temporary, target);
  return target;
}
