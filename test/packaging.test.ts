// Packs the app with electron-builder --dir against a stand-in Electron distribution (the real
// binary can't be downloaded here) and checks what would ship: the built main, preload and
// renderer plus production dependencies only, and Electron's fuses flipped as configured.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPackage } from '@electron/asar';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '..');
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges',
] as const;
const ENABLED = 0x31;
const DISABLED = 0x30;

let files: string[];
let fuses: Record<(typeof FUSES)[number], boolean>;

/** A stand-in Electron: an executable carrying a version-1 fuse wire with Electron's defaults. */
function makeStandInElectron(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const defaults = [ENABLED, DISABLED, ENABLED, ENABLED, DISABLED, DISABLED, DISABLED, ENABLED];
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, defaults.length, ...defaults])]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n# '), wire, Buffer.from('\n')]));
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), '45.0.0');
}

beforeAll(() => {
  if (!existsSync(join(root, 'out/main/index.js'))) throw new Error('Build first: npm run build');
  const work = mkdtempSync(join(tmpdir(), 'rollcall-pack-'));
  const electronDist = join(work, 'electron-dist');
  makeStandInElectron(electronDist);
  const { version: electronVersion } = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string };
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/electron-builder/cli.js'),
      '--dir',
      '--linux',
      `-c.electronDist=${electronDist}`,
      `-c.electronVersion=${electronVersion}`,
      `-c.directories.output=${join(work, 'release')}`,
    ],
    { cwd: root, stdio: 'pipe', env: { ...process.env, CI: 'true' } },
  );
  const unpacked = join(work, 'release/linux-unpacked');
  files = listPackage(join(unpacked, 'resources/app.asar'), { isPack: false }).map((f) => f.replace(/\\/g, '/'));
  const binary = readFileSync(join(unpacked, 'rollcall'));
  const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
  fuses = Object.fromEntries(FUSES.map((name, i) => [name, binary[at + 2 + i] === ENABLED])) as typeof fuses;
}, 120_000);

describe('packaged app.asar', () => {
  it('holds the built main, preload and renderer', () => {
    for (const file of ['/package.json', '/out/main/index.js', '/out/preload/index.js', '/out/renderer/index.html']) {
      expect(files).toContain(file);
    }
    expect(files.some((f) => /^\/out\/renderer\/assets\/index-[\w-]+\.js$/.test(f))).toBe(true);
  });

  it('holds the production dependencies', () => {
    const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const name of Object.keys(dependencies)) expect(files).toContain(`/node_modules/${name}/package.json`);
  });

  it('holds no sources, tests, sandbox data, dev dependencies or source maps', () => {
    const { devDependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const offenders = files.filter(
      (f) =>
        /^\/(electron|renderer|shared|sandbox|e2e|test|scripts|bench|build|docs)\//.test(f) ||
        /\.(ts|tsx|map)$/.test(f) ||
        /\.(test|spec)\.[cm]?js$/.test(f) ||
        /sandbox\.json$|\.sandbox-data/.test(f) ||
        Object.keys(devDependencies).some((dev) => f.startsWith(`/node_modules/${dev}/`)),
    );
    expect(offenders.filter((f) => !f.endsWith('.d.ts') || !f.startsWith('/node_modules/'))).toEqual([]);
  });

  it('flips the fuses: no running as Node, no NODE_OPTIONS or --inspect, app only from the asar', () => {
    expect(fuses).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
    });
  });
});
