import { APP_VERSION, expect, test } from './support/fixtures';

test('the first screen shows the version and the backend status from the core', async ({ page, preview }) => {
  await page.goto(preview.url);
  await expect(page.getByRole('heading', { name: 'Rollcall', level: 1 })).toBeVisible();
  const about = page.getByRole('region', { name: 'About this copy' });
  await expect(about.getByRole('status', { name: 'Backend status' })).toHaveText('Ready');
  await expect(about.getByRole('definition').first()).toHaveText(APP_VERSION);
  await expect(about).toContainText('Web preview');
  // The token left the address bar once the page had it.
  expect(new URL(page.url()).hash).toBe('');
});

test('the page runs under the strict CSP without violations', async ({ page, preview }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto(preview.url);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByRole('status', { name: 'Backend status' })).toHaveText('Ready');
  expect(violations).toEqual([]);
});
