// The sandbox's MTProto layer against the real GramJS client over TCP, with a small test-only
// RpcService standing in for the world.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import bigInt from 'big-integer';
import { Api, type TelegramClient } from 'telegram';
import { FloodWaitError, RPCError } from 'telegram/errors';
import { AuthKey } from 'telegram/crypto/AuthKey';
import { Raw } from 'telegram/events';
import { BinaryReader } from 'telegram/extensions';
import { Api as Api143 } from 'telegram-143';
import { Raw as Raw143 } from 'telegram-143/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultControls, type Controls } from '../src/controls';
import { RpcFailure, type CallContext, type RpcService } from '../src/rpc';
import { startServer, type RunningServer } from '../src/server';
import { connectClient, ConnectionTCPPaddedIntermediate, minimalConfig, exchangeKey, openConnection, RawSession, type ConnectOptions, type TransportName } from './gramjs';

const now = () => Math.floor(Date.now() / 1000);

/** A user with fields layer 143 doesn't have (color, stories_max_id), to exercise conversion. */
function user(id: number): Api.User {
  return new Api.User({
    id: bigInt(id),
    accessHash: bigInt(id * 7919),
    firstName: `User ${id}`,
    lastName: 'Sandbox',
    phone: `9996620${String(id).padStart(3, '0')}`,
    color: new Api.PeerColor({ color: 3 }),
    storiesMaxId: 5,
  });
}

const typing = (userId: number) =>
  new Api.UpdateShort({ update: new Api.UpdateUserTyping({ userId: bigInt(userId), action: new Api.SendMessageTypingAction() }), date: now() });

/** The world's stand-in: just enough methods to drive the protocol layer. */
function testRpc(calls: { method: string; layer: number; userId: bigint | null }[]): RpcService {
  return {
    async handle(ctx: CallContext, request: Api.AnyRequest) {
      calls.push({ method: request.className, layer: ctx.layer, userId: ctx.userId });
      if (request instanceof Api.help.GetConfig) return minimalConfig();
      if (request instanceof Api.help.GetNearestDc) return new Api.NearestDc({ country: 'DE', thisDc: 2, nearestDc: 2 });
      if (request instanceof Api.updates.GetState) {
        if (ctx.userId === null) throw new RpcFailure(401, 'AUTH_KEY_UNREGISTERED');
        return new Api.updates.State({ pts: 1, qts: 0, date: now(), seq: 1, unreadCount: 0 });
      }
      if (request instanceof Api.auth.SignIn) {
        const id = Number(request.phoneNumber.slice(-3));
        ctx.bindUser(BigInt(id));
        return new Api.auth.Authorization({ user: user(id) });
      }
      if (request instanceof Api.users.GetUsers) return request.id.map((_, i) => user(i + 1));
      if (request instanceof Api.contacts.ResolveUsername) {
        if (request.username === 'flood') throw new RpcFailure(420, 'FLOOD_WAIT_7');
        throw new RpcFailure(400, 'USERNAME_NOT_OCCUPIED');
      }
      if (request instanceof Api.messages.SetTyping) {
        // Typing on one session shows on the account's other sessions, not on the caller's.
        ctx.pushToUser(ctx.userId!, typing(Number(ctx.userId)), { exceptCaller: true });
        return true;
      }
      if (request instanceof Api.messages.SendMessage) {
        const message = new Api.Message({ id: 1, peerId: new Api.PeerUser({ userId: bigInt(String(ctx.userId)) }), date: now(), message: request.message, out: false });
        const updates = new Api.Updates({ updates: [new Api.UpdateNewMessage({ message, pts: 1, ptsCount: 1 })], users: [user(Number(ctx.userId))], chats: [], date: now(), seq: 0 });
        ctx.pushToUser(ctx.userId!, updates, { exceptCaller: true });
        return new Api.UpdateShortSentMessage({ id: 1, pts: 1, ptsCount: 1, date: now() });
      }
      if (request instanceof Api.account.UpdateStatus) {
        ctx.pushToAuthKey(ctx.authKeyId, typing(42));
        return true;
      }
      throw new RpcFailure(400, `METHOD_NOT_IMPLEMENTED_${request.className.toUpperCase().replace('.', '_')}`);
    },
  };
}

let dataDir: string;
let server: RunningServer;
let controls: Controls;
const calls: { method: string; layer: number; userId: bigint | null }[] = [];
const clients: TelegramClient[] = [];

async function client(options: Partial<ConnectOptions> = {}): Promise<TelegramClient> {
  const c = await connectClient({ ...server, ...options });
  c.floodSleepThreshold = 0;
  clients.push(c);
  return c;
}

async function signIn(c: TelegramClient, id: number): Promise<void> {
  await c.invoke(new Api.auth.SignIn({ phoneNumber: `9996620${String(id).padStart(3, '0')}`, phoneCodeHash: 'x', phoneCode: '22222' }));
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sandbox-protocol-'));
  controls = defaultControls();
  server = await startServer({ port: 0, dataDir, controls, rpc: testRpc(calls) });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.destroy().catch(() => {})));
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('transports', () => {
  it.each<TransportName>(['full', 'abridged', 'intermediate', 'obfuscated'])('%s: fresh key exchange and a call', async (transport) => {
    const before = server.stats().keyExchanges;
    const c = await client({ transport });
    const cfg = (await c.invoke(new Api.help.GetConfig())) as Api.Config;
    expect(cfg.thisDc).toBe(2);
    expect(server.stats().keyExchanges).toBe(before + 1);
    await c.destroy();
  });

  it('padded intermediate: key exchange', async () => {
    const connection = await openConnection(server, ConnectionTCPPaddedIntermediate as never);
    const { authKey } = await exchangeKey(connection);
    expect(authKey.getKey()!.length).toBeGreaterThanOrEqual(255);
    await connection.disconnect();
  });
});

describe('sessions', () => {
  it('answers the first message (salt 0) with bad_server_salt, then new_session_created and the result', async () => {
    const raw = await RawSession.open(server);
    const id = await raw.send(new Api.help.GetNearestDc().getBytes());
    const bad = (await raw.recv()).obj as Api.BadServerSalt;
    expect(bad).toBeInstanceOf(Api.BadServerSalt);
    expect(bad.badMsgId.eq(id)).toBe(true);
    raw.salt = bad.newServerSalt;
    const id2 = await raw.send(new Api.help.GetNearestDc().getBytes());
    const created = await raw.recv();
    expect(created.obj).toBeInstanceOf(Api.NewSessionCreated);
    expect((created.obj as Api.NewSessionCreated).firstMsgId.eq(id2)).toBe(true);
    const result = await raw.recv();
    expect(result.obj.reqMsgId.eq(id2)).toBe(true);
    // Server msg_ids: ≡ 1 mod 4 for responses, ≡ 3 for the rest, strictly rising.
    expect(created.msgId.mod(4).toJSNumber()).toBe(3);
    expect(result.msgId.mod(4).toJSNumber()).toBe(1);
    expect(result.msgId.greater(created.msgId)).toBe(true);
    await raw.close();
  });

  it('rejects a stale msg_id (16), a future one (17), a msg_id not divisible by 4 (18) and an even seq_no on a request (35)', async () => {
    const raw = await RawSession.open(server);
    await raw.learnSalt();
    const body = new Api.help.GetNearestDc().getBytes();
    const codeFor = async (options: Parameters<RawSession['send']>[1]) => {
      const id = await raw.send(body, options);
      const { match } = await raw.recvUntil((m) => m.obj instanceof Api.BadMsgNotification || m.obj instanceof Api.BadServerSalt);
      expect(match.obj.badMsgId.eq(id)).toBe(true);
      return match.obj.errorCode as number;
    };
    const at = (secondsFromNow: number) => bigInt(now() + secondsFromNow).shiftLeft(32);
    expect(await codeFor({ msgId: at(-400) })).toBe(16);
    expect(await codeFor({ msgId: at(60) })).toBe(17);
    expect(await codeFor({ msgId: raw.newMsgId().add(1) })).toBe(18);
    expect(await codeFor({ seqNo: 2 })).toBe(35);
    // None of that broke the session: the next well-formed call goes through.
    const id = await raw.send(body);
    const { match } = await raw.recvUntil((m) => m.obj?.reqMsgId !== undefined);
    expect(match.obj.reqMsgId.eq(id)).toBe(true);
    await raw.close();
  });

  it('item 5: lets an msgs_ack with an odd seq_no through, as Telegram does (mtcute numbers its acks so); an odd container still gets 34', async () => {
    const raw = await RawSession.open(server);
    await raw.learnSalt();
    const ack = new Api.MsgsAck({ msgIds: [raw.newMsgId()] }).getBytes();
    await raw.send(ack, { contentRelated: true }); // odd
    await raw.send(ack, { contentRelated: false }); // even
    await raw.send(new Api.Ping({ pingId: bigInt(77) }).getBytes());
    const { before } = await raw.recvUntil((m) => m.obj instanceof Api.Pong);
    expect(before.filter((m) => m.obj instanceof Api.BadMsgNotification)).toEqual([]);

    const inner = new Api.Ping({ pingId: bigInt(78) }).getBytes();
    const head = Buffer.alloc(16);
    head.writeBigInt64LE(BigInt(raw.newMsgId().toString()), 0);
    head.writeInt32LE(9, 8);
    head.writeInt32LE(inner.length, 12);
    const count = Buffer.alloc(8);
    count.writeUInt32LE(0x73f1f8dc, 0);
    count.writeInt32LE(1, 4);
    const id = await raw.send(Buffer.concat([count, head, inner]), { seqNo: 11 });
    const { match } = await raw.recvUntil((m) => m.obj instanceof Api.BadMsgNotification);
    expect(match.obj.badMsgId.eq(id)).toBe(true);
    expect(match.obj.errorCode).toBe(34);
    await raw.close();
  });

  it('a saved session keeps working after a restart on the same data folder', async () => {
    const c = await client();
    await signIn(c, 7);
    const saved = c.session.save() as unknown as string;
    await c.destroy();
    await server.close();
    server = await startServer({ port: 0, dataDir, controls, rpc: testRpc(calls) });
    const again = await client({ session: saved });
    const state = (await again.invoke(new Api.updates.GetState())) as Api.updates.State;
    expect(state.pts).toBe(1);
    expect(calls.at(-1)).toMatchObject({ method: 'updates.GetState', userId: 7n });
    expect(server.stats().keyExchanges).toBe(0);
  });

  it('an unknown auth key gets transport error -404; GramJS then makes a new key', async () => {
    const raw = await RawSession.open(server);
    const stranger = new AuthKey();
    await stranger.setKey(Buffer.alloc(256, 7));
    const lost = await RawSession.open(server, stranger);
    await lost.send(new Api.help.GetNearestDc().getBytes());
    await expect(lost.recv()).rejects.toThrow(/HTTP code 404/);
    await raw.close();
  });
});

describe('calls', () => {
  it('unwraps invokeWithLayer / initConnection and records the layer', async () => {
    const c = await client();
    await c.invoke(new Api.help.GetNearestDc());
    expect(calls.at(-1)).toMatchObject({ method: 'help.GetNearestDc', layer: 198 });
    expect(calls.some((x) => x.method.startsWith('Invoke') || x.method === 'InitConnection')).toBe(false);
  });

  it('unwraps invokeWithoutUpdates and invokeAfterMsg', async () => {
    const c = await client();
    const nested = new Api.InvokeWithoutUpdates({ query: new Api.InvokeAfterMsg({ msgId: bigInt(4), query: new Api.help.GetNearestDc() }) });
    const dc = (await c.invoke(nested)) as Api.NearestDc;
    expect(dc.nearestDc).toBe(2);
  });

  it('rpc_error reaches GramJS as RPCError with the code and message', async () => {
    const c = await client();
    const error = await c.invoke(new Api.contacts.ResolveUsername({ username: 'nobody' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RPCError);
    expect(error).toMatchObject({ code: 400, errorMessage: 'USERNAME_NOT_OCCUPIED' });
    const flood = await c.invoke(new Api.contacts.ResolveUsername({ username: 'flood' })).catch((e: unknown) => e);
    expect(flood).toBeInstanceOf(FloodWaitError);
    expect((flood as FloodWaitError).seconds).toBe(7);
  });

  it('a method neither schema knows gets 400 INPUT_METHOD_INVALID_<constructor id>', async () => {
    const c = await client();
    const error = await c.invoke(unknownMethod(0x0badf00d)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RPCError);
    expect(error).toMatchObject({ code: 400, errorMessage: `INPUT_METHOD_INVALID_${0x0badf00d}` });
  });

  it('handles a container of requests and answers in containers', async () => {
    const c = await client();
    const before = server.stats();
    const results = await Promise.all(Array.from({ length: 12 }, () => c.invoke(new Api.help.GetNearestDc())));
    expect(results.every((r) => (r as Api.NearestDc).thisDc === 2)).toBe(true);
    expect(server.stats().containersReceived).toBeGreaterThan(before.containersReceived);
    expect(server.stats().containersSent).toBeGreaterThan(before.containersSent);
  });

  it('reads gzip_packed requests and gzips big results', async () => {
    const c = await client();
    const before = server.stats();
    const inner = new Api.users.GetUsers({ id: Array.from({ length: 300 }, () => new Api.InputUserEmpty()) });
    const users = (await c.invoke(gzipped(inner))) as Api.User[];
    expect(users).toHaveLength(300);
    expect(users[299]!.firstName).toBe('User 300');
    expect(server.stats().gzipReceived).toBe(before.gzipReceived + 1);
    expect(server.stats().gzipSent).toBe(before.gzipSent + 1);
  });

  it('answers ping with pong, and Bool results', async () => {
    const c = await client();
    const pong = (await c.invoke(new Api.Ping({ pingId: bigInt(99) }))) as Api.Pong;
    expect(pong.pingId.toJSNumber()).toBe(99);
    await signIn(c, 3);
    expect(await c.invoke(new Api.messages.SetTyping({ peer: new Api.InputPeerEmpty(), action: new Api.SendMessageTypingAction() }))).toBe(true);
  });

  it('latencyMs delays replies; dropConnectionAfterRequests drops the connection and GramJS reconnects', async () => {
    const c = await client();
    controls.latencyMs = 150;
    const started = Date.now();
    await c.invoke(new Api.help.GetNearestDc());
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    controls.latencyMs = 0;
    const connectionsBefore = server.stats().connectionsTotal;
    controls.dropConnectionAfterRequests = 1;
    const dropped = c.invoke(new Api.help.GetNearestDc());
    await new Promise((r) => setTimeout(r, 50));
    controls.dropConnectionAfterRequests = null;
    expect(((await dropped) as Api.NearestDc).thisDc).toBe(2);
    expect(server.stats().connectionsTotal).toBeGreaterThan(connectionsBefore);
  });
});

describe('updates', () => {
  it("pushToUser reaches the account's other sessions as updates, not the caller", async () => {
    const [a, b, other] = [await client(), await client(), await client()];
    await signIn(a, 11);
    await signIn(b, 11);
    await signIn(other, 12);
    const seen = { a: [] as Api.TypeUpdate[], b: [] as Api.TypeUpdate[], other: [] as Api.TypeUpdate[] };
    a.addEventHandler((u: Api.TypeUpdate) => seen.a.push(u), new Raw({}));
    b.addEventHandler((u: Api.TypeUpdate) => seen.b.push(u), new Raw({}));
    other.addEventHandler((u: Api.TypeUpdate) => seen.other.push(u), new Raw({}));
    const pushedBefore = server.stats().updatesPushed;
    await a.invoke(new Api.messages.SetTyping({ peer: new Api.InputPeerEmpty(), action: new Api.SendMessageTypingAction() }));
    await waitFor(() => seen.b.some((u) => u instanceof Api.UpdateUserTyping));
    expect((seen.b.find((u) => u instanceof Api.UpdateUserTyping) as Api.UpdateUserTyping).userId.toJSNumber()).toBe(11);
    expect(server.stats().updatesPushed).toBe(pushedBefore + 1);
    expect(seen.a.some((u) => u instanceof Api.UpdateUserTyping)).toBe(false);
    expect(seen.other.some((u) => u instanceof Api.UpdateUserTyping)).toBe(false);
  });

  it('the server pushes from outside any request too (RunningServer.pushToUser)', async () => {
    const c = await client();
    await signIn(c, 13);
    const seen: Api.TypeUpdate[] = [];
    c.addEventHandler((u: Api.TypeUpdate) => seen.push(u), new Raw({}));
    server.pushToUser(13n, typing(13));
    await waitFor(() => seen.some((u) => u instanceof Api.UpdateUserTyping));
  });

  it('pushToAuthKey reaches the sessions of one key, as a message with msg_id ≡ 3 mod 4', async () => {
    const raw = await RawSession.open(server);
    await raw.learnSalt();
    const id = await raw.send(new Api.account.UpdateStatus({ offline: false }).getBytes());
    const { match, before } = await raw.recvUntil((m) => m.obj?.reqMsgId?.eq(id));
    const push = before.find((m) => m.obj instanceof Api.UpdateShort);
    expect(push).toBeDefined();
    expect(push!.msgId.mod(4).toJSNumber()).toBe(3);
    expect(match.msgId.mod(4).toJSNumber()).toBe(1);
    await raw.close();
  });
});

describe('service messages', () => {
  it('get_future_salts, msgs_state_req and destroy_session', async () => {
    const raw = await RawSession.open(server);
    await raw.learnSalt();
    // GramJS can't read future_salts (it expects boxed items in its bare vector): check the bytes.
    const saltsId = await raw.send(new Api.GetFutureSalts({ num: 3 }).getBytes());
    const salts = (await raw.recvUntil((m) => m.body.readUInt32LE(0) === Api.FutureSalts.CONSTRUCTOR_ID)).match.body;
    expect(salts.readBigInt64LE(4).toString()).toBe(saltsId.toString());
    expect(salts.readInt32LE(16)).toBe(3);
    expect(salts.length).toBe(20 + 3 * 16);
    expect(salts.readBigInt64LE(20 + 8)).toBe(BigInt(raw.salt.toString()));
    const state = await raw.send(new Api.MsgsStateReq({ msgIds: [saltsId, bigInt(12345)] }).getBytes());
    const info = (await raw.recvUntil((m) => m.obj instanceof Api.MsgsStateInfo)).match.obj as Api.MsgsStateInfo;
    expect(info.reqMsgId.eq(state)).toBe(true);
    expect([...info.info].map((ch) => ch.charCodeAt(0))).toEqual([4, 1]);
    const destroy = await raw.send(new Api.DestroySession({ sessionId: bigInt(1) }).getBytes());
    const none = (await raw.recvUntil((m) => m.obj?.reqMsgId?.eq(destroy))).match.obj;
    expect(new BinaryReader(none.body).tgReadObject()).toBeInstanceOf(Api.DestroySessionNone);
    await raw.close();
  });

  it("rpc_drop_answer: a running call's answer is dropped; an answered one is unknown", async () => {
    const raw = await RawSession.open(server);
    await raw.learnSalt();
    controls.latencyMs = 300;
    try {
      const slow = await raw.send(new Api.help.GetNearestDc().getBytes());
      const drop = await raw.send(new Api.RpcDropAnswer({ reqMsgId: slow }).getBytes());
      const answer = (await raw.recvUntil((m) => m.obj?.reqMsgId?.eq(drop))).match.obj;
      expect(new BinaryReader(answer.body).tgReadObject()).toBeInstanceOf(Api.RpcAnswerDroppedRunning);
      await expect(raw.recvUntil((m) => m.obj?.reqMsgId?.eq(slow), 600)).rejects.toThrow(/no message/);
      const late = await raw.send(new Api.RpcDropAnswer({ reqMsgId: slow }).getBytes());
      const unknown = (await raw.recvUntil((m) => m.obj?.reqMsgId?.eq(late))).match.obj;
      expect(new BinaryReader(unknown.body).tgReadObject()).toBeInstanceOf(Api.RpcAnswerUnknown);
    } finally {
      controls.latencyMs = 0;
      await raw.close();
    }
  });

  it('ping_delay_disconnect closes the connection when no ping follows in time', async () => {
    const raw = await RawSession.open(server);
    await raw.learnSalt();
    await raw.send(new Api.PingDelayDisconnect({ pingId: bigInt(5), disconnectDelay: 1 }).getBytes());
    expect((await raw.recvUntil((m) => m.obj instanceof Api.Pong)).match.obj.pingId.toJSNumber()).toBe(5);
    await expect(raw.recv(3000)).rejects.toThrow(/Not connected/);
  });
});

describe('layer 143', () => {
  it('a telegram@2.10.10 client (layer 143) connects, calls, and gets answers in its own schema', async () => {
    const old = await client({ layer143: true });
    const cfg = (await old.invoke(new Api143.help.GetConfig() as never)) as unknown as { thisDc: number };
    expect(cfg.thisDc).toBe(2);
    expect(calls.at(-1)).toMatchObject({ method: 'help.GetConfig', layer: 143 });
    const request = new Api143.users.GetUsers({ id: [new Api143.InputUserEmpty()] });
    const users = (await old.invoke(request as never)) as unknown as { firstName: string; color?: unknown }[];
    expect(users[0]!.firstName).toBe('User 1');
    expect(users[0]!.color).toBeUndefined();
  });

  it('a request whose constructor changed since 143 is read with the old schema and reaches the world as a current class', async () => {
    const old = await client({ layer143: true });
    await old.invoke(new Api143.auth.SignIn({ phoneNumber: '9996620021', phoneCodeHash: 'x', phoneCode: '22222' }) as never);
    const send = new Api143.messages.SendMessage({ peer: new Api143.InputPeerSelf(), message: 'hello from 2022', randomId: bigInt(1) as never });
    expect(send.CONSTRUCTOR_ID).not.toBe(Api.messages.SendMessage.CONSTRUCTOR_ID);
    const sent = (await old.invoke(send as never)) as unknown as { className: string; id: number };
    expect(sent.className).toBe('UpdateShortSentMessage');
    expect(calls.at(-1)).toMatchObject({ method: 'messages.SendMessage', layer: 143, userId: 21n });
  });

  it('updates pushed to a layer-143 session arrive in its schema', async () => {
    const [current, old] = [await client(), await client({ layer143: true })];
    await signIn(current, 31);
    await old.invoke(new Api143.auth.SignIn({ phoneNumber: '9996620031', phoneCodeHash: 'x', phoneCode: '22222' }) as never);
    const seen: { className: string; message?: { message: string; CONSTRUCTOR_ID: number } }[] = [];
    old.addEventHandler(((u: (typeof seen)[number]) => seen.push(u)) as never, new Raw143({}) as never);
    await current.invoke(new Api.messages.SendMessage({ peer: new Api.InputPeerSelf(), message: 'to the old client' }));
    await waitFor(() => seen.some((u) => u.className === 'UpdateNewMessage'));
    const update = seen.find((u) => u.className === 'UpdateNewMessage')!;
    expect(update.message!.message).toBe('to the old client');
    expect(update.message!.CONSTRUCTOR_ID).toBe(Api143.Message.CONSTRUCTOR_ID);
  });
});

// ---------------------------------------------------------------------------------------------

/** A request GramJS will send whose constructor no schema has. */
function unknownMethod(constructorId: number): Api.AnyRequest {
  const request = new Api.help.GetNearestDc();
  request.getBytes = () => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(constructorId);
    return b;
  };
  return request;
}

/** Wraps a request's bytes in gzip_packed (GramJS never compresses what it sends). */
function gzipped<T extends Api.AnyRequest>(request: T): T {
  const packed = gzipSync(request.getBytes());
  const head = Buffer.alloc(4);
  head.writeUInt32LE(0x3072cfa1);
  const length = packed.length < 254 ? Buffer.from([packed.length]) : Buffer.from([254, packed.length & 0xff, (packed.length >> 8) & 0xff, (packed.length >> 16) & 0xff]);
  const body = Buffer.concat([head, length, packed]);
  const padded = Buffer.concat([body, Buffer.alloc((4 - (body.length % 4)) % 4)]);
  const wrapper = Object.create(request) as T;
  wrapper.getBytes = () => padded;
  return wrapper;
}

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
