// The newest Telegram schema the project can get from npm: the API schema that @mtcute/core
// (0.30.3) ships as JSON (`@mtcute/core/tl/api-schema.json`, layer 227). It is turned back into
// TL text and handed to GramJS's own class generator (`telegram/tl/api.js`, evaluated once more
// with that text in place of its layer-198 `apiTl.js`), so layer-227 objects are GramJS objects
// like the other two schemas': the generic conversion in layers.ts works on them unchanged, and
// they read and write themselves with GramJS's code. The reader is GramJS's BinaryReader with
// its constructor table swapped for this schema's.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { BinaryReader } from 'telegram/extensions/BinaryReader';
import { coreObjects } from 'telegram/tl/core';
import { TypeNotFoundError } from 'telegram/errors';

interface JsonArgument {
  name: string;
  type: string;
  typeModifiers?: { predicate?: string; isVector?: boolean };
}
interface JsonEntry {
  kind: 'class' | 'method';
  name: string;
  id: number;
  type: string;
  typeModifiers?: { isVector?: boolean };
  generics?: { name: string; type: string }[];
  arguments: JsonArgument[];
}

type TLClass = { CONSTRUCTOR_ID: number; fromReader(reader: BinaryReader): unknown };

export interface NewestApi {
  layer: number;
  /** TL text (api part) in the syntax GramJS's parser reads. */
  tlText: string;
  api: unknown;
  Reader: new (body: Buffer) => { tgReadObject(): unknown };
}

// A require for resolving package files. __filename exists in every host that runs this (tsx,
// the Electron bundle, vitest, Playwright's loader); import.meta would make Playwright's loader
// treat the file as an ES module and fail to load it.
const localRequire = createRequire(__filename);

/** One JSON entry as a TL line: `name#id {X:Type} a:int b:flags.0?Vector<T> = Type;`. */
function tlLine(entry: JsonEntry): string {
  const generics = (entry.generics ?? []).map((g) => `{${g.name}:${g.type}}`);
  const args = entry.arguments.map((a) => {
    const base = a.type === 'int53' ? 'long' : a.type;
    const type = a.typeModifiers?.isVector ? `Vector<${base}>` : base;
    return `${a.name}:${a.typeModifiers?.predicate ? `${a.typeModifiers.predicate}?` : ''}${type}`;
  });
  const result = entry.typeModifiers?.isVector ? `Vector<${entry.type}>` : entry.type;
  return [`${entry.name}#${(entry.id >>> 0).toString(16)}`, ...generics, ...args, '=', `${result};`].join(' ');
}

/** The schema JSON's entries as TL text (mtcute's own helper entries left out). */
export function tlTextFromJson(entries: JsonEntry[]): string {
  const keep = entries.filter((e) => !e.name.startsWith('mtcute.'));
  return [
    ...keep.filter((e) => e.kind === 'class').map(tlLine),
    '---functions---',
    ...keep.filter((e) => e.kind === 'method').map(tlLine),
  ].join('\n');
}

let loaded: NewestApi | null = null;

/** Builds the layer-227 classes the first time a client of that layer needs them (~0.3 s). */
export function newestApi(): NewestApi {
  if (loaded) return loaded;
  const json = JSON.parse(readFileSync(localRequire.resolve('@mtcute/core/tl/api-schema.json'), 'utf8')) as { l: number; e: JsonEntry[] };
  const tlText = tlTextFromJson(json.e);
  const apiPath = localRequire.resolve('telegram/tl/api.js');
  const gramRequire = createRequire(apiPath);
  const load = (id: string) => (id === './apiTl.js' ? tlText : gramRequire(id));
  const module = { exports: {} as { Api?: unknown } };
  // GramJS's generator, run again on this text: the same code that made the layer-198 classes.
  new Function('require', 'module', 'exports', readFileSync(apiPath, 'utf8'))(load, module, module.exports);
  const api = module.exports.Api;
  const table = new Map<number, TLClass>();
  for (const value of Object.values(api as Record<string, TLClass | Record<string, TLClass>>)) {
    if ('CONSTRUCTOR_ID' in value) table.set((value as TLClass).CONSTRUCTOR_ID >>> 0, value as TLClass);
    else for (const sub of Object.values(value)) table.set(sub.CONSTRUCTOR_ID >>> 0, sub);
  }
  class NewestReader extends BinaryReader {
    override tgReadObject(): never {
      const id = this.readInt(false);
      const cls = table.get(id >>> 0) ?? (coreObjects.get(id) as TLClass | undefined);
      if (cls) return cls.fromReader(this) as never;
      if (id === 0x997275b5) return true as never;
      if (id === 0xbc799737) return false as never;
      if (id === 0x1cb5c415) {
        const out: unknown[] = [];
        const length = this.readInt();
        for (let i = 0; i < length; i++) out.push(this.tgReadObject());
        return out as never;
      }
      this.seek(-4);
      throw new TypeNotFoundError(id, this.read());
    }
  }
  loaded = { layer: json.l, tlText, api, Reader: NewestReader };
  return loaded;
}
