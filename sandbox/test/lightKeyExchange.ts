// Test helper: the client half of the auth-key exchange, light enough to run thousands of times.
// GramJS's Authenticator factors pq and does its RSA and DH arithmetic in pure JS (tens of ms);
// this one uses native BigInt for pq, node:crypto for RSA (the older sha1 + data + padding scheme)
// and DH with a 256-bit exponent, over the intermediate transport on a raw node:net socket.
import { constants, createDiffieHellman, publicEncrypt, randomBytes, type DiffieHellman } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import bigInt from 'big-integer';
import { Api } from 'telegram';
import { BinaryReader } from 'telegram/extensions';
import { generateKeyDataFromNonce } from 'telegram/Helpers';
import { authKeyIdOf, igeDecrypt, igeEncrypt, sha1 } from '../src/mtproto/crypto';

export class KeyExchangeRefused extends Error {}

/** One TCP connection that runs key exchanges, one after another. */
export class LightKeyClient {
  private pending = Buffer.alloc(0);
  private waiting: { resolve: (frame: Buffer) => void; reject: (error: Error) => void } | null = null;
  private ended: Error | null = null;

  private constructor(
    private readonly socket: Socket,
    private readonly publicKeyPem: string,
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.pending = Buffer.concat([this.pending, chunk]);
      this.deliver();
    });
    const end = () => {
      this.ended ??= new KeyExchangeRefused('connection closed by the server');
      this.deliver();
    };
    socket.on('close', end);
    socket.on('error', end);
  }

  static open(address: { host: string; port: number; publicKeyPem: string }): Promise<LightKeyClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(address.port, address.host, () => {
        socket.off('error', reject);
        socket.write(Buffer.from('eeeeeeee', 'hex'));
        resolve(new LightKeyClient(socket, address.publicKeyPem));
      });
      socket.once('error', reject);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  /** One complete key exchange; resolves with the key id (hex, as the server stores it). */
  async exchange(): Promise<{ id: string; key: Buffer }> {
    const nonce = randomInt(16);
    const resPQ = await this.call<Api.ResPQ>(new Api.ReqPqMulti({ nonce }));
    const pq = BigInt(`0x${resPQ.pq.toString('hex')}`);
    const p = rho(pq);
    const [lo, hi] = p < pq / p ? [p, pq / p] : [pq / p, p];
    const newNonce = randomInt(32);
    const inner = new Api.PQInnerDataDc({
      pq: resPQ.pq,
      p: bytes(lo),
      q: bytes(hi),
      nonce,
      serverNonce: resPQ.serverNonce,
      newNonce,
      dc: 2,
    }).getBytes();
    const plain = Buffer.concat([Buffer.from([0]), sha1(inner), inner]);
    const padded = Buffer.concat([plain, randomBytes(256 - plain.length)]);
    const encryptedData = publicEncrypt({ key: this.publicKeyPem, padding: constants.RSA_NO_PADDING }, padded);
    const dhParams = await this.call<Api.ServerDHParamsOk>(
      new Api.ReqDHParams({
        nonce,
        serverNonce: resPQ.serverNonce,
        p: bytes(lo),
        q: bytes(hi),
        publicKeyFingerprint: resPQ.serverPublicKeyFingerprints[0]!,
        encryptedData,
      }),
    );
    const { key: tmpKey, iv: tmpIv } = await generateKeyDataFromNonce(resPQ.serverNonce, newNonce);
    const answer = new BinaryReader(igeDecrypt(dhParams.encryptedAnswer, tmpKey, tmpIv));
    answer.read(20);
    const dhInner = answer.tgReadObject() as Api.ServerDHInnerData;
    const dh = clientDh(dhInner.dhPrime, dhInner.g);
    dh.setPrivateKey(randomBytes(32));
    const gB = stripZeros(dh.generateKeys());
    const key = stripZeros(dh.computeSecret(dhInner.gA));
    const clientInner = new Api.ClientDHInnerData({ nonce, serverNonce: resPQ.serverNonce, retryId: bigInt.zero, gB }).getBytes();
    const data = Buffer.concat([sha1(clientInner), clientInner]);
    const dataPadded = Buffer.concat([data, randomBytes((16 - (data.length % 16)) % 16)]);
    const done = await this.call<Api.DhGenOk>(
      new Api.SetClientDHParams({ nonce, serverNonce: resPQ.serverNonce, encryptedData: igeEncrypt(dataPadded, tmpKey, tmpIv) }),
    );
    if (!(done instanceof Api.DhGenOk)) throw new Error(`unexpected ${(done as { className?: string }).className}`);
    return { id: authKeyIdOf(key).toString('hex'), key };
  }

  private async call<T>(request: { getBytes(): Buffer }): Promise<T> {
    const body = request.getBytes();
    const message = Buffer.alloc(20);
    message.writeBigInt64LE(BigInt(Math.floor(Date.now() / 1000)) << 32n, 8);
    message.writeInt32LE(body.length, 16);
    const payload = Buffer.concat([message, body]);
    const head = Buffer.alloc(4);
    head.writeUInt32LE(payload.length);
    this.socket.write(Buffer.concat([head, payload]));
    const frame = await this.frame();
    if (frame.length === 4) throw new KeyExchangeRefused(`transport error ${frame.readInt32LE(0)}`);
    return new BinaryReader(frame.subarray(20)).tgReadObject() as T;
  }

  private frame(): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.deliver();
    });
  }

  private deliver(): void {
    if (!this.waiting) return;
    if (this.pending.length >= 4) {
      const length = this.pending.readUInt32LE(0);
      if (this.pending.length >= 4 + length) {
        const frame = this.pending.subarray(4, 4 + length);
        this.pending = this.pending.subarray(4 + length);
        const { resolve } = this.waiting;
        this.waiting = null;
        return resolve(frame);
      }
    }
    if (this.ended) {
      const { reject } = this.waiting;
      this.waiting = null;
      reject(this.ended);
    }
  }
}

/** A random signed integer of `bytes` bytes, made natively (GramJS's helper is slow). */
function randomInt(bytes: number): bigInt.BigInteger {
  return bigInt(BigInt.asIntN(bytes * 8, BigInt(`0x${randomBytes(bytes).toString('hex')}`)).toString());
}

/** Pollard's rho on native BigInt: pq's small factor is 20 bits, found in about a thousand steps. */
function rho(n: bigint): bigint {
  for (let c = 1n; ; c++) {
    let x = 2n;
    let y = 2n;
    let d = 1n;
    while (d === 1n) {
      x = (x * x + c) % n;
      y = (y * y + c) % n;
      y = (y * y + c) % n;
      d = gcd(x > y ? x - y : y - x, n);
    }
    if (d !== n) return d;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

function bytes(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(hex, 'hex');
}

const dhObjects = new Map<string, DiffieHellman>();
/** The client's DH half for a prime and generator, one object per pair (setting one up is the slow part). */
export function clientDh(prime: Buffer, g: number): DiffieHellman {
  const id = `${prime.toString('hex')}:${g}`;
  if (!dhObjects.has(id)) dhObjects.set(id, createDiffieHellman(prime, Buffer.from([g])));
  return dhObjects.get(id)!;
}

/** A big-endian number without its leading zero bytes, as MTProto writes g_a, g_b and the key. */
export function stripZeros(data: Buffer): Buffer {
  let i = 0;
  while (i < data.length - 1 && data[i] === 0) i++;
  return data.subarray(i);
}
