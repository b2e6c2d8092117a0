// npm run bench: runs every bench/*.bench.ts (each default-exports `async () => BenchLine[]`)
// one after another and prints one line per workload:
//   NAME: VALUE UNIT (ideal VALUE UNIT, ratio R) — note
// `npm run bench -- invite picker` runs only the files whose name contains one of the words.
// A bench that throws prints "NAME: failed — reason" and makes the exit code 1; the others still run.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** One measured workload. The ratio is value ÷ ideal; the goal is ≤ 1.2. */
export interface BenchLine {
  name: string;
  value: number;
  unit: string;
  ideal: number;
  note?: string;
}

type Bench = () => Promise<BenchLine[]>;

export function formatLine(line: BenchLine): string {
  const ratio = line.ideal > 0 ? (line.value / line.ideal).toFixed(2) : 'n/a';
  const note = line.note ? ` — ${line.note}` : '';
  return `${line.name}: ${line.value} ${line.unit} (ideal ${line.ideal} ${line.unit}, ratio ${ratio})${note}`;
}

async function main(filters: string[]): Promise<number> {
  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith('.bench.ts'))
    .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
    .sort();
  let failures = 0;
  for (const file of files) {
    const name = file.slice(0, -'.bench.ts'.length);
    try {
      const module = (await import(join(__dirname, file))) as { default?: Bench };
      if (typeof module.default !== 'function') throw new Error('it has no default export (async () => BenchLine[])');
      for (const line of await module.default()) console.log(formatLine(line));
    } catch (error) {
      failures += 1;
      console.log(`${name}: failed — ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return failures === 0 ? 0 : 1;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
