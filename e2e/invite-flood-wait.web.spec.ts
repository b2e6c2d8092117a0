import { IDS } from '../sandbox/src/index';
import { callOf, chooseCall, deliveries, expect, exploreSandbox, runStatus, selectWithKeyboard, selectedCount, summary, test, waitForPeople } from './support/workflow';

test('a flood wait: the run pauses with a visible countdown and its reason, then finishes by itself', async ({ page, app, sandbox }) => {
  await exploreSandbox(page, app);
  await chooseCall(page, 'Rust Meetup Berlin');
  await waitForPeople(page);
  await selectWithKeyboard(page, 'duarte', 30);
  await expect(selectedCount(page)).toHaveText('30 people selected');

  // Telegram allows two invite requests per 4 seconds here: the third batch meets FLOOD_WAIT.
  sandbox().controls.rateLimits = { 'phone.inviteToGroupCall': { requests: 2, windowSeconds: 4 } };
  await page.getByRole('button', { name: 'Invite 30 people' }).click();

  await expect(runStatus(page)).toHaveText(/^Waiting for Telegram — 20 of 30 people/);
  const wait = page.getByText(/^Telegram asked to slow down: resuming in \d s$/);
  await expect(wait).toBeVisible();
  await expect(page.getByText('Too many invites in a short time.', { exact: false })).toBeVisible();
  const first = Number((await wait.textContent())!.match(/(\d) s$/)![1]);
  await expect(wait).toHaveText(new RegExp(`resuming in [0-${Math.max(0, first - 1)}] s$`));

  await expect(runStatus(page)).toHaveText(/^Finished — 30 of 30 people/, { timeout: 15_000 });
  await expect(summary(page).getByRole('listitem')).toHaveText(['30 invited']);
  await expect(wait).toHaveCount(0);
  const counts = deliveries(sandbox(), callOf(sandbox(), IDS.rustMeetup).id);
  expect(counts.size).toBe(30);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
});
