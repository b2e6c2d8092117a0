// Item 11: adding non-members first. A person whose privacy settings let only contacts and
// Telegram Premium users add them comes back from channels.inviteToChannel as a missing invitee:
// their row says so, with its own advice from the catalogue; the other person is added and invited.
import { IDS } from '../sandbox/src/index';
import { englishError } from '../shared/i18n/english';
import { callOf, chooseCall, deliveries, expect, exploreSandbox, runStatus, selectedCount, summary, test, waitForPeople } from './support/workflow';

test('item 11: a missing invitee shows “needs Telegram Premium to be added” with its advice; the other is added and invited', async ({ page, app, sandbox }) => {
  await exploreSandbox(page, app);
  await chooseCall(page, 'Rust Meetup Berlin');
  await waitForPeople(page);

  // Nadia is nobody's contact and not in the group: found by username, as a pasted list finds her.
  await page.getByRole('tab', { name: 'Paste a list' }).click();
  await page.getByRole('textbox', { name: 'People, one per line' }).fill('@nadia_kern\n@mira_castell');
  await page.getByRole('button', { name: 'Find these people' }).click();
  await expect(selectedCount(page)).toHaveText('2 people selected');
  await page.getByRole('button', { name: 'Invite 2 people' }).click();
  await expect(runStatus(page)).toHaveText(/^Finished — 2 of 2 people/);
  await expect(summary(page).getByRole('listitem')).toHaveText(['2 not members']);

  await page.getByRole('button', { name: /^Add 2 people to Rust Meetup Berlin, then invite them/ }).click();
  await expect(runStatus(page)).toHaveText(/^Finished — 2 of 2 people/);
  await expect(summary(page).getByRole('listitem')).toHaveText(['1 invited', '1 failed']);

  const rows = page.getByRole('list', { name: 'People in this run' }).getByRole('listitem');
  const nadia = rows.filter({ hasText: 'Nadia Kern' });
  const advice = englishError('PREMIUM_NEEDED_TO_ADD');
  await expect(nadia).toContainText('Needs Telegram Premium to be added.');
  await expect(nadia).toContainText(advice.meaning);
  await expect(nadia).toContainText(advice.action);
  await expect(nadia.getByRole('button')).toHaveCount(0); // nothing to add her with
  await expect(rows.filter({ hasText: 'Mira Castell' })).toContainText('Invited');

  const world = sandbox().world;
  expect(world.isMember(IDS.rustMeetup, IDS.nadia)).toBe(false);
  expect(world.isMember(IDS.rustMeetup, IDS.mira)).toBe(true);
  const counts = deliveries(sandbox(), callOf(sandbox(), IDS.rustMeetup).id);
  expect(counts.get(IDS.nadia) ?? 0).toBe(0);
  expect(counts.get(IDS.mira)).toBe(1);
});
