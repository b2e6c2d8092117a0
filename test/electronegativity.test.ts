// Electronegativity scans the main-process sources and the built app (what ships). Any finding
// not in the checked-in allow-list fails; so does an allow-list entry that matches nothing, so
// the list stays honest. (The tool exits 0 whatever it finds, so we read its CSV.)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { expect, it } from 'vitest';

const root = join(__dirname, '..');

interface Finding {
  check: string;
  file: string;
  location: string;
  sample: string;
}

function scan(): Finding[] {
  if (!existsSync(join(root, 'out/main/index.js'))) throw new Error('Build first: npm run build');
  const work = mkdtempSync(join(tmpdir(), 'rollcall-eneg-'));
  const target = join(work, 'app');
  for (const part of ['electron', 'out', 'package.json']) cpSync(join(root, part), join(target, part), { recursive: true });
  const { version } = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string };
  const csv = join(work, 'findings.csv');
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', target, '-e', version, '-r', '-o', csv],
    { cwd: target, stdio: 'pipe' },
  );
  const rows = Papa.parse<string[]>(readFileSync(csv, 'utf8').trim(), { skipEmptyLines: true }).data.slice(1);
  return rows.map(([check, , , file, location, sample]) => ({
    check: check!.trim(),
    file: file!.trim(),
    location: location!.trim(),
    sample: sample!.trim(),
  }));
}

it('finds nothing outside the allow-list, and every allow-list entry is still needed', () => {
  const { allowed } = JSON.parse(readFileSync(join(root, 'electronegativity.allowlist.json'), 'utf8')) as {
    allowed: Array<{ check: string; file: string; reason: string }>;
  };
  for (const entry of allowed) expect(entry.reason.length).toBeGreaterThan(40);
  const findings = scan();
  const isAllowed = (f: Finding) => allowed.some((a) => a.check === f.check && a.file === f.file);
  expect(findings.filter((f) => !isAllowed(f))).toEqual([]);
  const unused = allowed.filter((a) => !findings.some((f) => f.check === a.check && f.file === a.file));
  expect(unused).toEqual([]);
}, 60_000);
