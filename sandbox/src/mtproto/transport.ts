// MTProto transports over TCP (https://core.telegram.org/mtproto/mtproto-transports).
// A client announces its transport with its first bytes; the server answers in the same one:
//   0xef                      abridged
//   0xeeeeeeee                intermediate
//   0xdddddddd                padded intermediate
//   len(4) seq(4)=0 ...       full (length + sequence number + CRC32)
//   64 random bytes           obfuscated: AES-256-CTR over one of the three tagged transports
// Anything else, a bad CRC or sequence number, or a frame over MAX_PAYLOAD ends the connection:
// the reader throws TransportError before buffering the announced length.
import { createCipheriv, createDecipheriv, randomBytes, randomInt, type Cipher } from 'node:crypto';
import { crc32 } from 'node:zlib';

export type TransportKind = 'abridged' | 'intermediate' | 'padded' | 'full';

/** Largest payload accepted or sent (Telegram caps a message container near 1 MB too). */
export const MAX_PAYLOAD = 1024 * 1024;

export class TransportError extends Error {}

const TAG_ABRIDGED = 0xefefefef;
const TAG_INTERMEDIATE = 0xeeeeeeee;
const TAG_PADDED = 0xdddddddd;

/** Splits a TCP byte stream into payloads and encodes payloads the same way back. */
export class FrameCodec {
  kind: TransportKind | null = null;
  obfuscated = false;
  private pending: Buffer = Buffer.alloc(0);
  private recvSeq = 0;
  private sendSeq = 0;
  private decipher: Cipher | null = null;
  private cipher: Cipher | null = null;

  /** Bytes received that don't make a whole frame yet. */
  get buffered(): number {
    return this.pending.length;
  }

  /** Feeds received bytes; returns the complete payloads they finish. Throws TransportError. */
  push(chunk: Buffer): Buffer[] {
    if (this.decipher) chunk = this.decipher.update(chunk);
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    if (!this.kind && !this.detect()) return [];
    const frames: Buffer[] = [];
    for (;;) {
      const frame = this.nextFrame();
      if (!frame) break;
      frames.push(frame);
    }
    return frames;
  }

  /** Frames one payload for the wire (a 4-byte payload is how transport errors such as -404 travel). */
  encode(payload: Buffer): Buffer {
    let out: Buffer;
    switch (this.kind) {
      case 'abridged': {
        const words = payload.length >> 2;
        const head = words < 0x7f ? Buffer.from([words]) : Buffer.from([0x7f, words & 0xff, (words >> 8) & 0xff, (words >> 16) & 0xff]);
        out = Buffer.concat([head, payload]);
        break;
      }
      case 'intermediate':
      case 'padded': {
        const padding = this.kind === 'padded' ? randomBytes(randomInt(0, 16)) : Buffer.alloc(0);
        const head = Buffer.alloc(4);
        head.writeUInt32LE(payload.length + padding.length);
        out = Buffer.concat([head, payload, padding]);
        break;
      }
      case 'full': {
        const head = Buffer.alloc(8);
        head.writeUInt32LE(payload.length + 12, 0);
        head.writeUInt32LE(this.sendSeq++, 4);
        const crc = Buffer.alloc(4);
        crc.writeUInt32LE(crc32(Buffer.concat([head, payload])));
        out = Buffer.concat([head, payload, crc]);
        break;
      }
      default:
        throw new TransportError('transport not detected yet');
    }
    return this.cipher ? this.cipher.update(out) : out;
  }

  private detect(): boolean {
    const b = this.pending;
    if (b.length < 1) return false;
    if (b[0] === 0xef) {
      this.kind = 'abridged';
      this.pending = b.subarray(1);
      return true;
    }
    if (b.length < 8) return false;
    const first = b.readUInt32LE(0);
    if (first === TAG_INTERMEDIATE || first === TAG_PADDED) {
      this.kind = first === TAG_INTERMEDIATE ? 'intermediate' : 'padded';
      this.pending = b.subarray(4);
      return true;
    }
    // The full transport's first frame carries sequence number 0; obfuscation forbids zeros there.
    if (b.readUInt32LE(4) === 0) {
      this.kind = 'full';
      return true;
    }
    if (b.length < 64) return false;
    this.startObfuscation(b.subarray(0, 64));
    return true;
  }

  private startObfuscation(header: Buffer): void {
    // The client encrypts with key = header[8..40], iv = header[40..56]; the server encrypts
    // with the same 48 bytes reversed. Decrypting the header itself reveals the tag at 56..60.
    const decipher = createDecipheriv('aes-256-ctr', header.subarray(8, 40), header.subarray(40, 56));
    const reversed = Buffer.from(header.subarray(8, 56)).reverse();
    const plainHeader = decipher.update(header);
    const tag = plainHeader.readUInt32LE(56);
    if (tag === TAG_ABRIDGED) this.kind = 'abridged';
    else if (tag === TAG_INTERMEDIATE) this.kind = 'intermediate';
    else if (tag === TAG_PADDED) this.kind = 'padded';
    else throw new TransportError('unknown transport');
    this.obfuscated = true;
    this.decipher = decipher;
    this.cipher = createCipheriv('aes-256-ctr', reversed.subarray(0, 32), reversed.subarray(32, 48));
    const rest = this.pending.subarray(64);
    this.pending = rest.length ? decipher.update(rest) : rest;
  }

  private nextFrame(): Buffer | null {
    const b = this.pending;
    let headerLength: number;
    let length: number;
    switch (this.kind) {
      case 'abridged': {
        if (b.length < 1) return null;
        const first = b[0]! & 0x7f; // the top bit asks for a quick ack, which the sandbox doesn't send
        if (first < 0x7f) {
          headerLength = 1;
          length = first * 4;
        } else {
          if (b.length < 4) return null;
          headerLength = 4;
          length = b.readUIntLE(1, 3) * 4;
        }
        break;
      }
      case 'intermediate':
      case 'padded':
        if (b.length < 4) return null;
        headerLength = 4;
        length = b.readUInt32LE(0) & 0x7fffffff;
        break;
      case 'full': {
        if (b.length < 8) return null;
        const total = b.readUInt32LE(0);
        if (total < 12 + 4 || total % 4 !== 0 || total > MAX_PAYLOAD + 12) {
          throw new TransportError(`bad full-transport length ${total}`);
        }
        if (b.length < total) return null;
        const seq = b.readUInt32LE(4);
        if (seq !== this.recvSeq) throw new TransportError(`sequence ${seq}, expected ${this.recvSeq}`);
        const crc = b.readUInt32LE(total - 4);
        if (crc32(b.subarray(0, total - 4)) !== crc) throw new TransportError('bad CRC32');
        this.recvSeq++;
        this.pending = b.subarray(total);
        return Buffer.from(b.subarray(8, total - 4));
      }
      default:
        return null;
    }
    if (length === 0 || length > MAX_PAYLOAD + 16) throw new TransportError(`bad frame length ${length}`);
    if (b.length < headerLength + length) return null;
    this.pending = b.subarray(headerLength + length);
    return Buffer.from(b.subarray(headerLength, headerLength + length));
  }
}
