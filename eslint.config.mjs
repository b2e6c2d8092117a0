// Lint, including the architecture's layering rules (VS Code's habit): an import across layers
// fails here, before review. See ARCHITECTURE.md, "Layering rules".
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'worker_threads'];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * no-restricted-imports rules that keep a layer from reaching into another: `layers` are top-level
 * folders reached by a relative path, `modules` are packages (a trailing * matches a prefix).
 */
const forbid = (layers, modules, reason) => {
  const layerAlternatives = layers.map(escape).join('|');
  const moduleAlternatives = modules.map((m) => (m.endsWith('*') ? `${escape(m.slice(0, -1))}.*` : escape(m))).join('|');
  const patterns = [];
  if (layers.length > 0) patterns.push({ regex: `^\\.{1,2}/(?:.*/)?(?:${layerAlternatives})(?:/|$)`, message: reason });
  if (modules.length > 0) patterns.push({ regex: `^(?:${moduleAlternatives})(?:/|$)`, message: reason });
  return { 'no-restricted-imports': ['error', { patterns }] };
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid(
        ['electron', 'sandbox', 'platform', 'e2e', 'scripts'],
        ['electron', 'telegram', 'ws', 'zod', ...NODE_BUILTINS],
        'The renderer talks to the main process only through window.rollcall (shared/ipc/bridge); it imports shared/ and browser libraries only.',
      ),
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: forbid(
      ['electron', 'renderer', 'sandbox', 'platform', 'e2e', 'scripts'],
      ['electron', 'telegram', 'react', 'ws', ...NODE_BUILTINS],
      'shared/ is environment-free: no Node, no DOM, no Electron, no imports from other layers.',
    ),
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: forbid(
      ['renderer', 'e2e'],
      ['electron'],
      'Only electron/main and electron/preload may import Electron: the core runs in Node too (inject what it needs).',
    ),
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: forbid(['renderer', 'e2e'], [], 'electron/ never imports the renderer.'),
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/telegram/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value=/^telegram($|\\/)/]",
          message: 'GramJS stays in electron/telegram/: map its objects to shared/ types there.',
        },
      ],
    },
  },
  {
    // Node-only helpers that both the app and the sandbox use (the atomic file write): they stand
    // below every layer that runs in Node, so they import none of them.
    files: ['platform/**/*.ts'],
    rules: forbid(
      ['electron', 'renderer', 'sandbox', 'shared', 'e2e', 'scripts'],
      ['electron', 'telegram', 'react'],
      'platform/ holds Node-only helpers for electron/ and sandbox/: Node and nothing of the layers above it.',
    ),
  },
  {
    files: ['sandbox/**/*.ts'],
    rules: forbid(
      ['electron', 'renderer', 'e2e'],
      ['electron'],
      'The sandbox is a standalone Telegram server: it depends on nothing of the app.',
    ),
  },
);
