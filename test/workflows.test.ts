// The release workflow can't run here (it needs GitHub's runners), so npm test checks it the way
// GitHub would read it: every workflow against the published schema (action-validator), and the
// release workflow for what it promises (three OSes, Electron specs in a display, installers
// uploaded, published only from a version tag, signing skipped with a line when absent).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const workflowsDir = join(__dirname, '../.github/workflows');
const workflows = readdirSync(workflowsDir).filter((name) => /\.ya?ml$/.test(name));

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  if?: string;
  needs?: string;
  strategy?: { matrix: { os: string[] } };
  steps: Step[];
}

describe('GitHub workflows', () => {
  it('the validator refuses a broken workflow (so its silence below means something)', () => {
    expect(validateWorkflow('on: push\njobs:\n  a:\n    runz-on: ubuntu-latest\n    steps:\n      - run: echo\n').errors).not.toEqual([]);
  });

  it.each(workflows)('%s is a valid workflow', (name) => {
    expect(validateWorkflow(readFileSync(join(workflowsDir, name), 'utf8')).errors).toEqual([]);
  });

  it('release.yml tests and builds on Linux, Windows and macOS, and publishes only from a version tag', () => {
    const workflow = parse(readFileSync(join(workflowsDir, 'release.yml'), 'utf8')) as {
      on: { push: { tags: string[] } };
      permissions: Record<string, string>;
      jobs: Record<string, Job>;
    };
    expect(workflow.permissions).toEqual({ contents: 'read' });
    const { build, publish } = workflow.jobs;
    expect(build!.strategy!.matrix.os.sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    const runs = build!.steps.map((s) => s.run ?? '');
    const index = (pattern: RegExp) => runs.findIndex((r) => pattern.test(r));
    // The Electron binary first, then the README's test command (under xvfb on Linux), then installers.
    expect(index(/^npm ci\b/)).toBeGreaterThanOrEqual(0);
    expect(index(/electron\/install\.js/)).toBeGreaterThan(index(/^npm ci\b/));
    const linuxTest = build!.steps.find((s) => s.run === 'xvfb-run --auto-servernum npm test');
    expect(linuxTest?.if).toBe("runner.os == 'Linux'");
    expect(build!.steps.find((s) => s.run === 'npm test')?.if).toBe("runner.os != 'Linux'");
    expect(index(/^npm run dist\b/)).toBeGreaterThan(index(/npm test/));
    expect(runs.join('\n')).toMatch(/No CSC_LINK secret: the installers are unsigned\./);
    const upload = build!.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(String(upload?.with?.path)).toMatch(/\.AppImage[\s\S]*\.deb[\s\S]*\.exe[\s\S]*\.dmg/);

    expect(workflow.on.push.tags).toEqual(['v*']);
    expect(publish!.needs).toBe('build');
    expect(publish!.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(publish!.steps.some((s) => s.uses?.startsWith('softprops/action-gh-release@'))).toBe(true);
  });
});
