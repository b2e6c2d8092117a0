import { IDS } from '../sandbox/src/index';
import { callOf, chooseCall, deliveries, expect, exploreSandbox, filterBox, peopleList, runStatus, selectedCount, summary, test, waitForPeople } from './support/workflow';

test('a batch with already-invited people: the batch is split and each person gets their own status', async ({ page, app, sandbox }) => {
  await exploreSandbox(page, app);
  await chooseCall(page, 'Rust Meetup Berlin');
  await waitForPeople(page);

  // Ada invited three of the Costas from her phone earlier: Rollcall has no record of it.
  const call = callOf(sandbox(), IDS.rustMeetup);
  const record = sandbox().world.model.call(call.id)!;
  await filterBox(page).fill('costa');
  const options = peopleList(page).getByRole('option');
  await expect(options.first()).toContainText('Costa');
  const names: string[] = [];
  for (let i = 0; i < 12; i++) names.push((await options.nth(i).locator('.person-row__name').textContent())!);
  const byName = new Map([...sandbox().world.model.allUsers()].map((u) => [`${u.firstName} ${u.lastName ?? ''}`.trim(), u.id]));
  const early = [names[1], names[5], names[9]].map((n) => byName.get(n)!);
  sandbox().world.model.recordInvite(record, IDS.ada, early);

  for (const name of names) await peopleList(page).getByRole('option', { name }).click();
  await expect(selectedCount(page)).toHaveText('12 people selected');
  await page.getByRole('button', { name: 'Invite 12 people' }).click();

  await expect(runStatus(page)).toHaveText(/^Finished — 12 of 12 people/);
  await expect(summary(page).getByRole('listitem')).toHaveText(['9 invited', '3 already invited']);

  // Only the three say "Already invited", with the catalogue's explanation.
  await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'Already invited (3)' });
  const rows = page.getByRole('list', { name: 'People in this run' }).getByRole('listitem');
  await expect(rows).toHaveCount(3);
  for (const name of [names[1], names[5], names[9]]) {
    const row = rows.filter({ hasText: name });
    await expect(row).toContainText('Already invited');
    await expect(row).toContainText('Telegram won’t send a second invitation.');
  }

  // Nobody got a second invitation; the nine got their first.
  const counts = deliveries(sandbox(), call.id);
  expect(counts.size).toBe(12);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
});
