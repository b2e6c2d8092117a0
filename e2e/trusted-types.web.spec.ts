// Item 11 of the security review: the renderer runs under Trusted Types with no policy, so no
// string reaches an HTML or script sink. React 19 must render the welcome screen and a sign-in
// without a single violation, and the browser must really enforce it.
import { expect, test } from './support/fixtures';

/** The little of the DOM these page functions use (e2e is typechecked without the DOM library). */
type Page = typeof globalThis & {
  violations: string[];
  document: {
    body: { innerHTML: string };
    addEventListener(type: 'securitypolicyviolation', listener: (event: { violatedDirective: string; sample: string }) => void): void;
  };
};

test('item 11: React runs under Trusted Types with no policy, and the browser enforces it', async ({ page, preview }) => {
  await page.addInitScript(() => {
    const page = globalThis as Page;
    page.violations = [];
    page.document.addEventListener('securitypolicyviolation', (event) => page.violations.push(`${event.violatedDirective}: ${event.sample}`));
  });
  const errors: string[] = [];
  page.on('console', (message) => {
    // A missing file is checked by its response below (the browser's own favicon request is one).
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') errors.push(`${response.status()} ${response.url()}`);
  });
  page.on('pageerror', (error) => errors.push(error.message));

  const response = await page.goto(preview.url);
  const policy = response?.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("require-trusted-types-for 'script'");
  expect(policy).toContain("trusted-types 'none'");

  await page.getByRole('button', { name: 'Use a sandbox test account' }).click();
  await page.getByRole('textbox', { name: 'Phone number' }).fill('9996620001');
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByRole('textbox', { name: 'Login code' }).fill('22222');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Choose a call' })).toBeVisible();

  expect(await page.evaluate(() => (globalThis as Page).violations)).toEqual([]);
  expect(errors).toEqual([]);

  // Enforced, not only declared: a plain string into innerHTML throws.
  const outcome = await page.evaluate(() => {
    try {
      (globalThis as Page).document.body.innerHTML = '<b>x</b>';
      return 'assigned';
    } catch (error) {
      return error instanceof TypeError ? 'TypeError' : String(error);
    }
  });
  expect(outcome).toBe('TypeError');
});
