// `npm audit` over every dependency, dev ones included: Electron is a devDependency but it is the
// runtime that ships. What fails is a high or critical advisory in what ships: a production
// dependency (not `dev` in package-lock.json) or Electron itself.
import { spawnSync } from 'node:child_process';

export interface Advisory {
  name: string;
  severity: string;
  nodes: string[];
}

export type AuditOutcome = { kind: 'report'; blocking: Advisory[] } | { kind: 'unavailable'; reason: string };

interface PackageLock {
  packages: Record<string, { dev?: boolean }>;
}

const BLOCKING_SEVERITIES = new Set(['high', 'critical']);

const ships = (node: string, lock: PackageLock) => node === 'node_modules/electron' || lock.packages[node]?.dev !== true;

/** Reads `npm audit --json` output: the advisories that block, or why there is no report. */
export function readAudit(stdout: string, lock: PackageLock): AuditOutcome {
  let report: { vulnerabilities?: Record<string, Advisory>; message?: string; error?: { code?: string; summary?: string } };
  try {
    report = JSON.parse(stdout) as typeof report;
  } catch {
    return { kind: 'unavailable', reason: `npm audit printed no JSON: ${stdout.trim().split('\n')[0]?.slice(0, 200) ?? ''}` };
  }
  if (!report.vulnerabilities) {
    const reason = report.message || report.error?.summary || report.error?.code || 'no vulnerabilities section';
    return { kind: 'unavailable', reason: reason.split('\n')[0]!.slice(0, 200) };
  }
  const blocking = Object.values(report.vulnerabilities).filter(
    (advisory) => BLOCKING_SEVERITIES.has(advisory.severity) && advisory.nodes.some((node) => ships(node, lock)),
  );
  return { kind: 'report', blocking: blocking.map(({ name, severity, nodes }) => ({ name, severity, nodes })) };
}

/** Runs `npm audit --json` in `cwd` (all dependencies); its exit code says nothing we need. */
export function runNpmAudit(cwd: string): string {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['audit', '--json'], { cwd, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  return result.error ? JSON.stringify({ message: result.error.message }) : result.stdout;
}
