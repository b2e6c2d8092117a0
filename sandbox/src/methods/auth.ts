// auth.*: sign-in by code, by 2FA password, by QR login token; sign-out.
// Test accounts follow Telegram's test-DC convention: 99966XYYYY, code XXXXX (X = DC id), except
// that the number doesn't say where an account lives (several DCs: see dcs.ts).
import { Api } from 'telegram';
import { RpcFailure, type CallContext } from '../rpc';
import { LOGIN_CODE } from '../world/ids';
import type { LoginToken } from '../world/signIn';
import type { UserRecord } from '../world/types';
import { open, signedIn, type MethodEnv, type MethodTable, type OpenCall } from './env';
import { toBigint } from './inputs';
import { long, userToApi } from './tl';

/** Digits only, 5 to 15 of them (E.164 without '+'); anything else is PHONE_NUMBER_INVALID. */
export function normalisePhone(phone: unknown): string {
  const text = String(phone ?? '').replace(/[\s()+-]/g, '');
  if (!/^\d{5,15}$/.test(text)) throw new RpcFailure(400, 'PHONE_NUMBER_INVALID');
  return text;
}

/** Binds the auth key to the account and answers auth.authorization, unless 2FA still stands between. */
function completeSignIn(ctx: CallContext, env: MethodEnv, user: UserRecord, passwordChecked = false): Api.auth.Authorization {
  if (user.password && !passwordChecked) {
    env.signIn.requirePassword(ctx.authKeyId, user.id);
    throw new RpcFailure(401, 'SESSION_PASSWORD_NEEDED');
  }
  ctx.bindUser(user.id);
  env.world.noteSignIn(user.id, ctx.authKeyId);
  env.signIn.settle(ctx.authKeyId);
  return new Api.auth.Authorization({ user: userToApi(env.world, user.id, user) });
}

/**
 * After a scan: success, or SESSION_PASSWORD_NEEDED for an account with 2FA; for an account
 * homed on another DC, loginTokenMigrateTo (the client imports the token there, with a key of that DC).
 */
function loginTokenOutcome(
  { ctx, env }: OpenCall<unknown>,
  accepted: LoginToken | undefined,
): Api.auth.LoginTokenSuccess | Api.auth.LoginTokenMigrateTo | null {
  if (!accepted) return null;
  const user = env.world.user(accepted.acceptedBy!)!;
  const home = env.dcs.homeOf(env.world, user.id);
  if (home !== ctx.dcId) return new Api.auth.LoginTokenMigrateTo({ dcId: home, token: accepted.token });
  env.signIn.consumeToken(accepted.token);
  return new Api.auth.LoginTokenSuccess({ authorization: completeSignIn(ctx, env, user) });
}

/** Accepting a QR token as a phone would; pushes updateLoginToken to the key that exported it. */
export function acceptLoginToken(env: MethodEnv, token: Buffer, userId: bigint): void {
  const result = env.signIn.acceptToken(token, userId);
  if (typeof result === 'string') throw new RpcFailure(400, result);
  env.pushes.toAuthKey(
    result.authKeyId,
    new Api.UpdateShort({ update: new Api.UpdateLoginToken(), date: env.world.now() }),
  );
}

export const authMethods: MethodTable = {
  'auth.SendCode': open<Api.auth.SendCode>(({ req, ctx, env }) => {
    const phone = normalisePhone(req.phoneNumber);
    env.dcs.checkSendCode(ctx, env.world, env.world.userByPhone(phone)?.id);
    // Telegram sends a code to unregistered numbers too; signIn tells them apart.
    const hash = env.signIn.sendCode(phone, LOGIN_CODE, env.controls.loginCodeTtlSeconds);
    return new Api.auth.SentCode({
      type: new Api.auth.SentCodeTypeApp({ length: LOGIN_CODE.length }),
      phoneCodeHash: hash,
      timeout: env.controls.loginCodeTtlSeconds,
    });
  }),

  'auth.SignIn': open<Api.auth.SignIn>(({ req, ctx, env }) => {
    const phone = normalisePhone(req.phoneNumber);
    const homed = env.world.userByPhone(phone);
    if (homed) env.dcs.checkSignIn(ctx, env.world, homed.id);
    const check = env.signIn.checkCode(phone, req.phoneCodeHash, req.phoneCode);
    if (check !== 'ok') throw new RpcFailure(400, check);
    const user = env.world.userByPhone(phone);
    // Sign-up is not offered: an unknown number stays unoccupied (the pre-layer-104 answer).
    if (!user || user.kind !== 'person') throw new RpcFailure(400, 'PHONE_NUMBER_UNOCCUPIED');
    return completeSignIn(ctx, env, user);
  }),

  'auth.CheckPassword': open<Api.auth.CheckPassword>(({ req, ctx, env }) => {
    const userId = env.signIn.awaitingPasswordFor(ctx.authKeyId) ?? ctx.userId;
    if (userId === null) throw new RpcFailure(401, 'AUTH_KEY_UNREGISTERED');
    const user = env.world.user(userId)!;
    if (!user.password) throw new RpcFailure(400, 'PASSWORD_EMPTY');
    const input = req.password as Api.TypeInputCheckPasswordSRP;
    if (input.className !== 'InputCheckPasswordSRP') throw new RpcFailure(400, 'PASSWORD_HASH_INVALID');
    const challenge = env.signIn.currentChallenge(ctx.authKeyId);
    if (!challenge || challenge.userId !== userId || challenge.srpId !== toBigint(input.srpId)) {
      throw new RpcFailure(400, 'SRP_ID_INVALID');
    }
    const record = {
      salt1: Buffer.from(user.password.salt1, 'hex'),
      salt2: Buffer.from(user.password.salt2, 'hex'),
      verifier: Buffer.from(user.password.verifier, 'hex'),
    };
    if (!env.signIn.verifyPassword(challenge, record, Buffer.from(input.A), Buffer.from(input.M1))) {
      throw new RpcFailure(400, 'PASSWORD_HASH_INVALID');
    }
    return completeSignIn(ctx, env, user, true);
  }),

  'auth.ExportLoginToken': open<Api.auth.ExportLoginToken>((call) => {
    const { ctx, env } = call;
    const success = loginTokenOutcome(call, env.signIn.acceptedToken(ctx.authKeyId));
    if (success) return success;
    const token = env.signIn.issueToken(ctx.authKeyId, env.controls.loginTokenTtlSeconds);
    return new Api.auth.LoginToken({ expires: token.expiresAt, token: token.token });
  }),

  // After loginTokenMigrateTo: the token a phone accepted, imported on the account's home DC
  // (by a key of that DC, not the one that exported it).
  'auth.ImportLoginToken': open<Api.auth.ImportLoginToken>((call) => {
    const success = loginTokenOutcome(call, call.env.signIn.acceptedTokenByBytes(Buffer.from(call.req.token)));
    if (!success) throw new RpcFailure(400, 'AUTH_TOKEN_INVALID');
    return success;
  }),

  // Carrying the account to another DC's key: exported on a DC where this key is signed in ...
  'auth.ExportAuthorization': signedIn<Api.auth.ExportAuthorization>(({ req, ctx, env, me }) => {
    const bytes = env.dcs.exportAuthorization(ctx, me, req.dcId, env.world.now());
    return new Api.auth.ExportedAuthorization({ id: long(me), bytes });
  }),

  // ... and imported once, on that DC, by a key not yet signed in there.
  'auth.ImportAuthorization': open<Api.auth.ImportAuthorization>(({ req, ctx, env }) => {
    const userId = env.dcs.importAuthorization(ctx, toBigint(req.id), Buffer.from(req.bytes), env.world.now());
    const user = env.world.user(userId);
    if (!user) throw new RpcFailure(400, 'AUTH_BYTES_INVALID');
    ctx.bindUser(user.id);
    env.world.noteSignIn(user.id, ctx.authKeyId);
    env.signIn.settle(ctx.authKeyId);
    return new Api.auth.Authorization({ user: userToApi(env.world, user.id, user) });
  }),

  // What a signed-in phone sends after scanning the QR code.
  'auth.AcceptLoginToken': signedIn<Api.auth.AcceptLoginToken>(({ req, env, me }) => {
    acceptLoginToken(env, Buffer.from(req.token), me);
    const now = env.world.now();
    return new Api.Authorization({
      hash: long(BigInt(now)),
      deviceModel: 'Sandbox client',
      platform: 'sandbox',
      systemVersion: 'sandbox',
      apiId: 0,
      appName: 'Sandbox',
      appVersion: '1',
      dateCreated: now,
      dateActive: now,
      ip: '127.0.0.1',
      country: 'Sandbox',
      region: '',
    });
  }),

  'auth.LogOut': signedIn(({ ctx, env }) => {
    ctx.bindUser(null);
    env.world.noteSignOut(ctx.authKeyId);
    env.signIn.settle(ctx.authKeyId);
    return new Api.auth.LoggedOut({});
  }),
};
