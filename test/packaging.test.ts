// Packs the app with electron-builder --dir and checks what would ship: the built main, preload
// and renderer plus production dependencies only, and Electron's fuses flipped as configured,
// read with @electron/fuses from the packed binary. It packs the real Electron where its binary
// exists; where it can't be downloaded (here), a stand-in carrying Electron 45's fuse wire.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { beforeAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../scripts/electronBinary';

const root = join(__dirname, '..');
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLED = 0x31;
const DISABLED = 0x30;
/**
 * Electron 45's fuses in wire order: the names @electron/fuses knows, then the ninth
 * (WasmTrapHandlers, Electron 43+), which its installed 1.8 has no name for.
 */
const FUSES = [...Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key))), 'WasmTrapHandlers'];
/** Electron 45's defaults, as its own binary carries them. */
const DEFAULT_WIRE = [ENABLED, DISABLED, ENABLED, ENABLED, DISABLED, DISABLED, DISABLED, ENABLED, ENABLED];

const electron = findElectronBinary();
const source = 'path' in electron ? 'the real Electron binary' : `a stand-in with Electron 45's fuse wire (${electron.missing})`;

let files: string[];
let fuses: Record<string, boolean>;

/** A stand-in Electron: an executable carrying a version-1 fuse wire with Electron's defaults. */
function makeStandInElectron(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, DEFAULT_WIRE.length, ...DEFAULT_WIRE])]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n# '), wire, Buffer.from('\n')]));
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), '45.0.0');
}

beforeAll(async () => {
  if (!existsSync(join(root, 'out/main/index.js'))) throw new Error('Build first: npm run build');
  const work = mkdtempSync(join(tmpdir(), 'rollcall-pack-'));
  let electronDist: string;
  if ('path' in electron) {
    electronDist = dirname(electron.path);
  } else {
    console.info(`packaging: packing ${source}`);
    electronDist = join(work, 'electron-dist');
    makeStandInElectron(electronDist);
  }
  const { version: electronVersion } = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string };
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/electron-builder/cli.js'),
      '--dir',
      // Packing only: with CI set and a publish target, electron-builder would otherwise try to publish.
      '--publish',
      'never',
      '--linux',
      `-c.electronDist=${electronDist}`,
      `-c.electronVersion=${electronVersion}`,
      `-c.directories.output=${join(work, 'release')}`,
    ],
    { cwd: root, stdio: 'pipe', env: { ...process.env, CI: 'true' } },
  );
  const unpacked = join(work, 'release/linux-unpacked');
  files = listPackage(join(unpacked, 'resources/app.asar'), { isPack: false }).map((f) => f.replace(/\\/g, '/'));
  const wire = await getCurrentFuseWire(join(unpacked, 'rollcall'));
  const states = Object.keys(wire).filter((key) => key !== 'version').map((key) => wire[Number(key) as FuseV1Options]);
  // A fuse a new Electron adds gets a name and a decision here before the test passes again.
  fuses = Object.fromEntries(states.map((state, i) => [FUSES[i] ?? `unknown fuse ${i}`, state === ENABLED]));
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
        /^\/(electron|renderer|shared|platform|sandbox|e2e|test|scripts|bench|build|docs)\//.test(f) ||
        /\.(ts|tsx|map)$/.test(f) ||
        /\.(test|spec)\.[cm]?js$/.test(f) ||
        /sandbox\.json$|\.sandbox-data/.test(f) ||
        Object.keys(devDependencies).some((dev) => f.startsWith(`/node_modules/${dev}/`)),
    );
    expect(offenders.filter((f) => !f.endsWith('.d.ts') || !f.startsWith('/node_modules/'))).toEqual([]);
  });

  it('item 10: holds no telegram-143 (the sandbox loads it on demand, from devDependencies) and holds the big-integer the sandbox imports', () => {
    expect(files.filter((f) => f.startsWith('/node_modules/telegram-143/'))).toEqual([]);
    expect(files).toContain('/node_modules/big-integer/package.json');
  });

  it(`item 14: flips the fuses: no running as Node, no NODE_OPTIONS or --inspect, app only from the asar (${source})`, () => {
    expect(fuses).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
      // Not in electron-builder's options: Electron's default (on) is kept.
      WasmTrapHandlers: true,
    });
  });
});
