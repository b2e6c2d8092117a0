// Sign-in state that lives only while the sandbox runs, as on Telegram's side: login codes sent,
// 2FA challenges issued, QR login tokens. Nothing here is persisted; a restart asks for a new code.
import { createHash, randomBytes } from 'node:crypto';
import { checkProof, startChallenge, type SrpChallenge, type Verifier } from './srp';

export interface SentCode {
  phone: string;
  code: string;
  expiresAt: number;
  /** A code works once; afterwards its hash answers PHONE_CODE_EXPIRED, as Telegram's does. */
  used: boolean;
}

export interface LoginToken {
  token: Buffer;
  authKeyId: string;
  expiresAt: number;
  acceptedBy?: bigint;
}

export type CodeCheck = 'ok' | 'PHONE_CODE_INVALID' | 'PHONE_CODE_EXPIRED' | 'PHONE_CODE_EMPTY';
export type TokenAccept = { authKeyId: string } | 'AUTH_TOKEN_INVALID' | 'AUTH_TOKEN_EXPIRED' | 'AUTH_TOKEN_ALREADY_ACCEPTED';

const tokenKey = (token: Buffer) => token.toString('base64url');

export class SignInState {
  private readonly codes = new Map<string, SentCode>();
  /** auth key → the account that passed the code (or QR) and still owes its 2FA password. */
  private readonly awaitingPassword = new Map<string, bigint>();
  /** auth key → the latest account.getPassword challenge (only the latest is valid). */
  private readonly challenges = new Map<string, SrpChallenge & { userId: bigint }>();
  private readonly tokens = new Map<string, LoginToken>();

  constructor(private readonly now: () => number) {}

  sendCode(phone: string, code: string, ttlSeconds: number): string {
    // The hash names this code; a fresh hash per send, as Telegram's phone_code_hash.
    const hash = createHash('sha256').update(randomBytes(16)).digest('hex').slice(0, 18);
    this.codes.set(hash, { phone, code, expiresAt: this.now() + ttlSeconds, used: false });
    return hash;
  }

  checkCode(phone: string, hash: string, code: string | undefined): CodeCheck {
    if (!code) return 'PHONE_CODE_EMPTY';
    const sent = this.codes.get(hash);
    if (!sent || sent.phone !== phone || sent.used || sent.expiresAt <= this.now()) return 'PHONE_CODE_EXPIRED';
    if (sent.code !== code) return 'PHONE_CODE_INVALID';
    sent.used = true;
    return 'ok';
  }

  /** Makes every code sent so far expire (test control for PHONE_CODE_EXPIRED). */
  expireCodes(): void {
    for (const sent of this.codes.values()) sent.expiresAt = 0;
  }

  requirePassword(authKeyId: string, userId: bigint): void {
    this.awaitingPassword.set(authKeyId, userId);
  }

  awaitingPasswordFor(authKeyId: string): bigint | undefined {
    return this.awaitingPassword.get(authKeyId);
  }

  challenge(authKeyId: string, userId: bigint, verifier: Buffer): SrpChallenge {
    const challenge = { ...startChallenge(verifier), userId };
    this.challenges.set(authKeyId, challenge);
    return challenge;
  }

  currentChallenge(authKeyId: string): (SrpChallenge & { userId: bigint }) | undefined {
    return this.challenges.get(authKeyId);
  }

  verifyPassword(challenge: SrpChallenge, record: Verifier, A: Buffer, M1: Buffer): boolean {
    // A challenge answers one attempt, right or wrong: a guess needs a new account.getPassword.
    for (const [key, value] of this.challenges) if (value.srpId === challenge.srpId) this.challenges.delete(key);
    return checkProof(challenge, record, A, M1);
  }

  /** After a successful sign-in: nothing pending on this key any more. */
  settle(authKeyId: string): void {
    this.awaitingPassword.delete(authKeyId);
    this.challenges.delete(authKeyId);
    for (const [key, token] of this.tokens) if (token.authKeyId === authKeyId) this.tokens.delete(key);
  }

  issueToken(authKeyId: string, ttlSeconds: number): LoginToken {
    const token: LoginToken = { token: randomBytes(32), authKeyId, expiresAt: this.now() + ttlSeconds };
    this.tokens.set(tokenKey(token.token), token);
    return token;
  }

  /** The token this auth key exported that a phone accepted, if any. */
  acceptedToken(authKeyId: string): LoginToken | undefined {
    for (const token of this.tokens.values()) {
      if (token.authKeyId === authKeyId && token.acceptedBy !== undefined) return token;
    }
    return undefined;
  }

  /** An accepted token by its bytes, whichever key exported it (importLoginToken on another DC). */
  acceptedTokenByBytes(token: Buffer): LoginToken | undefined {
    const entry = this.tokens.get(tokenKey(token));
    return entry?.acceptedBy !== undefined && entry.expiresAt > this.now() ? entry : undefined;
  }

  /** A token that signed a key in works once. */
  consumeToken(token: Buffer): void {
    this.tokens.delete(tokenKey(token));
  }

  /** As if a signed-in phone scanned the QR code: binds the token to `userId`. */
  acceptToken(token: Buffer, userId: bigint): TokenAccept {
    const entry = this.tokens.get(tokenKey(token));
    if (!entry) return 'AUTH_TOKEN_INVALID';
    if (entry.acceptedBy !== undefined) return 'AUTH_TOKEN_ALREADY_ACCEPTED';
    if (entry.expiresAt <= this.now()) return 'AUTH_TOKEN_EXPIRED';
    entry.acceptedBy = userId;
    return { authKeyId: entry.authKeyId };
  }

  /** Tokens not yet accepted, expired or not, newest last: what a QR on screen may still show. */
  issuedTokens(): LoginToken[] {
    return [...this.tokens.values()].filter((t) => t.acceptedBy === undefined);
  }

  /** Tokens not yet accepted, newest last (the CLI and tests accept "the latest QR"). */
  pendingTokens(): LoginToken[] {
    return [...this.tokens.values()].filter((t) => t.acceptedBy === undefined && t.expiresAt > this.now());
  }
}
