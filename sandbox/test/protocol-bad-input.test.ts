// Bad input on one connection gets the protocol's error or a closed connection, and a healthy
// GramJS client on another connection keeps being served throughout.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import bigInt from 'big-integer';
import { Api, type TelegramClient } from 'telegram';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultControls } from '../src/controls';
import { RpcFailure, type RpcService } from '../src/rpc';
import { startServer, type RunningServer } from '../src/server';
import { connectClient, minimalConfig, RawSession } from './gramjs';

const rpc: RpcService = {
  async handle(_ctx, request) {
    if (request instanceof Api.help.GetConfig) return minimalConfig();
    if (request instanceof Api.help.GetNearestDc) return new Api.NearestDc({ country: 'DE', thisDc: 2, nearestDc: 2 });
    throw new RpcFailure(400, 'METHOD_NOT_IMPLEMENTED');
  },
};

let dataDir: string;
let server: RunningServer;
let healthy: TelegramClient;
/** What the server said about the connections it closed, to tell why each one closed. */
const serverLog: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sandbox-bad-input-'));
  server = await startServer({ port: 0, dataDir, controls: defaultControls(), rpc, partialFrameTimeoutMs: 300, log: (line) => serverLog.push(line) });
  healthy = await connectClient(server);
});

afterAll(async () => {
  await healthy.destroy();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

afterEach(async () => {
  const dc = (await healthy.invoke(new Api.help.GetNearestDc())) as Api.NearestDc;
  expect(dc.thisDc).toBe(2);
});

interface RawTcp {
  socket: Socket;
  received: () => Buffer;
  closed: Promise<void>;
}

async function rawTcp(): Promise<RawTcp> {
  const socket = connect(server.port, server.host);
  const chunks: Buffer[] = [];
  socket.on('data', (c) => chunks.push(c));
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, received: () => Buffer.concat(chunks), closed };
}

/** Resolves when the server has closed the connection (fails the test after `ms`). */
async function expectClosed(tcp: RawTcp, ms = 2000): Promise<void> {
  await Promise.race([tcp.closed, new Promise((_, reject) => setTimeout(() => reject(new Error('server kept the connection open')), ms))]);
}

/** A full-transport frame: length, sequence number, payload, CRC32. */
function fullFrame(payload: Buffer, seq = 0, badCrc = false): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32LE(payload.length + 12, 0);
  head.writeUInt32LE(seq, 4);
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE((crc32(Buffer.concat([head, payload])) + (badCrc ? 1 : 0)) >>> 0);
  return Buffer.concat([head, payload, crc]);
}

describe('bad input', () => {
  it('garbage bytes: the connection is closed', async () => {
    const before = server.stats().protocolErrors;
    const tcp = await rawTcp();
    const garbage = randomBytes(256);
    garbage[0] = 0x42; // not a transport tag
    garbage.writeUInt32LE(0x01010101, 4); // not the full transport's sequence number 0
    tcp.socket.write(garbage);
    await expectClosed(tcp);
    expect(tcp.received()).toHaveLength(0);
    expect(server.stats().protocolErrors).toBe(before + 1);
  });

  it('an HTTP request: the connection is closed', async () => {
    const tcp = await rawTcp();
    tcp.socket.write('GET / HTTP/1.1\r\nHost: sandbox\r\n\r\n' + 'x'.repeat(64));
    await expectClosed(tcp);
  });

  it('a bad CRC32 or a wrong sequence number in the full transport: closed', async () => {
    const plain = Buffer.concat([Buffer.alloc(8), Buffer.alloc(8, 1), Buffer.from([20, 0, 0, 0]), new Api.ReqPqMulti({ nonce: bigInt(1) }).getBytes()]);
    const crc = await rawTcp();
    crc.socket.write(fullFrame(plain, 0, true));
    await expectClosed(crc);
    const seq = await rawTcp();
    seq.socket.write(Buffer.concat([fullFrame(plain, 0), fullFrame(plain, 5)]));
    await expectClosed(seq);
  });

  it('a truncated packet: a message longer than its frame closes the connection', async () => {
    const tcp = await rawTcp();
    const plain = Buffer.concat([Buffer.alloc(8), Buffer.alloc(8, 1), Buffer.from([100, 0, 0, 0]), Buffer.alloc(20)]);
    tcp.socket.write(fullFrame(plain));
    await expectClosed(tcp);
  });

  it('a truncated packet: a frame cut short by the client closing is dropped quietly', async () => {
    const connectionsBefore = server.stats().connections;
    const tcp = await rawTcp();
    tcp.socket.end(Buffer.concat([Buffer.from([0xef, 0x20]), randomBytes(40)])); // 128 bytes announced, 40 sent
    await expectClosed(tcp);
    await new Promise((r) => setTimeout(r, 50));
    expect(server.stats().connections).toBe(connectionsBefore);
  });

  it('a truncated packet: a frame left unfinished is dropped after the partial-frame timeout', async () => {
    const tcp = await rawTcp();
    tcp.socket.write(Buffer.concat([Buffer.from([0xef, 0x20]), randomBytes(40)])); // 128 bytes announced, 40 sent
    await expectClosed(tcp);
  });

  it('an unknown auth key id: transport error -404, then the connection closes', async () => {
    const tcp = await rawTcp();
    tcp.socket.write(Buffer.from([0xef]));
    const message = Buffer.concat([randomBytes(8), randomBytes(16), randomBytes(64)]);
    tcp.socket.write(Buffer.concat([Buffer.from([message.length / 4]), message]));
    await expectClosed(tcp);
    const reply = tcp.received();
    expect(reply).toEqual(Buffer.from([1, 0x6c, 0xfe, 0xff, 0xff])); // abridged: 1 word, int32 -404
    expect(reply.readInt32LE(1)).toBe(-404);
  });

  it('a stale msg_id: bad_msg_notification 16, and the session goes on', async () => {
    const raw = await RawSession.open(server);
    const id = await raw.send(new Api.help.GetNearestDc().getBytes(), { msgId: bigInt(Math.floor(Date.now() / 1000) - 600).shiftLeft(32) });
    const { match } = await raw.recvUntil((m) => m.obj instanceof Api.BadMsgNotification);
    expect(match.obj.badMsgId.eq(id)).toBe(true);
    expect(match.obj.errorCode).toBe(16);
    await raw.close();
  });

  it.each([
    ['full', () => { const b = Buffer.alloc(8); b.writeUInt32LE(16 * 1024 * 1024 + 12, 0); return b; }],
    ['abridged', () => Buffer.from([0xef, 0x7f, 0xff, 0xff, 0x3f])],
    ['intermediate', () => Buffer.from([0xee, 0xee, 0xee, 0xee, 0x00, 0x00, 0x00, 0x01])],
  ])('a 16 MB frame header (%s): closed at once, nothing buffered', async (_name, header) => {
    const tcp = await rawTcp();
    const logged = serverLog.length;
    tcp.socket.write(header());
    await expectClosed(tcp);
    // Closed for the announced length itself, not later by the truncated-frame timer.
    expect(serverLog.slice(logged).join('\n')).toMatch(/bad (full-transport|frame) length/);
    expect(serverLog.slice(logged).join('\n')).not.toMatch(/truncated frame/);
  });

  it('a msg_container inside a msg_container: closed', async () => {
    const raw = await RawSession.open(server);
    await raw.learnSalt();
    const inner = Buffer.alloc(8);
    inner.writeUInt32LE(0x73f1f8dc, 0);
    const outer = Buffer.alloc(8 + 16);
    outer.writeUInt32LE(0x73f1f8dc, 0);
    outer.writeInt32LE(1, 4);
    outer.writeBigInt64LE(BigInt(raw.newMsgId().toString()), 8);
    outer.writeInt32LE(0, 16);
    outer.writeInt32LE(inner.length, 20);
    await raw.send(Buffer.concat([outer, inner]), { contentRelated: false });
    await expect(raw.recv(2000)).rejects.toThrow(/Not connected|no message/);
  });
});
