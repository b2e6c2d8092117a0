// The sandbox's MTProto server: TCP on loopback, its own RSA key and persisted auth keys in
// `dataDir`, every decrypted and unwrapped request handed to the world's RpcService. It runs
// inside the app, reachable by any local process: `limits` (see mtproto/limits.ts) bound what
// that costs.
import { createServer, type Server } from 'node:net';
import type { Api } from 'telegram';
import type { Controls } from './controls';
import { Connection } from './mtproto/connection';
import { pushTo } from './mtproto/context';
import { SessionRegistry, type Core, type ServerStats } from './mtproto/core';

export { SessionRegistry };
import { KeyStore } from './mtproto/keystore';
import { Admission, DEFAULT_LIMITS, TokenBucket, type ServerLimits } from './mtproto/limits';
import { currentSchema } from './mtproto/layers';
import { MsgIdClock } from './mtproto/messages';
import { loadOrCreateServerKey } from './mtproto/rsakey';
import type { RpcService } from './rpc';

export type { ServerStats } from './mtproto/core';

export interface ServerOptions {
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** Holds the RSA key and the auth keys; reuse it to keep sessions valid across restarts. */
  dataDir: string;
  /** Where this DC keeps its auth keys, if not in `dataDir` (each DC has its own keys, one RSA key for all). */
  keysDir?: string;
  /** Live sessions shared with the other DCs' servers, so a push reaches an account on any DC. */
  sessions?: SessionRegistry;
  controls: Controls;
  rpc: RpcService;
  /** Data centre id announced to clients; 2 by convention (test phone numbers 99966XYYYY, X = DC). */
  dcId?: number;
  log?: (line: string) => void;
  /** A connection holding part of a frame this long without more bytes is closed (default 30 s). */
  partialFrameTimeoutMs?: number;
  /** Caps and timeouts; anything left out takes its DEFAULT_LIMITS value. */
  limits?: Partial<ServerLimits>;
}

export interface RunningServer {
  host: string;
  port: number;
  dcId: number;
  /** The key's fingerprint as GramJS's `_serverKeys` map keys it (signed 64-bit, decimal). */
  fingerprint: string;
  /** The public key in PKCS#1 PEM. */
  publicKeyPem: string;
  /** The same key as numbers (decimal strings), for clients that take n and e. */
  publicKey: { n: string; e: number };
  /** Pushes updates to every connected session signed in as `userId`, from outside any request. */
  pushToUser(userId: bigint, updates: Api.TypeUpdates): void;
  /** Pushes updates to the connected sessions of one auth key (hex id, as CallContext.authKeyId). */
  pushToAuthKey(authKeyId: string, updates: Api.TypeUpdates): void;
  close(): Promise<void>;
  stats(): ServerStats;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const dcId = options.dcId ?? 2;
  const log = options.log ?? (() => {});
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const serverKey = loadOrCreateServerKey(options.dataDir);
  const counters: Core['counters'] = {
    connectionsTotal: 0,
    connectionsRefused: 0,
    idleClosed: 0,
    keyExchanges: 0,
    keyExchangesRefused: 0,
    authKeysPruned: 0,
    requestsServed: 0,
    updatesPushed: 0,
    protocolErrors: 0,
    badMsgNotifications: 0,
    containersReceived: 0,
    gzipReceived: 0,
    containersSent: 0,
    gzipSent: 0,
    busyMs: 0,
  };
  const admission = new Admission<Connection>(limits, () => counters.connectionsRefused++);
  const keys = new KeyStore(options.keysDir ?? options.dataDir, {
    maxKeys: limits.maxAuthKeys,
    maxIdleDays: limits.authKeyMaxIdleDays,
    inUse: (id) => admission.inUse(id),
    onPruned: (count) => (counters.authKeysPruned += count),
  });
  // Keys go unused while the app stays open for days, too.
  const pruneTimer = setInterval(() => keys.prune(), 3_600_000);
  pruneTimer.unref();
  const keyExchanges = new TokenBucket(limits.keyExchangeBurst, limits.keyExchangesPerSecond);
  const schema = currentSchema();
  const core: Core = {
    dcId,
    serverKey,
    keys,
    controls: options.controls,
    rpc: options.rpc,
    clock: new MsgIdClock(),
    partialFrameTimeoutMs: options.partialFrameTimeoutMs ?? 30_000,
    limits,
    admission,
    mayStartKeyExchange: () => keyExchanges.take(),
    sessions: options.sessions ?? new SessionRegistry(),
    counters,
    log,
    isFunctionId: (id) => !!schema.definitionById(id)?.isFunction,
    readCurrent: (body) => schema.read(body),
  };

  const server: Server = createServer((socket) => {
    if (!admission.makeRoom(socket)) return;
    admission.add(new Connection(core, socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  log(`sandbox MTProto server on ${host}:${port} (DC ${dcId}, key ${serverKey.fingerprint})`);

  return {
    host,
    port,
    dcId,
    fingerprint: serverKey.fingerprint,
    publicKeyPem: serverKey.publicKeyPem,
    publicKey: { n: serverKey.n.toString(), e: Number(serverKey.e) },
    pushToUser(userId, updates) {
      for (const session of core.sessions.ofUser(userId)) pushTo(session, updates);
    },
    pushToAuthKey(authKeyId, updates) {
      for (const session of core.sessions.ofKey(authKeyId)) pushTo(session, updates);
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      clearInterval(pruneTimer);
      for (const c of admission.all()) c.destroy('server closing');
      await closed;
      await keys.compact();
    },
    stats() {
      return { ...core.counters, connections: admission.size, authKeys: keys.size, sessions: core.sessions.size };
    },
  };
}
