// Test helper: a real GramJS client (or the layer-143 one) connected to a running sandbox.
// GramJS ignores the port stored in a session (it dials 80), so the connection class is
// subclassed to dial the sandbox's; the sandbox's RSA key is added to GramJS's trusted keys.
// Trusting is process-global: only ever do it in tests and sandbox-only processes.
import { createPublicKey } from 'node:crypto';
import bigInt from 'big-integer';
import { TelegramClient } from 'telegram';
import { _serverKeys } from 'telegram/crypto/RSA';
import { Logger, LogLevel } from 'telegram/extensions/Logger';
import { ConnectionTCPAbridged, ConnectionTCPFull, ConnectionTCPObfuscated } from 'telegram/network/connection';
import { StringSession } from 'telegram/sessions';
import * as old from 'telegram-143';
import { _serverKeys as _serverKeys143 } from 'telegram-143/crypto/RSA';
import { Logger as Logger143 } from 'telegram-143/extensions/Logger';
import * as oldConnections from 'telegram-143/network/connection';
import { StringSession as StringSession143 } from 'telegram-143/sessions';

export type TransportName = 'full' | 'abridged' | 'obfuscated';

export interface SandboxAddress {
  host: string;
  port: number;
  fingerprint: string;
  /** PKCS#1 or SPKI PEM; or give n and e instead. */
  publicKeyPem?: string;
  n?: string | bigint;
  e?: number;
  dcId?: number;
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

/** A GramJS connection class that dials host:port whatever the session says. */
export function connectionTo<T extends ConnectionClass>(Base: T, host: string, port: number): T {
  // @ts-expect-error -- a mixin over GramJS's Connection constructor, which takes one options object
  return class extends Base {
    constructor(args: ConstructorParameters<T>[0]) {
      super({ ...args, ip: host, port });
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
    const Base = { full: oldConnections.ConnectionTCPFull, abridged: oldConnections.ConnectionTCPAbridged, obfuscated: oldConnections.ConnectionTCPObfuscated }[transport];
    const session = new StringSession143(options.session ?? '');
    session.setDC(dcId, options.host, SESSION_PORT);
    const client = new old.TelegramClient(session, 1, 'sandbox', {
      connection: connectionTo(Base as unknown as ConnectionClass, options.host, options.port) as never,
      connectionRetries: retries,
      baseLogger: new Logger143('none' as never),
    });
    await client.connect();
    // The 2.10 client types differ from 2.26's; callers treat it through the same surface.
    return client as unknown as TelegramClient;
  }
  const Base = { full: ConnectionTCPFull, abridged: ConnectionTCPAbridged, obfuscated: ConnectionTCPObfuscated }[transport];
  const session = new StringSession(options.session ?? '');
  session.setDC(dcId, options.host, SESSION_PORT);
  const client = new TelegramClient(session, 1, 'sandbox', {
    connection: connectionTo(Base as ConnectionClass, options.host, options.port),
    connectionRetries: retries,
    baseLogger: new Logger(process.env.GRAMJS_LOG ? (process.env.GRAMJS_LOG as LogLevel) : LogLevel.NONE),
  });
  await client.connect();
  return client;
}
