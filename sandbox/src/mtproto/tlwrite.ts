// A faster writer for GramJS's TL objects, byte for byte what their getBytes() writes.
// GramJS's getBytes() allocates a Buffer per field and concatenates at every level, and writes each
// long through eight big-integer shifts and ands; a 100,000-user contacts.getContacts spent
// seconds there. This writer walks the same schema definitions (layers.ts parses GramJS's own TL
// text with GramJS's parser, so the field order and flags are GramJS's) into one growing buffer.
//
// It takes the fast path only where it is sure to agree: an object of the current schema's class
// for its name (or of a subclass that keeps its getBytes()), fields of the expected JavaScript
// types. Anything else (a layer-143 object, a string where a long belongs, a missing required
// field, a bare-typed field that trips GramJS's boxing quirk) is handed to that object's own
// getBytes(), which writes, or throws, as before. An object whose prototype lists the fields it
// carries (TL_FIELDS, ../rpc.ts) has only those visited.
import bigInt from 'big-integer';
import { TL_FIELDS } from '../rpc';
import { currentSchema, type ArgConfig } from './layers';

interface TLObject {
  className: string;
  CONSTRUCTOR_ID: number;
  getBytes(): Buffer;
  [field: string]: unknown;
}

const enum Kind {
  Int,
  Long,
  Int128,
  Int256,
  Double,
  Bytes,
  Bool,
  True,
  Date,
  Object,
  Flags,
}

interface Field {
  name: string;
  kind: Kind;
  isVector: boolean;
  useVectorId: boolean;
  /** Set for optional fields: the flags field and bit that say whether it is present. */
  flagName: string | null;
  flagIndex: number;
  /** A Bool under a flag is written even when false (GramJS's rule). */
  isBool: boolean;
  /** Flags fields: the optional fields this one counts, as [name, bit, isBool]. */
  counted?: [string, number, boolean][];
  /** Flags field of a definition with no optional fields at all: 4 zero bytes. */
  empty?: boolean;
}

interface Plan {
  constructorId: number;
  fields: Field[];
  getBytes: unknown;
  /** The same plan for objects that declare their fields (TL_FIELDS), by that list. */
  partial: Map<readonly string[], Plan>;
}

const KINDS: Record<string, Kind> = {
  int: Kind.Int,
  long: Kind.Long,
  int128: Kind.Int128,
  int256: Kind.Int256,
  double: Kind.Double,
  string: Kind.Bytes,
  bytes: Kind.Bytes,
  Bool: Kind.Bool,
  true: Kind.True,
  date: Kind.Date,
};

/** Plans by class (constructor); null: this class always goes through its own getBytes(). */
const plans = new Map<unknown, Plan | null>();

function planFor(object: TLObject): Plan | null {
  const Cls = object.constructor;
  let plan = plans.get(Cls);
  if (plan !== undefined) return plan;
  plan = makePlan(object);
  plans.set(Cls, plan);
  return plan;
}

function makePlan(object: TLObject): Plan | null {
  const schema = currentSchema();
  const def = schema.definition(object.className);
  const Cls = schema.classOf(object.className) as unknown as { prototype: { getBytes: unknown } } | undefined;
  if (!def || !Cls || !(object instanceof (Cls as unknown as new () => object)) || def.constructorId !== object.CONSTRUCTOR_ID >>> 0) return null;
  const args = Object.entries(def.argsConfig);
  const anyFlag = args.some(([, a]) => a.isFlag);
  const fields: Field[] = [];
  for (const [name, arg] of args) {
    if (arg.flagIndicator) {
      fields.push({
        name, kind: Kind.Flags, isVector: false, useVectorId: false, flagName: null, flagIndex: -1, isBool: false,
        empty: !anyFlag,
        counted: args.filter(([, a]) => a.isFlag && a.flagName === name).map(([n, a]) => [n, a.flagIndex, a.type === 'Bool']),
      });
      continue;
    }
    const kind = KINDS[arg.type ?? ''] ?? Kind.Object;
    // GramJS drops the *parent's* first buffer after a bare-typed (lowercase) object field; leave
    // such definitions to GramJS rather than copy the quirk.
    if (kind === Kind.Object && !arg.isVector && !isBoxed(arg)) return null;
    fields.push({
      name, kind, isVector: arg.isVector, useVectorId: !!arg.useVectorId,
      flagName: arg.isFlag ? arg.flagName : null, flagIndex: arg.flagIndex, isBool: arg.type === 'Bool',
    });
  }
  return { constructorId: def.constructorId, fields, getBytes: Cls.prototype.getBytes, partial: new Map() };
}

/**
 * The plan for an object that carries only `present` of its optional fields: the others are
 * undefined, so they neither set a flag nor write anything. Required fields stay (a missing one
 * must still reach getBytes()).
 */
function partialPlan(plan: Plan, present: readonly string[]): Plan {
  let partial = plan.partial.get(present);
  if (partial) return partial;
  const has = new Set(present);
  const fields = plan.fields
    .filter((f) => f.kind === Kind.Flags || f.flagName === null || has.has(f.name))
    .map((f) => (f.kind === Kind.Flags ? { ...f, counted: f.counted!.filter(([name]) => has.has(name)) } : f));
  partial = { ...plan, fields, partial: new Map() };
  plan.partial.set(present, partial);
  return partial;
}

function isBoxed(arg: ArgConfig): boolean {
  const type = arg.type ?? '';
  const first = type.charAt(type.indexOf('.') + 1);
  return first === first.toUpperCase();
}

/** Thrown inside the writer when an object must be written by its own getBytes() instead. */
class Unusual extends Error {}
const UNUSUAL = new Unusual();

class Writer {
  buf = Buffer.allocUnsafe(4096);
  pos = 0;

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  u32(v: number): void {
    this.ensure(4);
    this.buf.writeUInt32LE(v >>> 0, this.pos);
    this.pos += 4;
  }

  i32(v: number): void {
    this.ensure(4);
    this.buf.writeInt32LE(v, this.pos);
    this.pos += 4;
  }

  raw(b: Buffer): void {
    this.ensure(b.length);
    b.copy(this.buf, this.pos);
    this.pos += b.length;
  }

  /** TL bytes/string: GramJS's serializeBytes. */
  tlBytes(data: Buffer | string): void {
    const length = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    if (length >= 1 << 24) throw UNUSUAL;
    const head = length < 254 ? 1 : 4;
    const padding = (4 - ((head + length) % 4)) % 4;
    this.ensure(head + length + padding);
    const b = this.buf;
    let p = this.pos;
    if (head === 1) {
      b[p++] = length;
    } else {
      b[p++] = 254;
      b[p++] = length & 0xff;
      b[p++] = (length >> 8) & 0xff;
      b[p++] = (length >> 16) & 0xff;
    }
    if (typeof data === 'string') p += b.write(data, p, 'utf8');
    else p += data.copy(b, p);
    for (let i = 0; i < padding; i++) b[p++] = 0;
    this.pos = p;
  }

  /** A long/int128/int256: the low `bytes` bytes of its two's complement, little-endian. */
  largeInt(v: unknown, bytes: 8 | 16 | 32): void {
    let n: bigint;
    if (bigInt.isInstance(v)) {
      const inner = (v as unknown as { value: unknown }).value;
      if (typeof inner === 'bigint') n = inner;
      else if (typeof inner === 'number' && Number.isSafeInteger(inner)) n = BigInt(inner);
      else throw UNUSUAL;
    } else if (typeof v === 'bigint') {
      n = v;
    } else if (typeof v === 'number' && Number.isSafeInteger(v)) {
      n = BigInt(v);
    } else {
      throw UNUSUAL;
    }
    this.ensure(bytes);
    if (bytes === 8) {
      this.buf.writeBigInt64LE(BigInt.asIntN(64, n), this.pos);
    } else {
      let u = BigInt.asUintN(bytes * 8, n);
      for (let i = 0; i < bytes; i += 8) {
        this.buf.writeBigUInt64LE(u & 0xffffffffffffffffn, this.pos + i);
        u >>= 64n;
      }
    }
    this.pos += bytes;
  }
}

function writeScalar(w: Writer, kind: Kind, v: unknown): void {
  switch (kind) {
    case Kind.Int:
      if (typeof v !== 'number' || !Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) throw UNUSUAL;
      w.i32(v);
      return;
    case Kind.Date:
      // serializeDate: anything falsy is 0.
      if (!v) return w.i32(0);
      if (typeof v !== 'number' || !Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) throw UNUSUAL;
      w.i32(v);
      return;
    case Kind.Long:
      return w.largeInt(v, 8);
    case Kind.Int128:
      return w.largeInt(v, 16);
    case Kind.Int256:
      return w.largeInt(v, 32);
    case Kind.Double:
      if (typeof v !== 'number') throw UNUSUAL;
      w.ensure(8);
      w.buf.writeDoubleLE(v, w.pos);
      w.pos += 8;
      return;
    case Kind.Bytes:
      if (typeof v !== 'string' && !Buffer.isBuffer(v)) throw UNUSUAL;
      return w.tlBytes(v);
    case Kind.Bool:
      return w.u32(v ? 0x997275b5 : 0xbc799737);
    case Kind.True:
      return;
    default:
      if (typeof v !== 'object' || v === null || typeof (v as TLObject).getBytes !== 'function') throw UNUSUAL;
      return writeObject(w, v as TLObject);
  }
}

/** Writes one boxed object; falls back to its own getBytes() when the fast path isn't sure. */
function writeObject(w: Writer, object: TLObject): void {
  const plan = planFor(object);
  if (plan && object.getBytes === plan.getBytes) {
    const start = w.pos;
    const present = (object as { [TL_FIELDS]?: readonly string[] })[TL_FIELDS];
    try {
      writeFields(w, present ? partialPlan(plan, present) : plan, object);
      return;
    } catch (e) {
      if (e !== UNUSUAL) throw e;
      w.pos = start;
    }
  }
  w.raw(object.getBytes());
}

function writeFields(w: Writer, plan: Plan, object: TLObject): void {
  w.u32(plan.constructorId);
  for (const f of plan.fields) {
    if (f.kind === Kind.Flags) {
      if (f.empty) {
        w.i32(0);
        continue;
      }
      let flags = 0;
      for (const [name, bit, isBool] of f.counted!) {
        const v = object[name];
        if (!((v === false && !isBool) || v === undefined || v === null)) flags |= 1 << bit;
      }
      // GramJS writes flags with writeUInt32LE, which throws for bit 31: let it.
      if (flags < 0) throw UNUSUAL;
      w.u32(flags);
      continue;
    }
    const v = object[f.name];
    if (f.flagName !== null && ((v === false && !f.isBool) || v === null || v === undefined || f.kind === Kind.True)) continue;
    if (f.isVector) {
      if (!Array.isArray(v)) throw UNUSUAL;
      if (f.useVectorId) w.u32(0x1cb5c415);
      w.i32(v.length);
      for (const item of v) writeScalar(w, f.kind, item);
    } else {
      writeScalar(w, f.kind, v);
    }
  }
}

/** `object.getBytes()`, faster. */
export function tlBytes(object: { getBytes(): Buffer }): Buffer {
  const w = new Writer();
  writeObject(w, object as TLObject);
  return w.buf.subarray(0, w.pos);
}
