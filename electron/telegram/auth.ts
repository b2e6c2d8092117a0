// Sign-in, one request and one reply per step (not GramJS's callback-driven signInUser), so the
// core's state machine decides what happens between steps. Every failure is an AppError with a
// catalogue code; SESSION_PASSWORD_NEEDED is an outcome here, not an error.
import { Api, errors } from 'telegram';
import { Raw } from 'telegram/events';
import { computeCheck } from 'telegram/Password';
import type { Person } from '../../shared/domain/people';
import { AppError } from '../../shared/ipc/result';
import { buildPerson } from './buildPeople';
import type { TelegramLink } from './client';
import { toAppError } from './errors';

export type DeliveredVia = 'app' | 'sms' | 'call' | 'other';

export type SendCodeOutcome =
  | { kind: 'code'; phoneCodeHash: string; deliveredVia: DeliveredVia; codeLength: number | null }
  | { kind: 'signedIn'; me: Person };

export type SignInOutcome =
  | { kind: 'signedIn'; me: Person }
  | { kind: 'passwordNeeded'; hint: string | null }
  | { kind: 'signUpRequired' };

export type QrOutcome =
  | { kind: 'token'; url: string; expiresAt: number }
  | { kind: 'signedIn'; me: Person }
  | { kind: 'passwordNeeded'; hint: string | null };

const isPasswordNeeded = (error: unknown) =>
  error instanceof errors.RPCError && error.errorMessage === 'SESSION_PASSWORD_NEEDED';

/** Runs one request; GramJS's errors leave as AppError. */
async function request<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toAppError(error);
  }
}

function deliveredVia(type: Api.auth.TypeSentCodeType): { via: DeliveredVia; length: number | null } {
  const length = 'length' in type && typeof type.length === 'number' ? type.length : null;
  if (type instanceof Api.auth.SentCodeTypeApp) return { via: 'app', length };
  if (type instanceof Api.auth.SentCodeTypeSms || type instanceof Api.auth.SentCodeTypeFragmentSms || type instanceof Api.auth.SentCodeTypeFirebaseSms) {
    return { via: 'sms', length };
  }
  if (type instanceof Api.auth.SentCodeTypeCall || type instanceof Api.auth.SentCodeTypeFlashCall || type instanceof Api.auth.SentCodeTypeMissedCall) {
    return { via: 'call', length };
  }
  return { via: 'other', length };
}

/** The account behind an auth.authorization, remembered on the link. */
function signedInAs(link: TelegramLink, authorization: Api.auth.TypeAuthorization): Person {
  if (!(authorization instanceof Api.auth.Authorization) || !(authorization.user instanceof Api.User)) {
    throw new AppError('PHONE_NUMBER_UNOCCUPIED', 'Telegram offered to create an account; Rollcall signs in to existing accounts only.');
  }
  link.cache.rememberUsers([authorization.user]);
  link.selfId = authorization.user.id.toString();
  return { ...buildPerson(authorization.user), kind: 'self' };
}

export async function sendCode({ link, phone }: { link: TelegramLink; phone: string }): Promise<SendCodeOutcome> {
  const sent = await request(() =>
    link.client.invoke(
      new Api.auth.SendCode({
        phoneNumber: phone,
        apiId: link.apiId,
        apiHash: link.apiHash,
        settings: new Api.CodeSettings({}),
      }),
    ),
  );
  if (sent instanceof Api.auth.SentCodeSuccess) return { kind: 'signedIn', me: signedInAs(link, sent.authorization) };
  // A constructor of a newer layer would have no code to type: say so plainly.
  if (!(sent instanceof Api.auth.SentCode)) throw new AppError('TELEGRAM_UNKNOWN', (sent as { className: string }).className);
  const { via, length } = deliveredVia(sent.type);
  return { kind: 'code', phoneCodeHash: sent.phoneCodeHash, deliveredVia: via, codeLength: length };
}

export async function passwordHint({ link }: { link: TelegramLink }): Promise<string | null> {
  const password = await request(() => link.client.invoke(new Api.account.GetPassword()));
  return password.hint ?? null;
}

export async function signIn({
  link,
  phone,
  phoneCodeHash,
  code,
}: {
  link: TelegramLink;
  phone: string;
  phoneCodeHash: string;
  code: string;
}): Promise<SignInOutcome> {
  let authorization: Api.auth.TypeAuthorization;
  try {
    authorization = await link.client.invoke(new Api.auth.SignIn({ phoneNumber: phone, phoneCodeHash, phoneCode: code }));
  } catch (error) {
    if (isPasswordNeeded(error)) return { kind: 'passwordNeeded', hint: await passwordHint({ link }) };
    throw toAppError(error);
  }
  if (authorization instanceof Api.auth.AuthorizationSignUpRequired) return { kind: 'signUpRequired' };
  return { kind: 'signedIn', me: signedInAs(link, authorization) };
}

/** SRP: account.getPassword, computeCheck (the client half), auth.checkPassword. */
export async function checkPassword({ link, password }: { link: TelegramLink; password: string }): Promise<Person> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const params = await link.client.invoke(new Api.account.GetPassword());
      if (!params.hasPassword) throw new AppError('PASSWORD_EMPTY', 'Telegram asked for a password, but this account has none set.');
      const check = await computeCheck(params, password);
      const authorization = await link.client.invoke(new Api.auth.CheckPassword({ password: check }));
      return signedInAs(link, authorization);
    } catch (error) {
      // The SRP challenge changed between the two requests: one fresh try.
      if (attempt === 0 && error instanceof errors.RPCError && error.errorMessage === 'SRP_ID_INVALID') continue;
      throw toAppError(error);
    }
  }
}

async function loginTokenOutcome(link: TelegramLink, token: Api.auth.TypeLoginToken): Promise<QrOutcome> {
  if (token instanceof Api.auth.LoginToken) {
    return {
      kind: 'token',
      url: `tg://login?token=${Buffer.from(token.token).toString('base64url')}`,
      expiresAt: token.expires * 1000,
    };
  }
  if (token instanceof Api.auth.LoginTokenSuccess) return { kind: 'signedIn', me: signedInAs(link, token.authorization) };
  // The account lives in another data centre: move there and import the token (as GramJS's
  // signInUserWithQrCode does; _switchDC is how GramJS itself moves a client).
  await link.client._switchDC(token.dcId);
  const imported = await link.client.invoke(new Api.auth.ImportLoginToken({ token: token.token }));
  return loginTokenOutcome(link, imported);
}

/**
 * auth.exportLoginToken: a fresh QR token, or, once a phone accepted the last one, the
 * authorization (or the 2FA step).
 */
export async function exportLoginToken({ link }: { link: TelegramLink }): Promise<QrOutcome> {
  try {
    const token = await link.client.invoke(
      new Api.auth.ExportLoginToken({ apiId: link.apiId, apiHash: link.apiHash, exceptIds: [] }),
    );
    return await loginTokenOutcome(link, token);
  } catch (error) {
    if (isPasswordNeeded(error)) return { kind: 'passwordNeeded', hint: await passwordHint({ link }) };
    throw toAppError(error);
  }
}

/** Calls `onAccepted` when Telegram pushes updateLoginToken (a phone scanned the QR code). */
export function onLoginTokenAccepted(link: TelegramLink, onAccepted: () => void): () => void {
  const handler = () => onAccepted();
  const builder = new Raw({ types: [Api.UpdateLoginToken] });
  link.client.addEventHandler(handler, builder);
  return () => link.client.removeEventHandler(handler, builder);
}

/** The signed-in account (users.getUsers([self])); AUTH_KEY_UNREGISTERED when the session is gone. */
export async function getSelf({ link }: { link: TelegramLink }): Promise<Person> {
  const [user] = await request(() => link.client.invoke(new Api.users.GetUsers({ id: [new Api.InputUserSelf()] })));
  if (!(user instanceof Api.User)) throw new AppError('AUTH_KEY_UNREGISTERED', 'Telegram did not return the signed-in account.');
  link.cache.rememberUsers([user]);
  link.selfId = user.id.toString();
  return { ...buildPerson(user), kind: 'self' };
}

export async function logOut({ link }: { link: TelegramLink }): Promise<void> {
  await request(() => link.client.invoke(new Api.auth.LogOut()));
}
