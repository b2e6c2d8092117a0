// The web preview's token in a real browser: it lives in the address's fragment and then in the
// tab's sessionStorage, never in a cookie that every port of 127.0.0.1 would share.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startPreviewServer } from '../electron/preview/server';
import { APP_VERSION } from './support/fixtures';
import { expect, test } from './support/workflow';

const backendStatus = (page: Page) => page.getByRole('status', { name: 'Backend status' });

test('item 1: the token leaves the address bar, no cookie is set, and a reload keeps working', async ({ page, app, context }) => {
  await page.goto(app.url);
  await expect(backendStatus(page)).toHaveText('Ready');
  expect(new URL(page.url()).hash).toBe('');
  expect(await context.cookies()).toEqual([]);
  await page.reload();
  await expect(backendStatus(page)).toHaveText('Ready');
  await page.getByRole('button', { name: 'Explore the sandbox' }).click();
  await expect(page.getByRole('heading', { name: 'Choose a call' })).toBeVisible();
});

test('item 1: the app works opened at http://localhost:PORT too', async ({ page, app }) => {
  await page.goto(`http://localhost:${app.port}/#token=${app.token}`);
  await expect(backendStatus(page)).toHaveText('Ready');
  await page.getByRole('button', { name: 'Explore the sandbox' }).click();
  await expect(page.getByRole('note', { name: 'Sandbox' })).toContainText('SANDBOX');
  await expect(page.getByRole('list', { name: 'Live calls' })).toBeVisible();
});

test('item 1: two previews on different ports in one browser context both work', async ({ page, app, context }) => {
  const other = await startPreviewServer({ port: 0, rendererDir: join(__dirname, '../out/renderer'), appVersion: APP_VERSION, env: {} });
  try {
    await page.goto(app.url);
    await expect(backendStatus(page)).toHaveText('Ready');
    const second = await context.newPage();
    await second.goto(other.url);
    await expect(backendStatus(second)).toHaveText('Ready');
    // Each keeps working after the other was opened, reloads included.
    for (const each of [page, second]) {
      await each.reload();
      await expect(backendStatus(each)).toHaveText('Ready');
    }
    await page.getByRole('button', { name: 'Explore the sandbox' }).click();
    await expect(page.getByRole('heading', { name: 'Choose a call' })).toBeVisible();
    await second.getByRole('button', { name: 'Explore the sandbox' }).click();
    await expect(second.getByRole('heading', { name: 'Choose a call' })).toBeVisible();
  } finally {
    await other.close();
  }
});

test('item 1: opened without its token or with a wrong one, the page says how to open the preview', async ({ page, app }) => {
  const cases = [
    [`${app.origin}/`, 'opened without the preview’s token'],
    [`${app.origin}/#token=not-this-run`, 'refused this page’s token'],
  ] as const;
  for (const [address, detail] of cases) {
    await page.goto(address);
    const alert = page.getByRole('alert').first();
    await expect(alert).toContainText(detail);
    await expect(alert).toContainText('Open the preview from the address it printed');
    await expect(alert).toContainText('npm run preview:web');
  }
  // Pasting the right address into the same tab changes only the fragment: the page picks it up.
  await page.goto(app.url);
  await expect(backendStatus(page)).toHaveText('Ready');
});
