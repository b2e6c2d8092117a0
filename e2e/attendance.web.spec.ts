// Issue 12, item 1: attendance in the run view. The sandbox makes 4 of 10 invited people join
// (seeded); the run view counts them live, says when each joined, and filters who has not yet.
import { chooseCall, exploreSandbox, expect, runStatus, selectWithKeyboard, test, waitForPeople } from './support/workflow';

test.use({ sandboxOptions: { controls: { attendance: { joinShare: 0.4, delayMs: [300, 2500], leaveShare: 0, uninvited: 0, seed: 1 } } } });

test('item 1: invited people join; the run view shows "Joined N of M" live, when each joined, and filters "Not yet"', async ({ page, app, sandbox }) => {
  await exploreSandbox(page, app);
  await chooseCall(page, 'Rust Meetup Berlin');
  await waitForPeople(page);
  await selectWithKeyboard(page, 'berg', 10);
  await page.getByRole('button', { name: 'Invite 10 people' }).click();
  await expect(runStatus(page)).toHaveText('Finished — 10 of 10 people, request 1 of 1');

  // Every planned join has happened in the sandbox: the app shows them all.
  await expect.poll(() => sandbox().world.pendingAttendance()).toBe(0);
  await expect(page.getByRole('status').filter({ hasText: /^Joined / })).toHaveText('Joined 4 of 10 (40%)');
  await expect(page.getByRole('meter', { name: 'Share of the invited who joined' })).toHaveAttribute('value', '40');

  const rows = page.getByRole('list', { name: 'People in this run' }).getByRole('listitem');
  const attendance = page.getByRole('group', { name: 'Attendance' });
  await attendance.getByRole('radio', { name: 'Joined' }).check();
  await expect(rows).toHaveCount(4);
  // The time as Intl writes it in the page's locale: "19:04", or "07:04 PM" in en-US.
  for (const row of await rows.all()) await expect(row).toContainText(/joined at \d\d:\d\d(\s[AP]M)? \((within a minute of|\d+ min after) the invite\)/);

  await attendance.getByRole('radio', { name: 'Not yet' }).check();
  await expect(rows).toHaveCount(6);
  for (const row of await rows.all()) await expect(row).toContainText('not yet');

  await attendance.getByRole('radio', { name: 'All' }).check();
  await expect(rows).toHaveCount(10);
});
