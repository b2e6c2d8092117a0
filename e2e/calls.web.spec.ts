import { expect, exploreSandbox, test } from './support/workflow';

test('calls: each live call with its facts and warnings, and a pasted link that is explained when wrong and opened when right', async ({ page, app }) => {
  await exploreSandbox(page, app);
  const calls = page.getByRole('list', { name: 'Live calls' });
  const rust = calls.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^Rust Meetup Berlin/ }) });
  await expect(rust).toContainText('Monthly meetup');
  await expect(rust.getByRole('list', { name: 'About this call' }).getByRole('listitem')).toHaveText([
    /^\d+ participants$/,
    'You manage this call',
    'Joined as yourself',
  ]);

  const link = page.getByRole('textbox', { name: 'Call link' });
  await link.fill('hello there');
  await page.getByRole('button', { name: 'Open call' }).click();
  await expect(page.getByRole('alert')).toContainText('That is not a link');
  await expect(link).toHaveAttribute('aria-invalid', 'true');

  await link.fill('https://t.me/rust_meetup_berlin');
  await page.getByRole('button', { name: 'Open call' }).click();
  await expect(page.getByRole('alert')).toContainText('That link is not a call link');

  await link.fill('https://t.me/rust_meetup_berlin?videochat');
  await page.getByRole('button', { name: 'Open call' }).click();
  await expect(page.getByRole('heading', { name: 'Invite people to Rust Meetup Berlin — Monthly meetup' })).toBeVisible();
});
