// package.json tells the truth: every package the code imports is declared (a package that only
// arrives as someone else's dependency can vanish with their next release), GramJS is pinned
// exactly (the sandbox and the app reach into its internals: telegram/crypto/RSA, tl/…), and the
// layer-143 schema the sandbox loads on demand is a dev dependency, not part of the shipped app.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]);
const installedVersion = (name: string) => (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

const FOLDERS = ['electron', 'sandbox', 'shared', 'platform', 'renderer', 'scripts', 'e2e', 'bench', 'test'];
const SOURCE = /\.(?:[cm]?[jt]s|tsx)$/;
const SKIP = new Set(['node_modules', 'out', 'dist', 'release', 'test-results', 'playwright-report']);

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) || entry.name.startsWith('.') ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

/** Module specifiers of static imports/exports, import() and require() with a literal. */
function specifiers(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.push(match[1]!);
  return found;
}

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`), or null for builtins and paths. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return null;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return builtinModules.includes(name) ? null : name;
}

describe('dependencies', () => {
  it('item 10: every bare import in the source folders resolves to a declared dependency', () => {
    const files = [...FOLDERS.flatMap((folder) => sourceFiles(join(root, folder))), ...readdirSync(root).filter((f) => /\.config\.[cm]?[jt]s$/.test(f)).map((f) => join(root, f))];
    expect(files.length).toBeGreaterThan(100);
    const undeclared = files.flatMap((file) =>
      specifiers(readFileSync(file, 'utf8'))
        .map(packageOf)
        .filter((name): name is string => name !== null && !declared.has(name))
        .map((name) => `${relative(root, file)}: ${name}`),
    );
    expect(undeclared).toEqual([]);
  });

  it('item 10: the import scanner sees every form of import (it would catch an undeclared one)', () => {
    const source = [
      "import bigInt from 'big-integer';",
      "import { type X } from '@electron/asar';",
      "export { y } from 'telegram/crypto/RSA';",
      "import 'side-effect';",
      "const m = await import('telegram-143/tl/apiTl.js');",
      "const r = require('zod');",
      "import { join } from 'node:path';",
      "import fs from 'fs';",
      "import { a } from './local';",
      "// import { no } from 'commented-out';",
    ].join('\n');
    expect(specifiers(source).map(packageOf).filter(Boolean).sort()).toEqual(['@electron/asar', 'big-integer', 'side-effect', 'telegram', 'telegram-143', 'zod']);
  });

  it('item 10: telegram is pinned exactly, to the installed version (the app and the sandbox use its internals)', () => {
    expect(pkg.dependencies.telegram).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.dependencies.telegram).toBe(installedVersion('telegram'));
  });

  it('item 10: telegram-143 is a dev dependency, pinned; big-integer is a production dependency', () => {
    expect(pkg.dependencies).not.toHaveProperty('telegram-143');
    expect(pkg.devDependencies['telegram-143']).toMatch(/^npm:telegram@\d+\.\d+\.\d+$/);
    expect(pkg.devDependencies['telegram-143']).toBe(`npm:telegram@${installedVersion('telegram-143')}`);
    // The sandbox (embedded in the app) imports it directly.
    expect(pkg.dependencies['big-integer']).toBeDefined();
  });

  it('item 10: the built main process loads only production dependencies, and telegram-143 only through the sandbox\'s lazy import()', () => {
    const mainDir = join(root, 'out/main');
    if (!existsSync(mainDir)) throw new Error('Build first: npm run build');
    const built = readdirSync(mainDir)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(mainDir, f), 'utf8'))
      .join('\n');
    const required = new Set([...built.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => packageOf(m[1]!)).filter((n): n is string => n !== null));
    const imported = new Set([...built.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => packageOf(m[1]!)).filter((n): n is string => n !== null));
    const production = new Set(['electron', ...Object.keys(pkg.dependencies)]);
    expect([...required].filter((name) => !production.has(name))).toEqual([]);
    expect([...imported].filter((name) => !production.has(name))).toEqual(['telegram-143']);
    // Not bundled in either: the layer-143 schema text is not in the built main.
    expect(built).not.toContain(readFileSync(join(root, 'node_modules/telegram-143/tl/apiTl.js'), 'utf8').slice(40, 400));
  });
});
