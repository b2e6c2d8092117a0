// One MTProto session (auth key + session id): the checks a server makes on every incoming
// message (msg_id time and parity, seq_no parity, server salt), the service messages it answers
// itself (ping, ping_delay_disconnect, get_future_salts, destroy_session, msgs_state_req,
// rpc_drop_answer), and the outgoing queue that batches what is ready into one msg_container.
import { randomBytes } from 'node:crypto';
import bigInt from 'big-integer';
import { Api } from 'telegram';
import type { Core } from './core';
import { encryptForClient } from './crypto';
import { runRequest } from './invoke';
import type { AuthKeyRecord } from './keystore';
import { containerBody, isAck, isContentRelated, msgIdTime, rpcResultBody, unpack, writeEnvelope, type InMessage, type OutMessage } from './messages';
import { currentSalt, futureSalts, isValidSalt } from './salts';
import { int32, int64, uint32 } from './tlbytes';

/** What a session needs from the TCP connection it currently speaks on. */
export interface Link {
  readonly closed: boolean;
  sendPayload(payload: Buffer): void;
  close(reason: string): void;
  /** Counts one RPC request; true when the drop-after-N control says to close now. */
  countRequest(): boolean;
  /** ping_delay_disconnect: close unless another ping arrives within `seconds`. */
  armDisconnect(seconds: number): void;
}

// bad_msg_notification codes (https://core.telegram.org/mtproto/service_messages_about_messages)
const MSG_ID_TOO_LOW = 16;
const MSG_ID_TOO_HIGH = 17;
const MSG_ID_BAD_PARITY = 18;
const SEQ_NO_EVEN_EXPECTED = 34;
const SEQ_NO_ODD_EXPECTED = 35;
const BAD_SERVER_SALT = 48;

const big = (v: bigint) => bigInt(v.toString());
const MAX_SEEN = 2000;
const MAX_CONTAINER_BYTES = 512 * 1024;

export class Session {
  readonly idHex: string;
  link: Link | null = null;
  /** Layer declared on this session with invokeWithLayer (null: fall back to the key's). */
  layer: number | null = null;
  /** What initConnection said about the client app. */
  client: { apiId: number; deviceModel: string; appVersion: string; langCode: string } | null = null;
  private seq = 0;
  private announced = false;
  private readonly seen = new Set<bigint>();
  private readonly seenOrder: bigint[] = [];
  private readonly completions = new Map<bigint, Promise<void>>();
  private readonly running = new Set<bigint>();
  private readonly dropped = new Set<bigint>();
  private outbox: OutMessage[] = [];
  private flushScheduled = false;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly core: Core,
    readonly record: AuthKeyRecord,
    readonly id: Buffer,
  ) {
    this.idHex = id.toString('hex');
  }

  /** Handles one decrypted envelope that arrived on `link`. */
  receive(link: Link, salt: bigint, message: InMessage): void {
    this.attach(link);
    if (!this.checkMsgId(message)) return;
    if (!isValidSalt(this.core.keys.saltSecret, this.record, salt)) {
      // GramJS starts every new session with salt 0 and expects exactly this.
      this.sendBadMsgNotice(
        new Api.BadServerSalt({
          badMsgId: big(message.msgId),
          badMsgSeqno: message.seqNo,
          errorCode: BAD_SERVER_SALT,
          newServerSalt: big(currentSalt(this.core.keys.saltSecret, this.record)),
        }).getBytes(),
      );
      return;
    }
    if (!this.announced) {
      this.announced = true;
      this.send(
        new Api.NewSessionCreated({
          firstMsgId: big(message.msgId),
          uniqueId: big(randomBytes(8).readBigInt64LE()),
          serverSalt: big(currentSalt(this.core.keys.saltSecret, this.record)),
        }).getBytes(),
        'other',
        true,
      );
    }
    if (!this.checkSeqNo(message)) return;
    const seen = { containers: 0, gzipped: 0 };
    const messages = unpack(message, seen);
    this.core.counters.containersReceived += seen.containers;
    this.core.counters.gzipReceived += seen.gzipped;
    for (const inner of messages) {
      if (inner !== message && (!this.checkMsgId(inner) || !this.checkSeqNo(inner))) continue;
      this.remember(inner.msgId);
      this.dispatch(inner);
    }
  }

  /** Sends `updates` as a message of its own (msg_id ≡ 3 mod 4), never as an rpc_result. */
  pushUpdates(body: Buffer): void {
    this.core.counters.updatesPushed++;
    this.send(body, 'other', true);
  }

  /** Resolves once the request with this msg_id has been answered (for invokeAfterMsg). */
  completion(msgId: bigint): Promise<void> {
    return this.completions.get(msgId) ?? Promise.resolve();
  }

  trackCompletion(msgId: bigint, done: Promise<void>): void {
    this.completions.set(msgId, done);
    this.running.add(msgId);
    void done.finally(() => {
      this.running.delete(msgId);
      this.dropped.delete(msgId);
      setTimeout(() => this.completions.delete(msgId), 60_000).unref();
    });
  }

  /** rpc_drop_answer asked that this request's answer not be sent. */
  isDropped(msgId: bigint): boolean {
    return this.dropped.has(msgId);
  }

  send(body: Buffer, kind: 'response' | 'other', contentRelated: boolean): void {
    const seqNo = contentRelated ? this.seq++ * 2 + 1 : this.seq * 2;
    this.outbox.push({ msgId: this.core.clock.next(kind), seqNo, body });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** invokeWithLayer: answers follow this layer from now on, on this session and (persisted) its key. */
  declareLayer(layer: number): void {
    this.layer = layer;
    if (this.record.layer === layer) return;
    this.record.layer = layer;
    this.core.keys.save(this.record).catch((e: Error) => this.core.log(`saving auth keys failed: ${e.message}`));
  }

  /** The layer results are written in: this session's, else the key's, else the current one. */
  effectiveLayer(current: number): number {
    return this.layer ?? this.record.layer ?? current;
  }

  detach(link: Link): void {
    if (this.link !== link) return;
    this.link = null;
    // Keep an idle session a while so a client that reconnects with the same session id isn't told
    // new_session_created again, then forget it.
    this.idleTimer = setTimeout(() => this.core.sessions.delete(this), 5 * 60_000);
    this.idleTimer.unref();
  }

  private attach(link: Link): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.link = link;
  }

  private sendBadMsgNotice(body: Buffer): void {
    this.core.counters.badMsgNotifications++;
    this.send(body, 'response', false);
  }

  private badMsg(message: InMessage, errorCode: number): false {
    this.sendBadMsgNotice(new Api.BadMsgNotification({ badMsgId: big(message.msgId), badMsgSeqno: message.seqNo, errorCode }).getBytes());
    return false;
  }

  /** Client msg_ids are divisible by 4 and within 300 s behind / 30 s ahead of the server clock. */
  private checkMsgId(message: InMessage): boolean {
    if (this.seen.has(message.msgId)) return false; // a duplicate is ignored, as Telegram does
    if (message.msgId % 4n !== 0n) return this.badMsg(message, MSG_ID_BAD_PARITY);
    const skew = msgIdTime(message.msgId) - Date.now() / 1000;
    if (skew < -300) return this.badMsg(message, MSG_ID_TOO_LOW);
    if (skew > 30) return this.badMsg(message, MSG_ID_TOO_HIGH);
    return true;
  }

  /**
   * Containers carry even seq_nos; requests (content-related) carry odd ones. A msgs_ack is let
   * through with either parity, as Telegram does: mtcute (0.30) numbers its acks as
   * content-related (odd) and works against Telegram, and an answer of 34 to an ack makes such a
   * client reset its session on every request, for ever.
   */
  private checkSeqNo(message: InMessage): boolean {
    const odd = (message.seqNo & 1) === 1;
    if (isAck(message.body)) return true;
    if (!isContentRelated(message.body)) return odd ? this.badMsg(message, SEQ_NO_EVEN_EXPECTED) : true;
    if (!odd && this.isFunction(message.body)) return this.badMsg(message, SEQ_NO_ODD_EXPECTED);
    return true;
  }

  private isFunction(body: Buffer): boolean {
    return body.length >= 4 && this.core.isFunctionId(body.readUInt32LE(0));
  }

  private remember(msgId: bigint): void {
    this.seen.add(msgId);
    this.seenOrder.push(msgId);
    if (this.seenOrder.length > MAX_SEEN) this.seen.delete(this.seenOrder.shift()!);
  }

  private dispatch(message: InMessage): void {
    const id = message.body.readUInt32LE(0);
    switch (id) {
      case Api.MsgsAck.CONSTRUCTOR_ID:
      case Api.HttpWait.CONSTRUCTOR_ID:
        return;
      case Api.Ping.CONSTRUCTOR_ID:
      case Api.PingDelayDisconnect.CONSTRUCTOR_ID:
        return this.pong(message);
      case Api.GetFutureSalts.CONSTRUCTOR_ID: {
        const request = this.core.readCurrent(message.body) as Api.GetFutureSalts;
        const salts = futureSalts(this.core.keys.saltSecret, this.record, request.num);
        this.send(futureSaltsBody(message.msgId, salts), 'response', true);
        return;
      }
      case Api.DestroySession.CONSTRUCTOR_ID: {
        const request = this.core.readCurrent(message.body) as Api.DestroySession;
        const target = this.core.sessions.get(this.record.id, Buffer.from(leBytes(request.sessionId)).toString('hex'));
        const answer = target && target !== this ? new Api.DestroySessionOk({ sessionId: request.sessionId }) : new Api.DestroySessionNone({ sessionId: request.sessionId });
        if (target && target !== this) {
          target.link = null;
          this.core.sessions.delete(target);
        }
        this.sendRpcResult(message.msgId, answer.getBytes());
        return;
      }
      case Api.MsgsStateReq.CONSTRUCTOR_ID: {
        const request = this.core.readCurrent(message.body) as Api.MsgsStateReq;
        // 4 = received; 1 = nothing known about the message.
        const info = String.fromCharCode(...request.msgIds.map((m) => (this.seen.has(BigInt(m.toString())) ? 4 : 1)));
        this.send(new Api.MsgsStateInfo({ reqMsgId: big(message.msgId), info }).getBytes(), 'response', false);
        return;
      }
      case Api.RpcDropAnswer.CONSTRUCTOR_ID: {
        // rpc_drop_answer travels in rpc_result: dropped_running while the call still runs (its
        // answer is then never sent), unknown once it has been answered or was never seen.
        const target = BigInt((this.core.readCurrent(message.body) as Api.RpcDropAnswer).reqMsgId.toString());
        const running = this.running.has(target);
        if (running) this.dropped.add(target);
        this.sendRpcResult(message.msgId, (running ? new Api.RpcAnswerDroppedRunning() : new Api.RpcAnswerUnknown()).getBytes());
        return;
      }
      default:
        if (this.link?.countRequest()) this.link.close('dropConnectionAfterRequests');
        this.trackCompletion(message.msgId, runRequest(this, message));
    }
  }

  private pong(message: InMessage): void {
    const request = this.core.readCurrent(message.body) as Api.Ping | Api.PingDelayDisconnect;
    if (request instanceof Api.PingDelayDisconnect) this.link?.armDisconnect(request.disconnectDelay);
    const body = new Api.Pong({ msgId: big(message.msgId), pingId: request.pingId }).getBytes();
    const delay = this.core.controls.latencyMs;
    if (delay > 0) setTimeout(() => this.send(body, 'response', true), delay).unref();
    else this.send(body, 'response', true);
  }

  sendRpcResult(reqMsgId: bigint, result: Buffer): void {
    const { body, gzipped } = rpcResultBody(reqMsgId, result);
    if (gzipped) this.core.counters.gzipSent++;
    this.send(body, 'response', true);
  }

  private flush(): void {
    const started = performance.now();
    try {
      this.flushBatch();
    } finally {
      this.core.counters.busyMs += performance.now() - started;
    }
  }

  private flushBatch(): void {
    this.flushScheduled = false;
    const batch = this.outbox;
    this.outbox = [];
    const link = this.link;
    if (!link || link.closed || batch.length === 0) return;
    const salt = currentSalt(this.core.keys.saltSecret, this.record);
    let group: OutMessage[] = [];
    let size = 0;
    const emit = () => {
      if (group.length === 0) return;
      if (group.length > 1) this.core.counters.containersSent++;
      const message =
        group.length === 1 ? group[0]! : { msgId: this.core.clock.next('other'), seqNo: this.seq * 2, body: containerBody(group) };
      link.sendPayload(encryptForClient(this.record.key, Buffer.from(this.record.id, 'hex'), writeEnvelope(salt, this.id, message)));
      group = [];
      size = 0;
    };
    for (const m of batch) {
      if (size + m.body.length > MAX_CONTAINER_BYTES) emit();
      group.push(m);
      size += m.body.length + 16;
    }
    emit();
  }
}

function leBytes(v: bigInt.BigInteger): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64LE(BigInt(v.toString()));
  return b;
}

/**
 * future_salts#ae500895 req_msg_id:long now:int salts:vector<future_salt> — a bare vector of bare
 * future_salt (valid_since:int valid_until:int salt:long), written by hand because GramJS's
 * generated class boxes them. It travels on its own, not inside rpc_result (service_messages).
 */
function futureSaltsBody(reqMsgId: bigint, salts: { validSince: number; validUntil: number; salt: bigint }[]): Buffer {
  const parts = [uint32(Api.FutureSalts.CONSTRUCTOR_ID), int64(reqMsgId), int32(Math.floor(Date.now() / 1000)), int32(salts.length)];
  for (const s of salts) parts.push(int32(s.validSince), int32(s.validUntil), int64(s.salt));
  return Buffer.concat(parts);
}
