// What every method handler gets: the world, the live sign-in state, the controls, where the
// sandbox listens, and a way to push updates to other sessions.
import type { Api } from 'telegram';
import type { Controls } from '../controls';
import type { CallContext } from '../rpc';
import type { SignInState } from '../world/signIn';
import type { World } from '../world/world';
import type { HourlyQuota } from './rateLimit';
import type { DcTable } from './dcs';
import type { CallActivity } from './callActivity';

export interface Endpoint {
  host: string;
  port: number;
}

type Pusher = Pick<CallContext, 'pushToAuthKey'> & { pushToUser(userId: bigint, updates: Api.TypeUpdates): void };

/**
 * Pushes from outside a request (a QR token accepted, a call ended by a control). The server
 * is attached once it listens; before that nobody is connected, so there is no one to tell.
 */
export class PushHub {
  private target: Pusher | null = null;

  attach(target: Pusher): void {
    this.target = target;
  }

  toAuthKey(authKeyId: string, updates: Api.TypeUpdates): void {
    this.target?.pushToAuthKey(authKeyId, updates);
  }

  toUser(userId: bigint, updates: Api.TypeUpdates): void {
    this.target?.pushToUser(userId, updates);
  }
}

export interface MethodEnv {
  world: World;
  signIn: SignInState;
  controls: Controls;
  /** The data centres, their addresses and where accounts live (dcs.ts). */
  dcs: DcTable;
  pushes: PushHub;
  /** People invited and added per account in the last hour (the strict profile's PEER_FLOOD). */
  quotas: { invites: HourlyQuota; adds: HourlyQuota };
  /** Joins, leaves and scheduled starts that happen on their own (callActivity.ts). */
  activity: CallActivity;
}

export interface OpenCall<Req> {
  req: Req;
  ctx: CallContext;
  env: MethodEnv;
}

export interface SignedInCall<Req> extends OpenCall<Req> {
  /** The signed-in account making the request. */
  me: bigint;
}

export type MethodDef =
  | { signedIn: false; run(call: OpenCall<never>): unknown }
  | { signedIn: true; run(call: SignedInCall<never>): unknown };

/** A method anyone may call, signed in or not (sign-in itself, help.getConfig). */
export function open<Req>(run: (call: OpenCall<Req>) => unknown): MethodDef {
  return { signedIn: false, run: run as (call: OpenCall<never>) => unknown };
}

/** A method that needs a signed-in account (AUTH_KEY_UNREGISTERED otherwise). */
export function signedIn<Req>(run: (call: SignedInCall<Req>) => unknown): MethodDef {
  return { signedIn: true, run: run as (call: SignedInCall<never>) => unknown };
}

/** Request class name (as GramJS spells it, e.g. 'phone.InviteToGroupCall') → handler. */
export type MethodTable = Record<string, MethodDef>;
