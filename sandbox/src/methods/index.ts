// The sandbox's RpcService: one table of methods by request class name, and the rules every
// request passes first: scripted failures (controls.failNext, then controls.failAlways),
// sign-in, rate limits. Every request is counted (stats.ts). The world is saved before the
// answer leaves, so an acknowledged change survives a restart.
import type { Api } from 'telegram';
import type { Controls } from '../controls';
import { methodName, RpcFailure, type CallContext, type RpcService } from '../rpc';

export { methodName };
import { SignInState } from '../world/signIn';
import type { CallRecord } from '../world/types';
import type { World } from '../world/world';
import { accountMethods } from './account';
import { acceptLoginToken, authMethods } from './auth';
import { channelsMethods } from './channels';
import { contactsMethods } from './contacts';
import { DcTable, FIRST_DC } from './dcs';
import { PushHub, type Endpoint, type MethodEnv, type MethodTable } from './env';
import { helpMethods } from './help';
import { messagesMethods } from './messages';
import { CallActivity } from './callActivity';
import { announceCall } from './outgoing';
import { phoneMethods } from './phone';
import { HourlyQuota, RateLimiter } from './rateLimit';
import { StatsCollector, type RequestStats } from './stats';
import { updatesMethods } from './updates';
import { usersMethods } from './users';

const METHODS: MethodTable = {
  ...helpMethods,
  ...authMethods,
  ...accountMethods,
  ...updatesMethods,
  ...usersMethods,
  ...contactsMethods,
  ...messagesMethods,
  ...channelsMethods,
  ...phoneMethods,
};

export const SUPPORTED_METHODS = Object.keys(METHODS).map(methodName).sort();

export interface SandboxRpc extends RpcService {
  readonly env: MethodEnv;
  /** As if a signed-in phone of `userId` scanned the QR code showing `token`. */
  acceptLoginToken(token: Buffer, userId: bigint): void;
  /** Ends a call as its admin would, telling the chat's signed-in members. */
  endCall(callId: bigint): CallRecord;
  /** Starts a call in a chat that has none, telling the chat's signed-in members. */
  startCall(chatId: bigint, title: string, starterId: bigint): CallRecord;
  /** Schedules a call in a chat that has none, telling the chat's signed-in members; it starts at `scheduleDate`. */
  scheduleCall(chatId: bigint, title: string, scheduleDate: number, creatorId: bigint): CallRecord;
  /** Requests received per method and per account, and errors answered (a copy). */
  stats(): RequestStats;
  resetStats(): void;
  /** Stops the timers of joins, leaves and scheduled starts. */
  close(): void;
}

/** `dcs` for several data centres; `endpoint` alone is one DC (the first) at that address. */
export function createRpcService(options: { world: World; controls: Controls; endpoint?: Endpoint; dcs?: DcTable }): SandboxRpc {
  const env = {
    world: options.world,
    controls: options.controls,
    dcs: options.dcs ?? new DcTable([{ id: FIRST_DC, host: options.endpoint?.host ?? '127.0.0.1', port: options.endpoint?.port ?? 0 }]),
    signIn: new SignInState(() => options.world.now()),
    pushes: new PushHub(),
    quotas: { invites: new HourlyQuota(), adds: new HourlyQuota() },
  } as MethodEnv;
  env.activity = new CallActivity(env);
  env.activity.armScheduledStarts();
  const limiter = new RateLimiter();
  const stats = new StatsCollector();

  async function handle(ctx: CallContext, request: Api.AnyRequest): Promise<unknown> {
    const name = methodName(request.className);
    stats.request(name, ctx.userId !== null ? `user:${ctx.userId}` : `key:${ctx.authKeyId}`);
    try {
      return await answer(ctx, request, name);
    } catch (error) {
      if (error instanceof RpcFailure) stats.error(name, error.code, error.errorMessage);
      throw error;
    }
  }

  async function answer(ctx: CallContext, request: Api.AnyRequest, name: string): Promise<unknown> {
    const scripted = env.controls.failNext;
    if (scripted && (!scripted.method || scripted.method === name)) {
      env.controls.failNext = null;
      throw new RpcFailure(scripted.code, scripted.message);
    }
    // An error the app has never seen, on every request of the method until the control is removed.
    const always = env.controls.failAlways.find((f) => !f.method || f.method === name);
    if (always) throw new RpcFailure(always.code, always.message);
    const method = METHODS[request.className];
    // Telegram's own prefix for a method it doesn't serve, with the method's name.
    if (!method) throw new RpcFailure(400, `INPUT_METHOD_INVALID_${name}`);
    let me: bigint | null = ctx.userId;
    if (me !== null && !env.world.user(me)) me = null;
    if (method.signedIn && me === null) {
      if (env.signIn.awaitingPasswordFor(ctx.authKeyId) !== undefined) throw new RpcFailure(401, 'SESSION_PASSWORD_NEEDED');
      throw new RpcFailure(401, 'AUTH_KEY_UNREGISTERED');
    }
    if (me !== null) env.dcs.checkSignedIn(ctx, env.world, name, me);
    const wait = limiter.take(name, me !== null ? `user:${me}` : `key:${ctx.authKeyId}`, env.controls.rateLimits[name]);
    if (wait > 0) throw new RpcFailure(420, `FLOOD_WAIT_${wait}`);
    try {
      const call = { req: request as never, ctx, env, me: me as bigint };
      return await method.run(call);
    } finally {
      env.world.flush();
    }
  }

  return {
    env,
    handle,
    busy: (className, ms) => stats.busy(methodName(className), ms),
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    acceptLoginToken: (token, userId) => acceptLoginToken(env, token, userId),
    endCall(callId) {
      const { call, posted } = env.world.endCall(callId);
      env.world.flush();
      if (posted) announceCall(env, call, posted);
      return call;
    },
    startCall(chatId, title, starterId) {
      const { call, posted } = env.world.startCall(chatId, title, starterId);
      env.world.flush();
      announceCall(env, call, posted);
      return call;
    },
    scheduleCall(chatId, title, scheduleDate, creatorId) {
      const { call, posted } = env.world.scheduleCall(chatId, title, scheduleDate, creatorId);
      env.world.flush();
      announceCall(env, call, posted);
      env.activity.armStart(call);
      return call;
    },
    close: () => env.activity.close(),
  };
}
