import { IDS } from '../sandbox/src/index';
import { callOf, chooseCall, deliveries, expect, exploreSandbox, runStatus, selectWithKeyboard, selectedCount, summary, test, waitForPeople } from './support/workflow';

test('a flood wait: the run pauses with a visible countdown and its reason, then finishes by itself', async ({ page, app, sandbox }) => {
  await exploreSandbox(page, app);
  await chooseCall(page, 'Rust Meetup Berlin');
  await waitForPeople(page);
  await selectWithKeyboard(page, 'duarte', 30);
  await expect(selectedCount(page)).toHaveText('30 people selected');

  // Two invite requests a minute, then a penalty of exactly 10 s: the third batch meets FLOOD_WAIT_10.
  sandbox().controls.rateLimits = { 'phone.inviteToGroupCall': { requests: 2, windowSeconds: 60, waitSeconds: 10 } };
  await page.getByRole('button', { name: 'Invite 30 people' }).click();

  await expect(runStatus(page)).toHaveText(/^Waiting for Telegram — 20 of 30 people/);
  // Durations as Intl writes them in the page's locale, in short units ("10 sec" in en-US).
  const wait = page.getByText(/^Telegram asked to slow down: resuming in \d+ sec$/);
  await expect(wait).toBeVisible();
  await expect(page.getByText('Too many invites in a short time.', { exact: false })).toBeVisible();
  await expect(page.getByText('Telegram asked for a pause of 10 sec.', { exact: false })).toBeVisible();
  // The countdown is a timer whose value the test reads again and again until it has gone down:
  // it starts at 10 sec or less and shows every value down to 1 sec for a second each.
  const timer = wait.getByRole('timer');
  const secondsLeft = async () => Number((await timer.textContent())!.match(/^(\d+) sec$/)![1]);
  const first = await secondsLeft();
  expect(first).toBeLessThanOrEqual(10);
  await expect.poll(secondsLeft, { intervals: [100] }).toBeLessThan(first);

  await expect(runStatus(page)).toHaveText(/^Finished — 30 of 30 people/, { timeout: 15_000 });
  await expect(summary(page).getByRole('listitem')).toHaveText(['30 invited']);
  await expect(wait).toHaveCount(0);
  const counts = deliveries(sandbox(), callOf(sandbox(), IDS.rustMeetup).id);
  expect(counts.size).toBe(30);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
});
