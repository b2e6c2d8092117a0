import { qrPath } from '../renderer/src/features/auth/qrPath';
import { expect, test } from './support/workflow';

test('sign-in with two-step verification: phone, code, a wrong password explained next to its field, then in', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Use a sandbox test account' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to the sandbox' })).toBeVisible();
  await expect(page.getByRole('note', { name: 'Sandbox' })).toContainText('SANDBOX');

  await page.getByRole('textbox', { name: 'Phone number' }).fill('9996620002');
  await page.getByRole('button', { name: 'Send code' }).click();

  // A wrong code first: the error sits under the code field.
  const code = page.getByRole('textbox', { name: 'Login code' });
  await code.fill('11111');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('That code is not right');
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await code.fill('22222');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();

  const password = page.getByLabel('Password', { exact: true });
  await expect(password).toBeVisible();
  await expect(page.getByText(/^Hint: /)).toHaveText('Hint: sandbox-…');
  await password.fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const error = page.getByRole('alert');
  await expect(error).toContainText('That password is not right');
  await expect(error).toContainText('Type it again; the hint below may help.');
  await expect(password).toHaveAttribute('aria-invalid', 'true');

  await password.fill('sandbox-2fa');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('Signed in to the sandbox as')).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Grace Vance');
  await expect(page.getByRole('heading', { name: 'Choose a call' })).toBeVisible();
  await expect(page.getByRole('note', { name: 'Sandbox' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in with Telegram' })).toBeVisible();
});

test.describe('QR', () => {
  // Tokens that expire quickly, so the test sees one replaced.
  test.use({ sandboxOptions: { controls: { loginTokenTtlSeconds: 3 } } });

  test('sign-in with a QR code: an image with alt text, replaced when it expires, accepted from the "phone", then in', async ({ page, app, sandbox }) => {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Use a sandbox test account' }).click();
    await page.getByRole('button', { name: 'Sign in with a QR code' }).click();

    const qr = page.getByRole('img', { name: 'QR code to sign in: scan it with Telegram on your phone' });
    await expect(qr).toBeVisible();
    await expect(page.getByText(/^This code is replaced by a fresh one in \d+ sec\.$/)).toBeVisible();
    await expect(page.getByText('Go to Settings › Devices › Link Desktop Device.')).toBeVisible();

    // The QR encodes a token the sandbox issued; it expires and the QR then encodes the new one.
    const drawing = qr.locator('path');
    const shownToken = async () => {
      const d = await drawing.getAttribute('d');
      return sandbox().world.loginTokens().find((token) => qrPath(`tg://login?token=${token}`).path === d) ?? null;
    };
    await expect.poll(shownToken).not.toBeNull();
    const first = (await shownToken())!;
    await expect.poll(async () => [null, first].includes(await shownToken()), { timeout: 15_000 }).toBe(false);
    await expect(qr).toBeVisible();

    // No phone here: the sandbox plays it, from a button that only the sandbox shows.
    await page.getByRole('button', { name: 'Scan it with the sandbox’s phone' }).click();
    await expect(page.getByRole('banner')).toContainText('Ada Quill');
    await expect(page.getByRole('heading', { name: 'Choose a call' })).toBeVisible();
  });
});

test('Telegram sign-in without API credentials says what is missing and where to enter it; settings check input like the contract', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Sign in with Telegram' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Telegram' })).toBeVisible();
  await expect(page.getByRole('note', { name: 'Sandbox' })).toHaveCount(0);
  await expect(page.getByRole('alert')).toContainText('Telegram API credentials are needed');
  await expect(page.getByRole('alert')).toContainText('Get them at my.telegram.org');

  await page.getByRole('button', { name: 'Enter API credentials' }).click();
  await page.getByRole('textbox', { name: 'api_id' }).fill('12ab');
  await page.getByLabel('api_hash').fill('xyz');
  await page.getByRole('button', { name: 'Save credentials' }).click();
  const alerts = page.getByRole('alert');
  await expect(alerts).toHaveCount(2);
  await expect(alerts.nth(0)).toContainText('Those API credentials are not valid');
  await expect(alerts.nth(0)).toContainText('api_id');
  await expect(alerts.nth(1)).toContainText('api_hash: must be 32 characters of 0-9 and a-f');

  await page.getByRole('textbox', { name: 'api_id' }).fill('123456');
  await page.getByLabel('api_hash').fill('0123456789abcdef0123456789abcdef');
  await page.getByRole('button', { name: 'Save credentials' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(page.getByText('Set (hidden: Rollcall never shows it again)')).toBeVisible();
  await expect(page.getByLabel('api_hash')).toHaveValue('');
});
