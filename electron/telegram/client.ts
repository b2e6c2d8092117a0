// The one place a GramJS client is made. It decides which server keys are trusted (the sandbox's
// only for the sandbox: GramJS's key map is process-global), silences GramJS's console logger
// (it would print session details), and turns off GramJS's silent flood sleeping so the app can
// show every wait itself. The sandbox key is trusted under the fingerprint computed from its PEM,
// never under one a caller names, never if it is one of Telegram's, and never while a client to
// Telegram is open (that client would accept the sandbox key in its next key exchange).
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, createPublicKey } from 'node:crypto';
import { Api, errors, TelegramClient } from 'telegram';
import { _serverKeys } from 'telegram/crypto/RSA';
import { Logger, LogLevel } from 'telegram/extensions/Logger';
import { BinaryReader, PromisedNetSockets } from 'telegram/extensions';
import { readBigIntFromBuffer, returnBigInt } from 'telegram/Helpers';
import { MTProtoSender } from 'telegram/network';
import { ConnectionTCPFull } from 'telegram/network/connection';
import { StringSession } from 'telegram/sessions';
import { serializeBytes } from 'telegram/tl/generationHelpers';
import type { Target } from '../../shared/domain/auth';
import { AppError } from '../../shared/ipc/result';
import { toAppError } from './errors';
import { PeerCache } from './peers';

/** The embedded sandbox: where it listens and the RSA key it signs its half of the key exchange with. */
export interface SandboxEndpoint {
  kind: 'sandbox';
  /** The DC to dial first. */
  host: string;
  port: number;
  dcId: number;
  /** Every DC of the sandbox (sandbox.json's `dcs`): a client that migrates dials the port of its new DC. */
  dcs?: { id: number; host: string; port: number }[];
  fingerprint: string;
  publicKeyPem: string;
}

export interface TelegramEndpoint {
  kind: 'telegram';
  apiId: number;
  apiHash: string;
  /** Tests only: dial this address instead of Telegram's, to prove which keys are trusted. */
  dial?: { host: string; port: number; dcId: number };
}

export type Endpoint = SandboxEndpoint | TelegramEndpoint;

/** A connected client with what belongs to it: its target, its peer cache, its credentials. */
export interface TelegramLink {
  readonly target: Target;
  readonly client: TelegramClient;
  readonly cache: PeerCache;
  readonly apiId: number;
  readonly apiHash: string;
  /** The signed-in account, once sign-in completes. */
  selfId: string | null;
  /** Called after the client moved to another DC (its session string changed: save it again). */
  onDcChanged: (() => void) | null;
}

/**
 * GramJS 2.26 stops reading a msg_container at the first rpc_error in it (its RPC handler
 * throws after rejecting that request), so every other answer in the container is dropped and
 * those requests wait forever. Servers do pack several answers in one container. Process every
 * inner message, then rethrow the first error so GramJS's receive loop still sees it.
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

/**
 * GramJS reads every 64-bit field (ids, access hashes) through a hex string and big-integer's
 * base parsing, into big-integer's slow non-native representation: reading a page of 200 users
 * spent most of its time there and in later toString() calls. The same values, read natively.
 */
BinaryReader.prototype.readLargeInt = function (this: BinaryReader, bits: number, signed = true) {
  const bytes = this.read(Math.floor(bits / 8));
  if (bytes.length === 8) return returnBigInt(signed ? bytes.readBigInt64LE(0) : bytes.readBigUInt64LE(0));
  let value = BigInt(`0x${Buffer.from(bytes).reverse().toString('hex') || '0'}`);
  if (signed && bytes.length > 0 && (bytes[bytes.length - 1]! & 0x80) !== 0) value -= 1n << BigInt(bytes.length * 8);
  return returnBigInt(value);
};

/** The sandbox accepts any credentials; these only fill the fields. */
const SANDBOX_API_ID = 1;
const SANDBOX_API_HASH = '0'.repeat(32);

/** Telegram's own production keys, as GramJS ships them. Nothing else is trusted for real Telegram. */
const TELEGRAM_FINGERPRINTS = new Set(['-3414540481677951611', '-5595554452916591101']);
const TELEGRAM_KEYS = new Map([..._serverKeys].filter(([fingerprint]) => TELEGRAM_FINGERPRINTS.has(fingerprint)));

/** Links opened and not yet closed: the sandbox key is never trusted while one goes to Telegram. */
const openLinks = new Set<TelegramLink>();

function publicNumbers(pem: string): { n: Buffer; e: Buffer } {
  const jwk = createPublicKey(pem).export({ format: 'jwk' });
  if (jwk.kty !== 'RSA' || !jwk.n || !jwk.e) throw new AppError('SANDBOX_FAILED', 'The sandbox’s public key is not an RSA key.');
  return { n: Buffer.from(jwk.n, 'base64url'), e: Buffer.from(jwk.e, 'base64url') };
}

/**
 * MTProto's key fingerprint: the lower 64 bits of SHA1(n:bytes e:bytes) (TL-serialized, big-endian
 * numbers), read as a signed little-endian long, in decimal as GramJS's `_serverKeys` keys it.
 */
export function fingerprintOfPem(pem: string): string {
  const { n, e } = publicNumbers(pem);
  const digest = createHash('sha1').update(serializeBytes(n)).update(serializeBytes(e)).digest();
  return digest.readBigInt64LE(12).toString();
}

function trustKeysFor(endpoint: Endpoint): void {
  let sandboxKey: { fingerprint: string; n: ReturnType<typeof readBigIntFromBuffer>; e: number } | null = null;
  if (endpoint.kind === 'sandbox') {
    const fingerprint = fingerprintOfPem(endpoint.publicKeyPem);
    if (fingerprint !== endpoint.fingerprint) {
      throw new AppError('SANDBOX_FAILED', `The sandbox’s key has fingerprint ${fingerprint}, not ${endpoint.fingerprint}: refusing to trust it.`);
    }
    if (TELEGRAM_FINGERPRINTS.has(fingerprint)) {
      throw new AppError('SANDBOX_FAILED', 'The sandbox offered one of Telegram’s own keys: refusing to trust it for the sandbox.');
    }
    if ([...openLinks].some((link) => link.target !== 'sandbox')) {
      throw new AppError('INTERNAL', 'A client to Telegram is open: the sandbox’s key can’t be trusted until it is closed.');
    }
    const { n, e } = publicNumbers(endpoint.publicKeyPem);
    sandboxKey = { fingerprint, n: readBigIntFromBuffer(n, false, false), e: Number(readBigIntFromBuffer(e, false, false)) };
  }
  _serverKeys.clear();
  for (const [fingerprint, key] of TELEGRAM_KEYS) _serverKeys.set(fingerprint, key);
  if (sandboxKey) _serverKeys.set(sandboxKey.fingerprint, { n: sandboxKey.n, e: sandboxKey.e });
}

/** Fingerprints GramJS trusts right now (tests check the sandbox's is gone for real Telegram). */
export function trustedFingerprints(): string[] {
  return [..._serverKeys.keys()];
}

/**
 * GramJS leaves Nagle's algorithm on: a small request written while an earlier small packet
 * (an ack) is unacknowledged waits for the peer's delayed ACK, about 40 ms per request. MTProto
 * packets are whole messages, so send them at once.
 */
class ConnectionNoDelay extends ConnectionTCPFull {
  override async _connect(): Promise<void> {
    await super._connect();
    (this.socket as unknown as { client?: { setNoDelay?(on: boolean): void } }).client?.setNoDelay?.(true);
  }
}

/**
 * GramJS's socket reads a packet by joining what it has read so far with each piece that arrives,
 * copying the packet again for every piece: a 3 MB reply (100,000 contacts) arrives in about 45
 * pieces of 64 KB and was copied 45 times, up to 3 MB each (measured: 85 ms of copying before
 * decryption could start). This one keeps the pieces and joins them once.
 */
export class PiecewiseNetSocket extends PromisedNetSockets {
  override async readExactly(length: number): Promise<Buffer> {
    // GramJS's own answer to a length that isn't positive (a malformed packet) is kept as it is.
    if (!(length > 0)) return super.readExactly(length);
    const pieces: Buffer[] = [];
    for (let left = length; left > 0; ) {
      const piece = await this.read(left);
      pieces.push(piece);
      left -= piece.length;
    }
    return pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, length);
  }
}

/**
 * GramJS dials the port of its own choosing (80/443); this connection dials the given address,
 * or, for a DC in `dcs`, that DC's (GramJS names the DC it wants when it migrates).
 */
function connectionTo(host: string, port: number, dcs: SandboxEndpoint['dcs'] = []): typeof ConnectionTCPFull {
  return class extends ConnectionNoDelay {
    constructor(args: ConstructorParameters<typeof ConnectionTCPFull>[0]) {
      const dc = dcs.find((d) => d.id === args.dcId);
      super({ ...args, ip: dc?.host ?? host, port: dc?.port ?? port });
    }
  };
}

type RequestState = { request: { className?: string }; reject?(error: unknown): void };
/** The parts of GramJS's MTProtoSender used here (its queues are private in the typings). */
type OldSender = {
  send(request: Api.AnyRequest): Promise<unknown>;
  _pendingState: { values(): Iterable<RequestState>; clear(): void };
  _sendQueue: { _pendingStates: RequestState[] };
};
/** Service messages GramJS sends on its own: never handed back to invoke(). */
const SERVICE_REQUESTS = new Set(['MsgsAck', 'Ping', 'PingDelayDisconnect']);

/**
 * GramJS answers USER_MIGRATE_X (and the sign-in migrations) inside invoke() with _switchDC: a new
 * auth key on DC X, then the same request again. For a signed-in account that new key is signed
 * out, so the retried request would fail with AUTH_KEY_UNREGISTERED. Here a signed-in client first
 * exports its authorization on the DC it leaves and imports it on the new one (auth.export/
 * importAuthorization, as Telegram documents for moving between DCs), so the request GramJS
 * retries succeeds there and the caller never sees the migration. The old DC did nothing for a
 * request it answered with USER_MIGRATE, so the retry sends nobody anything twice. Migrations
 * that arrive together make one switch; a request still waiting on the old connection when it
 * closes is handed back to invoke() as a USER_MIGRATE to the new DC, which retries it there. A
 * request that starts while the switch is under way waits for it: sent between the new DC's key
 * and the import it would meet AUTH_KEY_UNREGISTERED, which reads as a lost session.
 */
function carryAuthorizationAcrossDcs(link: TelegramLink, restored: boolean): void {
  const client = link.client;
  const plainSwitch = client._switchDC.bind(client);
  let switching: { dcId: number; done: Promise<void> } | null = null;
  // The switch's own requests (GramJS's help.getConfig for the DC table, the import) run inside
  // `ownRequests` and go straight through; everyone else's wait for the switch to finish.
  const ownRequests = new AsyncLocalStorage<true>();
  const plainInvoke = client.invoke.bind(client) as (request: Api.AnyRequest, ...rest: unknown[]) => Promise<unknown>;
  client.invoke = (async (request: Api.AnyRequest, ...rest: unknown[]) => {
    while (switching && !ownRequests.getStore()) await switching.done.catch(() => {});
    return plainInvoke(request, ...rest);
  }) as typeof client.invoke;
  client._switchDC = async (dcId: number) => {
    if (switching) {
      await switching.done;
      return true;
    }
    // GramJS's connect() reloads a StringSession from the string it was made from, key and all:
    // after a switch that would put the old DC's key on the new DC (-404, then a hang). The key
    // is in use already, so the string's copy can go.
    (client.session as unknown as { _key?: Buffer })._key = undefined;
    // Signing in: a fresh key on the new DC is what GramJS's sign-in expects.
    if (link.selfId === null && !restored) return plainSwitch(dcId);
    if (client.session.dcId === dcId) return true;
    const done = ownRequests.run(true, async () => {
      const old = client._sender as unknown as OldSender;
      // A saved session may be signed out by now: then this is a plain switch after all.
      const exported = (await old.send(new Api.auth.ExportAuthorization({ dcId })).catch(() => null)) as Api.auth.ExportedAuthorization | null;
      await plainSwitch(dcId);
      if (!exported) return;
      await client.invoke(new Api.auth.ImportAuthorization({ id: exported.id, bytes: exported.bytes }));
      const stranded = [...old._pendingState.values(), ...old._sendQueue._pendingStates];
      old._pendingState.clear();
      old._sendQueue._pendingStates.length = 0;
      for (const state of stranded) {
        if (SERVICE_REQUESTS.has(state.request?.className ?? '')) continue;
        state.reject?.(new errors.UserMigrateError({ request: state.request as Api.AnyRequest, capture: dcId }));
      }
      link.onDcChanged?.();
    });
    switching = { dcId, done };
    try {
      await done;
    } finally {
      switching = null;
    }
    return true;
  };
}

/**
 * GramJS copies every user and chat of every reply into its session's entity list and its entity
 * cache, for getEntity()/getInputEntity() by id. Rollcall never asks GramJS for an entity (its own
 * PeerCache keeps what it addresses, request.ts), so the copies are pure cost: 0.4–0.7 s of the
 * core's thread for a 100,000-contact reply, measured here, and the memory to hold them.
 */
function forgoGramJsEntityCopies(client: TelegramClient): void {
  (client.session as unknown as { processEntities(tlo: unknown): void }).processEntities = () => {};
  (client as unknown as { _entityCache: { add(entities: unknown): void } })._entityCache.add = () => {};
}

export interface OpenLinkOptions {
  endpoint: Endpoint;
  /** A saved GramJS StringSession, or '' for a fresh auth key. */
  session: string;
  appVersion: string;
}

export async function openLink({ endpoint, session, appVersion }: OpenLinkOptions): Promise<TelegramLink> {
  trustKeysFor(endpoint);
  const stringSession = new StringSession(session);
  const dial = endpoint.kind === 'sandbox' ? endpoint : endpoint.dial;
  if (dial && !session) {
    // StringSession stores the port as a signed 16-bit number, so never the sandbox's real
    // (often ephemeral, > 32767) port: the connection class dials that one anyway. A saved
    // session keeps its own DC: the account's home, where its key is.
    stringSession.setDC(dial.dcId, dial.host, 443);
  }
  const apiId = endpoint.kind === 'sandbox' ? SANDBOX_API_ID : endpoint.apiId;
  const apiHash = endpoint.kind === 'sandbox' ? SANDBOX_API_HASH : endpoint.apiHash;
  const client = new TelegramClient(stringSession, apiId, apiHash, {
    connection: dial ? connectionTo(dial.host, dial.port, endpoint.kind === 'sandbox' ? endpoint.dcs : undefined) : ConnectionNoDelay,
    networkSocket: PiecewiseNetSocket,
    connectionRetries: 2,
    retryDelay: 500,
    requestRetries: 3,
    floodSleepThreshold: 0,
    baseLogger: new Logger(LogLevel.NONE),
    deviceModel: 'Rollcall',
    systemVersion: `${process.platform} ${process.arch}`,
    appVersion,
    langCode: 'en',
    systemLangCode: 'en',
  });
  forgoGramJsEntityCopies(client);
  let lastError: unknown = null;
  client.onError = async (error) => {
    lastError = error;
  };
  const connected = await client.connect().catch((error: unknown) => {
    lastError = error;
    return false;
  });
  if (!connected) {
    await client.destroy().catch(() => {});
    const cause = lastError ? toAppError(lastError) : null;
    const where = endpoint.kind === 'sandbox' ? 'the sandbox' : 'Telegram';
    throw new AppError('NETWORK_UNREACHABLE', `Could not connect to ${where}${cause ? `: ${cause.message}` : '.'}`.slice(0, 300));
  }
  const link: TelegramLink = { target: endpoint.kind, client, cache: new PeerCache(), apiId, apiHash, selfId: null, onDcChanged: null };
  // A saved session is signed in (its first request, the account check, may meet the migration).
  carryAuthorizationAcrossDcs(link, session !== '');
  openLinks.add(link);
  return link;
}

/** The session string to store (encrypted) so the next start needs no sign-in. */
export function sessionString(link: TelegramLink): string {
  return (link.client.session as StringSession).save();
}

export function isConnected(link: TelegramLink): boolean {
  return Boolean(link.client.connected);
}

export async function closeLink(link: TelegramLink): Promise<void> {
  link.cache.clear();
  await link.client.destroy().catch(() => {});
  openLinks.delete(link);
}
