// npm run bench: runs every bench/*.bench.ts (each default-exports `async () => BenchLine[]`)
// one after another and prints one line per workload:
//   NAME: VALUE UNIT — ideal IDEAL UNIT (WHERE IT COMES FROM), ratio R, goal ≤ G: met | MISSED
//     settings: … · checked: … · note
// `npm run bench -- invite picker` runs only the files whose name contains one of the words.
// Each file runs in a Node process of its own, so no workload inherits another's heap, JIT state
// or leftover sockets (the contacts' read was a fifth slower in a process crowded by other work).
// The exit code is 1 when a line misses its goal or a bench throws (it prints "NAME: failed —
// reason"); the others still run. The machine's core count heads the output: the numbers mean
// nothing without it.
import { spawn } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One measured workload. */
export interface BenchLine {
  name: string;
  value: number;
  unit: string;
  /**
   * What a perfect client would score. Never computed from the app's own tuning (its window,
   * parallelism, page sizes): a bad setting must show as a bad ratio.
   */
  ideal: number;
  /**
   * Where the ideal comes from, outside the code under test: a rate limit's minimum, the
   * protocol's network floor, the CPU floor (the same work at RTT 0), one display frame, the raw
   * gateway in the same run.
   */
  idealFrom: string;
  /** The goal: value ÷ ideal at most `ratio`, or the value itself at most `max` (in `unit`). */
  goal: { ratio: number } | { max: number };
  /** The app's chosen settings for this workload, printed beside the ratio. */
  settings?: string;
  /** What the bench verified besides the time (all invited once, every member present, …). */
  checked: string;
  note?: string;
}

type Bench = () => Promise<BenchLine[]>;

const ratioOf = (line: BenchLine) => (line.ideal > 0 ? line.value / line.ideal : Number.POSITIVE_INFINITY);

export function meetsGoal(line: BenchLine): boolean {
  return 'ratio' in line.goal ? ratioOf(line) <= line.goal.ratio : line.value <= line.goal.max;
}

export function formatLine(line: BenchLine): string {
  const ratio = line.ideal > 0 ? ratioOf(line).toFixed(2) : 'n/a';
  const goal = 'ratio' in line.goal ? `ratio ≤ ${line.goal.ratio}` : `≤ ${line.goal.max} ${line.unit}`;
  const details = [line.settings && `settings: ${line.settings}`, `checked: ${line.checked}`, line.note].filter(Boolean).join(' · ');
  return (
    `${line.name}: ${line.value} ${line.unit} — ideal ${line.ideal} ${line.unit} (${line.idealFrom}), ratio ${ratio}, ` +
    `goal ${goal}: ${meetsGoal(line) ? 'met' : 'MISSED'}\n    ${details}`
  );
}

/** What a bench's process leaves in $BENCH_RESULTS: its lines, or why it failed. */
type Outcome = { lines: BenchLine[] } | { error: string };

/** Runs one bench file in a process of its own (inheriting the terminal for its progress). */
async function runFile(file: string): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-bench-'));
  const results = join(dir, 'results.json');
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, file)], { stdio: 'inherit', env: { ...process.env, BENCH_RESULTS: results } });
      child.once('error', reject);
      child.once('exit', resolve);
    });
    try {
      return JSON.parse(readFileSync(results, 'utf8')) as Outcome;
    } catch {
      return { error: `its process ended (exit code ${code}) without results` };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the files matching `filters` (all when empty); resolves to the process's exit code. */
export async function runBenches(filters: string[], print: (text: string) => void = console.log): Promise<number> {
  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith('.bench.ts'))
    .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
    .sort();
  print(`npm run bench on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.versions.node}`);
  let failures = 0;
  for (const file of files) {
    const outcome = await runFile(file);
    if ('error' in outcome) {
      failures += 1;
      print(`${file.slice(0, -'.bench.ts'.length)}: failed — ${outcome.error}`);
      continue;
    }
    for (const line of outcome.lines) {
      print(formatLine(line));
      if (!meetsGoal(line)) failures += 1;
    }
  }
  print(failures === 0 ? 'every line met its goal' : `${failures} line(s) missed their goal or failed`);
  return failures === 0 ? 0 : 1;
}

/**
 * `npx tsx bench/NAME.bench.ts` runs one bench alone, with the same output and exit code; under
 * runBenches ($BENCH_RESULTS set) it writes its lines there instead, for the runner to print.
 */
export function runAlone(bench: Bench): void {
  const report = process.env.BENCH_RESULTS;
  void bench().then(
    (lines) => {
      if (report) writeFileSync(report, JSON.stringify({ lines } satisfies Outcome));
      else for (const line of lines) console.log(formatLine(line));
      process.exitCode = lines.every(meetsGoal) ? 0 : 1;
    },
    (error: unknown) => {
      if (report) writeFileSync(report, JSON.stringify({ error: error instanceof Error ? error.message : String(error) } satisfies Outcome));
      else console.error(error);
      process.exitCode = 1;
    },
  );
}

if (require.main === module) {
  void runBenches(process.argv.slice(2)).then((code) => process.exit(code));
}
