import { IDS } from '../sandbox/src/index';
import { callOf, chooseCall, deliveries, expect, exploreSandbox, pick, selectedCount, test, waitForPeople } from './support/workflow';

test('an account joined as a channel: warned before choosing, the invite held back with the reason, nothing sent', async ({ page, app, sandbox }) => {
  await exploreSandbox(page, app);

  // The warning is on the call's card before anything is chosen.
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^Night Owls/ }) });
  await expect(card).toContainText("Joined as the channel Ada's Podcast");
  await expect(card).toContainText('You joined the call as a channel');
  await expect(card).toContainText('rejoin the call as yourself');

  await chooseCall(page, 'Night Owls');
  await waitForPeople(page);
  await pick(page, 'Hedy Marsh');
  await pick(page, 'Ken Thornton');
  await expect(selectedCount(page)).toHaveText('2 people selected');

  // The plan predicts the refusal: the invite button stays off and says why, and what to do.
  const panel = page.getByRole('complementary', { name: 'Selected' });
  await expect(page.getByRole('button', { name: 'Invite 2 people' })).toBeDisabled();
  await expect(panel).toContainText('You joined the call as a channel');
  await expect(panel).toContainText('In Telegram, rejoin the call as yourself');
  await expect(panel).toContainText('as the channel “Ada\'s Podcast”');

  // Checking again asks Telegram afresh; still a channel, still held back.
  await page.getByRole('button', { name: 'Check again' }).click();
  await expect(panel).toContainText('You joined the call as a channel');
  await expect(page.getByRole('button', { name: 'Invite 2 people' })).toBeDisabled();

  const call = callOf(sandbox(), IDS.nightOwls);
  expect(deliveries(sandbox(), call.id).size).toBe(0);
});
