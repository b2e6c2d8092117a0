// One TCP connection: transport framing, plain (key exchange) vs encrypted messages, and the
// transport errors. A protocol violation closes this connection only; others keep being served.
// Its first encrypted message with a known key counts it under that key (limits.ts); it is
// closed when idle (a shorter wait before it has a key), and a key exchange past the rate limit
// gets transport error -429 and the close, as Telegram answers a flood of connections.
import type { Socket } from 'node:net';
import type { Core } from './core';
import { decryptFromClient } from './crypto';
import { Handshake, HandshakeError, KeyExchangeLimited } from './handshake';
import { MalformedMessage, readEnvelope } from './messages';
import { Session, type Link } from './session';
import { int32, int64 } from './tlbytes';
import { FrameCodec, TransportError } from './transport';

/** Transport error for an unknown auth_key_id: GramJS then makes a new key. */
const AUTH_KEY_NOT_FOUND = -404;
/** Transport error for too many connections or key exchanges (GramJS reconnects after a second). */
const TRANSPORT_FLOOD = -429;

export class Connection implements Link {
  closed = false;
  private readonly codec = new FrameCodec();
  private readonly handshake: Handshake;
  private plainQueue: Promise<void> = Promise.resolve();
  private requests = 0;
  private disconnectTimer: NodeJS.Timeout | null = null;
  private readonly sessions = new Set<Session>();
  /** The auth key this connection speaks with, once it has sent a message with a known one. */
  private keyId: string | null = null;
  private timeoutMs = 0;

  constructor(
    private readonly core: Core,
    private readonly socket: Socket,
  ) {
    core.counters.connectionsTotal++;
    this.handshake = new Handshake(
      core.serverKey,
      core.dcId,
      async ({ key, initialSalt, expiresIn }) => {
        await core.keys.add(key, initialSalt, expiresIn);
        core.counters.keyExchanges++;
      },
      () => core.mayStartKeyExchange(),
    );
    socket.setNoDelay(true);
    // Node's socket timeout counts silence both ways, so a long answer being written is not idle.
    socket.on('timeout', () => this.onSilence());
    this.armTimeout();
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => this.onClosed());
    socket.on('close', () => this.onClosed());
  }

  get transport(): string | null {
    return this.codec.kind && (this.codec.obfuscated ? `obfuscated ${this.codec.kind}` : this.codec.kind);
  }

  sendPayload(payload: Buffer): void {
    if (this.closed) return;
    this.socket.write(this.codec.encode(payload));
  }

  /** Closes after flushing what was written (e.g. a transport error). */
  close(reason: string): void {
    if (this.closed) return;
    this.core.log(`closing connection: ${reason}`);
    this.closed = true;
    this.socket.end(() => this.socket.destroy());
    this.onClosed();
  }

  /** Drops the connection at once, unread input included (garbage, oversized frames). */
  destroy(reason: string): void {
    if (this.socket.destroyed) return;
    this.core.log(`dropping connection: ${reason}`);
    this.closed = true;
    this.socket.destroy();
    this.onClosed();
  }

  countRequest(): boolean {
    const limit = this.core.controls.dropConnectionAfterRequests;
    return limit !== null && ++this.requests >= limit;
  }

  armDisconnect(seconds: number): void {
    if (this.disconnectTimer) clearTimeout(this.disconnectTimer);
    this.disconnectTimer = setTimeout(() => this.close('ping_delay_disconnect expired'), Math.max(1, seconds) * 1000);
    this.disconnectTimer.unref();
  }

  /** The silence allowed now: the idle limit for its state, shorter while a frame is unfinished. */
  private armTimeout(): void {
    const { idleTimeoutMs, unkeyedIdleTimeoutMs } = this.core.limits;
    let ms = this.keyId ? idleTimeoutMs : unkeyedIdleTimeoutMs;
    if (this.codec.buffered > 0) ms = Math.min(ms, this.core.partialFrameTimeoutMs);
    if (ms === this.timeoutMs) return;
    this.timeoutMs = ms;
    this.socket.setTimeout(ms);
  }

  private onSilence(): void {
    if (this.closed) return;
    // A frame left unfinished this long is a truncated packet, not a slow network.
    if (this.codec.buffered > 0 && this.timeoutMs === this.core.partialFrameTimeoutMs) {
      return this.violation(`truncated frame: ${this.codec.buffered} bytes, then silence`);
    }
    this.core.counters.idleClosed++;
    this.destroy(`idle for ${this.timeoutMs} ms`);
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    let frames: Buffer[];
    try {
      frames = this.codec.push(chunk);
    } catch (e) {
      return this.violation(e instanceof TransportError ? e.message : `transport: ${(e as Error).message}`);
    }
    for (const frame of frames) {
      if (this.closed) return;
      this.onFrame(frame);
    }
    if (!this.closed) this.armTimeout();
  }

  private onFrame(frame: Buffer): void {
    if (frame.length < 8) return this.violation('frame shorter than an auth_key_id');
    if (frame.readBigUInt64LE(0) === 0n) return this.onPlain(frame);
    const started = performance.now();
    try {
      this.onEncrypted(frame);
    } finally {
      this.core.counters.busyMs += performance.now() - started;
    }
  }

  private onEncrypted(frame: Buffer): void {
    const keyId = frame.subarray(0, 8).toString('hex');
    const record = this.core.keys.get(keyId);
    if (!record) {
      this.sendPayload(int32(AUTH_KEY_NOT_FOUND));
      return this.close(`unknown auth key ${keyId}`);
    }
    const plain = decryptFromClient(record.key, frame.subarray(8));
    if (!plain) return this.violation('msg_key or length check failed');
    this.core.keys.touch(record);
    if (this.keyId !== keyId) {
      this.keyId = keyId;
      this.core.admission.keyed(this, keyId);
    }
    try {
      const { salt, sessionId, message } = readEnvelope(plain);
      let session = this.core.sessions.get(keyId, sessionId.toString('hex'));
      if (!session) {
        session = new Session(this.core, record, sessionId);
        this.core.sessions.add(session);
      }
      this.sessions.add(session);
      session.receive(this, salt, message);
    } catch (e) {
      if (!(e instanceof MalformedMessage) && !(e instanceof RangeError)) this.core.log(`unexpected: ${(e as Error).stack}`);
      this.violation(`malformed message: ${(e as Error).message}`);
    }
  }

  /** Unencrypted messages: only the key exchange, one step at a time. */
  private onPlain(frame: Buffer): void {
    if (frame.length < 20 + 4) return this.violation('plain message too short');
    const length = frame.readInt32LE(16);
    if (length < 4 || 20 + length > frame.length) return this.violation('plain message length out of range');
    const body = frame.subarray(20, 20 + length);
    this.plainQueue = this.plainQueue.then(async () => {
      if (this.closed) return;
      try {
        const answer = await this.handshake.handle(body);
        const head = Buffer.concat([Buffer.alloc(8), int64(this.core.clock.next('response')), int32(answer.length)]);
        this.sendPayload(Buffer.concat([head, answer]));
      } catch (e) {
        if (e instanceof KeyExchangeLimited) {
          this.core.counters.keyExchangesRefused++;
          this.sendPayload(int32(TRANSPORT_FLOOD));
          return this.close('key exchange rate limit');
        }
        if (!(e instanceof HandshakeError)) this.core.log(`key exchange failed: ${(e as Error).stack}`);
        this.violation(`key exchange: ${(e as Error).message}`);
      }
    });
  }

  private violation(reason: string): void {
    this.core.counters.protocolErrors++;
    this.destroy(reason);
  }

  private onClosed(): void {
    this.closed = true;
    this.core.admission.removed(this);
    if (this.disconnectTimer) clearTimeout(this.disconnectTimer);
    for (const s of this.sessions) s.detach(this);
    this.sessions.clear();
  }
}
