// The few TL primitives the protocol layer writes by hand (service messages, envelopes).
// Everything with a schema goes through GramJS's generated classes instead.

/** TL `bytes`/`string`: length prefix (1 byte, or 0xfe + 3 bytes), data, zero padding to 4. */
export function serializeBytes(data: Buffer): Buffer {
  const head = data.length < 254 ? Buffer.from([data.length]) : Buffer.from([254, data.length & 0xff, (data.length >> 8) & 0xff, (data.length >> 16) & 0xff]);
  const total = head.length + data.length;
  return Buffer.concat([head, data, Buffer.alloc((4 - (total % 4)) % 4)]);
}

export function int32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32LE(value);
  return b;
}

export function uint32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value >>> 0);
  return b;
}

export function int64(value: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64LE(BigInt.asIntN(64, value));
  return b;
}

/** A cursor over a little-endian buffer; throws RangeError past the end (callers catch it). */
export class ByteReader {
  offset = 0;
  constructor(readonly buf: Buffer) {}
  get remaining(): number {
    return this.buf.length - this.offset;
  }
  uint32(): number {
    const v = this.buf.readUInt32LE(this.offset);
    this.offset += 4;
    return v;
  }
  int32(): number {
    const v = this.buf.readInt32LE(this.offset);
    this.offset += 4;
    return v;
  }
  int64(): bigint {
    const v = this.buf.readBigInt64LE(this.offset);
    this.offset += 8;
    return v;
  }
  bytes(length: number): Buffer {
    if (length < 0 || this.offset + length > this.buf.length) throw new RangeError('read past the end');
    const v = this.buf.subarray(this.offset, this.offset + length);
    this.offset += length;
    return v;
  }
  tlBytes(): Buffer {
    const first = this.bytes(1)[0]!;
    let length: number;
    let head: number;
    if (first === 254) {
      length = this.bytes(3).readUIntLE(0, 3);
      head = 4;
    } else if (first < 254) {
      length = first;
      head = 1;
    } else {
      throw new RangeError('bad bytes prefix');
    }
    const data = this.bytes(length);
    this.bytes((4 - ((head + length) % 4)) % 4);
    return data;
  }
}
