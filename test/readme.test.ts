// The README is part of the product: its error table must match the catalogue the app shows,
// and it must show the two commands.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { errorTable, readmeBlock } from '../scripts/errorTable';

const readme = readFileSync(join(__dirname, '../README.md'), 'utf8');

it('explains every error code, in the catalogue’s words (regenerate: npx tsx scripts/errorTable.ts --write)', () => {
  expect(readmeBlock(readme)).toBe(errorTable());
});

it('shows the two commands and CI runs exactly the README’s test command', () => {
  expect(readme).toContain('npm install');
  expect(readme).toContain('npm start');
  expect(readme).toContain('npm test');
  const ci = readFileSync(join(__dirname, '../.ci/run'), 'utf8');
  expect(ci).toMatch(/^npm test$/m);
});
