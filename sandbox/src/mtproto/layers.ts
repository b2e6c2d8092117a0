// Answering each client in the schema of the layer it declared.
// The world builds results with the current GramJS classes (layer 198). For another client the
// protocol layer rebuilds every object as the same-named class of that client's schema (layer
// 143, from the `telegram-143` npm alias, a dev dependency loaded only when such a client
// connects: see loadOldSchema; layer 227, from the schema @mtcute/core ships, see
// layerNewest.ts), field by field: fields the target schema lacks are dropped, fields it requires
// but the source object lacks get defaults, and constructors it doesn't know are dropped from
// vectors or replaced by their type's empty constructor.
// Requests go the other way: one the current schema can't read is read with the newest schema,
// then the old one, and rebuilt as current classes before the world sees it.
import bigInt from 'big-integer';
import { Api } from 'telegram';
import { BinaryReader } from 'telegram/extensions/BinaryReader';
import { LAYER } from 'telegram/tl/AllTLObjects';
import apiTl from 'telegram/tl/apiTl.js';
import { parseTl } from 'telegram/tl/generationHelpers';
import schemaTl from 'telegram/tl/schemaTl.js';
import { newestApi } from './layerNewest';
import { tlBytes } from './tlwrite';

export const CURRENT_LAYER: number = LAYER;
export const OLD_LAYER = 143;

export interface ArgConfig {
  isVector: boolean;
  isFlag: boolean;
  flagIndicator: boolean;
  flagName: string | null;
  flagIndex: number;
  useVectorId: boolean | null;
  type: string | null;
}
export interface Definition {
  className: string;
  constructorId: number;
  argsConfig: Record<string, ArgConfig>;
  result: string;
  isFunction: boolean;
}
type TLClass = new (args: Record<string, unknown>) => TLObject;
interface TLObject {
  className: string;
  getBytes(): Buffer;
  [field: string]: unknown;
}

export interface Schema {
  layer: number;
  definition(className: string): Definition | undefined;
  definitionById(constructorId: number): Definition | undefined;
  classOf(className: string): TLClass | undefined;
  /** Reads one boxed object; throws (TypeNotFoundError, RangeError…) when it can't. */
  read(body: Buffer): unknown;
  constructorsOf(type: string): Definition[];
}

export interface SchemaSource {
  parse: (text: string, layer: string) => Iterable<unknown>;
  texts: string[];
  api: unknown;
  Reader: new (body: Buffer) => { tgReadObject(): unknown };
}

function buildSchema(layer: number, { parse, texts, api, Reader }: SchemaSource): Schema {
  const byName = new Map<string, Definition>();
  const byId = new Map<number, Definition>();
  const byType = new Map<string, Definition[]>();
  for (const text of texts) {
    for (const raw of parse(text, '109') as Iterable<RawDefinition>) {
      const className = raw.namespace ? `${raw.namespace}.${raw.name}` : raw.name;
      const def: Definition = { className, constructorId: raw.constructorId >>> 0, argsConfig: raw.argsConfig, result: raw.result, isFunction: raw.isFunction };
      byName.set(className, def);
      byId.set(def.constructorId, def);
      if (!raw.isFunction) byType.set(raw.result, [...(byType.get(raw.result) ?? []), def]);
    }
  }
  const classes = new Map<string, TLClass | undefined>();
  return {
    layer,
    definition: (name) => byName.get(name),
    definitionById: (id) => byId.get(id >>> 0),
    classOf(name) {
      if (!classes.has(name)) {
        const [a, b] = name.split('.');
        const holder = api as Record<string, Record<string, TLClass> | TLClass>;
        classes.set(name, (b ? (holder[a!] as Record<string, TLClass> | undefined)?.[b] : (holder[a!] as TLClass | undefined)) ?? undefined);
      }
      return classes.get(name);
    },
    read: (body) => new Reader(body).tgReadObject(),
    constructorsOf: (type) => byType.get(type) ?? [],
  };
}

interface RawDefinition {
  name: string;
  constructorId: number;
  namespace?: string;
  argsConfig: Record<string, ArgConfig>;
  result: string;
  isFunction: boolean;
}

let current: Schema | null = null;
let newest: Schema | null = null;
/** The layer-198 schema (the GramJS the app uses). */
export function currentSchema(): Schema {
  return (current ??= buildSchema(CURRENT_LAYER, { parse: parseTl, texts: [apiTl, schemaTl], api: Api, Reader: BinaryReader }));
}

/** A CommonJS module's export, reached through import() in Node (default) or a bundler (named). */
function exported<T>(module: unknown, name: string): T {
  const m = module as Record<string, unknown> & { default?: Record<string, unknown> };
  return (name === 'default' ? (m.default ?? m) : (m[name] ?? m.default?.[name])) as T;
}

/** The newest schema (layer 227, @mtcute/core's), built the first time a client needs it. */
export function newestSchema(): Schema {
  if (newest) return newest;
  const n = newestApi();
  return (newest = buildSchema(n.layer, { parse: parseTl, texts: [n.tlText, schemaTl], api: n.api, Reader: n.Reader }));
}

/**
 * Loads `telegram-143`, a dev dependency: the packaged app doesn't ship it, so only a sandbox run
 * from a checkout answers layer-143 clients. Subpaths carry `.js` for Node's own resolver.
 */
async function importTelegram143(): Promise<SchemaSource> {
  const [index, reader, api, helpers, schema] = await Promise.all([
    import('telegram-143'),
    import('telegram-143/extensions/BinaryReader.js'),
    import('telegram-143/tl/apiTl.js'),
    import('telegram-143/tl/generationHelpers.js'),
    import('telegram-143/tl/schemaTl.js'),
  ]);
  return {
    parse: exported(helpers, 'parseTl'),
    texts: [exported<string>(api, 'default'), exported<string>(schema, 'default')],
    api: exported(index, 'Api'),
    Reader: exported(reader, 'BinaryReader'),
  };
}

let old: Schema | null = null;
let oldLoad: Promise<Schema | null> | null = null;
let oldLoader: () => Promise<SchemaSource> = importTelegram143;

/**
 * The layer-143 schema, loaded and built the first time an older client declares its layer;
 * null when `telegram-143` is not installed (the reason is logged once through `log`).
 */
export function loadOldSchema(log: (message: string) => void = () => {}): Promise<Schema | null> {
  if (old) return Promise.resolve(old);
  return (oldLoad ??= oldLoader().then(
    (source) => (old = buildSchema(OLD_LAYER, source)),
    (error: unknown) => {
      log(`layer-${OLD_LAYER} clients are refused: the telegram-143 package (a dev dependency) can't be loaded: ${(error as Error)?.message ?? String(error)}`);
      return null;
    },
  ));
}

/** The layer-143 schema if it has been loaded, else null. */
export function loadedOldSchema(): Schema | null {
  return old;
}

/** The layer-143 schema; throws unless loadOldSchema has loaded it. */
export function oldSchema(): Schema {
  if (!old) throw new Error(`the layer-${OLD_LAYER} schema is not loaded (loadOldSchema)`);
  return old;
}

/** Tests: replace how the layer-143 schema is loaded (null: the real package), forgetting any loaded one. */
export function setOldSchemaLoader(loader: (() => Promise<SchemaSource>) | null): void {
  oldLoader = loader ?? importTelegram143;
  old = null;
  oldLoad = null;
}

/**
 * The schema a client that declared `layer` is answered in: the newest at or above its layer
 * (227), the current one from 198 up to it, layer 143 below 198 (once loaded).
 */
export function schemaForLayer(layer: number): Schema {
  if (layer <= CURRENT_LAYER) return layer === CURRENT_LAYER ? currentSchema() : oldSchema();
  let latest: Schema;
  try {
    latest = newestSchema();
  } catch {
    return currentSchema(); // @mtcute/core (a dev dependency) isn't installed: answer in 198, as before
  }
  return layer >= latest.layer ? latest : currentSchema();
}

export class LayerConversionError extends Error {}

const DROP = Symbol('drop');

/** Rebuilds `value` (a TL object, a vector of them, or a primitive) with `to`'s classes. */
export function convertTo(to: Schema, value: unknown): unknown {
  const out = convertAny(to, value, 0);
  if (out === DROP) throw new LayerConversionError(`${(value as TLObject).className} has no layer-${to.layer} equivalent`);
  return out;
}

function convertAny(to: Schema, value: unknown, depth: number): unknown {
  if (Array.isArray(value)) return value.map((v) => convertAny(to, v, depth)).filter((v) => v !== DROP);
  if (!isTLObject(value)) return value;
  if (depth > 64) throw new LayerConversionError('object nested too deeply');
  const def = to.definition(value.className);
  const Cls = to.classOf(value.className);
  if (!def || !Cls) return DROP;
  const args: Record<string, unknown> = {};
  for (const [name, arg] of Object.entries(def.argsConfig)) {
    if (arg.flagIndicator) continue;
    const source = value[name];
    let v: unknown = source === undefined || source === null ? undefined : convertField(to, arg, source, depth);
    if (v === DROP) v = undefined;
    if (v === undefined && !arg.isFlag) v = defaultFor(to, arg, depth);
    args[name] = v;
  }
  return new Cls(args);
}

function convertField(to: Schema, arg: ArgConfig, source: unknown, depth: number): unknown {
  if (arg.isVector) {
    if (!Array.isArray(source)) return DROP;
    return source.map((v) => convertScalar(to, arg, v, depth)).filter((v) => v !== DROP);
  }
  return convertScalar(to, arg, source, depth);
}

function convertScalar(to: Schema, arg: ArgConfig, v: unknown, depth: number): unknown {
  switch (arg.type) {
    case 'int':
    case 'date':
    case 'double':
      if (typeof v === 'number') return v;
      return bigInt.isInstance(v) ? (v as bigInt.BigInteger).toJSNumber() : DROP;
    case 'long':
    case 'int128':
    case 'int256':
      if (typeof v === 'number') return bigInt(v);
      return bigInt.isInstance(v) ? v : DROP;
    case 'string':
      return typeof v === 'string' ? v : DROP;
    case 'bytes':
      return Buffer.isBuffer(v) ? v : DROP;
    case 'Bool':
    case 'true':
      return typeof v === 'boolean' ? v : DROP;
    default:
      return isTLObject(v) ? convertAny(to, v, depth + 1) : DROP;
  }
}

/** A value for a field the old schema requires and the new object doesn't carry. */
function defaultFor(to: Schema, arg: ArgConfig, depth: number): unknown {
  if (arg.isVector) return [];
  switch (arg.type) {
    case 'int':
    case 'date':
    case 'double':
      return 0;
    case 'long':
    case 'int128':
    case 'int256':
      return bigInt.zero;
    case 'string':
      return '';
    case 'bytes':
      return Buffer.alloc(0);
    case 'Bool':
    case 'true':
      return false;
    default:
      return emptyOf(to, arg.type ?? '', depth + 1);
  }
}

/** The type's "Empty" constructor if it has one, else the constructor needing the fewest fields. */
function emptyOf(to: Schema, type: string, depth: number): unknown {
  if (depth > 8) throw new LayerConversionError(`no default for ${type}`);
  const candidates = to.constructorsOf(type);
  const required = (d: Definition) => Object.values(d.argsConfig).filter((a) => !a.isFlag && !a.flagIndicator).length;
  const pick = candidates.find((d) => d.className.endsWith('Empty')) ?? [...candidates].sort((a, b) => required(a) - required(b))[0];
  const Cls = pick && to.classOf(pick.className);
  if (!pick || !Cls) throw new LayerConversionError(`no layer-${to.layer} constructor for ${type}`);
  const args: Record<string, unknown> = {};
  for (const [name, arg] of Object.entries(pick.argsConfig)) {
    if (!arg.flagIndicator && !arg.isFlag) args[name] = defaultFor(to, arg, depth);
  }
  return new Cls(args);
}

function isTLObject(v: unknown): v is TLObject {
  return typeof v === 'object' && v !== null && typeof (v as TLObject).className === 'string' && typeof (v as TLObject).getBytes === 'function';
}

/**
 * Serializes a method's result by the method's declared result type: TL objects box themselves,
 * Bool and Vector<int|long> need the type to be written. A Buffer passes through as ready bytes.
 */
export function serializeResult(value: unknown, resultType: string): Buffer {
  if (Buffer.isBuffer(value)) return value;
  const vector = /^Vector<(.+)>$/i.exec(resultType);
  if (vector) {
    if (!Array.isArray(value)) throw new TypeError(`expected an array for ${resultType}`);
    const head = Buffer.alloc(8);
    head.writeUInt32LE(0x1cb5c415, 0);
    head.writeInt32LE(value.length, 4);
    return Buffer.concat([head, ...value.map((v) => serializeResult(v, vector[1]!))]);
  }
  switch (resultType) {
    case 'Bool':
      if (typeof value !== 'boolean') throw new TypeError('expected a boolean for Bool');
      return Buffer.from(value ? 'b5757299' : '379779bc', 'hex');
    case 'int': {
      const b = Buffer.alloc(4);
      b.writeInt32LE(Number(value));
      return b;
    }
    case 'long': {
      const b = Buffer.alloc(8);
      b.writeBigInt64LE(BigInt(String(value)));
      return b;
    }
  }
  if (isTLObject(value)) return tlBytes(value);
  throw new TypeError(`cannot serialize ${typeof value} as ${resultType}`);
}
