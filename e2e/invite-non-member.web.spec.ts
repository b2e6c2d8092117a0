import { IDS } from '../sandbox/src/index';
import { callOf, chooseCall, deliveries, expect, exploreSandbox, pick, runStatus, selectedCount, summary, test, waitForPeople } from './support/workflow';

test('a non-member: "Add to group?", then added and invited in a follow-up run', async ({ page, app, sandbox }) => {
  await exploreSandbox(page, app);
  await chooseCall(page, 'Rust Meetup Berlin');
  await waitForPeople(page);

  // Mira is a contact but not in the group; Alan is a member.
  await page.getByRole('tab', { name: /^Contacts/ }).click();
  await waitForPeople(page);
  await pick(page, 'Mira Castell');
  await pick(page, 'Alan Frost');
  await expect(selectedCount(page)).toHaveText('2 people selected');
  await page.getByRole('button', { name: 'Invite 2 people' }).click();

  await expect(runStatus(page)).toHaveText(/^Finished — 2 of 2 people/);
  await expect(summary(page).getByRole('listitem')).toHaveText(['1 invited', '1 not a member']);
  const mira = page.getByRole('list', { name: 'People in this run' }).getByRole('listitem').filter({ hasText: 'Mira Castell' });
  await expect(mira).toContainText('Not a member');
  await expect(mira).toContainText('Only members of the call’s group can be invited to its call.');
  await expect(mira.getByRole('button', { name: 'Add Mira Castell to the group, then invite' })).toHaveText('Add to group?');

  expect(sandbox().world.isMember(IDS.rustMeetup, IDS.mira)).toBe(false);
  await mira.getByRole('button', { name: 'Add Mira Castell to the group, then invite' }).click();

  await expect(runStatus(page)).toHaveText(/^Finished — 1 of 1 person/);
  await expect(summary(page).getByRole('listitem')).toHaveText(['1 invited']);
  expect(sandbox().world.isMember(IDS.rustMeetup, IDS.mira)).toBe(true);
  const counts = deliveries(sandbox(), callOf(sandbox(), IDS.rustMeetup).id);
  expect(counts.get(IDS.mira)).toBe(1);
  expect(counts.get(IDS.alan)).toBe(1);

  // Both runs are in the history.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'History' }).click();
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(3);
});
