// Test helper: a real GramJS client (or the layer-143 one) connected to a running sandbox.
// GramJS ignores the port stored in a session (it dials 80), so the connection class is
// subclassed to dial the sandbox's; the sandbox's RSA key is added to GramJS's trusted keys.
// Trusting is process-global: only ever do it in tests and sandbox-only processes.
import { createHash, createPublicKey } from 'node:crypto';
import bigInt from 'big-integer';
import { Api, TelegramClient } from 'telegram';
import type { AuthKey } from 'telegram/crypto/AuthKey';
import { IGE } from 'telegram/crypto/IGE';
import { _serverKeys } from 'telegram/crypto/RSA';
import { InvalidBufferError } from 'telegram/errors';
import { BinaryReader, PromisedNetSockets } from 'telegram/extensions';
import { Logger, LogLevel } from 'telegram/extensions/Logger';
import { toSignedLittleBuffer } from 'telegram/Helpers';
import { doAuthentication, MTProtoPlainSender, MTProtoSender } from 'telegram/network';
import { Connection, ConnectionTCPAbridged, ConnectionTCPFull, ConnectionTCPObfuscated } from 'telegram/network/connection';
import { PacketCodec } from 'telegram/network/connection/Connection';
import { MTProtoState } from 'telegram/network/MTProtoState';
import { StringSession } from 'telegram/sessions';
import { MessageContainer } from 'telegram/tl/core';
import * as old from 'telegram-143';
import { _serverKeys as _serverKeys143 } from 'telegram-143/crypto/RSA';
import { Logger as Logger143 } from 'telegram-143/extensions/Logger';
import * as oldConnections from 'telegram-143/network/connection';
import { StringSession as StringSession143 } from 'telegram-143/sessions';

/**
 * GramJS 2.26 stops reading a msg_container at the first rpc_error in it, so the answers after it
 * are lost and their requests wait forever. The sandbox packs answers ready together in one
 * container, as Telegram does; after a DC switch GramJS's own getMe (from an event handler) and
 * its initConnection go out together and meet exactly that. The app patches it the same way
 * (electron/telegram/client.ts); the tests' clients get the same patch.
 */
type ContainerHandling = {
  _processMessage(message: unknown): Promise<void>;
  _handleContainer(message: { obj: { messages: unknown[] } }): Promise<void>;
};
(MTProtoSender.prototype as unknown as ContainerHandling)._handleContainer = async function (this: ContainerHandling, message) {
  let first: unknown = null;
  for (const inner of message.obj.messages) {
    try {
      await this._processMessage(inner);
    } catch (error) {
      first ??= error;
    }
  }
  if (first) throw first;
};

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();

export type TransportName = 'full' | 'abridged' | 'intermediate' | 'obfuscated';

export interface SandboxAddress {
  host: string;
  port: number;
  fingerprint: string;
  /** PKCS#1 or SPKI PEM; or give n and e instead. */
  publicKeyPem?: string;
  n?: string | bigint;
  e?: number;
  dcId?: number;
  /** Every DC of the sandbox (sandbox.json's `dcs`): a client moved to another DC dials its port. */
  dcs?: { id: number; host: string; port: number }[];
}

export interface ConnectOptions extends SandboxAddress {
  /** A saved StringSession; empty or absent makes a fresh auth key. */
  session?: string;
  /** Use the telegram@2.10.10 client, which declares layer 143. */
  layer143?: boolean;
  /** GramJS transport (default full, as GramJS uses in Node). */
  transport?: TransportName;
  /** Passed to GramJS (default 1: tests want failures, not endless retries). */
  connectionRetries?: number;
}

/** Adds the sandbox key to both GramJS copies' trusted keys. */
export function trustSandboxKey(address: SandboxAddress): void {
  let n: bigInt.BigInteger;
  let e: number;
  if (address.publicKeyPem) {
    const jwk = createPublicKey(address.publicKeyPem).export({ format: 'jwk' });
    n = bigInt(Buffer.from(jwk.n!, 'base64url').toString('hex'), 16);
    e = Number(bigInt(Buffer.from(jwk.e!, 'base64url').toString('hex'), 16));
  } else if (address.n !== undefined && address.e !== undefined) {
    n = bigInt(address.n.toString());
    e = address.e;
  } else {
    throw new Error('connectClient needs publicKeyPem, or n and e');
  }
  _serverKeys.set(address.fingerprint, { n, e });
  (_serverKeys143 as Map<string, { n: bigInt.BigInteger; e: number }>).set(address.fingerprint, { n, e });
}

type ConnectionClass = typeof ConnectionTCPFull;

/**
 * The port written into the session. GramJS's StringSession stores it as a signed 16-bit number
 * (ports above 32767 throw on save) and dials 80 whatever it says, so the real port lives in the
 * connection class and the session keeps Telegram's usual 443.
 */
const SESSION_PORT = 443;

/**
 * A GramJS connection class that dials host:port whatever the session says; with `dcs`, the
 * address of the DC GramJS asks for (after a migration), and host:port for a DC not listed.
 */
export function connectionTo<T extends ConnectionClass>(Base: T, host: string, port: number, dcs: SandboxAddress['dcs'] = []): T {
  // @ts-expect-error -- a mixin over GramJS's Connection constructor, which takes one options object
  return class extends Base {
    constructor(args: ConstructorParameters<T>[0]) {
      const dc = dcs.find((d) => d.id === (args as { dcId: number }).dcId);
      super({ ...args, ip: dc?.host ?? host, port: dc?.port ?? port });
    }
  };
}

/** A connected TelegramClient (logger silenced, api_id 1, api_hash 'sandbox'). */
export async function connectClient(options: ConnectOptions): Promise<TelegramClient> {
  trustSandboxKey(options);
  const dcId = options.dcId ?? 2;
  const transport = options.transport ?? 'full';
  const retries = options.connectionRetries ?? 1;
  if (options.layer143) {
    if (transport === 'intermediate') throw new Error('the layer-143 client has no intermediate transport here');
    const Base = { full: oldConnections.ConnectionTCPFull, abridged: oldConnections.ConnectionTCPAbridged, obfuscated: oldConnections.ConnectionTCPObfuscated }[transport];
    const session = new StringSession143(options.session ?? '');
    // A saved session keeps its own DC (the account's home, after a migration).
    if (!options.session) session.setDC(dcId, options.host, SESSION_PORT);
    const client = new old.TelegramClient(session, 1, 'sandbox', {
      connection: connectionTo(Base as unknown as ConnectionClass, options.host, options.port, options.dcs) as never,
      connectionRetries: retries,
      baseLogger: new Logger143('none' as never),
    });
    await client.connect();
    // The 2.10 client types differ from 2.26's; callers treat it through the same surface.
    return client as unknown as TelegramClient;
  }
  const Base = { full: ConnectionTCPFull, abridged: ConnectionTCPAbridged, intermediate: ConnectionTCPIntermediate, obfuscated: ConnectionTCPObfuscated }[transport];
  const session = new StringSession(options.session ?? '');
  if (!options.session) session.setDC(dcId, options.host, SESSION_PORT);
  const client = new TelegramClient(session, 1, 'sandbox', {
    connection: connectionTo(Base as ConnectionClass, options.host, options.port, options.dcs),
    connectionRetries: retries,
    baseLogger: new Logger(process.env.GRAMJS_LOG ? (process.env.GRAMJS_LOG as LogLevel) : LogLevel.NONE),
  });
  await client.connect();
  return client;
}

/**
 * GramJS ships no intermediate transport; this codec is the 0xeeeeeeee one (0xdddddddd with
 * random padding when `padded`), on GramJS's own Connection machinery.
 */
function intermediateCodec(padded: boolean) {
  return class extends PacketCodec {
    tag = Buffer.from(padded ? 'dddddddd' : 'eeeeeeee', 'hex');
    override encodePacket(data: Buffer): Buffer {
      const padding = padded ? Buffer.alloc(data.length % 16 === 0 ? 7 : 0, 0x55) : Buffer.alloc(0);
      const head = Buffer.alloc(4);
      head.writeUInt32LE(data.length + padding.length);
      return Buffer.concat([head, data, padding]);
    }
    override async readPacket(reader: PromisedNetSockets): Promise<Buffer> {
      const head = await reader.readExactly(4);
      return reader.readExactly(head.readUInt32LE(0));
    }
  };
}

export class ConnectionTCPIntermediate extends Connection {
  override PacketCodecClass = intermediateCodec(false) as never;
}
/** Padded intermediate: fine for the key exchange (plain messages carry their length). */
export class ConnectionTCPPaddedIntermediate extends Connection {
  override PacketCodecClass = intermediateCodec(true) as never;
}

/** The smallest help.getConfig answer GramJS accepts: TelegramClient.connect() waits for it. */
export function minimalConfig(): Api.Config {
  const now = Math.floor(Date.now() / 1000);
  return new Api.Config({
    date: now,
    expires: now + 3600,
    testMode: true,
    thisDc: 2,
    dcOptions: [new Api.DcOption({ id: 2, ipAddress: '127.0.0.1', port: 443 })],
    dcTxtDomainName: 'sandbox',
    chatSizeMax: 200,
    megagroupSizeMax: 200000,
    forwardedCountMax: 100,
    onlineUpdatePeriodMs: 210000,
    offlineBlurTimeoutMs: 5000,
    offlineIdleTimeoutMs: 30000,
    onlineCloudTimeoutMs: 300000,
    notifyCloudDelayMs: 30000,
    notifyDefaultDelayMs: 1500,
    pushChatPeriodMs: 60000,
    pushChatLimit: 2,
    editTimeLimit: 172800,
    revokeTimeLimit: 2147483647,
    revokePmTimeLimit: 2147483647,
    ratingEDecay: 2419200,
    stickersRecentLimit: 200,
    channelsReadMediaPeriod: 604800,
    callReceiveTimeoutMs: 20000,
    callRingTimeoutMs: 90000,
    callConnectTimeoutMs: 30000,
    callPacketTimeoutMs: 10000,
    meUrlPrefix: 'https://t.me/',
    captionLengthMax: 1024,
    messageLengthMax: 4096,
    webfileDcId: 2,
  });
}

const silent = () => new Logger(LogLevel.NONE);

/** A bare GramJS connection to the sandbox, for tests below the TelegramClient. */
export async function openConnection(address: SandboxAddress, Base: ConnectionClass = ConnectionTCPFull): Promise<Connection> {
  trustSandboxKey(address);
  const connection = new Base({ ip: address.host, port: address.port, dcId: address.dcId ?? 2, loggers: silent(), socket: PromisedNetSockets } as never);
  await connection.connect();
  return connection;
}

/** One key exchange with GramJS's own Authenticator over an open connection. */
export async function exchangeKey(connection: Connection): Promise<{ authKey: AuthKey; timeOffset: number }> {
  return doAuthentication(new MTProtoPlainSender(connection, silent()), silent());
}

export interface RawMessage {
  msgId: bigInt.BigInteger;
  seqNo: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- whatever GramJS read; tests narrow it
  obj: any;
  body: Buffer;
}

/**
 * An MTProto session driven by hand (GramJS's MTProtoState does the encryption): send any
 * message body with any msg_id / seq_no / salt and read every message the server sends back,
 * containers flattened. For checks TelegramClient can't make, like a stale msg_id.
 */
export class RawSession {
  private readonly state: MTProtoState;
  private inbox: RawMessage[] = [];
  private pendingRecv: Promise<Buffer> | null = null;

  private constructor(
    readonly connection: Connection,
    readonly authKey: AuthKey,
    timeOffset: number,
  ) {
    this.state = new MTProtoState(authKey, silent());
    this.state.timeOffset = timeOffset;
  }

  static async open(address: SandboxAddress, key?: AuthKey): Promise<RawSession> {
    const connection = await openConnection(address);
    if (key) return new RawSession(connection, key, 0);
    const { authKey, timeOffset } = await exchangeKey(connection);
    return new RawSession(connection, authKey, timeOffset);
  }

  get sessionId(): bigInt.BigInteger {
    return (this.state as unknown as { id: bigInt.BigInteger }).id;
  }
  get salt(): bigInt.BigInteger {
    return this.state.salt;
  }
  set salt(value: bigInt.BigInteger) {
    this.state.salt = value;
  }
  newMsgId(): bigInt.BigInteger {
    return this.state._getNewMsgId();
  }

  /** Pings until the server names the current salt (a new session starts with salt 0). */
  async learnSalt(): Promise<void> {
    await this.send(new Api.Ping({ pingId: bigInt(1) }).getBytes());
    const first = await this.recvUntil((m) => m.obj instanceof Api.BadServerSalt || m.obj instanceof Api.Pong);
    if (first.match.obj instanceof Api.Pong) return;
    this.salt = first.match.obj.newServerSalt;
    await this.send(new Api.Ping({ pingId: bigInt(2) }).getBytes());
    await this.recvUntil((m) => m.obj instanceof Api.Pong);
  }

  /** Sends one message; msg_id and seq_no default to what GramJS would use. Returns the msg_id. */
  async send(body: Buffer, options: { msgId?: bigInt.BigInteger; seqNo?: number; contentRelated?: boolean } = {}): Promise<bigInt.BigInteger> {
    const msgId = options.msgId ?? this.state._getNewMsgId();
    const seqNo = options.seqNo ?? this.state._getSeqNo(options.contentRelated ?? true);
    const head = Buffer.alloc(8);
    head.writeInt32LE(seqNo, 0);
    head.writeInt32LE(body.length, 4);
    const data = Buffer.concat([toSignedLittleBuffer(msgId, 8), head, body]);
    await this.connection.send(await this.state.encryptMessageData(data));
    return msgId;
  }

  /**
   * The next message from the server, containers flattened. `obj` is what GramJS reads from the
   * body (undefined where GramJS can't, e.g. future_salts); `body` keeps the raw bytes.
   */
  async recv(timeoutMs = 5000): Promise<RawMessage> {
    while (this.inbox.length === 0) {
      // A timed-out wait leaves its recv() pending: reuse it, or its packet would be lost.
      this.pendingRecv ??= this.connection.recv();
      const packet = await withTimeout(this.pendingRecv, timeoutMs, 'no message from the server');
      this.pendingRecv = null;
      if (packet.length < 8) throw new InvalidBufferError(packet);
      const key = this.authKey.getKey()!;
      const msgKey = packet.subarray(8, 24);
      const { key: aesKey, iv } = await this.state._calcKey(key, msgKey, false);
      const plain = Buffer.from(new IGE(aesKey, iv).decryptIge(packet.subarray(24)));
      if (!sha256(Buffer.concat([key.subarray(96, 128), plain])).subarray(8, 24).equals(msgKey)) throw new Error('msg_key mismatch');
      const length = plain.readInt32LE(28);
      await this.collect(bigInt(plain.readBigInt64LE(16).toString()), plain.readInt32LE(24), plain.subarray(32, 32 + length));
    }
    return this.inbox.shift()!;
  }

  private async collect(msgId: bigInt.BigInteger, seqNo: number, body: Buffer): Promise<void> {
    if (body.readUInt32LE(0) === MessageContainer.CONSTRUCTOR_ID) {
      let at = 8;
      for (let i = 0; i < body.readInt32LE(4); i++) {
        const length = body.readInt32LE(at + 12);
        await this.collect(bigInt(body.readBigInt64LE(at).toString()), body.readInt32LE(at + 8), body.subarray(at + 16, at + 16 + length));
        at += 16 + length;
      }
      return;
    }
    let obj: unknown;
    try {
      obj = await new BinaryReader(body).tgReadObject();
    } catch {
      obj = undefined;
    }
    this.inbox.push({ msgId, seqNo, obj, body });
  }

  /** Receives until a message matches, returning it and everything received before it. */
  async recvUntil(match: (m: RawMessage) => boolean, timeoutMs = 5000): Promise<{ match: RawMessage; before: RawMessage[] }> {
    const before: RawMessage[] = [];
    for (;;) {
      const m = await this.recv(timeoutMs);
      if (match(m)) return { match: m, before };
      before.push(m);
    }
  }

  async close(): Promise<void> {
    await this.connection.disconnect();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}
