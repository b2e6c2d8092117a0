// One RPC request, from its bytes to its rpc_result: read it in either schema, unwrap
// invokeWithLayer / initConnection / invokeWithoutUpdates / invokeAfterMsg(s), hand the bare
// request to the world, and write the answer in the schema of the caller's layer.
import { setTimeout as sleep } from 'node:timers/promises';
import { Api } from 'telegram';
import { BinaryReader } from 'telegram/extensions/BinaryReader';
import { methodName, RpcFailure } from '../rpc';
import { SessionContext } from './context';
import { CURRENT_LAYER, convertTo, currentSchema, loadedOldSchema, loadOldSchema, newestSchema, schemaForLayer, serializeResult, type ArgConfig } from './layers';
import type { InMessage } from './messages';
import type { Session } from './session';

type Request = Api.AnyRequest & { className: string; classType?: string };

export async function runRequest(session: Session, message: InMessage): Promise<void> {
  const core = session.core;
  // latencyMs is counted from the request's arrival, per request: the world's work happens inside
  // that delay, so requests in flight together are answered together, as a server that works on
  // them in parallel would, rather than each one's delay starting after the others' work.
  const arrived = performance.now();
  let answer: Buffer;
  let request: Request | null = null;
  try {
    await requireSchemaOf(session, message.body);
    request = await unwrap(session, readRequest(message.body));
    const ctx = new SessionContext(session);
    // The world's work is done by the time handle() first yields: count that, not the wait after.
    let started = performance.now();
    const handled = core.rpc.handle(ctx, request);
    const handling = performance.now() - started;
    core.counters.busyMs += handling;
    const result = await handled;
    started = performance.now();
    try {
      answer = encodeResult(request, result, session.effectiveLayer(CURRENT_LAYER));
    } finally {
      const encoding = performance.now() - started;
      core.counters.busyMs += encoding;
      core.rpc.busy?.(request.className, handling + encoding);
    }
    if (ctx.pendingWrite) await ctx.pendingWrite;
  } catch (e) {
    answer = errorAnswer(session, e);
  }
  // Carried out (or refused); the answer waits while the test holds it (controls.holds).
  const held = request && core.controls.holds.gate(request.className, request);
  if (held) {
    const outcome = await held;
    if (outcome.kind === 'drop') return;
    if (outcome.kind === 'error') answer = new Api.RpcError({ errorCode: outcome.code, errorMessage: outcome.message }).getBytes();
  }
  const wait = core.controls.latencyMs - (performance.now() - arrived);
  if (wait > 0) await sleep(Math.ceil(wait));
  core.counters.requestsServed++;
  if (session.isDropped(message.msgId)) return;
  const started = performance.now();
  session.sendRpcResult(message.msgId, answer); // gzip_packed and encrypted here
  const sending = performance.now() - started;
  core.counters.busyMs += sending;
  if (request) core.rpc.busy?.(request.className, sending);
}

/**
 * An older client (a layer below the current one, declared by this request's invokeWithLayer or
 * earlier on its session or key) needs the layer-143 schema, loaded now if it isn't yet. Where
 * `telegram-143` isn't installed (the packaged app) the client gets 400 CONNECTION_LAYER_INVALID,
 * Telegram's error for a layer it doesn't serve, and every other client carries on.
 */
async function requireSchemaOf(session: Session, body: Buffer): Promise<void> {
  const declared = body.length >= 8 && body.readUInt32LE(0) === Api.InvokeWithLayer.CONSTRUCTOR_ID ? body.readInt32LE(4) : null;
  // Declared even when refused: the session's later, unwrapped requests are refused the same way.
  if (declared !== null) session.declareLayer(declared);
  const layer = declared ?? session.effectiveLayer(CURRENT_LAYER);
  if (layer >= CURRENT_LAYER || loadedOldSchema()) return;
  if (!(await loadOldSchema((line) => session.core.log(line)))) throw new RpcFailure(400, 'CONNECTION_LAYER_INVALID');
}

/**
 * Reads a request with the current schema, else with the newest (layer 227), else with the
 * layer-143 one when it is loaded (rebuilt as current classes). When neither can: a method id neither schema knows gets 400
 * INPUT_METHOD_INVALID_<constructor id, unsigned decimal>, the shape Telegram's servers use, which
 * names the one thing known about the method; a known method with unreadable arguments gets
 * 400 INPUT_FETCH_ERROR, Telegram's error for a TL deserialization failure.
 */
export function readRequest(body: Buffer): Request {
  let request: unknown;
  let newestOnly: string | null = null;
  try {
    request = currentSchema().read(body);
  } catch {
    for (const other of [newestSchema, loadedOldSchema]) {
      let read: unknown;
      try {
        const schema = other();
        if (!schema) continue;
        read = schema.read(body);
        request = convertTo(currentSchema(), read);
        break;
      } catch {
        request = undefined;
        if (other === newestSchema && read !== undefined) newestOnly = innermostMethod(read);
      }
    }
  }
  // A method of layer 227 that layer 198 lacks: the world can't serve it, and says so by name.
  if (request === undefined && newestOnly) throw new RpcFailure(400, `INPUT_METHOD_INVALID_${newestOnly}`);
  if (request === undefined) {
    const methodId = methodIdOf(body);
    if (methodId !== null && !isKnownFunction(methodId)) throw new RpcFailure(400, `INPUT_METHOD_INVALID_${methodId}`);
    throw new RpcFailure(400, 'INPUT_FETCH_ERROR');
  }
  const r = request as Request;
  if (r?.classType !== 'request') throw new RpcFailure(400, `INPUT_METHOD_INVALID_${body.readUInt32LE(0)}`);
  return r;
}

async function unwrap(session: Session, request: Request): Promise<Request> {
  let r: Request = request;
  for (;;) {
    if (r instanceof Api.InvokeWithLayer) {
      session.declareLayer(r.layer);
      r = r.query as Request;
    } else if (r instanceof Api.InitConnection) {
      session.client = { apiId: r.apiId, deviceModel: r.deviceModel, appVersion: r.appVersion, langCode: r.langCode };
      r = r.query as Request;
    } else if (r instanceof Api.InvokeWithoutUpdates || r instanceof Api.InvokeWithTakeout || r instanceof Api.InvokeWithMessagesRange) {
      r = r.query as Request;
    } else if (r instanceof Api.InvokeAfterMsg) {
      await session.completion(BigInt(r.msgId.toString()));
      r = r.query as Request;
    } else if (r instanceof Api.InvokeAfterMsgs) {
      await Promise.all(r.msgIds.map((id) => session.completion(BigInt(id.toString()))));
      r = r.query as Request;
    } else {
      return r;
    }
  }
}

function encodeResult(request: Request, result: unknown, layer: number): Buffer {
  const schema = schemaForLayer(layer);
  const value = schema.layer === CURRENT_LAYER ? result : convertTo(schema, result);
  const def = schema.definition(request.className) ?? currentSchema().definition(request.className);
  if (!def) throw new TypeError(`no result type for ${request.className}`);
  return serializeResult(value, def.result);
}

function errorAnswer(session: Session, e: unknown): Buffer {
  if (e instanceof RpcFailure) return new Api.RpcError({ errorCode: e.code, errorMessage: e.errorMessage }).getBytes();
  session.core.log(`internal error: ${(e as Error)?.stack ?? String(e)}`);
  return new Api.RpcError({ errorCode: 500, errorMessage: 'INTERNAL_SERVER_ERROR' }).getBytes();
}

/** 'account.GetPasskeys' inside any wrappers → 'account.getPasskeys' (null: not a request). */
function innermostMethod(read: unknown): string | null {
  let r = read as { className?: string; classType?: string; query?: unknown } | undefined;
  for (let depth = 0; depth < 8 && r?.query !== undefined; depth++) r = r.query as typeof r;
  if (r?.classType !== 'request' || !r.className) return null;
  return methodName(r.className);
}

function isKnownFunction(id: number): boolean {
  return !!(currentSchema().definitionById(id)?.isFunction || loadedOldSchema()?.definitionById(id)?.isFunction);
}

/** The constructor id of the method inside any invokeWithLayer/initConnection/… wrappers. */
function methodIdOf(body: Buffer): number | null {
  const schema = currentSchema();
  const reader = new BinaryReader(body);
  try {
    for (let depth = 0; depth < 8; depth++) {
      const id = reader.readInt(false);
      const def = schema.definitionById(id);
      if (!def?.isFunction || def.argsConfig.query?.type !== 'X') return id;
      skipToQuery(reader, def.argsConfig);
    }
  } catch {
    return null;
  }
  return null;
}

/** Skips a wrapper's arguments up to its `query`, following flags. */
function skipToQuery(reader: BinaryReader, args: Record<string, ArgConfig>): void {
  const flags: Record<string, number> = {};
  for (const [name, arg] of Object.entries(args)) {
    if (name === 'query') return;
    if (arg.flagIndicator) {
      flags[name] = reader.readInt(false);
      continue;
    }
    if (arg.isFlag && !((flags[arg.flagName ?? ''] ?? 0) & (1 << arg.flagIndex))) continue;
    if (arg.type === 'true') continue;
    if (arg.isVector) {
      if (arg.useVectorId) reader.readInt(false);
      const count = reader.readInt();
      for (let i = 0; i < count; i++) skipValue(reader, arg.type);
    } else {
      skipValue(reader, arg.type);
    }
  }
}

function skipValue(reader: BinaryReader, type: string | null): void {
  switch (type) {
    case 'int':
    case 'date':
    case 'Bool':
      reader.read(4);
      return;
    case 'long':
    case 'double':
      reader.read(8);
      return;
    case 'int128':
      reader.read(16);
      return;
    case 'int256':
      reader.read(32);
      return;
    case 'string':
    case 'bytes':
      reader.tgReadBytes();
      return;
    default:
      reader.tgReadObject();
  }
}
