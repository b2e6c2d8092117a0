// Item 12: a national number in a pasted list is read in the region of the browser's language,
// which the paste panel (and Settings) can change.
import { IDS } from '../sandbox/src/index';
import { chooseCall, expect, exploreSandbox, selectedCount, test, waitForPeople } from './support/workflow';

test.use({ locale: 'en-GB' });

test('item 12: a pasted national number is read in the region of the browser’s language, and the region can be changed', async ({ page, app, sandbox }) => {
  await exploreSandbox(page, app);
  // A sandbox person with a real-format UK mobile number (the seed's numbers are test numbers).
  sandbox().world.model.setUserPhone(IDS.hedy, '447911123456');
  await chooseCall(page, 'Rust Meetup Berlin');
  await waitForPeople(page);
  await page.getByRole('tab', { name: 'Paste a list' }).click();

  const region = page.getByRole('combobox', { name: 'Numbers without a country code are from' });
  await expect(region).toHaveValue('GB');
  await expect(region.locator('option:checked')).toHaveText(/\(\+44\) — your language’s region$/);

  await page.getByRole('textbox', { name: 'People, one per line' }).fill('07911 123456');
  await page.getByRole('button', { name: 'Find these people' }).click();
  await expect(page.getByText('1 line matched a person.')).toBeVisible();
  await expect(selectedCount(page)).toHaveText('1 person selected');
  await expect(page.getByRole('list', { name: 'Selected people' })).toContainText('Hedy Marsh');

  // Read in another country, the same digits are somebody else's number (nobody's here).
  await region.selectOption('US');
  await page.getByRole('button', { name: 'Find these people' }).click();
  const bad = page.getByRole('list', { name: 'Lines Rollcall couldn’t use' }).getByRole('listitem');
  await expect(bad).toHaveCount(1);
  await expect(bad.nth(0)).toContainText('Line 1: 07911 123456');
  await expect(bad.nth(0)).toContainText('No Telegram account found for this number');

  // The choice is the one in Settings too.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('combobox', { name: 'Country of numbers without a country code' })).toHaveValue('US');
});
