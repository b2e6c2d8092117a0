// The server half of Telegram's 2FA: SRP-2048 with the KDF of
// passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow
// (https://core.telegram.org/api/srp). The client half is GramJS's computeCheck
// (telegram/Password). The sandbox stores only the verifier v = g^x mod p.
import { createHash, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { TELEGRAM_G, TELEGRAM_PRIME } from '../telegramPrime';

export const SRP_P = TELEGRAM_PRIME;
export const SRP_G = TELEGRAM_G;

const p = toBig(SRP_P);
const g = BigInt(SRP_G);

function sha256(...parts: Buffer[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

function toBig(buf: Buffer): bigint {
  return buf.length === 0 ? 0n : BigInt(`0x${buf.toString('hex')}`);
}

/** Big-endian, left-padded to 256 bytes: the form every SRP hash input takes. */
function pad256(n: bigint): Buffer {
  return Buffer.from(n.toString(16).padStart(512, '0'), 'hex');
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

/** x = PH2(password, salt1, salt2) as the docs define it. Slow on purpose (PBKDF2, 100,000 rounds). */
function passwordHash(password: string, salt1: Buffer, salt2: Buffer): bigint {
  const ph1 = sha256(salt2, sha256(salt1, Buffer.from(password, 'utf8'), salt1), salt2);
  const pbkdf2 = pbkdf2Sync(ph1, salt1, 100_000, 64, 'sha512');
  return toBig(sha256(salt2, pbkdf2, salt2));
}

export interface Verifier {
  salt1: Buffer;
  salt2: Buffer;
  verifier: Buffer;
}

export function makeVerifier(password: string, salt1: Buffer, salt2: Buffer): Verifier {
  const x = passwordHash(password, salt1, salt2);
  return { salt1, salt2, verifier: pad256(modPow(g, x, p)) };
}

/** One account.getPassword answer: the server's ephemeral secret b and public B. */
export interface SrpChallenge {
  srpId: bigint;
  b: bigint;
  B: Buffer;
}

const k = toBig(sha256(SRP_P, pad256(g)));

export function startChallenge(verifier: Buffer): SrpChallenge {
  const v = toBig(verifier);
  // B must be 2048 bits wide enough for GramJS's isGoodModExpFirst; retry the rare short one.
  for (;;) {
    const b = toBig(randomBytes(256)) % p;
    const B = (k * v + modPow(g, b, p)) % p;
    if (B > 0n && B.toString(16).length > 496) {
      return { srpId: randomBytes(8).readBigInt64BE(0), b, B: pad256(B) };
    }
  }
}

/** Checks inputCheckPasswordSRP{A, M1} against a challenge; true only for the right password. */
export function checkProof(
  challenge: SrpChallenge,
  record: Verifier,
  A: Buffer,
  M1: Buffer,
): boolean {
  const a = toBig(A);
  if (a <= 0n || a >= p || M1.length !== 32) return false;
  const v = toBig(record.verifier);
  const aPadded = pad256(a);
  const u = toBig(sha256(aPadded, challenge.B));
  if (u === 0n) return false;
  const S = modPow((a * modPow(v, u, p)) % p, challenge.b, p);
  const K = sha256(pad256(S));
  const hp = sha256(SRP_P);
  const hg = sha256(pad256(g));
  for (let i = 0; i < hp.length; i++) hp[i]! ^= hg[i]!;
  const expected = sha256(hp, sha256(record.salt1), sha256(record.salt2), aPadded, challenge.B, K);
  return timingSafeEqual(expected, M1);
}
