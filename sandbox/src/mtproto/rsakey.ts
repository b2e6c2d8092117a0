// The sandbox's own RSA key: generated once per data folder and kept there, so clients that
// trust it (by fingerprint) keep trusting it across restarts. The private key file is 0600.
import { constants, createPrivateKey, createPublicKey, generateKeyPairSync, privateDecrypt, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { privateDir, tightenFile, writeFileAtomic } from './atomic';
import { sha1 } from './crypto';
import { serializeBytes } from './tlbytes';

export interface ServerKey {
  privateKey: KeyObject;
  n: bigint;
  e: bigint;
  /** Signed 64-bit fingerprint as a decimal string: the key of GramJS's `_serverKeys` map. */
  fingerprint: string;
  /** Public key in PKCS#1 PEM ("BEGIN RSA PUBLIC KEY"), as Telegram publishes its own. */
  publicKeyPem: string;
}

const FILE = 'server-rsa-key.pem';

export function loadOrCreateServerKey(dataDir: string): ServerKey {
  privateDir(dataDir);
  const path = join(dataDir, FILE);
  if (!existsSync(path)) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
    writeFileAtomic(path, privateKey.export({ type: 'pkcs1', format: 'pem' }) as string, 0o600);
  }
  tightenFile(path);
  const privateKey = createPrivateKey(readFileSync(path, 'utf8'));
  const jwk = privateKey.export({ format: 'jwk' });
  const n = bigFromBase64Url(jwk.n!);
  const e = bigFromBase64Url(jwk.e!);
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'pkcs1', format: 'pem' }) as string;
  return { privateKey, n, e, fingerprint: fingerprintOf(n, e), publicKeyPem };
}

/** 64 lower-order bits of SHA1(rsa_public_key n:bytes e:bytes), read as a TL long. */
export function fingerprintOf(n: bigint, e: bigint): string {
  const digest = sha1(serializeBytes(bigToBytes(n)), serializeBytes(bigToBytes(e)));
  return digest.readBigInt64LE(12).toString();
}

/** Raw RSA (no padding): the key exchange does its own padding. Null when the input is not < n. */
export function rsaDecryptRaw(key: ServerKey, data: Buffer): Buffer | null {
  if (data.length !== 256) return null;
  try {
    return privateDecrypt({ key: key.privateKey, padding: constants.RSA_NO_PADDING }, data);
  } catch {
    return null;
  }
}

export function bigToBytes(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  return Buffer.from(hex, 'hex');
}

export function bytesToBig(bytes: Buffer): bigint {
  return bytes.length ? BigInt('0x' + bytes.toString('hex')) : 0n;
}

function bigFromBase64Url(text: string): bigint {
  return bytesToBig(Buffer.from(text, 'base64url'));
}
