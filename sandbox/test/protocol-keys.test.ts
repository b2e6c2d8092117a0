// The auth-key exchange: 500 in a row with GramJS's own Authenticator, the keys the client
// computes (255 bytes about 1 time in 256) matching the server's, and the older sha1 RSA
// scheme with the _dc and _temp_dc inner data variants. The rate limit on key exchanges is lifted here.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bigInt from 'big-integer';
import { Api } from 'telegram';
import { AuthKey } from 'telegram/crypto/AuthKey';
import { Factorizator } from 'telegram/crypto/Factorizator';
import { IGE } from 'telegram/crypto/IGE';
import { BinaryReader, Logger } from 'telegram/extensions';
import { LogLevel } from 'telegram/extensions/Logger';
import { generateKeyDataFromNonce, getByteArray, readBigIntFromBuffer, sha1 } from 'telegram/Helpers';
import { MTProtoPlainSender } from 'telegram/network';
import type { Connection } from 'telegram/network/connection';
import { encrypt as sha1SchemeEncrypt } from 'telegram-143/crypto/RSA';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultControls } from '../src/controls';
import { RpcFailure, type RpcService } from '../src/rpc';
import { startServer, type RunningServer } from '../src/server';
import { exchangeKey, openConnection, RawSession } from './gramjs';
import { clientDh, stripZeros } from './lightKeyExchange';

const rpc: RpcService = {
  async handle(_ctx, request) {
    if (request instanceof Api.help.GetNearestDc) return new Api.NearestDc({ country: 'DE', thisDc: 2, nearestDc: 2 });
    throw new RpcFailure(400, 'METHOD_NOT_IMPLEMENTED');
  },
};

// SANDBOX_LOG=1 prints why the server closed a connection.
const log = process.env.SANDBOX_LOG ? (line: string) => console.log(`[sandbox] ${line}`) : undefined;
let dataDir: string;
let server: RunningServer;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sandbox-keys-'));
  server = await startServer({ port: 0, dataDir, controls: defaultControls(), rpc, log, limits: { keyExchangesPerSecond: Infinity } });
});

afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Proves a key works: a call on a fresh session with it gets its answer. */
async function callWith(key: AuthKey): Promise<void> {
  const raw = await RawSession.open(server, key);
  await raw.learnSalt();
  const id = await raw.send(new Api.help.GetNearestDc().getBytes());
  const { match } = await raw.recvUntil((m) => m.obj?.reqMsgId !== undefined);
  expect(match.obj.reqMsgId.eq(id)).toBe(true);
  await raw.close();
}

it('500 key exchanges in a row, every key the same on both sides', { timeout: 90_000 }, async () => {
  const before = server.stats().keyExchanges;
  const keys: AuthKey[] = [];
  // A few connections, many exchanges each: GramJS may run the exchange again on one connection.
  for (let c = 0; c < 5; c++) {
    const connection = await openConnection(server);
    for (let i = 0; i < 100; i++) keys.push((await exchangeKey(connection)).authKey);
    await connection.disconnect();
  }
  expect(server.stats().keyExchanges).toBe(before + 500);

  await server.close(); // flushes the key store
  const stored = new Map<string, string>(
    (JSON.parse(readFileSync(join(dataDir, 'auth-keys.json'), 'utf8')) as { keys: { id: string; key: string }[] }).keys.map((k) => [k.id, k.key]),
  );
  for (const key of keys) {
    const id = Buffer.alloc(8);
    id.writeBigUInt64LE(BigInt(key.keyId!.toString()));
    expect(stored.get(id.toString('hex'))).toBe(key.getKey()!.toString('base64'));
  }
  server = await startServer({ port: 0, dataDir, controls: defaultControls(), rpc, log, limits: { keyExchangesPerSecond: Infinity } });

  await callWith(keys[0]!);
  await callWith(keys[499]!);
});

it('a key whose g_ab starts with a zero byte is 255 bytes, as GramJS computes it, and works', async () => {
  // About 1 exchange in 256 gives one; the fast client below finds it in a second or two.
  const connection = await openConnection(server);
  let key: AuthKey | null = null;
  for (let i = 0; i < 5000 && !key; i++) {
    const k = await sha1SchemeExchange(connection, 'PQInnerDataDc');
    if (k.getKey()!.length === 255) key = k;
  }
  await connection.disconnect();
  expect(key).not.toBeNull();
  await callWith(key!);
});

it.each([
  ['p_q_inner_data', 'PQInnerData'],
  ['p_q_inner_data_dc', 'PQInnerDataDc'],
  ['p_q_inner_data_temp_dc', 'PQInnerDataTempDc'],
] as const)('the older sha1+data+padding RSA scheme with %s', async (_name, variant) => {
  const connection = await openConnection(server);
  const key = await sha1SchemeExchange(connection, variant);
  await connection.disconnect();
  await callWith(key);
});

it('a key exchange with the wrong fingerprint or a tampered inner hash closes the connection', async () => {
  const connection = await openConnection(server);
  const sender = new MTProtoPlainSender(connection, new Logger(LogLevel.NONE));
  const nonce = readBigIntFromBuffer(randomBytes(16), false, true);
  const resPQ = (await sender.send(new Api.ReqPqMulti({ nonce }))) as Api.ResPQ;
  const pq = readBigIntFromBuffer(resPQ.pq, false, true);
  const { p, q } = Factorizator.factorize(pq);
  const before = server.stats().protocolErrors;
  await connection.send(
    plainMessage(
      new Api.ReqDHParams({
        nonce,
        serverNonce: resPQ.serverNonce,
        p: getByteArray(p),
        q: getByteArray(q),
        publicKeyFingerprint: bigInt(12345),
        encryptedData: randomBytes(256),
      }).getBytes(),
    ),
  );
  await expect(connection.recv()).rejects.toThrow(/Not connected/);
  expect(server.stats().protocolErrors).toBe(before + 1);
});

/**
 * The client side of a key exchange as older clients did it: p_q_inner_data encrypted as
 * RSA(sha1(data) + data + padding) (GramJS's RSA.encrypt, which its Authenticator no longer uses).
 */
async function sha1SchemeExchange(connection: Connection, variant: 'PQInnerData' | 'PQInnerDataDc' | 'PQInnerDataTempDc'): Promise<AuthKey> {
  const sender = new MTProtoPlainSender(connection, new Logger(LogLevel.NONE));
  const nonce = readBigIntFromBuffer(randomBytes(16), false, true);
  const resPQ = (await sender.send(new Api.ReqPqMulti({ nonce }))) as Api.ResPQ;
  const pq = readBigIntFromBuffer(resPQ.pq, false, true);
  const { p, q } = Factorizator.factorize(pq);
  const newNonce = readBigIntFromBuffer(randomBytes(32), true, true);
  const fields = { pq: getByteArray(pq), p: getByteArray(p), q: getByteArray(q), nonce, serverNonce: resPQ.serverNonce, newNonce };
  const inner =
    variant === 'PQInnerData'
      ? new Api.PQInnerData(fields)
      : variant === 'PQInnerDataDc'
        ? new Api.PQInnerDataDc({ ...fields, dc: 2 })
        : new Api.PQInnerDataTempDc({ ...fields, dc: 2, expiresIn: 3600 });
  const fingerprint = resPQ.serverPublicKeyFingerprints[0]!;
  const encryptedData = await sha1SchemeEncrypt(fingerprint as never, inner.getBytes());
  const dhParams = (await sender.send(
    new Api.ReqDHParams({ nonce, serverNonce: resPQ.serverNonce, p: getByteArray(p), q: getByteArray(q), publicKeyFingerprint: fingerprint, encryptedData: encryptedData! }),
  )) as Api.ServerDHParamsOk;
  expect(dhParams).toBeInstanceOf(Api.ServerDHParamsOk);

  const { key, iv } = await generateKeyDataFromNonce(resPQ.serverNonce, newNonce);
  const ige = new IGE(key, iv);
  const answer = new BinaryReader(ige.decryptIge(dhParams.encryptedAnswer));
  answer.read(20);
  const dhInner = answer.tgReadObject() as Api.ServerDHInnerData;
  // node:crypto instead of GramJS's modExp, so exchanges are cheap; GramJS keeps g_ab in its
  // shortest big-endian form (getByteArray), hence the stripped zeros.
  const dh = clientDh(dhInner.dhPrime, dhInner.g);
  dh.setPrivateKey(randomBytes(256));
  const gB = stripZeros(dh.generateKeys());
  const gab = stripZeros(dh.computeSecret(dhInner.gA));
  const clientInner = new Api.ClientDHInnerData({ nonce, serverNonce: resPQ.serverNonce, retryId: bigInt.zero, gB }).getBytes();
  const dhGen = (await sender.send(
    new Api.SetClientDHParams({ nonce, serverNonce: resPQ.serverNonce, encryptedData: ige.encryptIge(Buffer.concat([await sha1(clientInner), clientInner])) }),
  )) as Api.DhGenOk;
  expect(dhGen).toBeInstanceOf(Api.DhGenOk);
  const authKey = new AuthKey();
  await authKey.setKey(gab);
  expect(dhGen.newNonceHash1.eq(await authKey.calcNewNonceHash(newNonce, 1))).toBe(true);
  return authKey;
}

function plainMessage(body: Buffer): Buffer {
  const head = Buffer.alloc(20);
  head.writeBigInt64LE(BigInt(Math.floor(Date.now() / 1000)) << 32n, 8);
  head.writeInt32LE(body.length, 16);
  return Buffer.concat([head, body]);
}
