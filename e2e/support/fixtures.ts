// Playwright fixtures: one web preview per worker (the real core in Node, the built renderer),
// and a page opened on it with the run's token.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { startPreviewServer, type PreviewServer } from '../../electron/preview/server';

const root = join(__dirname, '../..');
export const APP_VERSION = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

export const test = base.extend<object, { preview: PreviewServer }>({
  preview: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
    async ({}, use) => {
      const preview = await startPreviewServer({ port: 0, rendererDir: join(root, 'out/renderer'), appVersion: APP_VERSION });
      await use(preview);
      await preview.close();
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
