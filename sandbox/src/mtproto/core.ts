// What every connection and session of one running sandbox shares.
import type { Controls } from '../controls';
import type { RpcService } from '../rpc';
import type { KeyStore } from './keystore';
import type { Admission, ServerLimits } from './limits';
import type { MsgIdClock } from './messages';
import type { ServerKey } from './rsakey';
import type { Session } from './session';
import type { Connection } from './connection';

export interface ServerStats {
  /** Connections open now. */
  connections: number;
  /** Connections accepted since start. */
  connectionsTotal: number;
  /** Connections refused or closed by a connection cap since start (limits.ts). */
  connectionsRefused: number;
  /** Connections closed for being idle since start. */
  idleClosed: number;
  /** Auth keys created by key exchanges since start. */
  keyExchanges: number;
  /** Key exchanges refused by the rate limit (transport error -429) since start. */
  keyExchangesRefused: number;
  /** Stored auth keys dropped by pruning since start. */
  authKeysPruned: number;
  /** RPC requests answered (result or rpc_error) since start. */
  requestsServed: number;
  /** Updates pushed to sessions since start. */
  updatesPushed: number;
  /** Connections closed by the server for a protocol or transport violation since start. */
  protocolErrors: number;
  /** bad_msg_notification and bad_server_salt messages sent since start. */
  badMsgNotifications: number;
  /** msg_container / gzip_packed received from clients, and sent to them, since start. */
  containersReceived: number;
  gzipReceived: number;
  containersSent: number;
  gzipSent: number;
  /**
   * Milliseconds the server spent on encrypted traffic since start: decrypting and reading
   * requests, RpcService.handle() up to its first await (for the sandbox's world, all its work but
   * saving world.json), writing, gzipping and encrypting answers and pushes. Not the latency waits
   * nor key exchanges. In a process that also runs the client, the rest is the client's.
   */
  busyMs: number;
  /** Auth keys known (persisted). */
  authKeys: number;
  /** MTProto sessions known now. */
  sessions: number;
}

export interface Core {
  readonly dcId: number;
  readonly serverKey: ServerKey;
  readonly keys: KeyStore;
  readonly controls: Controls;
  readonly rpc: RpcService;
  readonly clock: MsgIdClock;
  readonly partialFrameTimeoutMs: number;
  readonly limits: ServerLimits;
  readonly admission: Admission<Connection>;
  /** Takes a token from the key-exchange bucket; false past the rate limit. */
  mayStartKeyExchange(): boolean;
  readonly sessions: SessionRegistry;
  readonly counters: Omit<ServerStats, 'connections' | 'authKeys' | 'sessions'>;
  log(line: string): void;
  /** Whether a constructor id is a method (a function) in either schema: requests carry odd seq_nos. */
  isFunctionId(id: number): boolean;
  /** Reads a boxed object with the current schema. */
  readCurrent(body: Buffer): unknown;
}

/** Live sessions by auth key id (hex) and session id (hex). */
export class SessionRegistry {
  private readonly byKey = new Map<string, Map<string, Session>>();

  get(authKeyId: string, sessionId: string): Session | undefined {
    return this.byKey.get(authKeyId)?.get(sessionId);
  }

  add(session: Session): void {
    const forKey = this.byKey.get(session.record.id) ?? new Map<string, Session>();
    forKey.set(session.idHex, session);
    this.byKey.set(session.record.id, forKey);
  }

  delete(session: Session): void {
    const forKey = this.byKey.get(session.record.id);
    if (forKey?.get(session.idHex) === session) forKey.delete(session.idHex);
    if (forKey?.size === 0) this.byKey.delete(session.record.id);
  }

  ofKey(authKeyId: string): Session[] {
    return [...(this.byKey.get(authKeyId)?.values() ?? [])];
  }

  ofUser(userId: bigint): Session[] {
    const out: Session[] = [];
    for (const forKey of this.byKey.values()) {
      for (const s of forKey.values()) if (s.record.userId === userId) out.push(s);
    }
    return out;
  }

  get size(): number {
    let n = 0;
    for (const forKey of this.byKey.values()) n += forKey.size;
    return n;
  }
}
