// Item 15 of the security review: npm audit over every dependency (Electron ships though it is a
// devDependency); a high or critical advisory in what ships fails. Where the registry does not
// answer audit requests, the live check skips and says why in one line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAudit, runNpmAudit } from '../scripts/audit';

const root = join(__dirname, '..');

describe('npm audit', () => {
  const lock = {
    packages: {
      '': {},
      'node_modules/telegram': {},
      'node_modules/electron': { dev: true },
      'node_modules/vite': { dev: true },
    },
  };
  const report = (vulnerabilities: Record<string, { severity: string; nodes: string[] }>) =>
    JSON.stringify({
      vulnerabilities: Object.fromEntries(Object.entries(vulnerabilities).map(([name, v]) => [name, { name, ...v }])),
    });

  it('item 15: blocks high and critical advisories in what ships, Electron included, and nothing else', () => {
    const outcome = readAudit(
      report({
        telegram: { severity: 'high', nodes: ['node_modules/telegram'] },
        electron: { severity: 'critical', nodes: ['node_modules/electron'] },
        vite: { severity: 'critical', nodes: ['node_modules/vite'] },
        papaparse: { severity: 'moderate', nodes: ['node_modules/papaparse'] },
      }),
      lock,
    );
    expect(outcome).toEqual({
      kind: 'report',
      blocking: [
        { name: 'telegram', severity: 'high', nodes: ['node_modules/telegram'] },
        { name: 'electron', severity: 'critical', nodes: ['node_modules/electron'] },
      ],
    });
  });

  it('item 15: tells a refusal or no network from a report', () => {
    const refused = JSON.stringify({ message: '405 Method Not Allowed - POST …/advisories/bulk', statusCode: 405 });
    expect(readAudit(refused, lock)).toEqual({ kind: 'unavailable', reason: '405 Method Not Allowed - POST …/advisories/bulk' });
    expect(readAudit(JSON.stringify({ error: { code: 'ENOTFOUND', summary: 'request failed' } }), lock)).toMatchObject({ kind: 'unavailable' });
    expect(readAudit('not json', lock)).toMatchObject({ kind: 'unavailable' });
  });

  it('item 15: no high or critical advisory in what ships (live, where the registry answers)', ({ skip }) => {
    const outcome = readAudit(runNpmAudit(root), JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')));
    if (outcome.kind === 'unavailable') {
      console.info(`npm audit skipped: the registry gave no audit report (${outcome.reason})`);
      skip(`no audit report: ${outcome.reason}`);
    }
    expect(outcome.kind === 'report' && outcome.blocking).toEqual([]);
  }, 90_000);
});
