// account.getPassword: the SRP parameters of the account's 2FA password, or "no password".
// Callable between auth.signIn's SESSION_PASSWORD_NEEDED and auth.checkPassword.
import { randomBytes } from 'node:crypto';
import { Api } from 'telegram';
import { RpcFailure } from '../rpc';
import { SRP_G, SRP_P } from '../world/srp';
import { open, type MethodTable } from './env';
import { long } from './tl';

export const accountMethods: MethodTable = {
  'account.GetPassword': open(({ ctx, env }) => {
    const userId = ctx.userId ?? env.signIn.awaitingPasswordFor(ctx.authKeyId);
    if (userId === undefined || userId === null) throw new RpcFailure(401, 'AUTH_KEY_UNREGISTERED');
    const user = env.world.user(userId)!;
    // Parameters for setting a new password; the client appends its own random bytes to salt1.
    const fresh = {
      newAlgo: new Api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow({
        salt1: randomBytes(8),
        salt2: randomBytes(16),
        g: SRP_G,
        p: SRP_P,
      }),
      newSecureAlgo: new Api.SecurePasswordKdfAlgoPBKDF2HMACSHA512iter100000({ salt: randomBytes(8) }),
      secureRandom: randomBytes(32),
    };
    if (!user.password) return new Api.account.Password(fresh);
    const challenge = env.signIn.challenge(ctx.authKeyId, user.id, Buffer.from(user.password.verifier, 'hex'));
    return new Api.account.Password({
      ...fresh,
      hasPassword: true,
      currentAlgo: new Api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow({
        salt1: Buffer.from(user.password.salt1, 'hex'),
        salt2: Buffer.from(user.password.salt2, 'hex'),
        g: SRP_G,
        p: SRP_P,
      }),
      srp_B: challenge.B,
      srpId: long(challenge.srpId),
      hint: user.password.hint,
    });
  }),
};
