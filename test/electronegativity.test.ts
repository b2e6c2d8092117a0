// Electronegativity scans the main-process sources and the built app (what ships). Any finding
// not in the checked-in allow-list fails; so does an allow-list entry that matches nothing, so
// the list stays honest. (The tool exits 0 whatever it finds, so we read its report. Its SARIF
// report, not its CSV: the CSV writer races the tool's own failed look-up of Electron releases
// and came out cut short in two runs of three here; the SARIF held every finding in three of three.)
// Nothing here rests on the network: the Electron version is given (-e), and the one check that
// downloads Electron's release list (AvailableSecurityFixesGlobalCheck, "is there a newer
// Electron with security fixes") is left out; npm audit (test/audit.test.ts) covers Electron's
// advisories. The tool's other look-up, of updated message translations, only changes
// a finding's wording, which this test does not read.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const root = join(__dirname, '..');

interface Finding {
  check: string;
  file: string;
  location: string;
  sample: string;
}

interface SarifResult {
  ruleId: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }>;
}

/**
 * The only check that fetches (Electron's release list from GitHub), and the version reading
 * only it consumes (left alone, it is reported as a finding of its own).
 */
const OFFLINE_EXCLUDED = 'AvailableSecurityFixesGlobalCheck,ElectronVersionJSONCheck';

function scan(): Finding[] {
  if (!existsSync(join(root, 'out/main/index.js'))) throw new Error('Build first: npm run build');
  const work = mkdtempSync(join(tmpdir(), 'rollcall-eneg-'));
  const target = join(work, 'app');
  for (const part of ['electron', 'out', 'package.json']) cpSync(join(root, part), join(target, part), { recursive: true });
  const { version } = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string };
  const report = join(work, 'findings.sarif');
  const printed = execFileSync(
    process.execPath,
    [join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', target, '-e', version, '-x', OFFLINE_EXCLUDED, '-r', '-o', report],
    { cwd: target, stdio: 'pipe', encoding: 'utf8' },
  );
  // The release-list look-up did not run (it prints this line whenever it fails).
  expect(printed).not.toMatch(/Electron's releases/);
  const sarif = JSON.parse(readFileSync(report, 'utf8')) as { runs: Array<{ results: SarifResult[] }> };
  return sarif.runs.flatMap((run) =>
    run.results.map((result) => {
      const location = result.locations[0]!.physicalLocation;
      return {
        check: result.ruleId,
        file: location.artifactLocation.uri,
        location: `${location.region.startLine}:${location.region.startColumn}`,
        sample: result.message.text,
      };
    }),
  );
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
