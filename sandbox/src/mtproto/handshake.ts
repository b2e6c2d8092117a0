// Server half of the auth-key exchange (https://core.telegram.org/mtproto/auth_key):
// req_pq_multi → resPQ, req_DH_params → server_DH_params_ok, set_client_DH_params → dh_gen_ok.
// One Handshake lives on each connection and carries its state between the plain messages.
import { createDiffieHellman, generatePrimeSync, randomBytes, randomInt } from 'node:crypto';
import bigInt from 'big-integer';
import { Api } from 'telegram';
import { BinaryReader } from 'telegram/extensions/BinaryReader';
import { igeDecrypt, igeEncrypt, sha1, sha256 } from './crypto';
import { TELEGRAM_G, TELEGRAM_PRIME } from '../telegramPrime';
import { bigToBytes, bytesToBig, rsaDecryptRaw, type ServerKey } from './rsakey';

const DH_PRIME = TELEGRAM_PRIME;
const DH_G = TELEGRAM_G;
const P = bytesToBig(DH_PRIME);
const SAFETY = 1n << (2048n - 64n);

/**
 * Sizes of pq's factors. Telegram sends two ~31-bit primes as a proof of work; GramJS factors
 * pq in pure JS with Pollard-Brent (about 40 ms for those). The sandbox pairs a 20-bit prime with
 * a 31-bit one: Pollard's rho finds the small factor in about 3 ms, and with factors this far
 * apart GramJS never hits its failure mode (both cycles closing at the same step, which returns
 * p = 1 and made about 1 in 3,000 exchanges fail with two 24-bit factors: measured here).
 */
const P_BITS = 20;
const Q_BITS = 31;

// One DiffieHellman object: creating one checks the prime (about 300 ms); setPrivateKey is cheap.
// Every use is synchronous, so handshakes can't interleave on it.
const dh = createDiffieHellman(DH_PRIME, Buffer.from([DH_G]));

export class HandshakeError extends Error {}
/** req_pq past the key-exchange rate limit: answered with a transport error, not a violation. */
export class KeyExchangeLimited extends Error {}

/**
 * The server's DH exponent: 256 random bits, not 2048. Finding a 256-bit exponent takes about
 * 2^128 steps (Pollard's kangaroo), more than the 2^112 the 2048-bit group itself offers, so the
 * key is as strong (RFC 7919 groups are used the same way), and the two exponentiations of every
 * key exchange cost a sixth: 0.5 ms each instead of 3.2 ms, measured here. Any local process can
 * ask for key exchanges, so they should be cheap. Clients can't tell.
 */
const DH_EXPONENT_BYTES = 32;

export interface NewAuthKey {
  key: Buffer;
  /** substr(new_nonce, 0, 8) XOR substr(server_nonce, 0, 8): the first valid server salt. */
  initialSalt: bigint;
  /** Set for p_q_inner_data_temp(_dc): the key is temporary and expires after this many seconds. */
  expiresIn: number | null;
}

interface Step1 {
  nonce: Buffer;
  serverNonce: Buffer;
  p: bigint;
  q: bigint;
}
interface Step2 extends Step1 {
  newNonce: Buffer;
  privateKey: Buffer;
  tmpKey: Buffer;
  tmpIv: Buffer;
  expiresIn: number | null;
}

type HandshakeRequest = Api.ReqPqMulti | Api.ReqPq | Api.ReqDHParams | Api.SetClientDHParams;

export function isHandshakeRequest(obj: unknown): obj is HandshakeRequest {
  return (
    obj instanceof Api.ReqPqMulti || obj instanceof Api.ReqPq || obj instanceof Api.ReqDHParams || obj instanceof Api.SetClientDHParams
  );
}

// Nonces between GramJS's big-integer fields and little-endian bytes, through native BigInt:
// GramJS's own helpers go through base-2 strings and took a fifth of a key exchange's time.
const int128 = (b: Buffer) => bigInt((BigInt.asIntN(64, b.readBigUInt64LE(8)) * (1n << 64n) + b.readBigUInt64LE(0)).toString());
function le(value: bigInt.BigInteger, bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let v = BigInt.asUintN(bytes * 8, BigInt(value.toString()));
  for (let at = 0; at < bytes; at += 8, v >>= 64n) out.writeBigUInt64LE(BigInt.asUintN(64, v), at);
  return out;
}

export class Handshake {
  private step1: Step1 | null = null;
  private step2: Step2 | null = null;

  constructor(
    private readonly serverKey: ServerKey,
    private readonly dcId: number,
    /** Stores the new key; the client only hears dh_gen_ok once this has resolved. */
    private readonly register: (key: NewAuthKey) => Promise<void>,
    /** Asked at every req_pq: false past the rate limit. */
    private readonly mayStart: () => boolean = () => true,
  ) {}

  /** Answers one plain message body; throws HandshakeError on anything a server would reject. */
  async handle(body: Buffer): Promise<Buffer> {
    let request: unknown;
    try {
      request = new BinaryReader(body).tgReadObject();
    } catch {
      throw new HandshakeError('unreadable plain message');
    }
    if (request instanceof Api.ReqPqMulti || request instanceof Api.ReqPq) return this.reqPq(request);
    if (request instanceof Api.ReqDHParams) return this.reqDhParams(request);
    if (request instanceof Api.SetClientDHParams) return this.setClientDhParams(request);
    throw new HandshakeError('unexpected plain message');
  }

  private reqPq(request: Api.ReqPqMulti | Api.ReqPq): Buffer {
    if (!this.mayStart()) throw new KeyExchangeLimited('key exchange rate limit');
    const [lo, hi] = pickFactors();
    this.step1 = { nonce: le(request.nonce, 16), serverNonce: randomBytes(16), p: lo, q: hi };
    this.step2 = null;
    return new Api.ResPQ({
      nonce: request.nonce,
      serverNonce: int128(this.step1.serverNonce),
      pq: bigToBytes(lo * hi),
      serverPublicKeyFingerprints: [bigInt(this.serverKey.fingerprint)],
    }).getBytes();
  }

  private reqDhParams(request: Api.ReqDHParams): Buffer {
    const s = this.step1;
    if (!s) throw new HandshakeError('req_DH_params before req_pq');
    this.checkNonces(s, request.nonce, request.serverNonce);
    if (bytesToBig(request.p) !== s.p || bytesToBig(request.q) !== s.q) throw new HandshakeError('wrong p, q');
    if (request.publicKeyFingerprint.toString() !== this.serverKey.fingerprint) throw new HandshakeError('unknown fingerprint');
    const decrypted = rsaDecryptRaw(this.serverKey, request.encryptedData);
    if (!decrypted) throw new HandshakeError('RSA decryption failed');
    const inner = readSha1Scheme(decrypted) ?? readRsaPadScheme(decrypted);
    if (!inner) throw new HandshakeError('encrypted_data matches neither padding scheme');

    let expiresIn: number | null = null;
    if (inner instanceof Api.PQInnerDataTempDc || inner instanceof Api.PQInnerDataTemp) expiresIn = inner.expiresIn;
    if ((inner instanceof Api.PQInnerDataDc || inner instanceof Api.PQInnerDataTempDc) && Math.abs(inner.dc) % 10000 !== this.dcId) {
      throw new HandshakeError(`p_q_inner_data for DC ${inner.dc}`);
    }
    this.checkNonces(s, inner.nonce, inner.serverNonce);
    if (bytesToBig(inner.pq) !== s.p * s.q || bytesToBig(inner.p) !== s.p || bytesToBig(inner.q) !== s.q) {
      throw new HandshakeError('inner data disagrees on pq');
    }

    const newNonce = le(inner.newNonce, 32);
    const privateKey = randomBytes(DH_EXPONENT_BYTES);
    dh.setPrivateKey(privateKey);
    const gA = stripZeros(dh.generateKeys());
    const answer = new Api.ServerDHInnerData({
      nonce: request.nonce,
      serverNonce: request.serverNonce,
      g: DH_G,
      dhPrime: DH_PRIME,
      gA,
      serverTime: Math.floor(Date.now() / 1000),
    }).getBytes();
    const { tmpKey, tmpIv } = tmpAes(newNonce, s.serverNonce);
    const plain = padTo16(Buffer.concat([sha1(answer), answer]));
    this.step2 = { ...s, newNonce, privateKey, tmpKey, tmpIv, expiresIn };
    return new Api.ServerDHParamsOk({
      nonce: request.nonce,
      serverNonce: request.serverNonce,
      encryptedAnswer: igeEncrypt(plain, tmpKey, tmpIv),
    }).getBytes();
  }

  private async setClientDhParams(request: Api.SetClientDHParams): Promise<Buffer> {
    const s = this.step2;
    if (!s) throw new HandshakeError('set_client_DH_params before req_DH_params');
    this.checkNonces(s, request.nonce, request.serverNonce);
    if (request.encryptedData.length % 16 !== 0 || request.encryptedData.length < 32) throw new HandshakeError('bad encrypted_data length');
    const plain = igeDecrypt(request.encryptedData, s.tmpKey, s.tmpIv);
    const inner = readHashed(plain.subarray(20), plain.subarray(0, 20));
    if (!(inner instanceof Api.ClientDHInnerData)) throw new HandshakeError('bad client_DH_inner_data');
    this.checkNonces(s, inner.nonce, inner.serverNonce);
    const gB = bytesToBig(inner.gB);
    // Security guidelines: 1 < g_b < p - 1 and 2^(2048-64) <= g_b <= p - 2^(2048-64).
    if (gB < SAFETY || gB > P - SAFETY) throw new HandshakeError('g_b out of range');
    dh.setPrivateKey(s.privateKey);
    // GramJS keeps g_ab as its shortest big-endian form (255 bytes about 1 time in 256): match it.
    const key = stripZeros(dh.computeSecret(inner.gB));
    const auxHash = sha1(key).subarray(0, 8);
    const newNonceHash1 = sha1(s.newNonce, Buffer.from([1]), auxHash).subarray(4, 20);
    const initialSalt = s.newNonce.readBigInt64LE(0) ^ s.serverNonce.readBigInt64LE(0);
    this.step1 = this.step2 = null;
    await this.register({ key, initialSalt, expiresIn: s.expiresIn });
    return new Api.DhGenOk({ nonce: request.nonce, serverNonce: request.serverNonce, newNonceHash1: int128(newNonceHash1) }).getBytes();
  }

  private checkNonces(s: Step1, nonce: bigInt.BigInteger, serverNonce: bigInt.BigInteger): void {
    if (!le(nonce, 16).equals(s.nonce) || !le(serverNonce, 16).equals(s.serverNonce)) throw new HandshakeError('nonce mismatch');
  }
}

/**
 * pq is the client's proof of work, not a secret: once 64 pairs have been found, p and q are drawn
 * from them (4,096 products), which spares the server a prime search (0.6 ms, measured) in every
 * key exchange a local process may ask for.
 */
const FACTOR_POOL = 64;
const factorPool: [bigint, bigint][] = [];

/**
 * p < q, and pq's big-endian bytes start below 0x80: GramJS reads pq as a signed number, so a set
 * top bit would make it negative and its factorization never end (51 bits at most here).
 */
function pickFactors(): [bigint, bigint] {
  if (factorPool.length < FACTOR_POOL) {
    for (;;) {
      const p = generatePrimeSync(P_BITS, { bigint: true });
      const q = generatePrimeSync(Q_BITS, { bigint: true });
      if (p < q && bigToBytes(p * q)[0]! < 0x80) {
        factorPool.push([p, q]);
        return [p, q];
      }
    }
  }
  // Any p of the pool with any q: every p is below 2^20 and every q above 2^30, so p < q still.
  return [factorPool[randomInt(FACTOR_POOL)]![0], factorPool[randomInt(FACTOR_POOL)]![1]];
}

/** Older clients: RSA(sha1(data) + data + random padding to 255 bytes). */
function readSha1Scheme(decrypted: Buffer): Api.TypeP_Q_inner_data | null {
  if (decrypted[0] !== 0) return null;
  const obj = readHashed(decrypted.subarray(21), decrypted.subarray(1, 21));
  return isPQInnerData(obj) ? obj : null;
}

/** Current clients (RSA_PAD): RSA(temp_key_xor + AES-IGE(temp_key, reverse(data_with_padding) + sha256(temp_key + data_with_padding))). */
function readRsaPadScheme(decrypted: Buffer): Api.TypeP_Q_inner_data | null {
  const aesEncrypted = decrypted.subarray(32);
  const tempKey = xor(decrypted.subarray(0, 32), sha256(aesEncrypted));
  const dataWithHash = igeDecrypt(aesEncrypted, tempKey, Buffer.alloc(32));
  const dataWithPadding = Buffer.from(dataWithHash.subarray(0, 192)).reverse();
  if (!sha256(tempKey, dataWithPadding).equals(dataWithHash.subarray(192, 224))) return null;
  const obj = readHashed(dataWithPadding, null);
  return isPQInnerData(obj) ? obj : null;
}

function isPQInnerData(obj: unknown): obj is Api.TypeP_Q_inner_data {
  return obj instanceof Api.PQInnerData || obj instanceof Api.PQInnerDataDc || obj instanceof Api.PQInnerDataTemp || obj instanceof Api.PQInnerDataTempDc;
}

/** Reads one TL object from `data`; with `hash`, checks that sha1 of exactly its bytes is `hash`. */
function readHashed(data: Buffer, hash: Buffer | null): unknown {
  const reader = new BinaryReader(data);
  try {
    const obj = reader.tgReadObject();
    return !hash || sha1(data.subarray(0, reader.tellPosition())).equals(hash) ? obj : null;
  } catch {
    return null;
  }
}

function tmpAes(newNonce: Buffer, serverNonce: Buffer): { tmpKey: Buffer; tmpIv: Buffer } {
  const a = sha1(newNonce, serverNonce);
  const b = sha1(serverNonce, newNonce);
  const c = sha1(newNonce, newNonce);
  return {
    tmpKey: Buffer.concat([a, b.subarray(0, 12)]),
    tmpIv: Buffer.concat([b.subarray(12, 20), c, newNonce.subarray(0, 4)]),
  };
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

function padTo16(data: Buffer): Buffer {
  const rest = (16 - (data.length % 16)) % 16;
  return rest ? Buffer.concat([data, randomBytes(rest)]) : data;
}

function stripZeros(data: Buffer): Buffer {
  let i = 0;
  while (i < data.length - 1 && data[i] === 0) i++;
  return data.subarray(i);
}
