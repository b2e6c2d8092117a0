import { readFileSync } from 'node:fs';
import { IDS } from '../sandbox/src/index';
import {
  callOf,
  chooseCall,
  deliveries,
  expect,
  filterBox,
  exploreSandbox,
  peopleList,
  runStatus,
  selectWithKeyboard,
  selectedCount,
  summary,
  test,
  waitForPeople,
} from './support/workflow';

test('a clean invite of 25 people: keyboard selection, progress, every person invited once, CSV and history', async ({ page, app, sandbox }) => {
  await exploreSandbox(page, app);
  await chooseCall(page, 'Rust Meetup Berlin');
  await waitForPeople(page);

  // Members named Berg: 40 of them, none in the call. Pick the first 25 with the keyboard.
  await selectWithKeyboard(page, 'berg', 25);
  await expect(selectedCount(page)).toHaveText('25 people selected');
  // The chips show the first 12; the rest are counted.
  await expect(page.getByRole('list', { name: 'Selected people' }).getByRole('listitem')).toHaveCount(12);
  await expect(page.getByText('…and 13 more.')).toBeVisible();

  // A chip removes its person; Space on the row brings them back.
  const firstChip = page.getByRole('list', { name: 'Selected people' }).getByRole('listitem').first();
  const firstName = (await firstChip.textContent())!.replace('×', '').trim();
  await page.getByRole('button', { name: `Remove ${firstName}` }).click();
  await expect(selectedCount(page)).toHaveText('24 people selected');
  await filterBox(page).fill(firstName);
  const option = peopleList(page).getByRole('option', { name: firstName });
  await expect(option).toHaveAttribute('aria-selected', 'false');
  await option.click();
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await expect(selectedCount(page)).toHaveText('25 people selected');

  await page.getByRole('button', { name: 'Invite 25 people' }).click();
  await expect(page.getByRole('heading', { name: 'Invites to Rust Meetup Berlin — Monthly meetup' })).toBeVisible();
  await expect(runStatus(page)).toHaveText('Finished — 25 of 25 people, request 3 of 3');
  await expect(summary(page).getByRole('listitem')).toHaveText(['25 invited']);
  await expect(page.getByRole('progressbar', { name: 'Invite progress' })).toHaveAttribute('value', '25');
  await expect(page.getByText('Nothing is left to retry.')).toBeVisible();

  // The sandbox agrees: 25 people, one invitation each.
  const counts = deliveries(sandbox(), callOf(sandbox(), IDS.rustMeetup).id);
  expect(counts.size).toBe(25);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);

  // Each row says so in words.
  const rows = page.getByRole('list', { name: 'People in this run' }).getByRole('listitem');
  await expect(rows.first()).toContainText('Invited');

  // The link for anyone else: fetched, copied, shown.
  await page.getByRole('button', { name: 'Copy speaker link' }).click();
  await expect(page.getByRole('textbox', { name: 'Speaker link' })).toHaveValue(/^https:\/\/t\.me\/rust_meetup_berlin\?videochat=/);

  // The CSV has a line per person.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.csv$/);
  const csv = readFileSync((await file.path())!, 'utf8').trim().split(/\r?\n/);
  expect(csv).toHaveLength(26);

  // The run is in the history, and opens again.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('table');
  await expect(history.getByRole('row')).toHaveCount(2);
  await expect(history.getByRole('row').nth(1)).toContainText('Finished');
  await history.getByRole('button', { name: /^Open the run of/ }).click();
  await expect(runStatus(page)).toHaveText('Finished — 25 of 25 people, request 3 of 3');

  // Back in the picker, the people just invited are disabled with the reason.
  await page.getByRole('button', { name: 'Invite more people' }).click();
  await expect(peopleList(page).getByRole('option', { name: firstName })).toHaveAttribute('aria-disabled', 'true');
  await expect(peopleList(page).getByRole('option', { name: firstName })).toContainText('Already invited by Rollcall');
});
