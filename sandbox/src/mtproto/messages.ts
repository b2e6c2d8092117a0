// MTProto messages inside an encrypted payload: the envelope (salt, session, msg_id, seq_no),
// msg_container and gzip_packed unpacking, and server msg_id generation.
// https://core.telegram.org/mtproto/description, https://core.telegram.org/mtproto/service_messages
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { ByteReader, int32, int64, serializeBytes, uint32 } from './tlbytes';
import { MAX_PAYLOAD } from './transport';

export const MSG_CONTAINER = 0x73f1f8dc;
export const GZIP_PACKED = 0x3072cfa1;
export const RPC_RESULT = 0xf35c6d01;
export const MSGS_ACK = 0x62d6b459;

export interface Envelope {
  salt: bigint;
  sessionId: Buffer;
  message: InMessage;
}

export interface InMessage {
  msgId: bigint;
  seqNo: number;
  body: Buffer;
}

export class MalformedMessage extends Error {}

/** Splits decrypted plaintext into its envelope. */
export function readEnvelope(plain: Buffer): Envelope {
  const r = new ByteReader(plain);
  const salt = r.int64();
  const sessionId = Buffer.from(r.bytes(8));
  const msgId = r.int64();
  const seqNo = r.int32();
  const length = r.int32();
  return { salt, sessionId, message: { msgId, seqNo, body: r.bytes(length) } };
}

/**
 * Flattens msg_container and gzip_packed into the messages they carry. Containers don't nest
 * (Telegram rejects that too); gzip output is capped so a small bomb can't take the memory.
 */
export function unpack(message: InMessage, seen: { containers: number; gzipped: number }, inContainer = false): InMessage[] {
  const body = message.body;
  if (body.length < 4) throw new MalformedMessage('message shorter than a constructor id');
  const id = body.readUInt32LE(0);
  try {
    if (id === GZIP_PACKED) {
      const packed = new ByteReader(body.subarray(4)).tlBytes();
      const inner = gunzipSync(packed, { maxOutputLength: 4 * MAX_PAYLOAD });
      seen.gzipped++;
      return unpack({ ...message, body: inner }, seen, inContainer);
    }
    if (id === MSG_CONTAINER) {
      if (inContainer) throw new MalformedMessage('nested msg_container');
      seen.containers++;
      const r = new ByteReader(body.subarray(4));
      const count = r.int32();
      if (count < 0 || count > 1024) throw new MalformedMessage(`container of ${count} messages`);
      const out: InMessage[] = [];
      for (let i = 0; i < count; i++) {
        const msgId = r.int64();
        const seqNo = r.int32();
        const length = r.int32();
        out.push(...unpack({ msgId, seqNo, body: r.bytes(length) }, seen, true));
      }
      return out;
    }
  } catch (e) {
    if (e instanceof MalformedMessage) throw e;
    throw new MalformedMessage(`bad ${id === GZIP_PACKED ? 'gzip_packed' : 'msg_container'}: ${(e as Error).message}`);
  }
  return [message];
}

/** Containers and acks aren't content-related; everything else a client sends is. */
export function isContentRelated(body: Buffer): boolean {
  const id = body.length >= 4 ? body.readUInt32LE(0) : 0;
  return id !== MSG_CONTAINER && id !== MSGS_ACK;
}

export function isAck(body: Buffer): boolean {
  return body.length >= 4 && body.readUInt32LE(0) === MSGS_ACK;
}

export interface OutMessage {
  msgId: bigint;
  seqNo: number;
  body: Buffer;
}

/** The plaintext of one server message (before padding and encryption). */
export function writeEnvelope(salt: bigint, sessionId: Buffer, message: OutMessage): Buffer {
  return Buffer.concat([int64(salt), sessionId, int64(message.msgId), int32(message.seqNo), int32(message.body.length), message.body]);
}

export function containerBody(messages: OutMessage[]): Buffer {
  const parts: Buffer[] = [uint32(MSG_CONTAINER), int32(messages.length)];
  for (const m of messages) parts.push(int64(m.msgId), int32(m.seqNo), int32(m.body.length), m.body);
  return Buffer.concat(parts);
}

/**
 * rpc_result, gzip-packing results big enough to gain from it (as Telegram does). At zlib's fastest
 * level: on TL answers it packs within 2% of the default level at a fifth of the time (100,000
 * contacts: 2.92 MB instead of 2.87 MB, 50 ms instead of 235 ms).
 */
export function rpcResultBody(reqMsgId: bigint, result: Buffer): { body: Buffer; gzipped: boolean } {
  if (result.length > 1024) {
    const packed = Buffer.concat([uint32(GZIP_PACKED), serializeBytes(gzipSync(result, { level: constants.Z_BEST_SPEED }))]);
    if (packed.length < result.length) return { body: Buffer.concat([uint32(RPC_RESULT), int64(reqMsgId), packed]), gzipped: true };
  }
  return { body: Buffer.concat([uint32(RPC_RESULT), int64(reqMsgId), result]), gzipped: false };
}

/**
 * Server msg_ids: unixtime << 32 plus a fraction, ≡ 1 mod 4 for responses and 3 for the rest,
 * strictly rising across the whole server (so within every session too).
 */
export class MsgIdClock {
  private last = 0n;
  next(kind: 'response' | 'other'): bigint {
    const now = Date.now();
    const base = (BigInt(Math.floor(now / 1000)) << 32n) | ((BigInt(now % 1000) << 32n) / 1000n);
    const residue = kind === 'response' ? 1n : 3n;
    let id = (base & ~3n) | residue;
    if (id <= this.last) id = (this.last & ~3n) + residue + (((this.last & ~3n) + residue) <= this.last ? 4n : 0n);
    this.last = id;
    return id;
  }
}

/** Unix time a client msg_id claims. */
export function msgIdTime(msgId: bigint): number {
  return Number(msgId >> 32n);
}
